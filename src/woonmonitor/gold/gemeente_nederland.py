"""gold.gemeente_nederland: the gemeente's average dwelling energy use beside that of Nederland.

Source CBS 81528NED for the gemeente and NL01: per year, energy carrier and Woningkenmerken code, both
averages, their difference and the difference in percent of the national figure. A side missing in
the delivery stays null (full outer by construction: one group per year/carrier/code).
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold._cbs import energieverbruik, lees, schrijf
from woonmonitor.sources.cbs_catalog import NEDERLAND

NAME = "gemeente_nederland"
SEED_NAME = "dwh_duurzaamheid.lochem_nederland"
DESCRIPTION = (
    "The gemeente beside Nederland: average natural-gas consumption (m3) and electricity supply (kWh) of "
    "a private dwelling per year and dwelling type, for the gemeente and for the whole country, with the "
    "difference and the difference as a percentage of the national average. Source: CBS StatLine 81528NED "
    "(Energieverbruik particuliere woningen; woningtype en regio's). Unit: m3 or kWh per dwelling per year."
)
_EENHEID = {"aardgas": "m3", "elektriciteit": "kWh"}


def build(cbs_observatie: DataFrame, settings: Settings) -> DataFrame:
    rows = energieverbruik(cbs_observatie, [settings.gemeentecode, NEDERLAND])
    paired = rows.groupBy("jaar", "energiedrager", "woningkenmerk_code", "woningkenmerk").agg(
        F.max(F.when(F.col("regio") == settings.gemeentecode, F.col("waarde"))).alias("gemeente"),
        F.max(F.when(F.col("regio") == NEDERLAND, F.col("waarde"))).alias("nederland"),
    )
    eenheid = F.element_at(F.create_map(*[F.lit(x) for kv in _EENHEID.items() for x in kv]), F.col("energiedrager"))
    verschil = F.col("gemeente") - F.col("nederland")
    return paired.select(
        "jaar",
        F.lit(settings.gemeentecode).alias("gemeentecode"),
        "energiedrager",
        eenheid.alias("eenheid"),
        "woningkenmerk_code",
        "woningkenmerk",
        F.col("gemeente").cast("double"),
        F.col("nederland").cast("double"),
        verschil.cast("double").alias("verschil"),
        F.when(F.col("nederland") != 0, F.round(verschil * 100.0 / F.col("nederland"), 1))
        .cast("double")
        .alias("verschil_pct"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    return schrijf(build(lees(spark, settings), settings), settings, NAME, DESCRIPTION)
