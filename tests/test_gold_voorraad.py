"""woonmonitor.gold._voorraad: the dwelling stock per peildatum, on the small world of tests/bag_silver.py."""

from __future__ import annotations

import datetime as dt

from chispa import assert_df_equality
from pyspark.sql import types as T

from bag_silver import D, frames
from woonmonitor.gold._voorraad import bouwjaarklasse, peildata_frame, woningen_op_peildata

COLUMNS = T.StructType([
    T.StructField("peildatum", T.DateType()),
    T.StructField("adresseerbaar_object_identificatie", T.StringType()),
    T.StructField("woonplaats_identificatie", T.StringType()),
    T.StructField("woonplaats", T.StringType()),
    T.StructField("postcode", T.StringType()),
    T.StructField("oppervlakte", T.IntegerType()),
    T.StructField("oorspronkelijk_bouwjaar", T.IntegerType()),
    T.StructField("bouwjaarklasse", T.StringType()),
    T.StructField("woningtype", T.StringType()),
    T.StructField("aantal_woningen_in_pand", T.IntegerType()),
])


def test_woningen_op_peildata(spark):
    got = woningen_op_peildata(*frames(spark)).drop("gebruiksdoelen")
    j23, j24, j25 = D(2023, 1, 1), D(2024, 1, 1), D(2025, 1, 1)
    expected = spark.createDataFrame([
        # 2023: V4 still counted (its voorkomen ends on 2024-01-01); V2/V3 only gevormd; V5 no woning
        (j23, "V1", "1000", "Lochem", "7241AA", 100, 1920, "voor 1945", "eengezinswoning", 1),
        (j23, "V4", "1000", "Lochem", "7241AB", 90, None, "onbekend", "eengezinswoning", 1),
        (j23, "V6", None, None, None, None, None, "onbekend", "onbekend", 0),
        (j23, "V7", "2000", "Laeren", None, 60, 1950, "1945-1964", "eengezinswoning", 1),
        # 2024-01-01: V4 left exactly that day, V2 entered that day (alone in P2 for now); ligtIn 2000 wins
        (j24, "V1", "1000", "Lochem", "7241AA", 100, 1920, "voor 1945", "eengezinswoning", 1),
        (j24, "V2", "2000", "Laeren", "7245BB", 70, 2024, "2015 en later", "eengezinswoning", 1),
        (j24, "V6", None, None, None, None, None, "onbekend", "onbekend", 0),
        (j24, "V7", "2000", "Laeren", None, 60, 1950, "1945-1964", "eengezinswoning", 1),
        # 2025: V3 in gebruik too -> P2 holds two woningen; woonplaats 2000 renamed
        (j25, "V1", "1000", "Lochem", "7241AA", 100, 1920, "voor 1945", "eengezinswoning", 1),
        (j25, "V2", "2000", "Laren", "7245BB", 70, 2024, "2015 en later", "appartement", 2),
        (j25, "V3", "2000", "Laren", "7245CC", 50, 2024, "2015 en later", "appartement", 2),
        (j25, "V6", None, None, None, None, None, "onbekend", "onbekend", 0),
        (j25, "V7", "2000", "Laren", None, 60, 1950, "1945-1964", "eengezinswoning", 1),
    ], COLUMNS)
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)


def test_bouwjaarklasse_boundaries(spark):
    df = spark.createDataFrame([(y,) for y in (None, 1944, 1945, 1964, 1965, 1991, 1992, 2005, 2006, 2014, 2015)], "j int")
    got = [r[0] for r in df.select(bouwjaarklasse(df.j)).collect()]
    assert got == ["onbekend", "voor 1945", "1945-1964", "1945-1964", "1965-1974", "1975-1991", "1992-2005",
                   "1992-2005", "2006-2014", "2006-2014", "2015 en later"]


def test_peildata_frame(spark, make_settings):
    s = make_settings(eerste_jaar=2023, laatste_peildatum=dt.date(2024, 12, 1))
    assert [r.peildatum for r in peildata_frame(spark, s).collect()] == [D(2023, 1, 1), D(2024, 1, 1), D(2024, 12, 1)]
    # a delivery dated exactly 1 January is not repeated
    s2 = make_settings(eerste_jaar=2024, laatste_peildatum=dt.date(2025, 1, 1))
    assert [r.peildatum for r in peildata_frame(spark, s2).collect()] == [D(2024, 1, 1), D(2025, 1, 1)]
