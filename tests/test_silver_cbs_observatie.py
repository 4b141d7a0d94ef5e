"""silver.cbs_observatie: long form, version suffix stripped, '.' as null, latest delivery wins."""

from __future__ import annotations

import datetime as dt

from chispa import assert_df_equality
from pyspark.sql import types as T

from woonmonitor.bronze.cbs import WAARNEMING
from woonmonitor.bronze.ingest import bronze_schema
from woonmonitor.silver.cbs_observatie import build


def bronze_rows(spark, rows):
    return spark.createDataFrame(rows, bronze_schema(WAARNEMING))


def test_long_form_with_nulls_and_latest_delivery(spark):
    old, new = dt.datetime(2025, 1, 1), dt.datetime(2025, 6, 1)
    dims = {"Geslacht": "3000", "RegioS": "GM0262", "Perioden": "2024JJ00"}
    waarneming = bronze_rows(spark, [
        ("03759NED", "1", dims, {"BevolkingOp1Januari_1": "100", "GemiddeldeBevolking_2": "."}, "cbs/a.csv", "h1", "r1", old, 1),
        # a later delivery of the same record corrects the figure
        ("03759NED", "1", dims, {"BevolkingOp1Januari_1": "101", "GemiddeldeBevolking_2": ""}, "cbs/b.csv", "h2", "r2", new, 1),
        ("37230NED", "7", {"RegioS": "GM0262", "Perioden": "2024MM03"}, {"Levendgeborenen_2": "  25"}, "cbs/c.csv", "h3", "r2", new, 1),
    ])
    result = build(waarneming).orderBy("tabel", "maatstaf")
    schema = result.schema
    expected = spark.createDataFrame([
        ("03759NED", "BevolkingOp1Januari", "BevolkingOp1Januari_1", None, None, "GM0262", "2024JJ00", "JJ", 2024, None, {"Geslacht": "3000"}, 101.0),
        ("03759NED", "GemiddeldeBevolking", "GemiddeldeBevolking_2", None, None, "GM0262", "2024JJ00", "JJ", 2024, None, {"Geslacht": "3000"}, None),
        ("37230NED", "Levendgeborenen", "Levendgeborenen_2", None, None, "GM0262", "2024MM03", "MM", 2024, 3, {}, 25.0),
    ], schema)
    assert_df_equality(result, expected, ignore_nullable=True)
    assert [f.name for f in schema] == ["tabel", "maatstaf", "maatstaf_key", "maatstaf_titel", "eenheid", "regio", "periode",
                                        "periode_type", "jaar", "maand", "dimensies", "waarde"]
    assert schema["waarde"].dataType == T.DoubleType()
