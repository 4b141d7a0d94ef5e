"""gold.huishouden (mart): households per woonplaats per peildatum: count, persons, mean size and the mix.

Seed mart: marts.huishouden. Read from gold.huishoudtypes_per_woonplaats and gold.brp, so every figure here
equals (and is suppressed like) the same figure there.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold import _bewoning as B
from woonmonitor.silver.huishouden import HUISHOUDTYPES
from woonmonitor.tables import overwrite_table, read_table

NAME = "huishouden"
SEED_NAME = "marts.huishouden"
DESCRIPTION = (
    "How many households live in each woonplaats (kern) and in the gemeente (niveau 'gemeente'), how large are "
    "they on average and what is their mix, on each peildatum? aantal_huishoudens, aantal_personen (persons "
    "living in these households: the BRP population of gold.brp), gemiddelde_huishoudensgrootte = persons / "
    "households, and one count per huishoudtype. Sources: gold.huishoudtypes_per_woonplaats and gold.brp "
    "(BRP-derived). Unit: households, persons. A figure suppressed there (1 to 4, or secondary) is null here and "
    "onderdrukt is true when any figure of the row is; the mean of a row with a suppressed count is null. "
    + B.BRP_ONLY
)

_PLACE = ["peildatum", "gemeentecode", "niveau", "woonplaats_identificatie", "woonplaats"]


def _count(huishoudtype: str) -> F.Column:
    """The count of one type within a group; 0 when the type is absent, null when suppressed."""
    this = F.col("huishoudtype") == huishoudtype
    suppressed = F.max(F.when(this, F.col("onderdrukt").cast("int")))
    return F.when(suppressed == 1, F.lit(None)).otherwise(
        F.coalesce(F.max(F.when(this, F.col("aantal_huishoudens"))), F.lit(0))
    ).cast("long")


def build(huishoudtypes_per_woonplaats: DataFrame, brp: DataFrame) -> DataFrame:
    per_place = huishoudtypes_per_woonplaats.groupBy(*_PLACE).agg(
        _count(B.TOTAAL).alias("aantal_huishoudens"),
        *[_count(code).alias(f"aantal_{code}") for code in HUISHOUDTYPES],
        F.max(F.col("onderdrukt").cast("int")).alias("_hh_onderdrukt"),
    )
    personen = brp.where((F.col("geslacht") == B.TOTAAL) & (F.col("leeftijdsgroep") == B.TOTAAL)).select(
        *[F.col(c).alias(f"_p_{c}") for c in _PLACE], "aantal_personen", F.col("onderdrukt").alias("_p_onderdrukt")
    )
    # woonplaats_identificatie is null for the gemeente and for 'onbekend': join null-safe
    same_place = [F.col(c).eqNullSafe(F.col(f"_p_{c}")) for c in _PLACE]
    joined = per_place.join(personen, on=same_place, how="left")
    return joined.select(
        *_PLACE,
        "aantal_huishoudens",
        "aantal_personen",
        F.round(F.try_divide(F.col("aantal_personen"), F.col("aantal_huishoudens")), 2).alias("gemiddelde_huishoudensgrootte"),
        *[f"aantal_{code}" for code in HUISHOUDTYPES],
        ((F.col("_hh_onderdrukt") == 1) | F.coalesce(F.col("_p_onderdrukt"), F.lit(False))).alias("onderdrukt"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    per_place = read_table(spark, settings, "gold", "huishoudtypes_per_woonplaats")
    brp = read_table(spark, settings, "gold", "brp")
    return overwrite_table(build(per_place, brp), settings, "gold", NAME, DESCRIPTION)
