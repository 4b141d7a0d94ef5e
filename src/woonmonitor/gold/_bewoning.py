"""Shared logic of the gold tables about persons and households (BRP-derived, counts only).

Who counts: a person counts on a peildatum when ``silver.huishouden_lid`` has him at a verblijfsobject on that
date (woonadres, alive, see :mod:`woonmonitor.silver.huishouden`) **and** his ``silver.brp_verblijf`` occurrence
covering that date is registered in this gemeente (``gemeente_inschrijving`` = the BAG gemeentecode, ``0262``).
A household counts when at least one such person lives in it. Persons at a briefadres, or registered without
an address id, are not part of this population (they live in no household), so BRP-based totals run slightly
below CBS's population; ``gold.reconciliatie`` shows the difference.

Where: the woonplaats of the address object (verblijfsobject, ligplaats or standplaats) on the peildatum,
through its hoofdadres (nummeraanduiding) and the openbare ruimte (or the nummeraanduiding's own ``ligt in``
woonplaats), each in the BAG state valid on that date. An address not found in the BAG counts under woonplaats
``onbekend``.

Privacy: these helpers still hold one row per person or household; the gold modules publish only the
suppressed count cubes of :func:`bevolking_kubus` and :func:`huishoudens_kubus`, built with
:func:`woonmonitor.privacy.suppress_table` so that no total minus its visible parts reveals a hidden count,
along any dimension (the woonplaats totals *and* the gemeente totals are published).
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

from pyspark.sql import types as T

from woonmonitor.config import Settings
from woonmonitor.gold import _voorraad as V
from woonmonitor.privacy import suppress_table
from woonmonitor.silver.bag_common import state_on
from woonmonitor.silver.huishouden import HUISHOUDTYPES
from woonmonitor.tables import read_or_empty

#: margin marker in every dimension column of a published cube
TOTAAL = "totaal"
ONBEKEND = "onbekend"
#: internal woonplaats keys: the gemeente margin and an address not found in the BAG
GEMEENTE_KEY = "*"
ONBEKEND_KEY = "?"
#: households at an address object that is not a woning (care home, ligplaats, standplaats, ...)
GEEN_WONING = "geen woning"

#: age groups (lower bound, upper bound exclusive; None = open): CBS Kerncijfers groups with 65+ split at 75
LEEFTIJDSGROEPEN: list[tuple[int, int | None]] = [(0, 15), (15, 25), (25, 45), (45, 65), (65, 75), (75, None)]
GESLACHTEN = {"M": "man", "V": "vrouw"}

HUISHOUDTYPE_LABELS = {**HUISHOUDTYPES, TOTAAL: "Totaal huishoudens"}

#: the BRP-only limitation, repeated in every DESCRIPTION that shows households
BRP_ONLY = (
    "Households are derived from the BRP alone: one household per address, linked by marriage/registered "
    "partnership and parent-child relations. Unmarried cohabitants are invisible in the BRP, so against CBS "
    "the mix is off: cohabiting couples show up as 'overig' (or 'eenouder' with a child) instead of a pair, "
    "and where CBS splits unrelated adults into one-person households a BRP-only count overstates "
    "one-person households; several households at one address are merged and care homes count as one "
    "private household."
)


def label(mapping: dict[str, str], key: Column) -> Column:
    return F.create_map(*[F.lit(x) for kv in mapping.items() for x in kv])[key]


def leeftijd_op(geboortedatum: Column, peildatum: Column) -> Column:
    """Completed years on the peildatum (a birthday on the peildatum itself counts); null without birth date."""
    return F.floor(F.months_between(peildatum, geboortedatum) / 12).cast("int")


def leeftijdsgroep(leeftijd: Column) -> Column:
    """'0 tot 15 jaar', ..., '75 jaar of ouder'; 'onbekend' without an age (or a negative one)."""
    expr = F.when(leeftijd.isNull() | (leeftijd < 0), F.lit(ONBEKEND))
    for low, high in LEEFTIJDSGROEPEN:
        text = f"{low} jaar of ouder" if high is None else f"{low} tot {high} jaar"
        cond = leeftijd >= low if high is None else (leeftijd >= low) & (leeftijd < high)
        expr = expr.when(cond, F.lit(text))
    return expr


def leeftijd_van(groep: Column) -> Column:
    """Lower bound of an age group label; null for 'onbekend' and 'totaal'."""
    return F.when(groep.rlike(r"^[0-9]"), F.regexp_extract(groep, r"^([0-9]+)", 1).cast("int"))


#: the columns of silver.bag_ligplaats / bag_standplaats this module uses (the empty frame when missing)
ADRESOBJECT = T.StructType([
    T.StructField("identificatie", T.StringType()),
    T.StructField("voorkomenidentificatie", T.IntegerType()),
    T.StructField("begin_geldigheid", T.DateType()),
    T.StructField("eind_geldigheid", T.DateType()),
    T.StructField("status", T.StringType()),
    T.StructField("hoofdadres_identificatie", T.StringType()),
])
#: the columns of the silver BRP and household tables this module uses (the empty frame when missing)
LEDEN = T.StructType([
    T.StructField("peildatum", T.DateType()),
    T.StructField("adresseerbaar_object_identificatie", T.StringType()),
    T.StructField("persoonslijst_id", T.StringType()),
])
HUISHOUDEN = T.StructType([
    T.StructField("peildatum", T.DateType()),
    T.StructField("adresseerbaar_object_identificatie", T.StringType()),
    T.StructField("huishoudtype", T.StringType()),
])
VERBLIJF = T.StructType([
    T.StructField("persoonslijst_id", T.StringType()),
    T.StructField("adresseerbaar_object_identificatie", T.StringType()),
    T.StructField("gemeente_inschrijving", T.StringType()),
    T.StructField("datum_aanvang", T.DateType()),
    T.StructField("datum_einde", T.DateType()),
])
PERSOON = T.StructType([
    T.StructField("persoonslijst_id", T.StringType()),
    T.StructField("geslacht", T.StringType()),
    T.StructField("geboortedatum_benaderd", T.DateType()),
])


def adressen(bag: dict[str, DataFrame], peil: DataFrame) -> DataFrame:
    """The woonplaats of every address object (verblijfsobject, ligplaats, standplaats) on each peildatum.

    Columns: peildatum, adresseerbaar_object_identificatie, woonplaats_identificatie, woonplaats. The same
    address rule as the dwelling tables (:func:`woonmonitor.gold._voorraad.adres_woonplaats`), so a person and
    the dwelling he lives in are always in the same woonplaats.
    """
    cols = [f.name for f in ADRESOBJECT.fields]
    objecten = bag["vbo"].select(*cols)
    for name in ("lig", "stand"):
        if name in bag:
            objecten = objecten.unionByName(bag[name].select(*cols))
    on_date = state_on(objecten.join(F.broadcast(peil.select("peildatum")), how="cross"), F.col("peildatum"))
    newest = Window.partitionBy("identificatie", "peildatum").orderBy(F.col("voorkomenidentificatie").desc())
    state = on_date.withColumn("_n", F.row_number().over(newest)).where(F.col("_n") == 1)
    adres = V.adres_woonplaats(bag["num"], bag["opr"], bag["wpl"], peil).withColumnRenamed(
        "nummeraanduiding_identificatie", "hoofdadres_identificatie"
    )
    return state.join(adres, on=["hoofdadres_identificatie", "peildatum"], how="left").select(
        "peildatum",
        F.col("identificatie").alias("adresseerbaar_object_identificatie"),
        "woonplaats_identificatie",
        "woonplaats",
    )


def bewoners(leden: DataFrame, verblijf: DataFrame, persoon: DataFrame, adres: DataFrame, bag_gemeentecode: str) -> DataFrame:
    """One row per resident of the gemeente per peildatum (no id kept): where, sex, age group.

    Columns: peildatum, adresseerbaar_object_identificatie, woonplaats_key, woonplaats_identificatie,
    woonplaats, geslacht, leeftijdsgroep.
    """
    gemeente = F.lpad(F.trim(F.col("gemeente_inschrijving")), 4, "0") == F.lit(bag_gemeentecode)
    ingeschreven = verblijf.where(gemeente & F.col("adresseerbaar_object_identificatie").isNotNull()).select(
        F.col("persoonslijst_id").alias("_pl"),
        F.col("adresseerbaar_object_identificatie").alias("_vbo"),
        F.col("datum_aanvang").alias("_aanvang"),
        F.col("datum_einde").alias("_einde"),
    )
    registered_here = (
        (F.col("persoonslijst_id") == F.col("_pl"))
        & (F.col("adresseerbaar_object_identificatie") == F.col("_vbo"))
        & (F.col("_aanvang") <= F.col("peildatum"))
        & (F.col("_einde").isNull() | (F.col("_einde") > F.col("peildatum")))
    )
    here = leden.select("peildatum", "adresseerbaar_object_identificatie", "persoonslijst_id").join(
        ingeschreven, on=registered_here, how="left_semi"
    )
    people = persoon.select("persoonslijst_id", "geslacht", "geboortedatum_benaderd")
    return (
        here.join(people, on="persoonslijst_id", how="left")
        .join(adres, on=["peildatum", "adresseerbaar_object_identificatie"], how="left")
        .select(
            "peildatum",
            "adresseerbaar_object_identificatie",
            F.coalesce(F.col("woonplaats_identificatie"), F.lit(ONBEKEND_KEY)).alias("woonplaats_key"),
            "woonplaats_identificatie",
            F.when(F.col("woonplaats_identificatie").isNull(), F.lit(ONBEKEND)).otherwise(F.col("woonplaats")).alias("woonplaats"),
            F.coalesce(label(GESLACHTEN, F.col("geslacht")), F.lit(ONBEKEND)).alias("geslacht"),
            leeftijdsgroep(leeftijd_op(F.col("geboortedatum_benaderd"), F.col("peildatum"))).alias("leeftijdsgroep"),
        )
    )


def huishoudens(huishouden: DataFrame, bewoners_df: DataFrame, woningen: DataFrame) -> DataFrame:
    """One row per household of the gemeente per peildatum: peildatum, vbo, woonplaats_key, huishoudtype,
    woningtype ('geen woning' when the address is no woning on that date, 'onbekend' when its type is).

    ``woningen``: one row per woning per peildatum (``_voorraad.woningen_op_peildata``).
    """
    place = ["peildatum", "adresseerbaar_object_identificatie"]
    where = bewoners_df.select(*place, "woonplaats_key").distinct()
    types = woningen.select(
        "peildatum",
        "adresseerbaar_object_identificatie",
        F.coalesce(F.col("woningtype"), F.lit(ONBEKEND)).alias("woningtype"),
    )
    return (
        huishouden.select(*place, "huishoudtype")
        .join(where, on=place, how="inner")
        .join(types, on=place, how="left")
        .select(*place, "woonplaats_key", "huishoudtype", F.coalesce("woningtype", F.lit(GEEN_WONING)).alias("woningtype"))
    )


def _cube(df: DataFrame, dims: list[str], count_name: str) -> DataFrame:
    """Counts per peildatum over every combination of ``dims`` and their totals (a margin = 'totaal')."""
    agg = df.cube("peildatum", *dims).agg(
        F.count(F.lit(1)).cast("long").alias(count_name),
        F.grouping("peildatum").alias("_g_peil"),
        *[F.grouping(d).alias(f"_g_{d}") for d in dims],
    )
    margin = {d: (GEMEENTE_KEY if d == "woonplaats_key" else TOTAAL) for d in dims}
    return agg.where(F.col("_g_peil") == 0).select(
        "peildatum",
        *[F.when(F.col(f"_g_{d}") == 1, F.lit(margin[d])).otherwise(F.col(d)).alias(d) for d in dims],
        count_name,
        *[F.col(f"_g_{d}") for d in dims],
    )


def bevolking_kubus(bewoners_df: DataFrame, bound: int) -> DataFrame:
    """Suppressed persons per peildatum x woonplaats_key x geslacht x leeftijdsgroep, margins included.

    Columns: peildatum, woonplaats_key ('*' = gemeente), geslacht, leeftijdsgroep, aantal_personen, onderdrukt.
    """
    dims = ["woonplaats_key", "geslacht", "leeftijdsgroep"]
    cube = _cube(bewoners_df, dims, "aantal_personen").drop(*[f"_g_{d}" for d in dims])
    return suppress_table(cube, "aantal_personen", dims, ["peildatum"], bound)


def huishoudens_kubus(huishoudens_df: DataFrame, bound: int) -> DataFrame:
    """Suppressed households: the two published faces of woonplaats x woningtype x huishoudtype, together.

    Face A: woonplaats x huishoudtype (woningtype 'totaal'); face B: woningtype x huishoudtype for the
    gemeente (woonplaats_key '*'). They share the gemeente's household totals, so they are suppressed as one
    table (a cell hidden in one face is never shown in the other).
    Columns: peildatum, woonplaats_key, woningtype, huishoudtype, aantal_huishoudens, onderdrukt.
    """
    dims = ["woonplaats_key", "woningtype", "huishoudtype"]
    cube = _cube(huishoudens_df, dims, "aantal_huishoudens")
    faces = cube.where((F.col("_g_woonplaats_key") == 1) | (F.col("_g_woningtype") == 1)).drop(*[f"_g_{d}" for d in dims])
    return suppress_table(faces, "aantal_huishoudens", dims, ["peildatum"], bound)


def woonplaats_namen(bewoners_df: DataFrame) -> DataFrame:
    """peildatum, woonplaats_key, woonplaats_identificatie, woonplaats for the output of a cube."""
    return bewoners_df.select("peildatum", "woonplaats_key", "woonplaats_identificatie", "woonplaats").distinct()


def met_woonplaats(cube: DataFrame, namen: DataFrame) -> DataFrame:
    """Adds niveau ('gemeente' | 'woonplaats'), woonplaats_identificatie and woonplaats to a cube."""
    return cube.join(namen, on=["peildatum", "woonplaats_key"], how="left").withColumn(
        "niveau", F.when(F.col("woonplaats_key") == GEMEENTE_KEY, F.lit("gemeente")).otherwise(F.lit("woonplaats"))
    )


def basis(silver: dict, settings: Settings) -> dict[str, DataFrame]:
    """The person-level and household-level frames every table here starts from (never written to gold).

    ``silver``: as :func:`lees_silver` returns it (leden, huishouden, verblijf, persoon, bag, peil).
    Returns bewoners, woningen (``_voorraad.woningen_op_peildata``) and huishoudens.
    """
    bag, peil = silver["bag"], silver["peil"]
    adres = adressen(bag, peil)
    # materialised once: every table here reads it two or three times (cube, names, households)
    res = bewoners(silver["leden"], silver["verblijf"], silver["persoon"], adres, settings.bag_gemeentecode).localCheckpoint(eager=True)
    woningen = V.woningen_op_peildata(bag["vbo"], bag["pand"], bag["num"], bag["opr"], bag["wpl"], peil)
    return {"bewoners": res, "woningen": woningen, "huishoudens": huishoudens(silver["huishouden"], res, woningen)}


def lees_silver(spark, settings: Settings) -> dict[str, DataFrame]:
    """Every silver input of the person and household tables (empty frames of the used columns when missing)."""
    bag = V.lees_bag(spark, settings)
    bag["lig"] = read_or_empty(spark, settings, "silver", "bag_ligplaats", ADRESOBJECT)
    bag["stand"] = read_or_empty(spark, settings, "silver", "bag_standplaats", ADRESOBJECT)
    return {
        "leden": read_or_empty(spark, settings, "silver", "huishouden_lid", LEDEN),
        "huishouden": read_or_empty(spark, settings, "silver", "huishouden", HUISHOUDEN),
        "verblijf": read_or_empty(spark, settings, "silver", "brp_verblijf", VERBLIJF),
        "persoon": read_or_empty(spark, settings, "silver", "brp_persoon", PERSOON),
        "bag": bag,
        "peil": V.peildata_frame(spark, settings),
    }
