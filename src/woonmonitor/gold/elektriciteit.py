"""gold.elektriciteit: average electricity supplied to private dwellings in the gemeente, per year and type.

Source CBS 81528NED (GemiddeldeElektriciteitslevering, kWh per dwelling per year: delivered from the
grid, so dwellings with solar panels show less), the gemeente only. Averages: no suppression needed.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold._cbs import energieverbruik, lees, schrijf

NAME = "elektriciteit"
SEED_NAME = "dwh_duurzaamheid.elektriciteit"
DESCRIPTION = (
    "Average electricity supplied to a private dwelling in the gemeente, per year and per dwelling type "
    "(all dwellings, detached, semi-detached, corner, terraced, apartment; ownership where CBS delivers "
    "it). Supply from the grid, so own solar generation lowers it. Source: CBS StatLine 81528NED "
    "(Energieverbruik particuliere woningen; woningtype en regio's). Unit: kWh per dwelling per year."
)


def build(cbs_observatie: DataFrame, settings: Settings) -> DataFrame:
    rows = energieverbruik(cbs_observatie, [settings.gemeentecode]).where(F.col("energiedrager") == "elektriciteit")
    return rows.select(
        "jaar",
        F.col("regio").alias("gemeentecode"),
        "woningkenmerk_code",
        "woningkenmerk",
        F.col("waarde").cast("double").alias("gemiddelde_elektriciteitslevering_kwh"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    return schrijf(build(lees(spark, settings), settings), settings, NAME, DESCRIPTION)
