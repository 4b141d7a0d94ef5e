"""gold.opgesteld_vermogen: solar power installations and capacity, gemeente beside Nederland, by sector.

Source CBS 85005NED, regions the gemeente and NL01, every SectorEnVermogensklasse code delivered (all,
dwellings, companies, capacity classes). Installations are not persons: counts are not suppressed
(CBS publishes them per municipality itself).
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold._cbs import lees, schrijf, zonnestroom
from woonmonitor.sources.cbs_catalog import NEDERLAND

NAME = "opgesteld_vermogen"
SEED_NAME = "dwh_duurzaamheid.opgesteld_vermogen"
DESCRIPTION = (
    "Solar power per year for the gemeente and for Nederland, by sector (all, dwellings, companies) and "
    "capacity class: number of installations, installed panel capacity, average capacity per "
    "installation and electricity produced. Source: CBS StatLine 85005NED (Zonnestroom; vermogen en "
    "vermogensklasse, bedrijven en woningen, regio). Units: installations, kWp, mln kWh."
)


def build(cbs_observatie: DataFrame, settings: Settings) -> DataFrame:
    wide = zonnestroom(cbs_observatie, [settings.gemeentecode, NEDERLAND])
    return wide.select(
        F.col("jaar").cast("int"),
        F.col("regio"),
        F.when(F.col("regio") == NEDERLAND, F.lit("nederland")).otherwise(F.lit("gemeente")).alias("regio_soort"),
        "sector_code",
        "sector",
        F.col("installaties").cast("long"),
        F.col("opgesteld_vermogen_kwp").cast("double"),
        F.when(F.col("installaties") > 0, F.round(F.col("opgesteld_vermogen_kwp") / F.col("installaties"), 2))
        .cast("double")
        .alias("vermogen_per_installatie_kwp"),
        F.col("productie_mln_kwh").cast("double"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    return schrijf(build(lees(spark, settings), settings), settings, NAME, DESCRIPTION)
