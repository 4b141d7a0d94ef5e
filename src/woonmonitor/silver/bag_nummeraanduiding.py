"""silver.bag_nummeraanduiding: one row per voorkomen of each nummeraanduiding (address) of the LV-BAG."""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.silver.bag_common import build_voorkomens, run_table

TABLE = "bag_nummeraanduiding"


def build(bronze: DataFrame) -> DataFrame:
    return build_voorkomens(bronze, [
        F.col("huisnummer").cast("int").alias("huisnummer"),
        F.col("huisletter"),
        F.col("huisnummertoevoeging"),
        F.col("postcode"),
        F.col("type_adresseerbaar_object"),
        F.col("openbare_ruimte_identificatie"),
        # ligtIn is only delivered when the address lies in another woonplaats than its openbare ruimte
        F.col("woonplaats_identificatie"),
    ])


def run(spark: SparkSession, settings: Settings) -> int:
    return run_table(spark, settings, TABLE, build, __doc__.strip())
