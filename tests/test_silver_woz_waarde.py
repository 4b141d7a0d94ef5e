"""silver.woz_waarde: latest delivery wins across CSV and JSON; shared WOZ objects flagged."""

from __future__ import annotations

import datetime as dt

from chispa import assert_df_equality
from pyspark.sql import functions as F

from woonmonitor.bronze.ingest import bronze_schema
from woonmonitor.bronze.woz import WOZ_WAARDE, parse_json
from woonmonitor.silver.woz_waarde import build, run

D22, D23 = dt.date(2022, 1, 1), dt.date(2023, 1, 1)
T1, T2 = dt.datetime(2024, 2, 1, 10, 0), dt.datetime(2024, 3, 1, 10, 0)
CSV, API = "woz/woz_2023.csv", "woz/woz_api.json"
SCHEMA = bronze_schema(WOZ_WAARDE)
OUT = (
    "adresseerbaar_object_identificatie string, wozobjectnummer string, waardepeildatum date, "
    "vastgestelde_waarde long, gebruikscode string, soort_object_code string, bron string, gedeeld_object boolean, "
    "aantal_adresseerbare_objecten int, geleverd_op timestamp"
)


def vbo(n: int) -> str:
    return f"02620100000{n:05d}"


def csv_row(obj, aoid, peil, waarde, pos, time=T1, source=CSV):
    return (obj, aoid, peil, waarde, None, "10", "1000", "csv:voorbeeld", source, "h" + source, "run", time, pos)


def api_row(obj, aoid, peil, waarde, pos, time=T2, source=API):
    return (obj, aoid, peil, waarde, dt.date(peil.year + 1, 1, 1), None, None, "json:haalcentraal", source, "h" + source, "run", time, pos)


def test_latest_delivery_wins_and_shared_objects_are_flagged(spark):
    bronze = spark.createDataFrame(
        [
            # A: value corrected after bezwaar in the later JSON delivery; B: other year only in the CSV
            csv_row("026200000001", vbo(1), D23, 300000, 1),
            api_row("026200000001", vbo(1), D23, 310000, 1),
            csv_row("026200000001", vbo(1), D22, 280000, 2),
            # C: one WOZ object for two dwellings
            csv_row("026200000002", vbo(2), D23, 500000, 3),
            csv_row("026200000002", vbo(3), D23, 500000, 4),
            # D: re-linked: the later delivery links the object to vbo 4 only
            csv_row("026200000004", vbo(4), D23, 390000, 5),
            csv_row("026200000004", vbo(5), D23, 390000, 6),
            api_row("026200000004", vbo(4), D23, 400000, 2),
            # E: a dwelling and its separately valued garage: the higher value is the dwelling's
            csv_row("026200000007", vbo(6), D23, 15000, 7),
            csv_row("026200000006", vbo(6), D23, 200000, 8),
            # F: no BAG link: cannot be placed
            api_row("026200000009", None, D23, 99000, 3),
            # G: the same row twice in one file
            csv_row("026200000008", vbo(8), D23, 150000, 9),
            csv_row("026200000008", vbo(8), D23, 150000, 10),
        ],
        SCHEMA,
    )
    expected = spark.createDataFrame(
        [
            (vbo(1), "026200000001", D22, 280000, "10", "1000", "csv:voorbeeld", False, 1, T1),
            (vbo(1), "026200000001", D23, 310000, None, None, "json:haalcentraal", False, 1, T2),
            (vbo(2), "026200000002", D23, 500000, "10", "1000", "csv:voorbeeld", True, 2, T1),
            (vbo(3), "026200000002", D23, 500000, "10", "1000", "csv:voorbeeld", True, 2, T1),
            (vbo(4), "026200000004", D23, 400000, None, None, "json:haalcentraal", False, 1, T2),
            (vbo(6), "026200000006", D23, 200000, "10", "1000", "csv:voorbeeld", False, 1, T1),
            (vbo(8), "026200000008", D23, 150000, "10", "1000", "csv:voorbeeld", False, 1, T1),
        ],
        OUT,
    )
    assert_df_equality(build(bronze), expected, ignore_nullable=True, ignore_row_order=True)


def test_same_load_time_is_ordered_by_file_name(spark):
    bronze = spark.createDataFrame(
        [
            csv_row("026200000001", vbo(1), D23, 300000, 1, time=T1, source="woz/woz_2024a.csv"),
            csv_row("026200000001", vbo(1), D23, 305000, 1, time=T1, source="woz/woz_2024b.csv"),
        ],
        SCHEMA,
    )
    assert [r.vastgestelde_waarde for r in build(bronze).collect()] == [305000]


def test_empty_bronze_gives_empty_table(spark):
    assert build(spark.createDataFrame([], SCHEMA)).count() == 0


def test_mock_file_through_silver(spark, settings, reference):
    """The real mock: 74 bronze rows - 5 without BAG link - 3 of the repeated object 800000003118 = 66."""
    _objects, waarden, _bad, _n = parse_json(str(reference / "woz" / "woz_bevragen_mock_test-data.json"))
    rows = [(*r[:-1], "woz/mock.json", "hmock", "run", T1, r[-1]) for r in waarden]
    bronze = spark.createDataFrame(rows, SCHEMA)
    spark.sql(f"CREATE SCHEMA IF NOT EXISTS {settings.schema('bronze')}")
    bronze.write.format("delta").saveAsTable(settings.table("bronze", "woz_waarde"))
    assert run(spark, settings) == 66
    silver = spark.table(settings.table("silver", "woz_waarde"))
    shared = silver.where(F.col("wozobjectnummer") == "999900010002").where(F.col("waardepeildatum") == D22)
    expected = spark.createDataFrame(
        [(a, "999900010002", D22, 879500, None, None, "json:haalcentraal", True, 3, T1)
         for a in ("0484010002033602", "0484010002033603", "0569020000012435")],
        OUT,
    )
    assert_df_equality(shared, expected, ignore_nullable=True, ignore_row_order=True)
    repeated = silver.where(F.col("wozobjectnummer") == "800000003118").orderBy("waardepeildatum")
    assert [(r.waardepeildatum.year, r.vastgestelde_waarde) for r in repeated.collect()] == [
        (2016, 149000), (2017, 155000), (2018, 1600000),
    ]
