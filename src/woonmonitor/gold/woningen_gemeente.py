"""gold.woningen_gemeente: the dwelling stock per peildatum, per woonplaats and for the whole gemeente, by
woningtype and bouwjaarklasse.

Source: :func:`woonmonitor.gold._voorraad.woningen_op_peildata` (BAG). Seed model: dwh_ruimte.woningen_lochem.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold import _voorraad as V
from woonmonitor.tables import overwrite_table

NAME = "woningen_gemeente"
SEED_NAME = "dwh_ruimte.woningen_lochem"
DESCRIPTION = (
    "Dwelling stock (woningvoorraad) on each peildatum per woonplaats (niveau 'woonplaats') and for the whole "
    "gemeente (niveau 'gemeente', woonplaats 'Totaal'), by woningtype and bouwjaarklasse. A woning is a BAG "
    "verblijfsobject with woonfunctie and status in gebruik, in gebruik (niet ingemeten), verbouwing or buiten "
    "gebruik on the date (as CBS counts the stock). Source: BAG. Unit: dwellings. Known limits: woningtype is a "
    "BAG-only approximation ('appartement' when the pand holds more than one woning, else 'eengezinswoning'); "
    "bouwjaar is the pand's oorspronkelijk bouwjaar ('onbekend' when BAG says 9999)."
)


def build(woningen: DataFrame) -> DataFrame:
    """``woningen``: the output of :func:`woonmonitor.gold._voorraad.woningen_op_peildata`."""
    return V.per_woonplaats_en_totaal(
        woningen, ["peildatum", "woningtype", "bouwjaarklasse"], [F.count(F.lit(1)).cast("long").alias("aantal")]
    ).select("peildatum", "niveau", "woonplaats_identificatie", "woonplaats", "woningtype", "bouwjaarklasse", "aantal")


def run(spark: SparkSession, settings: Settings) -> int:
    bag = V.lees_bag(spark, settings)
    woningen = V.woningen_op_peildata(bag["vbo"], bag["pand"], bag["num"], bag["opr"], bag["wpl"],
                                      V.peildata_frame(spark, settings))
    return overwrite_table(build(woningen), settings, "gold", NAME, DESCRIPTION)
