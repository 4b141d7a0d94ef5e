"""silver.huishouden (and silver.huishouden_lid): households on each reference date, derived from the BRP.

The BRP has no households. On each peildatum (:func:`peildata`: 1 January of every year from
``settings.eerste_jaar`` up to ``settings.peildatum_tot()``, plus that latest delivery date itself) this module
takes the persons living at a verblijfsobject (a ``silver.brp_verblijf`` row with ``functie_adres`` W or
unknown, an ``adresseerbaar_object_identificatie``, ``datum_aanvang <= peildatum < datum_einde``, not dead
on the date) and forms **one household per verblijfsobject** with these links between its residents:

* partners: a category-05 stapel of one of them naming the other, started on or before the date (or start
  unknown) and not dissolved on or before it;
* parent and child: a parent BSN (02/03) or a child BSN (09) of one naming the other.

Typed as CBS does (code, Dutch label):

=====================  ================================  ==========================================
code                   label                             rule
=====================  ================================  ==========================================
eenpersoons            Eenpersoonshuishouden             one resident
paar_zonder_kinderen   Paar zonder kinderen              a partner pair, no child of theirs at home
paar_met_kinderen      Paar met kinderen                 a partner pair and a child at home
eenouder               Eenouderhuishouden                no pair, a parent with a child at home
overig                 Overig meerpersoonshuishouden     several residents, none of the above links
=====================  ================================  ==========================================

A *kind* is a resident with a parent among the residents who has no partner there himself;
``aantal_kinderen`` counts them (any age, as CBS's "thuiswonende kinderen").

**BRP-only limitation**: unmarried cohabitants (no marriage, no registered partnership) are invisible in
the BRP. CBS splits the residents of one address into households using more registers (a cohabiting couple
is one household; two unrelated adults are two eenpersoonshuishoudens). Here an address is one household,
so cohabitants count as ``overig`` (or ``eenouder`` with a child) instead of a pair; **read against CBS, a
BRP-only count misstates the mix: it overstates one-person households where CBS's own BRP-only method
splits unrelated adults, and overstates eenouder/overig while understating pairs**. Several households at
one address are merged (fewer, larger households), and institutional addresses (care homes) count as
private households. Say so wherever these figures are shown.

Privacy: silver may hold pseudonymous ids (``huishouden_id`` is a SHA-256 of verblijfsobject and peildatum;
members carry ``persoonslijst_id``); gold only counts.
"""

from __future__ import annotations

import datetime as dt

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.config import Settings
from woonmonitor.tables import overwrite_table

NAME = "huishouden"
LEDEN = "huishouden_lid"

#: CBS household types: code -> Dutch label
HUISHOUDTYPES = {
    "eenpersoons": "Eenpersoonshuishouden",
    "paar_zonder_kinderen": "Paar zonder kinderen",
    "paar_met_kinderen": "Paar met kinderen",
    "eenouder": "Eenouderhuishouden",
    "overig": "Overig meerpersoonshuishouden",
}


def peildata(settings: Settings, laatste_levering: dt.date | None = None) -> list[dt.date]:
    """Reference dates: 1 January of each year from ``eerste_jaar`` up to the latest delivery date, plus that date.

    ``laatste_levering`` defaults to ``settings.peildatum_tot()`` (``laatste_peildatum`` or today).
    """
    tot = laatste_levering or settings.peildatum_tot()
    dates = [dt.date(year, 1, 1) for year in range(settings.eerste_jaar, tot.year + 1) if dt.date(year, 1, 1) <= tot]
    if tot not in dates:
        dates.append(tot)
    return dates


def residents(verblijf: DataFrame, persoon: DataFrame, dates: list[dt.date]) -> DataFrame:
    """One row per person living at a verblijfsobject on a peildatum (peildatum, vbo, persoonslijst_id, persoon_id)."""
    spark = verblijf.sparkSession
    peil = spark.createDataFrame([(d,) for d in dates], T.StructType([T.StructField("peildatum", T.DateType(), False)]))
    living_at = (
        F.col("adresseerbaar_object_identificatie").isNotNull()
        & (F.col("functie_adres").isNull() | (F.col("functie_adres") == "W"))
        & (F.col("datum_aanvang") <= F.col("peildatum"))
        & (F.col("datum_einde").isNull() | (F.col("datum_einde") > F.col("peildatum")))
    )
    alive = F.col("overlijdensdatum").isNull() | (F.col("overlijdensdatum") > F.col("peildatum"))
    candidates = (
        verblijf.join(F.broadcast(peil), on=living_at, how="inner")
        .join(persoon.select("persoonslijst_id", "overlijdensdatum"), on="persoonslijst_id", how="left")
        .where(alive)
    )
    # overlapping occurrences (a data error) must not put one person in two households: newest start wins
    newest = Window.partitionBy("persoonslijst_id", "peildatum").orderBy(F.col("datum_aanvang").desc(), "volgnummer")
    return candidates.withColumn("_n", F.row_number().over(newest)).where(F.col("_n") == 1).select(
        "peildatum", "adresseerbaar_object_identificatie", "persoonslijst_id", "persoon_id"
    )


def links(res: DataFrame, persoon: DataFrame) -> tuple[DataFrame, DataFrame]:
    """Partner pairs and parent->child pairs among the residents of one verblijfsobject on one peildatum.

    Returns (partner: peildatum, vbo, persoonslijst_id, ...), (ouder_kind: peildatum, vbo, ouder_pl, kind_pl).
    """
    other = res.select(
        "peildatum", "adresseerbaar_object_identificatie",
        F.col("persoonslijst_id").alias("ander_pl"), F.col("persoon_id").alias("ander_id"),
    )
    same_place = ["peildatum", "adresseerbaar_object_identificatie"]
    partner_rows = persoon.select("persoonslijst_id", F.explode("partners").alias("p")).select(
        "persoonslijst_id", F.col("p.partner_id").alias("ander_id"),
        F.col("p.datum_aanvang").alias("_aanvang"), F.col("p.datum_ontbinding").alias("_ontbinding"),
    )
    active = (F.col("_aanvang").isNull() | (F.col("_aanvang") <= F.col("peildatum"))) & (
        F.col("_ontbinding").isNull() | (F.col("_ontbinding") > F.col("peildatum"))
    )
    partner = (
        res.join(partner_rows, on="persoonslijst_id", how="inner")
        .where(active)
        .join(other, on=[*same_place, "ander_id"], how="inner")
        .where(F.col("ander_pl") != F.col("persoonslijst_id"))
    )
    partner_pl = partner.select(*same_place, "persoonslijst_id").union(partner.select(*same_place, "ander_pl"))
    parents = persoon.select("persoonslijst_id", F.explode(F.array("ouder1_id", "ouder2_id")).alias("ander_id"))
    by_parent_field = res.join(parents, on="persoonslijst_id", how="inner").join(
        other, on=[*same_place, "ander_id"], how="inner"
    ).select(*same_place, F.col("ander_pl").alias("ouder_pl"), F.col("persoonslijst_id").alias("kind_pl"))
    children = persoon.select("persoonslijst_id", F.explode("kind_ids").alias("ander_id"))
    by_child_field = res.join(children, on="persoonslijst_id", how="inner").join(
        other, on=[*same_place, "ander_id"], how="inner"
    ).select(*same_place, F.col("persoonslijst_id").alias("ouder_pl"), F.col("ander_pl").alias("kind_pl"))
    ouder_kind = by_parent_field.union(by_child_field).where(F.col("ouder_pl") != F.col("kind_pl")).distinct()
    return partner_pl.distinct(), ouder_kind


def build_leden(verblijf: DataFrame, persoon: DataFrame, dates: list[dt.date]) -> DataFrame:
    """silver.huishouden_lid: one row per resident per peildatum with the household and the member's role."""
    res = residents(verblijf, persoon, dates)
    partner_pl, ouder_kind = links(res, persoon)
    place = ["peildatum", "adresseerbaar_object_identificatie"]
    in_pair = partner_pl.select(*place, "persoonslijst_id", F.lit(True).alias("in_paar"))
    has_parent = ouder_kind.select(*place, F.col("kind_pl").alias("persoonslijst_id")).distinct().withColumn("heeft_ouder", F.lit(True))
    has_child = ouder_kind.select(*place, F.col("ouder_pl").alias("persoonslijst_id")).distinct().withColumn("heeft_kind", F.lit(True))
    key = [*place, "persoonslijst_id"]
    household = Window.partitionBy(*place)
    members = (
        res.join(in_pair, on=key, how="left")
        .join(has_parent, on=key, how="left")
        .join(has_child, on=key, how="left")
        .withColumn("_n", F.count(F.lit(1)).over(household))
    )
    is_pair = F.coalesce("in_paar", F.lit(False))
    is_child = F.coalesce("heeft_ouder", F.lit(False)) & ~is_pair
    rol = (
        F.when(F.col("_n") == 1, F.lit("alleenstaand"))
        .when(is_pair, F.lit("partner"))
        .when(is_child, F.lit("kind"))
        .when(F.coalesce("heeft_kind", F.lit(False)), F.lit("ouder"))
        .otherwise(F.lit("overig"))
    )
    return members.select(
        "peildatum",
        huishouden_id().alias("huishouden_id"),
        "adresseerbaar_object_identificatie",
        "persoonslijst_id",
        "persoon_id",
        rol.alias("rol"),
    )


def huishouden_id():
    return F.sha2(F.concat_ws("|", F.col("adresseerbaar_object_identificatie"), F.col("peildatum").cast("string")), 256)


def build(leden: DataFrame) -> DataFrame:
    """silver.huishouden from the members: one row per verblijfsobject with residents per peildatum."""
    counts = leden.groupBy("peildatum", "huishouden_id", "adresseerbaar_object_identificatie").agg(
        F.count(F.lit(1)).alias("aantal_personen"),
        F.sum((F.col("rol") == "kind").cast("int")).alias("aantal_kinderen"),
        F.max((F.col("rol") == "partner").cast("int")).alias("_paar"),
        F.max((F.col("rol") == "ouder").cast("int")).alias("_ouder"),
    )
    huishoudtype = (
        F.when(F.col("aantal_personen") == 1, F.lit("eenpersoons"))
        .when((F.col("_paar") == 1) & (F.col("aantal_kinderen") > 0), F.lit("paar_met_kinderen"))
        .when(F.col("_paar") == 1, F.lit("paar_zonder_kinderen"))
        .when(F.col("aantal_kinderen") > 0, F.lit("eenouder"))
        .otherwise(F.lit("overig"))
    )
    labels = F.create_map(*[x for code, label in HUISHOUDTYPES.items() for x in (F.lit(code), F.lit(label))])
    return counts.withColumn("huishoudtype", huishoudtype).select(
        "peildatum",
        "huishouden_id",
        "adresseerbaar_object_identificatie",
        "huishoudtype",
        labels[F.col("huishoudtype")].alias("huishoudtype_omschrijving"),
        F.col("aantal_personen").cast("int").alias("aantal_personen"),
        F.col("aantal_kinderen").cast("int").alias("aantal_kinderen"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    """Writes silver.huishouden_lid and silver.huishouden; returns the rows of silver.huishouden."""
    from woonmonitor.silver import brp_persoon, brp_verblijf

    verblijf = spark.table(settings.table("silver", brp_verblijf.NAME))
    persoon = spark.table(settings.table("silver", brp_persoon.NAME))
    leden = build_leden(verblijf, persoon, peildata(settings))
    overwrite_table(leden, settings, "silver", LEDEN, "Household members per peildatum (pseudonymous; BRP-derived)")
    stored = spark.table(settings.table("silver", LEDEN))
    return overwrite_table(build(stored), settings, "silver", NAME,
                           "Households per verblijfsobject per peildatum, typed as CBS (BRP-only: see docs)")

