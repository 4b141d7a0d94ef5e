"""silver.bag_pand: one row per voorkomen of each pand (LV-BAG); oorspronkelijk_bouwjaar null where the source says 9999 (unknown)."""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.silver.bag_common import build_voorkomens, run_table

TABLE = "bag_pand"


def build(bronze: DataFrame) -> DataFrame:
    return build_voorkomens(bronze, [
        # 9999 is the BAG code for an unknown construction year, not a year
        F.when(F.col("oorspronkelijk_bouwjaar") != 9999, F.col("oorspronkelijk_bouwjaar").cast("int")).alias("oorspronkelijk_bouwjaar"),
        F.col("geometrie_wkt"),
    ])


def run(spark: SparkSession, settings: Settings) -> int:
    return run_table(spark, settings, TABLE, build, __doc__.strip())
