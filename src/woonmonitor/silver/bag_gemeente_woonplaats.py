"""silver.bag_gemeente_woonplaats: which woonplaats belongs to which gemeente when (Kadaster GEM-WPL-RELATIE)."""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.silver.bag_common import latest_delivery, run_table

TABLE = "bag_gemeente_woonplaats"


def build(bronze: DataFrame) -> DataFrame:
    # the relation has no voorkomen id: one period of one woonplaats in one gemeente is one row
    key = ("gemeente_identificatie", "woonplaats_identificatie", "begin_geldigheid")
    return latest_delivery(bronze, key).select(
        F.col("gemeente_identificatie"),
        F.col("woonplaats_identificatie"),
        F.col("begin_geldigheid").try_cast("date").alias("begin_geldigheid"),
        F.col("eind_geldigheid").try_cast("date").alias("eind_geldigheid"),
        F.col("status"),
        F.col("stand_technische_datum").cast("date").alias("stand_technische_datum"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    return run_table(spark, settings, TABLE, build, __doc__.strip())
