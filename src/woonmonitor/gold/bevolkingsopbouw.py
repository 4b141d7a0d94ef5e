"""gold.bevolkingsopbouw: population on 1 January by sex and five-year age group, per year.

Source: CBS 03759ned (BevolkingOp1Januari), the gemeente only. Seed model: dwh_burgerzaken.bevolkingsopbouw.
Single years of age are read from the Leeftijd codes (10010 = 0 years, 10100..19900 = 1..99,
19901..19905 = 100..104, 22300 = 105 and older); the total (10000) and the overlapping aggregate 22000
(95 and older) are left out so that nothing is counted twice.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.privacy import suppress_cells
from woonmonitor.tables import overwrite_table, read_table

NAME = "bevolkingsopbouw"
SEED_NAME = "dwh_burgerzaken.bevolkingsopbouw"
DESCRIPTION = (
    "Population on 1 January by sex and five-year age group, per year, for the gemeente. "
    "Source CBS 03759ned (BevolkingOp1Januari); unit: persons. Counts of 1 to 4 are suppressed."
)
GESLACHT = {"3000": "man", "4000": "vrouw"}

def leeftijd(code: F.Column) -> F.Column:
    """Age in years from a 03759ned Leeftijd code; null for totals and aggregates."""
    c = F.trim(code).cast("int")
    return (
        F.when(c == 10010, 0)
        .when((c >= 10100) & (c <= 19900) & (c % 100 == 0), (c / 100).cast("int") - 100)
        .when((c >= 19901) & (c <= 19905), c - 19900 + 99)
        .when(c == 22300, 105)
    )

def leeftijdsgroep(age: F.Column) -> F.Column:
    """Five-year groups as CBS labels them: '0 tot 5 jaar', ..., '95 jaar of ouder'."""
    lower = F.least((age / 5).cast("int") * 5, F.lit(95))
    return F.when(lower == 95, F.lit("95 jaar of ouder")).otherwise(
        F.concat(lower.cast("string"), F.lit(" tot "), (lower + 5).cast("string"), F.lit(" jaar"))
    )

def build(cbs_observatie: DataFrame, settings: Settings) -> DataFrame:
    rows = (
        cbs_observatie.where(
            (F.col("tabel") == "03759NED")
            & (F.col("maatstaf") == "BevolkingOp1Januari")
            & (F.col("regio") == settings.gemeentecode)
            & (F.col("periode_type") == "JJ")
            & (F.coalesce(F.col("dimensies")["BurgerlijkeStaat"], F.lit("T001019")) == "T001019")
            & F.col("dimensies")["Geslacht"].isin(*GESLACHT)
        )
        .withColumn("leeftijd", leeftijd(F.col("dimensies")["Leeftijd"]))
        .where(F.col("leeftijd").isNotNull())
        .withColumn("geslacht", F.element_at(F.create_map(*[F.lit(x) for kv in GESLACHT.items() for x in kv]), F.col("dimensies")["Geslacht"]))
    )
    grouped = rows.groupBy(
        "jaar", "regio", "geslacht",
        leeftijdsgroep(F.col("leeftijd")).alias("leeftijdsgroep"),
        F.least((F.col("leeftijd") / 5).cast("int") * 5, F.lit(95)).alias("leeftijd_van"),
    ).agg(F.sum("waarde").cast("long").alias("aantal"))
    safe = suppress_cells(grouped, "aantal", ["jaar", "regio", "geslacht"], settings.onderdrukken_tot)
    return safe.select(
        F.col("jaar").cast("int"),
        F.make_date(F.col("jaar"), F.lit(1), F.lit(1)).alias("peildatum"),
        F.col("regio").alias("gemeentecode"),
        "geslacht",
        "leeftijdsgroep",
        F.col("leeftijd_van").cast("int"),
        "aantal",
        "onderdrukt",
    )

def run(spark: SparkSession, settings: Settings) -> int:
    return overwrite_table(build(read_table(spark, settings, "silver", "cbs_observatie"), settings), settings,
                           "gold", NAME, DESCRIPTION)
