"""gold.woningtypes_huishoudtypes: households per woningtype x huishoudtype per peildatum, for the gemeente.

Seed model: dwh_ruimte.woningtypes_huishoudtypes. Suppressed together with gold.huishoudtypes_per_woonplaats
(they share the gemeente's totals per huishoudtype), see :func:`woonmonitor.gold._bewoning.huishoudens_kubus`.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold import _bewoning as B
from woonmonitor.tables import overwrite_table

NAME = "woningtypes_huishoudtypes"
SEED_NAME = "dwh_ruimte.woningtypes_huishoudtypes"
DESCRIPTION = (
    "Which kinds of households live in which kinds of dwellings? Households in the gemeente per woningtype x "
    "huishoudtype on each peildatum (1 January of every year plus the latest delivery date). Sources: BRP-derived "
    "households (silver.huishouden) and the BAG dwelling stock (woningtype: a BAG-only approximation, "
    "'appartement' when the pand holds more than one woning, else 'eengezinswoning'; 'geen woning' for households "
    "at an address that is not a woning in the stock, e.g. a care home). Unit: households. Margins are rows "
    "with woningtype or huishoudtype 'totaal'. Counts of 1 to 4 are null with onderdrukt = true, plus the cells "
    "needed so that no total minus its visible parts reveals them. " + B.BRP_ONLY
)


def build_from_huishoudens(huishoudens: DataFrame, settings: Settings) -> DataFrame:
    cube = B.huishoudens_kubus(huishoudens, settings.onderdrukken_tot)
    return cube.where(F.col("woonplaats_key") == B.GEMEENTE_KEY).select(
        "peildatum",
        F.lit(settings.gemeentecode).alias("gemeentecode"),
        "woningtype",
        "huishoudtype",
        B.label(B.HUISHOUDTYPE_LABELS, F.col("huishoudtype")).alias("huishoudtype_omschrijving"),
        F.col("aantal_huishoudens").cast("long").alias("aantal_huishoudens"),
        "onderdrukt",
    )


def build(silver: dict, settings: Settings) -> DataFrame:
    return build_from_huishoudens(B.basis(silver, settings)["huishoudens"], settings)


def run(spark: SparkSession, settings: Settings) -> int:
    return overwrite_table(build(B.lees_silver(spark, settings), settings), settings, "gold", NAME, DESCRIPTION)
