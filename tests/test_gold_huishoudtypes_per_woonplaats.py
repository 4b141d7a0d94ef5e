"""gold.huishoudtypes_per_woonplaats: households per type per woonplaats and for the gemeente, with shares."""

from chispa import assert_df_equality
from pyspark.sql import types as T

from bewoning_silver import HH_PEIL, huishoudens, namen
from woonmonitor.gold import huishoudtypes_per_woonplaats as H

SCHEMA = T.StructType(
    [
        T.StructField("peildatum", T.DateType()),
        T.StructField("gemeentecode", T.StringType()),
        T.StructField("niveau", T.StringType()),
        T.StructField("woonplaats_identificatie", T.StringType()),
        T.StructField("woonplaats", T.StringType()),
        T.StructField("huishoudtype", T.StringType()),
        T.StructField("huishoudtype_omschrijving", T.StringType()),
        T.StructField("aantal_huishoudens", T.LongType()),
        T.StructField("aandeel", T.DoubleType()),
        T.StructField("onderdrukt", T.BooleanType()),
    ]
)
LABEL = {"eenpersoons": "Eenpersoonshuishouden", "paar_zonder_kinderen": "Paar zonder kinderen",
         "eenouder": "Eenouderhuishouden", "totaal": "Totaal huishoudens"}
PLACE = {"3001": ("woonplaats", "3001", "Lochem"), "3002": ("woonplaats", "3002", "Barchem"), "*": ("gemeente", None, None)}


def rows(cells):
    return [(HH_PEIL, "GM0262", *PLACE[w], t, LABEL[t], n, share, n is None) for w, t, n, share in cells]


def test_suppressed_mix(spark, settings):
    got = H.build_from(huishoudens(spark), namen(spark), settings)
    # the woonplaats face of the cube worked out in test_gold_woningtypes_huishoudtypes
    expected = rows([
        ("3001", "eenpersoons", None, None), ("3001", "paar_zonder_kinderen", None, None),
        ("3001", "eenouder", None, None), ("3001", "totaal", 14, 100.0),
        ("3002", "eenpersoons", None, None), ("3002", "paar_zonder_kinderen", None, None), ("3002", "totaal", 15, 100.0),
        ("*", "eenpersoons", None, None), ("*", "paar_zonder_kinderen", 13, 44.8),  # 13 / 29
        ("*", "eenouder", None, None), ("*", "totaal", 29, 100.0),
    ])
    assert_df_equality(got, spark.createDataFrame(expected, SCHEMA), ignore_row_order=True, ignore_nullable=True)


def test_five_shown_and_shares(spark, settings):
    mix = [("3001", "eenpersoons", "eengezinswoning", 5), ("3001", "paar_zonder_kinderen", "eengezinswoning", 10),
           ("3002", "eenpersoons", "eengezinswoning", 6)]
    got = H.build_from(huishoudens(spark, mix), namen(spark), settings)
    expected = rows([
        ("3001", "eenpersoons", 5, 33.3), ("3001", "paar_zonder_kinderen", 10, 66.7), ("3001", "totaal", 15, 100.0),
        ("3002", "eenpersoons", 6, 100.0), ("3002", "totaal", 6, 100.0),  # no pairs in Barchem: no row (0)
        ("*", "eenpersoons", 11, 52.4), ("*", "paar_zonder_kinderen", 10, 47.6), ("*", "totaal", 21, 100.0),
    ])
    assert_df_equality(got, spark.createDataFrame(expected, SCHEMA), ignore_row_order=True, ignore_nullable=True)
