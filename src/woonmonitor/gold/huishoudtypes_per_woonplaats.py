"""gold.huishoudtypes_per_woonplaats (mart): households per huishoudtype per woonplaats per peildatum, with shares.

Seed mart: marts.huishoudtypes_per_woonplaats. Holds the gemeente rows (niveau 'gemeente') and the totals
(huishoudtype 'totaal') too, so gold.huishoudtypes and gold.huishouden are read from it and always agree.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold import _bewoning as B
from woonmonitor.tables import overwrite_table

NAME = "huishoudtypes_per_woonplaats"
SEED_NAME = "marts.huishoudtypes_per_woonplaats"
DESCRIPTION = (
    "What is the household mix of each woonplaats (kern)? Households per huishoudtype (CBS typing: eenpersoons, "
    "paar zonder kinderen, paar met kinderen, eenouder, overig; 'totaal' = all households) per woonplaats and "
    "for the whole gemeente (niveau 'gemeente') on each peildatum, with aandeel = percentage of the households "
    "of that woonplaats. Source: BRP-derived households (silver.huishouden), woonplaats from the BAG address. "
    "Unit: households, percent. Counts of 1 to 4 are null with onderdrukt = true, plus the cells needed so that "
    "no total minus its visible parts reveals them (across types and across woonplaatsen); the share of a "
    "suppressed count, or of a woonplaats whose total is suppressed, is null. " + B.BRP_ONLY
)


def build_from(huishoudens: DataFrame, bewoners: DataFrame, settings: Settings) -> DataFrame:
    cube = B.huishoudens_kubus(huishoudens, settings.onderdrukken_tot).where(F.col("woningtype") == B.TOTAAL)
    rows = B.met_woonplaats(cube, B.woonplaats_namen(bewoners))
    total = F.max(F.when(F.col("huishoudtype") == B.TOTAAL, F.col("aantal_huishoudens"))).over(
        Window.partitionBy("peildatum", "woonplaats_key")
    )
    return rows.select(
        "peildatum",
        F.lit(settings.gemeentecode).alias("gemeentecode"),
        "niveau",
        "woonplaats_identificatie",
        "woonplaats",
        "huishoudtype",
        B.label(B.HUISHOUDTYPE_LABELS, F.col("huishoudtype")).alias("huishoudtype_omschrijving"),
        F.col("aantal_huishoudens").cast("long").alias("aantal_huishoudens"),
        F.round(F.try_divide(F.col("aantal_huishoudens") * 100.0, total), 1).alias("aandeel"),
        "onderdrukt",
    )


def build(silver: dict, settings: Settings) -> DataFrame:
    base = B.basis(silver, settings)
    return build_from(base["huishoudens"], base["bewoners"], settings)


def run(spark: SparkSession, settings: Settings) -> int:
    return overwrite_table(build(B.lees_silver(spark, settings), settings), settings, "gold", NAME, DESCRIPTION)
