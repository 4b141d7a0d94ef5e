from chispa import assert_df_equality
from pyspark.sql import types as T

from cbs_silver import obs, silver
from woonmonitor.gold import vertrokken

GM = "GM0262"


def f(van, naar, periode, waarde):
    return obs("81734NED", "TussenGemeentenVerhuisdePersonen_1", None, periode, waarde,
               RegioVanVertrek=van, RegioVanVestiging=naar)


SCHEMA = T.StructType(
    [T.StructField("jaar", T.IntegerType()), T.StructField("periode", T.StringType()),
     T.StructField("gemeentecode", T.StringType()), T.StructField("bestemming_gemeentecode", T.StringType()),
     T.StructField("aantal", T.LongType()), T.StructField("onderdrukt", T.BooleanType())]
)


def test_destinations_with_suppression(spark, settings):
    rows = [
        # 2023: Zutphen 1 (primary); Deventer 30 and Apeldoorn 12: Apeldoorn is the smallest other (secondary)
        f(GM, "GM0301", "2023JJ00", 1), f(GM, "GM0150", "2023JJ00", 30), f(GM, "GM0200", "2023JJ00", 12),
        # 2024: 0 and 5 are shown
        f(GM, "GM0301", "2024JJ00", 0), f(GM, "GM0150", "2024JJ00", 5),
        # left out: flows into the gemeente, and to a non-gemeente region
        f("GM0301", GM, "2023JJ00", 2), f(GM, "NL01", "2023JJ00", 1400),
    ]
    got = vertrokken.build(silver(spark, rows), settings)
    expected = spark.createDataFrame(
        [
            (2023, "2023JJ00", GM, "GM0301", None, True),
            (2023, "2023JJ00", GM, "GM0150", 30, False),
            (2023, "2023JJ00", GM, "GM0200", None, True),
            (2024, "2024JJ00", GM, "GM0301", 0, False),
            (2024, "2024JJ00", GM, "GM0150", 5, False),
        ],
        SCHEMA,
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
