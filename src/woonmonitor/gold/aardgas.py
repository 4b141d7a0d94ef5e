"""gold.aardgas: average natural-gas use of private dwellings in the gemeente, per year and dwelling type.

Source CBS 81528NED (GemiddeldAardgasverbruik, m3 per dwelling per year), the gemeente only, every
Woningkenmerken code delivered (total, dwelling types, ownership). Averages: no suppression needed.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold._cbs import energieverbruik, lees, schrijf

NAME = "aardgas"
SEED_NAME = "dwh_duurzaamheid.aardgas"
DESCRIPTION = (
    "Average natural-gas consumption of a private dwelling in the gemeente, per year and per dwelling "
    "type (all dwellings, detached, semi-detached, corner, terraced, apartment; ownership where CBS "
    "delivers it). Source: CBS StatLine 81528NED (Energieverbruik particuliere woningen; woningtype en "
    "regio's). Unit: m3 per dwelling per year."
)


def build(cbs_observatie: DataFrame, settings: Settings) -> DataFrame:
    rows = energieverbruik(cbs_observatie, [settings.gemeentecode]).where(F.col("energiedrager") == "aardgas")
    return rows.select(
        "jaar",
        F.col("regio").alias("gemeentecode"),
        "woningkenmerk_code",
        "woningkenmerk",
        F.col("waarde").cast("double").alias("gemiddeld_aardgasverbruik_m3"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    return schrijf(build(lees(spark, settings), settings), settings, NAME, DESCRIPTION)
