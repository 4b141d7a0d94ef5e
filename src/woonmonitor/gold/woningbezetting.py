"""gold.woningbezetting (new): persons per dwelling and m² per person, per woonplaats per peildatum.

Every woning of the BAG stock (``_voorraad.woningen_op_peildata``) with the BRP residents of the gemeente living
in it (:func:`woonmonitor.gold._bewoning.bewoners`). Suppression works on whole rows: a woonplaats row whose
occupied dwellings or persons are 1 to 4, or whose population (gold.brp) or household total
(gold.huishoudtypes_per_woonplaats) is suppressed there, loses all its person and household figures; when that
leaves one woonplaats of a peildatum hidden, the one with the fewest occupied dwellings is hidden too, so the
gemeente row minus the other woonplaatsen reveals nothing. The dwelling count itself (public BAG) always shows.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold import _bewoning as B
from woonmonitor.privacy import is_suppressed, suppress_table
from woonmonitor.tables import overwrite_table, read_table

NAME = "woningbezetting"
SEED_NAME = "new"
DESCRIPTION = (
    "How intensively is the dwelling stock used? Per woonplaats (kern) and for the gemeente (niveau 'gemeente'), "
    "on each peildatum: aantal_woningen (BAG stock), aantal_bewoonde_woningen (with at least one BRP resident), "
    "aantal_leegstand_brp (woningen without any registered resident: 'leegstand volgens BRP', which includes "
    "second homes, dwellings between tenants and dwellings whose residents are registered elsewhere, so it is "
    "not vacancy in the strict sense), aantal_personen (residents of these woningen), gemiddelde_woningbezetting "
    "(persons per occupied woning) and m2_per_persoon (BAG gebruiksoppervlakte of the occupied woningen with a "
    "known area, divided by their residents). Sources: BAG (silver.bag_*) and BRP (silver.brp_verblijf, "
    "silver.huishouden_lid). Unit: dwellings, persons, m². Persons living outside the woningen of the stock "
    "(care homes, ligplaatsen, objects without woonfunctie) are not counted here but are in gold.brp. Privacy: "
    "a row with 1 to 4 occupied dwellings or persons, or whose population or household total is suppressed in "
    "gold.brp / gold.huishoudtypes_per_woonplaats, shows only aantal_woningen (onderdrukt = true), and a second "
    "row is hidden where the gemeente total would otherwise reveal it."
)


def build(silver: dict, brp: DataFrame, huishoudtypes_per_woonplaats: DataFrame, settings: Settings) -> DataFrame:
    base = B.basis(silver, settings)
    return build_from(base["bewoners"], base["woningen"], brp, huishoudtypes_per_woonplaats, settings)


def build_from(
    bewoners: DataFrame, woningen_df: DataFrame, brp: DataFrame, huishoudtypes_per_woonplaats: DataFrame, settings: Settings
) -> DataFrame:
    """From the residents and the dwellings (``_voorraad.woningen_op_peildata``); the select is the contract."""
    base = {"woningen": woningen_df}
    per_vbo = bewoners.groupBy("peildatum", "adresseerbaar_object_identificatie").agg(
        F.count(F.lit(1)).alias("personen")
    )
    woningen = base["woningen"].select(
        "peildatum",
        "adresseerbaar_object_identificatie",
        F.coalesce(F.col("woonplaats_identificatie"), F.lit(B.ONBEKEND_KEY)).alias("woonplaats_key"),
        "oppervlakte",
    ).join(per_vbo, on=["peildatum", "adresseerbaar_object_identificatie"], how="left")
    personen = F.coalesce(F.col("personen"), F.lit(0))
    bewoond = personen > 0
    met_opp = bewoond & F.col("oppervlakte").isNotNull() & (F.col("oppervlakte") > 0)
    cube = woningen.cube("peildatum", "woonplaats_key").agg(
        F.grouping("peildatum").alias("_g_peil"),
        F.grouping("woonplaats_key").alias("_g_wpl"),
        F.count(F.lit(1)).cast("long").alias("aantal_woningen"),
        F.sum(bewoond.cast("long")).cast("long").alias("aantal_bewoonde_woningen"),
        F.sum(personen).cast("long").alias("aantal_personen"),
        F.sum(F.when(met_opp, F.col("oppervlakte"))).cast("long").alias("_m2"),
        F.sum(F.when(met_opp, personen)).cast("long").alias("_personen_m2"),
    ).where(F.col("_g_peil") == 0)
    cube = cube.withColumn(
        "woonplaats_key", F.when(F.col("_g_wpl") == 1, F.lit(B.GEMEENTE_KEY)).otherwise(F.col("woonplaats_key"))
    ).drop("_g_peil", "_g_wpl")

    # suppressed in the linked tables: the woonplaats population and household total
    def key_of(df: DataFrame) -> F.Column:
        return F.when(F.col("niveau") == "gemeente", F.lit(B.GEMEENTE_KEY)).otherwise(
            F.coalesce(F.col("woonplaats_identificatie"), F.lit(B.ONBEKEND_KEY))
        )

    linked = (
        brp.where((F.col("geslacht") == B.TOTAAL) & (F.col("leeftijdsgroep") == B.TOTAAL))
        .select("peildatum", key_of(brp).alias("woonplaats_key"), "onderdrukt")
        .unionByName(
            huishoudtypes_per_woonplaats.where(F.col("huishoudtype") == B.TOTAAL).select(
                "peildatum", key_of(huishoudtypes_per_woonplaats).alias("woonplaats_key"), "onderdrukt"
            )
        )
        .groupBy("peildatum", "woonplaats_key")
        .agg(F.max(F.col("onderdrukt").cast("int")).alias("_linked"))
    )
    with_linked = cube.join(linked, on=["peildatum", "woonplaats_key"], how="left")
    bound = settings.onderdrukken_tot
    forced = (F.col("_linked") == 1) | is_suppressed(F.col("aantal_personen"), bound)
    safe = suppress_table(with_linked, "aantal_bewoonde_woningen", ["woonplaats_key"], ["peildatum"], bound, forced=forced)
    hidden = F.col("onderdrukt")

    def shown(c: F.Column) -> F.Column:
        return F.when(~hidden, c)

    names = base["woningen"].select(
        "peildatum",
        F.coalesce(F.col("woonplaats_identificatie"), F.lit(B.ONBEKEND_KEY)).alias("woonplaats_key"),
        "woonplaats_identificatie",
        F.when(F.col("woonplaats_identificatie").isNull(), F.lit(B.ONBEKEND)).otherwise(F.col("woonplaats")).alias("woonplaats"),
    ).distinct()
    rows = B.met_woonplaats(safe, names)
    return rows.select(
        "peildatum",
        F.lit(settings.gemeentecode).alias("gemeentecode"),
        "niveau",
        "woonplaats_identificatie",
        "woonplaats",
        "aantal_woningen",
        "aantal_bewoonde_woningen",
        shown(F.col("aantal_woningen") - F.col("aantal_bewoonde_woningen")).cast("long").alias("aantal_leegstand_brp"),
        shown(F.col("aantal_personen")).cast("long").alias("aantal_personen"),
        shown(F.round(F.try_divide(F.col("aantal_personen"), F.col("aantal_bewoonde_woningen")), 2)).alias("gemiddelde_woningbezetting"),
        shown(F.round(F.try_divide(F.col("_m2"), F.col("_personen_m2")), 1)).alias("m2_per_persoon"),
        "onderdrukt",
    )


def run(spark: SparkSession, settings: Settings) -> int:
    brp = read_table(spark, settings, "gold", "brp")
    per_place = read_table(spark, settings, "gold", "huishoudtypes_per_woonplaats")
    return overwrite_table(build(B.lees_silver(spark, settings), brp, per_place, settings), settings, "gold", NAME, DESCRIPTION)
