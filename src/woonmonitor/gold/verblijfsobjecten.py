"""gold.verblijfsobjecten: every verblijfsobject per peildatum by gebruiksdoel, status and woonplaats (counts).

Source: silver.bag_verblijfsobject (state on each peildatum), its hoofdadres for the woonplaats (see
:mod:`woonmonitor.gold._voorraad`). Seed model: dwh_ruimte.verblijfsobjecten.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold import _voorraad as V
from woonmonitor.tables import overwrite_table

NAME = "verblijfsobjecten"
SEED_NAME = "dwh_ruimte.verblijfsobjecten"
DESCRIPTION = (
    "Number of BAG verblijfsobjecten on each peildatum (1 January of each year and the latest delivery date) "
    "per woonplaats, gebruiksdoel and status, including objects not (yet or any more) in use, so the dashboard "
    "can filter on status. Source: BAG (silver.bag_verblijfsobject, state valid on the date; woonplaats from the "
    "hoofdadres). Unit: verblijfsobjecten. Known limits: an object with several gebruiksdoelen counts once under "
    "each of them, so the sum over gebruiksdoelen exceeds the number of objects; an object without gebruiksdoel "
    "counts under 'onbekend'; ingetrokken objects stay visible with that status after their withdrawal."
)


def build(vbo: DataFrame, num: DataFrame, opr: DataFrame, wpl: DataFrame, peildata: DataFrame) -> DataFrame:
    objecten = V.verblijfsobjecten_op_peildata(vbo, num, opr, wpl, peildata).withColumn(
        "gebruiksdoel", F.explode_outer("gebruiksdoelen")
    )
    return objecten.groupBy(
        "peildatum",
        "woonplaats_identificatie",
        V.woonplaats_label().alias("woonplaats"),
        F.coalesce(F.col("gebruiksdoel"), F.lit(V.ONBEKEND)).alias("gebruiksdoel"),
        F.coalesce(F.col("status"), F.lit(V.ONBEKEND)).alias("status"),
    ).agg(F.count(F.lit(1)).alias("aantal")).select(
        "peildatum", "woonplaats_identificatie", "woonplaats", "gebruiksdoel", "status",
        F.col("aantal").cast("long").alias("aantal"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    bag = V.lees_bag(spark, settings)
    df = build(bag["vbo"], bag["num"], bag["opr"], bag["wpl"], V.peildata_frame(spark, settings))
    return overwrite_table(df, settings, "gold", NAME, DESCRIPTION)
