import datetime as dt

from chispa import assert_df_equality
from pyspark.sql import types as T

from cbs_silver import obs, silver
from woonmonitor.gold import geslachtsopbouw

GM = "GM0262"
B = "BevolkingOp1Januari_1"
G = "GemiddeldeBevolking_2"


def p(periode, geslacht, leeftijd, waarde, maatstaf=B, regio=GM, staat="T001019"):
    return obs("03759ned", maatstaf, regio, periode, waarde, Geslacht=geslacht, Leeftijd=leeftijd,
               BurgerlijkeStaat=staat)


SCHEMA = T.StructType(
    [
        T.StructField("jaar", T.IntegerType()),
        T.StructField("peildatum", T.DateType()),
        T.StructField("gemeentecode", T.StringType()),
        T.StructField("geslacht", T.StringType()),
        T.StructField("bevolking", T.LongType()),
        T.StructField("aandeel", T.DoubleType()),
        T.StructField("gemiddelde_bevolking", T.DoubleType()),
        T.StructField("onderdrukt", T.BooleanType()),
    ]
)


def test_totals_single_year_fallback_and_suppression(spark, settings):
    rows = [
        # 2023: the age total (10000) is there; single years beside it must not be added to it
        p("2023JJ00", "3000", "10000", 17000), p("2023JJ00", "3000", "10000", 17010.5, maatstaf=G),
        p("2023JJ00", "4000", "10000", 17300), p("2023JJ00", "4000", "10000", 17290.0, maatstaf=G),
        p("2023JJ00", "3000", "10010", 100),
        p("2023JJ00", "T001038", "10000", 34300),  # the sex total is not a row of its own
        p("2023JJ00", "3000", "10000", 9000, staat="1020"),  # gehuwd: a part, not the total
        p("2023JJ00", "3000", "10000", 8000000, regio="NL01"),
        # 2024: single years only: men 3 + 2 + 1 (105+) = 6, the 95+ aggregate (22000) left out; women 4
        p("2024JJ00", "3000", "10010", 3), p("2024JJ00", "3000", "10100", 2), p("2024JJ00", "3000", "22300", 1),
        p("2024JJ00", "3000", "22000", 50),
        p("2024JJ00", "4000", "10010", 4),
        # 2025: 5 is shown, 0 is shown
        p("2025JJ00", "3000", "10000", 5), p("2025JJ00", "4000", "10000", 0),
    ]
    got = geslachtsopbouw.build(silver(spark, rows), settings)
    d = dt.date
    expected = spark.createDataFrame(
        [
            (2023, d(2023, 1, 1), GM, "man", 17000, 49.6, 17010.5, False),
            (2023, d(2023, 1, 1), GM, "vrouw", 17300, 50.4, 17290.0, False),
            # women 4: primary; men 6: the only other non-zero cell of the year, so secondary
            (2024, d(2024, 1, 1), GM, "man", None, None, None, True),
            (2024, d(2024, 1, 1), GM, "vrouw", None, None, None, True),
            (2025, d(2025, 1, 1), GM, "man", 5, 100.0, None, False),
            (2025, d(2025, 1, 1), GM, "vrouw", 0, 0.0, None, False),
        ],
        SCHEMA,
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)


def test_other_gemeente_setting(spark, make_settings):
    rows = [p("2023JJ00", "3000", "10000", 700, regio="GM1859"), p("2023JJ00", "3000", "10000", 17000)]
    got = geslachtsopbouw.build(silver(spark, rows), make_settings(gemeentecode="GM1859"))
    assert [(r.gemeentecode, r.bevolking) for r in got.collect()] == [("GM1859", 700)]
