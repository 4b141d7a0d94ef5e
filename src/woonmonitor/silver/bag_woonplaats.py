"""silver.bag_woonplaats: one row per voorkomen of each woonplaats of the LV-BAG (identificatie: 4 digits)."""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.silver.bag_common import build_voorkomens, run_table

TABLE = "bag_woonplaats"


def build(bronze: DataFrame) -> DataFrame:
    return build_voorkomens(bronze, [
        F.col("naam"),
        F.col("geometrie_wkt"),
    ])


def run(spark: SparkSession, settings: Settings) -> int:
    return run_table(spark, settings, TABLE, build, __doc__.strip())
