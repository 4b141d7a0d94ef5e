"""gold.woningtypes_en_huishoudtypes (mart): gold.woningtypes_huishoudtypes for the dashboard, with shares.

Seed mart: marts.woningtypes_en_huishoudtypes.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold import _bewoning as B
from woonmonitor.tables import overwrite_table, read_table

NAME = "woningtypes_en_huishoudtypes"
SEED_NAME = "marts.woningtypes_en_huishoudtypes"
DESCRIPTION = (
    "Which households live in each woningtype, and where does each huishoudtype live? Per peildatum, woningtype "
    "and huishoudtype (no totals rows): aantal_huishoudens, aandeel_van_woningtype (percentage of the households "
    "in that woningtype) and aandeel_van_huishoudtype (percentage of the households of that type). Source: "
    "gold.woningtypes_huishoudtypes (BRP-derived households in the BAG dwelling stock; woningtype is a BAG-only "
    "approximation). Unit: households, percent. Suppressed counts (1 to 4, or secondary) are null with "
    "onderdrukt = true, and so are their shares and every share of a suppressed total. " + B.BRP_ONLY
)


def build(woningtypes_huishoudtypes: DataFrame) -> DataFrame:
    n = F.col("aantal_huishoudens")
    per_woningtype = Window.partitionBy("peildatum", "gemeentecode", "woningtype")
    per_huishoudtype = Window.partitionBy("peildatum", "gemeentecode", "huishoudtype")
    woningtype_total = F.max(F.when(F.col("huishoudtype") == B.TOTAAL, n)).over(per_woningtype)
    huishoudtype_total = F.max(F.when(F.col("woningtype") == B.TOTAAL, n)).over(per_huishoudtype)
    return (
        woningtypes_huishoudtypes.withColumn("_wt", woningtype_total)
        .withColumn("_ht", huishoudtype_total)
        .where((F.col("woningtype") != B.TOTAAL) & (F.col("huishoudtype") != B.TOTAAL))
        .select(
            "peildatum",
            "gemeentecode",
            "woningtype",
            "huishoudtype",
            "huishoudtype_omschrijving",
            "aantal_huishoudens",
            F.round(F.try_divide(n * 100.0, F.col("_wt")), 1).alias("aandeel_van_woningtype"),
            F.round(F.try_divide(n * 100.0, F.col("_ht")), 1).alias("aandeel_van_huishoudtype"),
            "onderdrukt",
        )
    )


def run(spark: SparkSession, settings: Settings) -> int:
    source = read_table(spark, settings, "gold", "woningtypes_huishoudtypes")
    return overwrite_table(build(source), settings, "gold", NAME, DESCRIPTION)
