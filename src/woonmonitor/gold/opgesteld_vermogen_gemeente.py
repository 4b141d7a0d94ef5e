"""gold.opgesteld_vermogen_gemeente: solar power in the gemeente per year and sector, with the yearly increase.

Source CBS 85005NED, the gemeente only. The increase is against the previous year in the table for the
same sector (null for the first year, or when the previous year is missing: no gap is bridged).
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold._cbs import lees, schrijf, zonnestroom

NAME = "opgesteld_vermogen_gemeente"
SEED_NAME = "dwh_duurzaamheid.opgesteld_vermogen_lochem"
DESCRIPTION = (
    "Solar power in the gemeente per year and sector (all, dwellings, companies, capacity classes): number "
    "of installations, installed panel capacity, inverter capacity, electricity produced, and the increase "
    "in installations and panel capacity since the previous year. Source: CBS StatLine 85005NED "
    "(Zonnestroom; vermogen en vermogensklasse, bedrijven en woningen, regio). Units: installations, kWp, "
    "kW, mln kWh."
)


def build(cbs_observatie: DataFrame, settings: Settings) -> DataFrame:
    wide = zonnestroom(cbs_observatie, [settings.gemeentecode])
    w = Window.partitionBy("sector_code").orderBy("jaar")
    vorig_jaar = F.lag("jaar").over(w)

    def toename(col: str) -> F.Column:
        return F.when(vorig_jaar == F.col("jaar") - 1, F.col(col) - F.lag(col).over(w))

    return wide.select(
        F.col("jaar").cast("int"),
        F.col("regio").alias("gemeentecode"),
        "sector_code",
        "sector",
        F.col("installaties").cast("long"),
        F.col("opgesteld_vermogen_kwp").cast("double"),
        F.col("vermogen_omvormers_kw").cast("double"),
        F.col("productie_mln_kwh").cast("double"),
        toename("installaties").cast("long").alias("toename_installaties"),
        toename("opgesteld_vermogen_kwp").cast("double").alias("toename_vermogen_kwp"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    return schrijf(build(lees(spark, settings), settings), settings, NAME, DESCRIPTION)
