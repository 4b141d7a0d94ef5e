"""silver.bag_verblijfsobject: one row per voorkomen of each verblijfsobject (LV-BAG), deduplicated across deliveries; is_woning = gebruiksdoel woonfunctie."""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.silver.bag_common import build_voorkomens, run_table

TABLE = "bag_verblijfsobject"


def build(bronze: DataFrame) -> DataFrame:
    return build_voorkomens(bronze, [
        F.col("gebruiksdoelen"),
        F.col("oppervlakte").cast("int").alias("oppervlakte"),
        F.col("hoofdadres_identificatie"),
        F.col("nevenadres_identificaties"),
        F.col("pand_identificaties"),
        F.col("geometrie_wkt"),
        # a woning (dwelling) is a verblijfsobject with woonfunctie among its gebruiksdoelen (CBS, BAG)
        F.coalesce(F.array_contains(F.col("gebruiksdoelen"), "woonfunctie"), F.lit(False)).alias("is_woning"),
    ])


def run(spark: SparkSession, settings: Settings) -> int:
    return run_table(spark, settings, TABLE, build, __doc__.strip())
