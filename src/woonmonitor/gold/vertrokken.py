"""gold.vertrokken: persons who left the gemeente, by the gemeente they went to, per year.

Source CBS 81734NED (Tussen gemeenten verhuisde personen), RegioVanVertrek = the gemeente. Suppression
rule: see :func:`woonmonitor.gold._cbs.verhuisstroom` (1..4 suppressed; a second, smallest flow of the
same year when only one is, because the year's flows add up to a published total).
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold._cbs import lees, schrijf, verhuisstroom

NAME = "vertrokken"
SEED_NAME = "dwh_verhuisstromen.vertrokken"
DESCRIPTION = (
    "Persons who left the gemeente for another Dutch gemeente, per year and gemeente of destination "
    "(bestemming_gemeentecode, CBS GM code). Source: CBS StatLine 81734NED (Tussen gemeenten verhuisde "
    "personen). Unit: persons. Flows of 1 to 4 are suppressed, with a second flow suppressed where the "
    "year total would reveal one."
)


def build(cbs_observatie: DataFrame, settings: Settings) -> DataFrame:
    return verhuisstroom(cbs_observatie, settings, "uit").select(
        F.col("jaar").cast("int"),
        F.col("periode"),
        F.lit(settings.gemeentecode).alias("gemeentecode"),
        F.col("andere_gemeentecode").alias("bestemming_gemeentecode"),
        F.col("aantal").cast("long"),
        # a count CBS did not deliver (null) is not suppressed: the flag is false, not null
        F.coalesce(F.col("onderdrukt"), F.lit(False)).alias("onderdrukt"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    return schrijf(build(lees(spark, settings), settings), settings, NAME, DESCRIPTION)
