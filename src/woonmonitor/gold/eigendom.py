"""gold.eigendom: the ownership mix of the dwelling stock per woonplaats and for the gemeente.

Source: silver.eigendom (BRK, owner-occupier test against the BRP on its peildatum) joined to the BAG dwelling
stock on the same peildatum. New table (not in the seed).
"""

from __future__ import annotations

import datetime as dt

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.config import Settings
from woonmonitor.gold import _voorraad as V
from woonmonitor.silver.eigendom import CATEGORIEEN
from woonmonitor.tables import overwrite_table, read_or_empty

NAME = "eigendom"
SEED_NAME = "new"
DESCRIPTION = (
    "Ownership mix of the dwelling stock on the BRK's peildatum, per woonplaats and for the whole gemeente: "
    "number and share (0..1) of dwellings per eigendom_categorie (eigenaar_bewoner, woningcorporatie, "
    "overige_rechtspersoon, particuliere_verhuurder, onbekend). Every category appears, with 0 where none. "
    "Source: BRK (silver.eigendom) against the BAG stock, BRP for owner-occupation. Unit: dwellings. Known "
    "limits: the BRK is a current-state source, so there is one peildatum (the latest delivery), no history; "
    "dwellings the BRK does not link to a kadastraal object count as 'onbekend'; housing corporations are "
    "recognised from a declared list."
)

#: the columns of silver.eigendom used here
EIGENDOM = T.StructType([
    T.StructField("adresseerbaar_object_identificatie", T.StringType()),
    T.StructField("peildatum", T.DateType()),
    T.StructField("eigendom_categorie", T.StringType()),
])


def build(woningen: DataFrame, eigendom: DataFrame) -> DataFrame:
    """``woningen``: the stock on the peildatum(s) to show (normally only silver.eigendom's peildatum)."""
    rows = woningen.join(
        eigendom.select("adresseerbaar_object_identificatie", "peildatum", "eigendom_categorie"),
        on=["adresseerbaar_object_identificatie", "peildatum"], how="left",
    ).withColumn("eigendom_categorie", F.coalesce(F.col("eigendom_categorie"), F.lit("onbekend")))
    categorieen = rows.sparkSession.createDataFrame([(c,) for c in CATEGORIEEN], "eigendom_categorie string")
    counts = V.per_woonplaats_en_totaal(rows, ["peildatum", "eigendom_categorie"], [F.count(F.lit(1)).alias("aantal")])
    place = ["peildatum", "niveau", "woonplaats_identificatie", "woonplaats"]
    totals = V.per_woonplaats_en_totaal(rows, ["peildatum"], [F.count(F.lit(1)).alias("_totaal")])
    # every category in every place, 0 where none, so shares add up to 1 and the dashboard shows the zeros
    grid = totals.join(F.broadcast(categorieen), how="cross")
    joined = grid.alias("g").join(
        counts.alias("c"),
        on=[F.col(f"g.{c}").eqNullSafe(F.col(f"c.{c}")) for c in [*place, "eigendom_categorie"]],
        how="left",
    )
    aantal = F.coalesce(F.col("c.aantal"), F.lit(0)).cast("long")
    return joined.select(
        *[F.col(f"g.{c}").alias(c) for c in place],
        F.col("g.eigendom_categorie").alias("eigendom_categorie"),
        aantal.alias("aantal"),
        (aantal / F.col("g._totaal")).alias("aandeel"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    eigendom = read_or_empty(spark, settings, "silver", "eigendom", EIGENDOM)
    latest = eigendom.agg(F.max("peildatum")).first()[0]
    peildatum: dt.date = latest or settings.peildatum_tot()
    bag = V.lees_bag(spark, settings)
    peil = spark.createDataFrame([(peildatum,)], V.PEILDATA_SCHEMA)
    woningen = V.woningen_op_peildata(bag["vbo"], bag["pand"], bag["num"], bag["opr"], bag["wpl"], peil)
    return overwrite_table(build(woningen, eigendom), settings, "gold", NAME, DESCRIPTION)
