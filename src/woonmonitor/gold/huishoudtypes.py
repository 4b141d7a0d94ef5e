"""gold.huishoudtypes (mart): households per huishoudtype for the whole gemeente per peildatum, with shares.

Seed mart: marts.huishoudtypes. The gemeente rows of gold.huishoudtypes_per_woonplaats (same suppression).
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold import _bewoning as B
from woonmonitor.tables import overwrite_table, read_table

NAME = "huishoudtypes"
SEED_NAME = "marts.huishoudtypes"
DESCRIPTION = (
    "What is the household mix of the gemeente, year by year? Households per huishoudtype ('totaal' = all) on "
    "each peildatum, with aandeel = percentage of all households. Source: gold.huishoudtypes_per_woonplaats "
    "(BRP-derived households). Unit: households, percent. Counts of 1 to 4 are null with onderdrukt = true "
    "(with secondary suppression). " + B.BRP_ONLY
)


def build(huishoudtypes_per_woonplaats: DataFrame) -> DataFrame:
    return huishoudtypes_per_woonplaats.where(F.col("niveau") == "gemeente").select(
        "peildatum",
        "gemeentecode",
        "huishoudtype",
        "huishoudtype_omschrijving",
        "aantal_huishoudens",
        "aandeel",
        "onderdrukt",
    )


def run(spark: SparkSession, settings: Settings) -> int:
    source = read_table(spark, settings, "gold", "huishoudtypes_per_woonplaats")
    return overwrite_table(build(source), settings, "gold", NAME, DESCRIPTION)
