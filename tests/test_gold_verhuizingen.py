from chispa import assert_df_equality
from pyspark.sql import types as T

from cbs_silver import obs, silver
from woonmonitor.gold import verhuizingen

GM = "GM0262"
KEYS = {"binnen_gemeente": "BinnenGemeentenVerhuisdePersonen_1", "gevestigd": "GevestigdInDeGemeente_2",
        "vertrokken": "VertrokkenUitDeGemeente_3"}


def v(soort, periode, waarde, regio=GM, geslacht="T001038", leeftijd="10000"):
    return obs("84547NED", KEYS[soort], regio, periode, waarde, Geslacht=geslacht, Leeftijd31December=leeftijd)


SCHEMA = T.StructType(
    [T.StructField("jaar", T.IntegerType()), T.StructField("maand", T.IntegerType()),
     T.StructField("periode", T.StringType()), T.StructField("periode_type", T.StringType()),
     T.StructField("gemeentecode", T.StringType()), T.StructField("soort", T.StringType()),
     T.StructField("aantal", T.LongType()), T.StructField("onderdrukt", T.BooleanType())]
)


def test_months_and_years_with_primary_and_secondary_suppression(spark, settings):
    rows = [
        # year rows: each is a group of its own; 4 is suppressed
        v("binnen_gemeente", "2023JJ00", 800), v("gevestigd", "2023JJ00", 1200), v("vertrokken", "2023JJ00", 4),
        # gevestigd 2024: January 4 (primary) -> February 5, the smallest other non-zero month (secondary)
        v("gevestigd", "2024MM01", 4), v("gevestigd", "2024MM02", 5), v("gevestigd", "2024MM03", 7),
        v("gevestigd", "2024MM04", 0),
        # binnen: 5 and 0 are shown; a month CBS did not deliver is null and not flagged
        v("binnen_gemeente", "2024MM01", 5), v("binnen_gemeente", "2024MM02", 0),
        v("binnen_gemeente", "2024MM03", None),
        # vertrokken: two primary months (3 + 1) would be revealed as a pair by the year total, so the
        # smallest other month (10) is hidden too
        v("vertrokken", "2024MM01", 3), v("vertrokken", "2024MM02", 1), v("vertrokken", "2024MM03", 10),
        # not the totals of sex/age, or another region: left out
        v("gevestigd", "2024MM01", 2, geslacht="3000"), v("gevestigd", "2024MM01", 2, leeftijd="10500"),
        v("gevestigd", "2024MM01", 900, regio="NL01"),
    ]
    got = verhuizingen.build(silver(spark, rows), settings)
    expected = spark.createDataFrame(
        [
            (2023, None, "2023JJ00", "JJ", GM, "binnen_gemeente", 800, False),
            (2023, None, "2023JJ00", "JJ", GM, "gevestigd", 1200, False),
            (2023, None, "2023JJ00", "JJ", GM, "vertrokken", None, True),
            (2024, 1, "2024MM01", "MM", GM, "gevestigd", None, True),
            (2024, 2, "2024MM02", "MM", GM, "gevestigd", None, True),
            (2024, 3, "2024MM03", "MM", GM, "gevestigd", 7, False),
            (2024, 4, "2024MM04", "MM", GM, "gevestigd", 0, False),
            (2024, 1, "2024MM01", "MM", GM, "binnen_gemeente", 5, False),
            (2024, 2, "2024MM02", "MM", GM, "binnen_gemeente", 0, False),
            (2024, 3, "2024MM03", "MM", GM, "binnen_gemeente", None, False),
            (2024, 1, "2024MM01", "MM", GM, "vertrokken", None, True),
            (2024, 2, "2024MM02", "MM", GM, "vertrokken", None, True),
            (2024, 3, "2024MM03", "MM", GM, "vertrokken", None, True),
        ],
        SCHEMA,
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
