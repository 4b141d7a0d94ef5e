"""silver.cbs_observatie with metadata: titles and units from DataProperties (catalog as fallback), code labels."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from chispa import assert_df_equality
from pyspark.sql import functions as F

from woonmonitor.bronze.cbs import DIMENSIECODE, MAATSTAF, READER, WAARNEMING
from woonmonitor.bronze.ingest import bronze_schema, with_lineage
from woonmonitor.silver.cbs_observatie import build

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "landing" / "cbs"
OLD, NEW = dt.datetime(2025, 1, 1), dt.datetime(2025, 6, 1)


def lineage(load_time, n=1):
    return (f"cbs/f{n}", f"h{n}", "run", load_time, n)


def test_titles_units_and_labels(spark):
    waarneming = spark.createDataFrame([
        ("81955NED", "1", {"Gebruiksfunctie": "A045364", "RegioS": "GM0262", "Perioden": "2024JJ00"},
         {"Nieuwbouw_2": "   71", "Sloop_4": ".", "Onbekend_9": "5"}, *lineage(NEW)),
        # a period missing from the code list: no title, no status
        ("81955NED", "2", {"Gebruiksfunctie": "A045364", "RegioS": "GM0262", "Perioden": "2025JJ00"},
         {"Nieuwbouw_2": "104"}, *lineage(NEW)),
        # no DataProperties delivered for 03759NED: title and unit from the catalog
        ("03759NED", "3", {"Geslacht": "3000", "RegioS": "GM0262", "Perioden": "2024JJ00"},
         {"BevolkingOp1Januari_1": "34292"}, *lineage(NEW)),
        # an older table version's key: the catalog knows it as an alias of LevendGeborenKinderen
        ("37230NED", "4", {"RegioS": "GM0262", "Perioden": "2017MM03"}, {"Levendgeborenen_2": "25"}, *lineage(NEW)),
    ], bronze_schema(WAARNEMING))
    maatstaf = spark.createDataFrame([
        ("81955NED", "Nieuwbouw_2", "Nieuwbouw (oude levering)", "stuks", 0, "Topic", None, *lineage(OLD, 2)),
        ("81955NED", "Nieuwbouw_2", "Nieuwbouw", "aantal", 0, "Topic", None, *lineage(NEW, 3)),
        ("81955NED", "Sloop_4", "Sloop", "aantal", 0, "Topic", None, *lineage(NEW, 3)),
        # a dimension row of DataProperties is no measure, even with a matching key
        ("81955NED", "Onbekend_9", "Regio's", None, None, "GeoDimension", None, *lineage(NEW, 3)),
    ], bronze_schema(MAATSTAF))
    dimensiecode = spark.createDataFrame([
        ("81955NED", "RegioS", "GM0262", "Lochem", None, None, *lineage(NEW, 4)),
        ("81955NED", "Perioden", "2024JJ00", "2024", None, "Nader voorlopig", *lineage(NEW, 5)),
        ("81955NED", "Gebruiksfunctie", "A045364", "Woningen (oude levering)", None, None, *lineage(OLD, 6)),
        ("81955NED", "Gebruiksfunctie", "A045364", "Woningen", None, None, *lineage(NEW, 7)),
        ("03759NED", "RegioS", "GM0262", "Lochem", None, None, *lineage(NEW, 8)),
    ], bronze_schema(DIMENSIECODE))

    result = build(waarneming, maatstaf, dimensiecode, catalogus=True).orderBy("tabel", "periode", "maatstaf_key")
    assert result.columns == ["tabel", "maatstaf", "maatstaf_key", "maatstaf_titel", "eenheid", "regio", "periode",
                              "periode_type", "jaar", "maand", "dimensies", "waarde", "regio_titel", "periode_titel",
                              "periode_status", "dimensie_titels"]
    woningen = {"Gebruiksfunctie": "A045364"}
    expected = spark.createDataFrame([
        ("03759NED", "BevolkingOp1Januari", "BevolkingOp1Januari_1", "Bevolking op 1 januari", "aantal", "GM0262",
         "2024JJ00", "JJ", 2024, None, {"Geslacht": "3000"}, 34292.0, "Lochem", None, None, {"Geslacht": None}),
        ("37230NED", "Levendgeborenen", "Levendgeborenen_2", "Levend geboren kinderen", "aantal", "GM0262",
         "2017MM03", "MM", 2017, 3, {}, 25.0, None, None, None, {}),
        ("81955NED", "Nieuwbouw", "Nieuwbouw_2", "Nieuwbouw", "aantal", "GM0262", "2024JJ00", "JJ", 2024, None,
         woningen, 71.0, "Lochem", "2024", "Nader voorlopig", {"Gebruiksfunctie": "Woningen"}),
        ("81955NED", "Onbekend", "Onbekend_9", None, None, "GM0262", "2024JJ00", "JJ", 2024, None,
         woningen, 5.0, "Lochem", "2024", "Nader voorlopig", {"Gebruiksfunctie": "Woningen"}),
        ("81955NED", "Sloop", "Sloop_4", "Sloop", "aantal", "GM0262", "2024JJ00", "JJ", 2024, None,
         woningen, None, "Lochem", "2024", "Nader voorlopig", {"Gebruiksfunctie": "Woningen"}),
        ("81955NED", "Nieuwbouw", "Nieuwbouw_2", "Nieuwbouw", "aantal", "GM0262", "2025JJ00", "JJ", 2025, None,
         woningen, 104.0, "Lochem", None, None, {"Gebruiksfunctie": "Woningen"}),
    ], result.schema)
    assert_df_equality(result, expected, ignore_nullable=True)


def test_empty_metadata_gives_null_labels_not_lost_rows(spark):
    waarneming = spark.createDataFrame([
        ("81955NED", "1", {"RegioS": "GM0262", "Perioden": "2024JJ00"}, {"Nieuwbouw_2": "71"}, *lineage(NEW)),
    ], bronze_schema(WAARNEMING))
    empty_m = spark.createDataFrame([], bronze_schema(MAATSTAF))
    empty_d = spark.createDataFrame([], bronze_schema(DIMENSIECODE))
    [row] = build(waarneming, empty_m, empty_d).collect()
    assert (row.maatstaf, row.maatstaf_titel, row.regio_titel, row.periode_status, row.dimensie_titels, row.waarde) == (
        "Nieuwbouw", None, None, None, {}, 71.0)


def parsed(spark, settings, name: str, table: str):
    path = FIXTURES / name
    df = READER.parse(spark, str(path), settings).tables[table]
    return with_lineage(df, READER.tables[table], f"cbs/{name}", name, "run", NEW)


def test_fixture_81955ned_through_bronze_parse_and_silver(spark, settings):
    """The committed fixture, parsed by the bronze reader (no Delta writes), gives the published Lochem anchors."""
    waarneming = parsed(spark, settings, "81955NED_GM0262_fixture.csv", "cbs_waarneming")
    maatstaf = parsed(spark, settings, "81955NED_DataProperties.json", "cbs_maatstaf")
    codes = [parsed(spark, settings, f"81955NED_{d}.json", "cbs_dimensiecode") for d in ("RegioS", "Perioden", "Gebruiksfunctie")]
    dimensiecode = codes[0].unionByName(codes[1]).unionByName(codes[2])
    silver = build(waarneming, maatstaf, dimensiecode, catalogus=True).collect()  # one Spark job for all checks
    rows = {(r.jaar, r.maatstaf): (r.waarde, r.maatstaf_titel, r.eenheid, r.regio_titel, r.periode_status, r.dimensie_titels)
            for r in silver}
    woningen = {"Gebruiksfunctie": "Woningen"}
    assert rows[(2024, "BeginstandVoorraad")] == (15567.0, "Beginstand voorraad", "aantal", "Lochem", "Nader voorlopig", woningen)
    assert rows[(2024, "Nieuwbouw")][0] == 71.0 and rows[(2024, "EindstandVoorraad")][0] == 15659.0
    assert [rows[(2020, m)][0] for m in ("BeginstandVoorraad", "Nieuwbouw", "EindstandVoorraad")] == [15096.0, 75.0, 15165.0]
    assert rows[(2020, "Nieuwbouw")][4] == "Definitief" and rows[(2025, "Nieuwbouw")][4] == "Voorlopig"
    # 11 years x 8 measures; the stock adds up: begin + changes = end, and end of year N = begin of year N+1
    assert len(silver) == len(rows) == 88
    for j in range(2015, 2026):
        v = {m: rows[(j, m)][0] for m in ("BeginstandVoorraad", "Nieuwbouw", "OverigeToevoeging", "Sloop",
                                          "OverigeOnttrekking", "Correctie", "SaldoVoorraad", "EindstandVoorraad")}
        assert v["BeginstandVoorraad"] + v["SaldoVoorraad"] == v["EindstandVoorraad"]
        assert v["Nieuwbouw"] + v["OverigeToevoeging"] - v["Sloop"] - v["OverigeOnttrekking"] + v["Correctie"] == v["SaldoVoorraad"]
        if j < 2025:
            assert v["EindstandVoorraad"] == rows[(j + 1, "BeginstandVoorraad")][0]
