"""gold.woningen (mart): what the Woningen dashboard shows, one row per peildatum per woonplaats (and for the
gemeente): number of dwellings, mean area, share of appartementen, mean WOZ value, share owned by housing
corporations.

Sources: the BAG dwelling stock (:mod:`woonmonitor.gold._voorraad`), silver.woz_waarde, silver.eigendom.
Seed mart: marts.woningen_lochem.
"""

from __future__ import annotations


from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold import _voorraad as V
from woonmonitor.gold.eigendom import EIGENDOM
from woonmonitor.gold.woz import WOZ_WAARDE
from woonmonitor.tables import overwrite_table, read_or_empty

NAME = "woningen"
SEED_NAME = "marts.woningen_lochem"
DESCRIPTION = (
    "Woningen dashboard mart: per peildatum (1 January of each year and the latest delivery) per woonplaats and "
    "for the gemeente (niveau 'gemeente', woonplaats 'Totaal'): number of dwellings (BAG), mean gebruiksoppervlakte "
    "in m2, share of appartementen (BAG-only woningtype approximation), mean WOZ value in euros of the latest "
    "waardepeildatum on or before the peildatum (shared WOZ objects left out; woz_waardepeildatum says which) and "
    "the share of dwellings owned by a woningcorporatie (BRK: only on the BRK's own peildatum, null on the other "
    "dates because the BRK has no history; dwellings absent from the BRK count in the denominator). Shares are "
    "fractions 0..1."
)


def build(woningen: DataFrame, woz_waarde: DataFrame, eigendom: DataFrame) -> DataFrame:
    """``woningen``: woningen_op_peildata on the peildata; ``woz_waarde``/``eigendom``: their silver tables."""
    peil = woningen.select("peildatum").distinct()
    wpd = woz_waarde.select("waardepeildatum").distinct()
    # per peildatum one valuation round: the latest waardepeildatum on or before it
    ronde = peil.join(wpd, on=F.col("waardepeildatum") <= F.col("peildatum"), how="inner").groupBy("peildatum").agg(
        F.max("waardepeildatum").alias("woz_waardepeildatum")
    )
    waarden = woz_waarde.where(~F.coalesce(F.col("gedeeld_object"), F.lit(False))).select(
        "adresseerbaar_object_identificatie", F.col("waardepeildatum").alias("woz_waardepeildatum"),
        F.col("vastgestelde_waarde").alias("_woz"),
    )
    eigen = eigendom.select(
        "adresseerbaar_object_identificatie", "peildatum", F.col("eigendom_categorie").alias("_categorie")
    )
    brk_data = eigendom.select("peildatum").distinct().withColumn("_brk", F.lit(True))
    rows = (
        woningen.join(ronde, on="peildatum", how="left")
        .join(waarden, on=["adresseerbaar_object_identificatie", "woz_waardepeildatum"], how="left")
        .join(eigen, on=["adresseerbaar_object_identificatie", "peildatum"], how="left")
        .join(brk_data, on="peildatum", how="left")
    )
    result = V.per_woonplaats_en_totaal(rows, ["peildatum"], [
        F.count(F.lit(1)).alias("_n"),
        F.avg("oppervlakte").alias("_opp"),
        F.sum((F.col("woningtype") == V.APPARTEMENT).cast("long")).alias("_app"),
        F.max("woz_waardepeildatum").alias("woz_waardepeildatum"),
        F.avg("_woz").alias("_woz"),
        F.max("_brk").alias("_brk"),
        F.sum((F.col("_categorie") == "woningcorporatie").cast("long")).alias("_corp"),
    ])
    return result.select(
        "peildatum", "niveau", "woonplaats_identificatie", "woonplaats",
        F.col("_n").cast("long").alias("woningen"),
        F.round("_opp", 1).alias("gemiddelde_oppervlakte"),
        (F.col("_app") / F.col("_n")).alias("aandeel_appartement"),
        "woz_waardepeildatum",
        F.round("_woz").cast("long").alias("gemiddelde_woz"),
        F.when(F.col("_brk"), F.coalesce(F.col("_corp"), F.lit(0)) / F.col("_n")).alias("aandeel_woningcorporatie"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    bag = V.lees_bag(spark, settings)
    woningen = V.woningen_op_peildata(bag["vbo"], bag["pand"], bag["num"], bag["opr"], bag["wpl"],
                                      V.peildata_frame(spark, settings))
    woz_waarde = read_or_empty(spark, settings, "silver", "woz_waarde", WOZ_WAARDE)
    eigendom = read_or_empty(spark, settings, "silver", "eigendom", EIGENDOM)
    return overwrite_table(build(woningen, woz_waarde, eigendom), settings, "gold", NAME, DESCRIPTION)
