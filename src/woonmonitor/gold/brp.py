"""gold.brp: population per peildatum per woonplaats by sex and age group, from the BRP (counts, never persons).

Seed model: dwh_burgerzaken.brp. See :mod:`woonmonitor.gold._bewoning` for who counts and where.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold import _bewoning as B
from woonmonitor.tables import overwrite_table

NAME = "brp"
SEED_NAME = "dwh_burgerzaken.brp"
DESCRIPTION = (
    "How many people live in the gemeente and in each woonplaats (kern), by sex and age group, on each "
    "peildatum (1 January of every year plus the latest BRP delivery date)? Source: the BRP (silver.brp_verblijf, "
    "silver.brp_persoon, silver.huishouden_lid) with the woonplaats of the address from the BAG. Unit: persons. "
    "Margins are rows of their own: geslacht or leeftijdsgroep 'totaal', niveau 'gemeente' (woonplaats null); "
    "an address not found in the BAG counts under woonplaats 'onbekend'. Age groups 0-15, 15-25, 25-45, 45-65, "
    "65-75, 75+ (completed years on the peildatum; a birth date with unknown day or month is taken as the 1st or "
    "1 July). Counts of 1 to 4 are null with onderdrukt = true, and so is a second cell of every row, column or "
    "total equation that would otherwise reveal them. Known limits: only persons living at a woonadres in the "
    "gemeente count (briefadres and persons without an address id do not), so totals run slightly below CBS "
    "(see gold.reconciliatie)."
)


def build(silver: dict, settings: Settings) -> DataFrame:
    """``silver``: as :func:`woonmonitor.gold._bewoning.lees_silver` returns it."""
    return build_from(B.basis(silver, settings)["bewoners"], settings)


def build_from(bewoners: DataFrame, settings: Settings) -> DataFrame:
    """From the residents (:func:`woonmonitor.gold._bewoning.bewoners`); the select is the contract."""
    cube = B.bevolking_kubus(bewoners, settings.onderdrukken_tot)
    rows = B.met_woonplaats(cube, B.woonplaats_namen(bewoners))
    return rows.select(
        "peildatum",
        F.lit(settings.gemeentecode).alias("gemeentecode"),
        "niveau",
        "woonplaats_identificatie",
        "woonplaats",
        "geslacht",
        "leeftijdsgroep",
        B.leeftijd_van(F.col("leeftijdsgroep")).alias("leeftijd_van"),
        F.col("aantal_personen").cast("long").alias("aantal_personen"),
        "onderdrukt",
    )


def run(spark: SparkSession, settings: Settings) -> int:
    return overwrite_table(build(B.lees_silver(spark, settings), settings), settings, "gold", NAME, DESCRIPTION)
