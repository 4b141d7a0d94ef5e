"""gold.bag_num_recent: the number of addresses (nummeraanduidingen) per woonplaats and postcode per peildatum.

Source: silver.bag_nummeraanduiding, status 'Naamgeving uitgegeven' valid on the date. Seed model:
dwh_ruimte.bag_num_recent (which held the current addresses; here it is a time series whose latest peildatum is
the "recent" figure). No person data.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold import _voorraad as V
from woonmonitor.tables import overwrite_table

NAME = "bag_num_recent"
SEED_NAME = "dwh_ruimte.bag_num_recent"
DESCRIPTION = (
    "Number of addresses (BAG nummeraanduidingen with status 'Naamgeving uitgegeven') per woonplaats, postcode "
    "and type of addressed object (verblijfsobject, ligplaats, standplaats) on each peildatum; the latest "
    "peildatum is the current address count. Source: BAG (silver.bag_nummeraanduiding; woonplaats from 'ligt in', "
    "else from the openbare ruimte). Unit: addresses. Known limits: addresses without postcode count under "
    "postcode null; withdrawn addresses (Naamgeving ingetrokken) are not counted."
)
UITGEGEVEN = "Naamgeving uitgegeven"


def build(num: DataFrame, opr: DataFrame, wpl: DataFrame, peildata: DataFrame) -> DataFrame:
    # only addresses that exist on the date (adres_woonplaats also fills attributes of not-yet-valid ones)
    bestaand = (
        V.op_peildata(num, peildata).where(F.col("status") == UITGEGEVEN)
        .select(F.col("identificatie").alias("nummeraanduiding_identificatie"), "peildatum")
    )
    adres = V.adres_woonplaats(num, opr, wpl, peildata)
    return (
        bestaand.join(adres, on=["nummeraanduiding_identificatie", "peildatum"], how="left")
        .groupBy(
            "peildatum", "woonplaats_identificatie", V.woonplaats_label().alias("woonplaats"), "postcode",
            "type_adresseerbaar_object",
        )
        .agg(F.count(F.lit(1)).cast("long").alias("aantal"))
        .select("peildatum", "woonplaats_identificatie", "woonplaats", "postcode", "type_adresseerbaar_object", "aantal")
    )


def run(spark: SparkSession, settings: Settings) -> int:
    bag = V.lees_bag(spark, settings)
    df = build(bag["num"], bag["opr"], bag["wpl"], V.peildata_frame(spark, settings))
    return overwrite_table(df, settings, "gold", NAME, DESCRIPTION)
