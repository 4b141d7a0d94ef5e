"""gold.woningtypes_en_huishoudtypes: parts only, with both shares; null where a count or its total is hidden."""

import datetime as dt

from chispa import assert_df_equality
from pyspark.sql import types as T

from test_gold_woningtypes_huishoudtypes import SCHEMA as SOURCE
from woonmonitor.gold import woningtypes_en_huishoudtypes as W

P = dt.date(2024, 1, 1)
SCHEMA = T.StructType(
    [
        T.StructField("peildatum", T.DateType()),
        T.StructField("gemeentecode", T.StringType()),
        T.StructField("woningtype", T.StringType()),
        T.StructField("huishoudtype", T.StringType()),
        T.StructField("huishoudtype_omschrijving", T.StringType()),
        T.StructField("aantal_huishoudens", T.LongType()),
        T.StructField("aandeel_van_woningtype", T.DoubleType()),
        T.StructField("aandeel_van_huishoudtype", T.DoubleType()),
        T.StructField("onderdrukt", T.BooleanType()),
    ]
)


def r(wt, ht, n):
    return (P, "GM0262", wt, ht, ht, n, n is None)


def test_shares(spark):
    source = spark.createDataFrame(
        [
            r("eengezinswoning", "eenpersoons", 5), r("eengezinswoning", "paar", 15), r("eengezinswoning", "totaal", 20),
            r("appartement", "eenpersoons", 10), r("appartement", "paar", 0), r("appartement", "totaal", 10),
            r("geen woning", "eenpersoons", None), r("geen woning", "totaal", None),
            r("totaal", "eenpersoons", 18), r("totaal", "paar", 15), r("totaal", "totaal", 33),
        ],
        SOURCE,
    )
    got = W.build(source)
    expected = spark.createDataFrame(
        [
            (P, "GM0262", "eengezinswoning", "eenpersoons", "eenpersoons", 5, 25.0, 27.8, False),
            (P, "GM0262", "eengezinswoning", "paar", "paar", 15, 75.0, 100.0, False),
            (P, "GM0262", "appartement", "eenpersoons", "eenpersoons", 10, 100.0, 55.6, False),
            (P, "GM0262", "appartement", "paar", "paar", 0, 0.0, 0.0, False),
            (P, "GM0262", "geen woning", "eenpersoons", "eenpersoons", None, None, None, True),
        ],
        SCHEMA,
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
