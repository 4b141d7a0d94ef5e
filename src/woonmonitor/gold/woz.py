"""gold.woz: WOZ value of the dwellings per waardepeildatum, per woonplaats and for the gemeente.

Source: silver.woz_waarde joined to the dwelling stock on the waardepeildatum itself
(:func:`woonmonitor.gold._voorraad.woningen_op_peildata`). Seed model: dwh_ruimte.woz.

Shared WOZ objects (``gedeeld_object``: one value for several dwellings, e.g. a care complex) are left out of
the mean and the median, as silver.woz_waarde advises; they are counted in ``aantal_gedeeld_object``.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.config import Settings
from woonmonitor.gold import _voorraad as V
from woonmonitor.tables import overwrite_table, read_or_empty

NAME = "woz"
SEED_NAME = "dwh_ruimte.woz"
DESCRIPTION = (
    "WOZ value of dwellings per waardepeildatum (belastingjaar = the following year), per woonplaats and for "
    "the whole gemeente: number of dwellings in the BAG stock on the waardepeildatum, how many have an own WOZ "
    "value, and the mean and median vastgestelde waarde in euros. Source: WOZ (silver.woz_waarde) and BAG. "
    "Known limits: a WOZ value shared by several dwellings (gedeeld_object) is left out of mean and median; "
    "dwellings completed after the waardepeildatum (valued on that date as if finished) are not in that date's "
    "stock and so not averaged; ligplaatsen and standplaatsen are not dwellings here."
)

#: the columns of silver.woz_waarde used here
WOZ_WAARDE = T.StructType([
    T.StructField("adresseerbaar_object_identificatie", T.StringType()),
    T.StructField("waardepeildatum", T.DateType()),
    T.StructField("vastgestelde_waarde", T.LongType()),
    T.StructField("gedeeld_object", T.BooleanType()),
])


def build(woz_waarde: DataFrame, woningen: DataFrame) -> DataFrame:
    """``woningen``: :func:`~woonmonitor.gold._voorraad.woningen_op_peildata` on the waardepeildata."""
    waarden = woz_waarde.select(
        "adresseerbaar_object_identificatie",
        F.col("waardepeildatum").alias("peildatum"),
        "vastgestelde_waarde",
        F.coalesce(F.col("gedeeld_object"), F.lit(False)).alias("_gedeeld"),
    )
    rows = woningen.join(waarden, on=["adresseerbaar_object_identificatie", "peildatum"], how="left")
    eigen = F.when(~F.col("_gedeeld"), F.col("vastgestelde_waarde"))
    result = V.per_woonplaats_en_totaal(rows, ["peildatum"], [
        F.count(F.lit(1)).alias("aantal_woningen"),
        F.count(eigen).alias("aantal_met_waarde"),
        F.count(F.when(F.col("_gedeeld"), F.lit(1))).alias("aantal_gedeeld_object"),
        F.avg(eigen).alias("_gemiddeld"),
        F.median(eigen).alias("_mediaan"),
    ])
    return result.select(
        F.col("peildatum").alias("waardepeildatum"),
        (F.year("peildatum") + 1).cast("int").alias("belastingjaar"),
        "niveau", "woonplaats_identificatie", "woonplaats",
        F.col("aantal_woningen").cast("long").alias("aantal_woningen"),
        F.col("aantal_met_waarde").cast("long").alias("aantal_met_waarde"),
        F.col("aantal_gedeeld_object").cast("long").alias("aantal_gedeeld_object"),
        F.round("_gemiddeld").cast("long").alias("gemiddelde_waarde"),
        F.round("_mediaan").cast("long").alias("mediaan_waarde"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    woz_waarde = read_or_empty(spark, settings, "silver", "woz_waarde", WOZ_WAARDE)
    waardepeildata = woz_waarde.select(F.col("waardepeildatum").alias("peildatum")).where(
        F.col("peildatum").isNotNull()).distinct()
    bag = V.lees_bag(spark, settings)
    woningen = V.woningen_op_peildata(bag["vbo"], bag["pand"], bag["num"], bag["opr"], bag["wpl"], waardepeildata)
    return overwrite_table(build(woz_waarde, woningen), settings, "gold", NAME, DESCRIPTION)
