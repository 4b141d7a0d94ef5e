"""silver.bag_openbare_ruimte: one row per voorkomen of each openbare ruimte (street, water, ...) of the LV-BAG."""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.silver.bag_common import build_voorkomens, run_table

TABLE = "bag_openbare_ruimte"


def build(bronze: DataFrame) -> DataFrame:
    return build_voorkomens(bronze, [
        F.col("naam"),
        F.col("type"),
        F.col("woonplaats_identificatie"),
        F.col("verkorte_naam"),
    ])


def run(spark: SparkSession, settings: Settings) -> int:
    return run_table(spark, settings, TABLE, build, __doc__.strip())
