"""silver.bag_standplaats: one row per voorkomen of each standplaats (caravan pitch) of the LV-BAG."""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.silver.bag_common import build_voorkomens, run_table

TABLE = "bag_standplaats"


def build(bronze: DataFrame) -> DataFrame:
    return build_voorkomens(bronze, [
        F.col("hoofdadres_identificatie"),
        F.col("nevenadres_identificaties"),
        F.col("geometrie_wkt"),
    ])


def run(spark: SparkSession, settings: Settings) -> int:
    return run_table(spark, settings, TABLE, build, __doc__.strip())
