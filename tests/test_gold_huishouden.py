"""gold.huishouden: one row per woonplaats per peildatum from hand-written gold inputs."""

import datetime as dt

from chispa import assert_df_equality
from pyspark.sql import types as T

from test_gold_brp import SCHEMA as BRP
from test_gold_huishoudtypes_per_woonplaats import SCHEMA as PER_WOONPLAATS
from woonmonitor.gold import huishouden

P = dt.date(2024, 1, 1)
SCHEMA = T.StructType(
    [
        T.StructField("peildatum", T.DateType()),
        T.StructField("gemeentecode", T.StringType()),
        T.StructField("niveau", T.StringType()),
        T.StructField("woonplaats_identificatie", T.StringType()),
        T.StructField("woonplaats", T.StringType()),
        T.StructField("aantal_huishoudens", T.LongType()),
        T.StructField("aantal_personen", T.LongType()),
        T.StructField("gemiddelde_huishoudensgrootte", T.DoubleType()),
        T.StructField("aantal_eenpersoons", T.LongType()),
        T.StructField("aantal_paar_zonder_kinderen", T.LongType()),
        T.StructField("aantal_paar_met_kinderen", T.LongType()),
        T.StructField("aantal_eenouder", T.LongType()),
        T.StructField("aantal_overig", T.LongType()),
        T.StructField("onderdrukt", T.BooleanType()),
    ]
)


def hh(niveau, wid, naam, t, n):
    return (P, "GM0262", niveau, wid, naam, t, t, n, None, n is None)


def pop(niveau, wid, naam, n, geslacht="totaal"):
    return (P, "GM0262", niveau, wid, naam, geslacht, "totaal", None, n, n is None)


def test_counts_mean_and_suppressed_rows(spark):
    L, O, G = ("woonplaats", "3001", "Lochem"), ("woonplaats", None, "onbekend"), ("gemeente", None, None)
    per_place = spark.createDataFrame(
        [
            # Lochem: 5 eenpersoons and 10 pairs shown; no other types (0)
            hh(*L, "eenpersoons", 5), hh(*L, "paar_zonder_kinderen", 10), hh(*L, "totaal", 15),
            # the unknown address: 2 households, suppressed (and its total)
            hh(*O, "overig", None), hh(*O, "totaal", None),
            hh(*G, "eenpersoons", 5), hh(*G, "paar_zonder_kinderen", 10), hh(*G, "overig", None), hh(*G, "totaal", 17),
        ],
        PER_WOONPLAATS,
    )
    brp = spark.createDataFrame(
        [pop(*L, 25), pop(*L, 12, geslacht="man"), pop(*O, None), pop(*G, 29)], BRP
    )
    got = huishouden.build(per_place, brp)
    expected = spark.createDataFrame(
        [
            (P, "GM0262", *L, 15, 25, 1.67, 5, 10, 0, 0, 0, False),
            (P, "GM0262", *O, None, None, None, 0, 0, 0, 0, None, True),
            (P, "GM0262", *G, 17, 29, 1.71, 5, 10, 0, 0, None, True),
        ],
        SCHEMA,
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
