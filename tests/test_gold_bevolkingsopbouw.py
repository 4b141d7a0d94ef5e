"""gold.bevolkingsopbouw: five-year age groups by sex, from 03759ned, with suppression."""

from __future__ import annotations

import shutil

from chispa import assert_df_equality
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.bronze.cbs import READER
from woonmonitor.bronze.ingest import run_bronze
from woonmonitor.config import REPO_ROOT
from woonmonitor.gold.bevolkingsopbouw import build, leeftijd
from woonmonitor.silver import cbs_observatie
from woonmonitor.gold import bevolkingsopbouw

OBS = T.StructType([
    T.StructField("tabel", T.StringType()), T.StructField("maatstaf", T.StringType()),
    T.StructField("regio", T.StringType()), T.StructField("periode_type", T.StringType()),
    T.StructField("jaar", T.IntegerType()), T.StructField("dimensies", T.MapType(T.StringType(), T.StringType())),
    T.StructField("waarde", T.DoubleType()),
])


def obs(sex, age_code, n, year=2024, regio="GM0262", staat="T001019"):
    dims = {"Geslacht": sex, "Leeftijd": age_code, "BurgerlijkeStaat": staat}
    return ("03759NED", "BevolkingOp1Januari", regio, "JJ", year, dims, n)


def test_age_codes(spark):
    codes = ["10000", "10010", "10100", "10400", "10500", "19900", "19901", "19905", "22000", "22300"]
    got = [r.a for r in spark.createDataFrame([(c,) for c in codes], "c string").select(leeftijd(F.col("c")).alias("a")).collect()]
    assert got == [None, 0, 1, 4, 5, 99, 100, 104, None, 105]


def test_groups_sexes_and_suppresses(spark, settings):
    rows = [
        obs("3000", "10000", 999.0),             # total: not counted again
        obs("3000", "10010", 10.0), obs("3000", "10100", 7.0), obs("3000", "10500", 3.0),   # 0-4: 17, 5-9: 3
        obs("3000", "19901", 2.0), obs("3000", "22300", 1.0), obs("3000", "22000", 50.0),  # 95+: 3 (22000 skipped)
        obs("4000", "10010", 5.0), obs("4000", "10500", 0.0), obs("4000", "11000", 6.0),   # 0-4: 5, 5-9: 0, 10-14: 6
        obs("T001038", "10010", 15.0),           # both sexes: left out (by sex only)
        obs("3000", "10010", 88.0, regio="GM1859"),        # another gemeente
        obs("3000", "10010", 4.0, staat="1010"),           # a marital-status split: left out
        obs("4000", "10010", None, year=2025),             # unknown figure ('.')
    ]
    result = build(spark.createDataFrame(rows, OBS), settings).orderBy("jaar", "geslacht", "leeftijd_van")
    expected = spark.createDataFrame(
        [
            # men 2024: 5-9 (3) and 95+ (3) are small; 0-4 (17) is hidden too, or the total minus it would give 6 = 3 + 3
            (2024, "man", "0 tot 5 jaar", 0, None, True),
            (2024, "man", "5 tot 10 jaar", 5, None, True),
            (2024, "man", "95 jaar of ouder", 95, None, True),
            # women 2024: 5 is shown, 0 is shown; nothing small
            (2024, "vrouw", "0 tot 5 jaar", 0, 5, False),
            (2024, "vrouw", "5 tot 10 jaar", 5, 0, False),
            (2024, "vrouw", "10 tot 15 jaar", 10, 6, False),
            (2025, "vrouw", "0 tot 5 jaar", 0, None, False),
        ],
        "jaar int, geslacht string, leeftijdsgroep string, leeftijd_van int, aantal long, onderdrukt boolean",
    )
    assert_df_equality(result.select(*expected.columns), expected, ignore_nullable=True)


def test_single_small_cell_gets_a_secondary_suppression(spark, settings):
    rows = [obs("4000", "10010", 30.0), obs("4000", "10500", 2.0), obs("4000", "11000", 9.0), obs("4000", "11500", 12.0)]
    result = build(spark.createDataFrame(rows, OBS), settings).orderBy("leeftijd_van")
    assert [(r.leeftijd_van, r.aantal, r.onderdrukt) for r in result.collect()] == [
        (0, 30, False), (5, None, True), (10, None, True), (15, 12, False)]


def test_fixture_delivery_end_to_end(spark, make_settings):
    """From the committed fixture CSV, through bronze and silver; expected values summed by hand (awk) from it."""
    settings = make_settings(landing=str(REPO_ROOT / "fixtures" / "landing"))
    run_bronze(spark, settings, [READER])
    cbs_observatie.run(spark, settings)
    assert bevolkingsopbouw.run(spark, settings) == 4 * 2 * 20
    gold = spark.table(settings.table("gold", "bevolkingsopbouw"))
    cell = lambda sex, van: gold.where(f"jaar = 2024 AND geslacht = '{sex}' AND leeftijd_van = {van}").collect()[0].aantal
    assert cell("man", 95) == 9          # codes 19500..19905 and 22300, men, 2024JJ00
    assert cell("vrouw", 0) == 1050      # 5 x 210, women aged 0..4
    totals = {r.geslacht: r.n for r in gold.where("jaar = 2024").groupBy("geslacht").agg(F.sum("aantal").alias("n")).collect()}
    assert totals == {"man": 16923, "vrouw": 17369}   # the file's own totals (Leeftijd 10000) for 2024
    assert gold.where("onderdrukt").count() == 0
