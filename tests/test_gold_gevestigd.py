from chispa import assert_df_equality
from pyspark.sql import types as T

from cbs_silver import obs, silver
from woonmonitor.gold import gevestigd

GM = "GM0262"


def f(van, naar, periode, waarde, key="TussenGemeentenVerhuisdePersonen_1"):
    # 81734NED has no RegioS: silver's regio is null, both ends are dimensions
    return obs("81734NED", key, None, periode, waarde, RegioVanVertrek=van, RegioVanVestiging=naar)


SCHEMA = T.StructType(
    [T.StructField("jaar", T.IntegerType()), T.StructField("periode", T.StringType()),
     T.StructField("gemeentecode", T.StringType()), T.StructField("herkomst_gemeentecode", T.StringType()),
     T.StructField("aantal", T.LongType()), T.StructField("onderdrukt", T.BooleanType())]
)


def test_origins_with_suppression(spark, settings):
    rows = [
        # 2023: Zutphen 120, Deventer 4 (primary), Apeldoorn 5 (the smallest other: secondary), Berkelland 0
        f("GM0301", GM, "2023JJ00", 120), f("GM0150", GM, "2023JJ00", 4), f("GM0200", GM, "2023JJ00", 5),
        f("GM1859", GM, "2023JJ00", 0),
        # 2024: no small flow, nothing suppressed; '.' stays null and unflagged
        f("GM0301", GM, "2024JJ00", 5), f("GM0150", GM, "2024JJ00", None),
        # left out: other direction, aggregates, the gemeente itself
        f(GM, "GM0301", "2023JJ00", 90), f("NL01", GM, "2023JJ00", 1500), f("PV25", GM, "2023JJ00", 700),
        f(GM, GM, "2023JJ00", 3),
        # an older version's suffix is the same measure
        f("GM0203", GM, "2024JJ00", 60, key="TussenGemeentenVerhuisdePersonen_2"),
    ]
    got = gevestigd.build(silver(spark, rows), settings)
    expected = spark.createDataFrame(
        [
            (2023, "2023JJ00", GM, "GM0301", 120, False),
            (2023, "2023JJ00", GM, "GM0150", None, True),
            (2023, "2023JJ00", GM, "GM0200", None, True),
            (2023, "2023JJ00", GM, "GM1859", 0, False),
            (2024, "2024JJ00", GM, "GM0301", 5, False),
            (2024, "2024JJ00", GM, "GM0150", None, False),
            (2024, "2024JJ00", GM, "GM0203", 60, False),
        ],
        SCHEMA,
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
