"""silver.eigendom: who owns each adresseerbaar object (verblijfsobject, ligplaats, standplaats), from the BRK,
on a reference date (peildatum) for the owner-occupier test against the BRP.

Contract (one row per ``adresseerbaar_object_identificatie`` that the BRK links to a kadastraal onroerende zaak):

* ``adresseerbaar_object_identificatie`` string, ``peildatum`` date,
* ``eigendom_categorie`` string, one of

  - ``eigenaar_bewoner``: a natural-person owner is registered in the BRP (``silver.brp_verblijf``) at that
    object on the peildatum (a vruchtgebruiker or holder of gebruik en bewoning living there counts too);
  - ``woningcorporatie``: a non-natural owner on the declared list of toegelaten instellingen
    (``bronze/contracts/woningcorporaties.yaml``, matched on KvK number, RSIN or normalised statutaire naam);
  - ``overige_rechtspersoon``: any other non-natural owner;
  - ``particuliere_verhuurder``: natural-person owners, none of whom lives there (Kadaster natural persons,
    who are not in the BRP, included);
  - ``onbekend``: the object is in the BRK but no owner is known (no zakelijk gerechtigden delivered, or
    owners without a person type).

  When owners fall in several categories the first in this order wins.
* ``corporatie_naam`` string (name from the list when ``woningcorporatie``), ``aantal_gerechtigden`` int
  (distinct owners), ``kadastraal_object_type`` string (``appartementsrecht`` | ``perceel``),
  ``kadastraal_onroerende_zaak_identificaties`` array<string> (sorted).

Rules:

* BRK is a current-state source without history: the latest delivery of each kadastraal onroerende zaak
  (bronze load time, then file name, then position) is its state; vervallen zaken are left out. Objects the
  BRK does not link appear nowhere here: gold counts them as ``onbekend`` against the BAG stock.
* When an object is linked to an appartementsrecht, only appartementsrechten count for it (the ground perceel
  of a split building belongs to the owners of the apartments together).
* The owners are the ``eigenaar`` rights holders, unless the object carries erfpacht or opstal: then the
  erfpachters/opstalhouders are the owners of the dwelling (the bare owner of the ground is not).
* Registered "on the peildatum" means ``datum_aanvang <= peildatum`` (null: since always) and
  ``datum_einde`` null or after the peildatum (``datum_einde`` is the first day no longer at the address).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.bronze.brk import KADASTRAAL_ONROERENDE_ZAAK, NATUURLIJK, NIET_NATUURLIJK, ZAKELIJK_GERECHTIGDE
from woonmonitor.bronze.ingest import bronze_schema
from woonmonitor.config import Settings
from woonmonitor.tables import overwrite_table, read_or_empty

NAME = "eigendom"
CORPORATIES_CONTRACT = Path(__file__).resolve().parents[1] / "bronze" / "contracts" / "woningcorporaties.yaml"
ERFPACHT = ("erfpachter", "opstalhouder", "erfpachter_opstalhouder")
BEWONING = ("vruchtgebruiker", "gebruik_bewoning")
CATEGORIEEN = ("eigenaar_bewoner", "woningcorporatie", "overige_rechtspersoon", "particuliere_verhuurder", "onbekend")

#: input contract of build(): one row per (adresseerbaar object, zaak, zakelijk gerechtigde); see eigendomsrechten()
BRK_RECHT = T.StructType(
    [
        T.StructField("adresseerbaar_object_identificatie", T.StringType()),
        T.StructField("kadastraal_onroerende_zaak_identificatie", T.StringType()),
        T.StructField("kadastraal_object_type", T.StringType()),
        T.StructField("recht_type", T.StringType()),
        T.StructField("aandeel_teller", T.IntegerType()),
        T.StructField("aandeel_noemer", T.IntegerType()),
        T.StructField("persoon_type", T.StringType()),
        T.StructField("persoon_id", T.StringType()),
        T.StructField("niet_natuurlijk_persoon_identificatie", T.StringType()),
        T.StructField("rsin", T.StringType()),
        T.StructField("kvk_nummer", T.StringType()),
        T.StructField("statutaire_naam", T.StringType()),
    ]
)

#: the columns of silver.brp_verblijf that build() uses
BRP_VERBLIJF = T.StructType(
    [
        T.StructField("persoon_id", T.StringType()),
        T.StructField("adresseerbaar_object_identificatie", T.StringType()),
        T.StructField("datum_aanvang", T.DateType()),
        T.StructField("datum_einde", T.DateType()),
    ]
)

_LEGAL_FORM = r"\b(woningstichting|woonstichting|stichting|vereniging)\b"


@dataclass(frozen=True)
class Corporatie:
    naam: str
    namen: tuple[str, ...] = field(default_factory=tuple)
    kvk_nummer: str | None = None
    rsin: str | None = None


def normalise_naam_py(naam: str) -> str:
    """The name key: lower case, legal-form words and everything but letters and digits removed."""
    return re.sub(r"[^a-z0-9]", "", re.sub(_LEGAL_FORM, "", naam.lower()))


def normalise_naam(naam: Column) -> Column:
    """The same as :func:`normalise_naam_py`, as a column expression."""
    return F.regexp_replace(F.regexp_replace(F.lower(naam), _LEGAL_FORM, ""), r"[^a-z0-9]", "")


def load_corporaties(path: str | Path = CORPORATIES_CONTRACT) -> list[Corporatie]:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    out = []
    for entry in data.get("corporaties") or []:
        if not entry.get("naam"):
            raise ValueError(f"{path}: every corporatie needs a naam: {entry!r}")
        out.append(
            Corporatie(
                naam=str(entry["naam"]),
                namen=tuple(str(n) for n in entry.get("namen") or ()),
                kvk_nummer=str(entry["kvk_nummer"]) if entry.get("kvk_nummer") else None,
                rsin=str(entry["rsin"]) if entry.get("rsin") else None,
            )
        )
    return out


def _lookup(pairs: dict[str, str], key: Column) -> Column:
    if not pairs:
        return F.lit(None).cast("string")
    mapping = F.create_map(*[F.lit(x) for kv in sorted(pairs.items()) for x in kv])
    return F.try_element_at(mapping, key)  # null for an absent key, also under ANSI mode


def corporatie_naam(corporaties: list[Corporatie], kvk: Column, rsin: Column, naam: Column) -> Column:
    """The list name of the corporation an owner is, by KvK number, RSIN or normalised name; else null."""
    by_kvk = {c.kvk_nummer: c.naam for c in corporaties if c.kvk_nummer}
    by_rsin = {c.rsin: c.naam for c in corporaties if c.rsin}
    by_naam = {normalise_naam_py(n): c.naam for c in corporaties for n in (c.naam, *c.namen)}
    return F.coalesce(
        F.when(kvk.isNotNull(), _lookup(by_kvk, kvk)),
        F.when(rsin.isNotNull(), _lookup(by_rsin, rsin)),
        F.when(naam.isNotNull(), _lookup(by_naam, normalise_naam(naam))),
    )


def eigendomsrechten(zaak: DataFrame, gerechtigde: DataFrame) -> DataFrame:
    """The BRK_RECHT input of build() from bronze.brk_kadastraal_onroerende_zaak and
    bronze.brk_zakelijk_gerechtigde (with lineage): latest delivery per zaak, one row per linked object and
    zakelijk gerechtigde (a zaak without gerechtigden gives one row with null recht_type)."""
    latest = Window.partitionBy("identificatie").orderBy(
        F.col("_load_time").desc(), F.col("_source_file").desc(), F.col("_record_position").desc()
    )
    zaken = (
        zaak.withColumn("_rank", F.row_number().over(latest))
        .where((F.col("_rank") == 1) & ~F.coalesce(F.col("indicatie_vervallen"), F.lit(False)))
        .select(
            F.col("identificatie").alias("kadastraal_onroerende_zaak_identificatie"),
            F.col("type").alias("kadastraal_object_type"),
            F.explode("adressen.adresseerbaar_object_identificatie").alias("adresseerbaar_object_identificatie"),
            "_content_hash",
            "_record_position",
        )
        .where(F.col("adresseerbaar_object_identificatie").isNotNull())
        .distinct()
    )
    rechten = gerechtigde.select(
        "kadastraal_onroerende_zaak_identificatie",
        "_content_hash",
        "_record_position",
        F.col("type").alias("recht_type"),
        "aandeel_teller",
        "aandeel_noemer",
        "persoon_type",
        "persoon_id",
        "niet_natuurlijk_persoon_identificatie",
        "rsin",
        "kvk_nummer",
        "statutaire_naam",
    )
    # the gerechtigden of exactly the delivered record that won (same file and position)
    joined = zaken.join(
        rechten, on=["kadastraal_onroerende_zaak_identificatie", "_content_hash", "_record_position"], how="left"
    )
    return joined.select(*[F.col(f.name).cast(f.dataType) for f in BRK_RECHT.fields])


def build(brk: DataFrame, brp_verblijf: DataFrame, peildatum: dt.date, corporaties: list[Corporatie]) -> DataFrame:
    """silver.eigendom on ``peildatum`` from BRK_RECHT rows, silver.brp_verblijf and the corporation list."""
    peil = F.lit(peildatum).cast("date")
    per_object = Window.partitionBy("adresseerbaar_object_identificatie")
    rechten = (
        brk.where(F.col("adresseerbaar_object_identificatie").isNotNull())
        .withColumn("_appartement", F.col("kadastraal_object_type") == "appartementsrecht")
        .withColumn("_heeft_appartement", F.max("_appartement").over(per_object))
        .where(F.col("_appartement") | ~F.col("_heeft_appartement"))
        .withColumn("_erfpacht", F.coalesce(F.col("recht_type").isin(*ERFPACHT), F.lit(False)))
        .withColumn("_heeft_erfpacht", F.max("_erfpacht").over(per_object))
        .withColumn(
            "_eigenaar",
            F.coalesce(
                F.when(F.col("_heeft_erfpacht"), F.col("_erfpacht")).otherwise(F.col("recht_type") == "eigenaar"),
                F.lit(False),
            ),
        )
        .withColumn("_natuurlijk", F.coalesce(F.col("persoon_type").isin(*NATUURLIJK), F.lit(False)))
        .withColumn("_niet_natuurlijk", F.coalesce(F.col("persoon_type").isin(*NIET_NATUURLIJK), F.lit(False)))
    )
    bewoners = (
        brp_verblijf.where(
            (F.col("datum_aanvang").isNull() | (F.col("datum_aanvang") <= peil))
            & (F.col("datum_einde").isNull() | (F.col("datum_einde") > peil))
            & F.col("persoon_id").isNotNull()
        )
        .select("persoon_id", "adresseerbaar_object_identificatie")
        .distinct()
        .withColumn("_woont_er", F.lit(True))
    )
    rechten = rechten.join(bewoners, on=["persoon_id", "adresseerbaar_object_identificatie"], how="left")
    corporatie = corporatie_naam(corporaties, F.col("kvk_nummer"), F.col("rsin"), F.col("statutaire_naam"))
    eigenaar_nnp = F.col("_eigenaar") & F.col("_niet_natuurlijk")
    bewonend = (F.col("_eigenaar") | F.col("recht_type").isin(*BEWONING)) & F.col("_natuurlijk")
    sleutel = F.coalesce("persoon_id", "niet_natuurlijk_persoon_identificatie", "rsin", "kvk_nummer", "statutaire_naam")
    per_vbo = rechten.groupBy("adresseerbaar_object_identificatie").agg(
        F.max(F.coalesce(bewonend & F.coalesce(F.col("_woont_er"), F.lit(False)), F.lit(False))).alias("_bewoner"),
        F.min(F.when(eigenaar_nnp, corporatie)).alias("corporatie_naam"),
        F.max(eigenaar_nnp).alias("_rechtspersoon"),
        F.max(F.col("_eigenaar") & F.col("_natuurlijk")).alias("_persoon"),
        F.count_distinct(F.when(F.col("_eigenaar"), sleutel)).cast("int").alias("aantal_gerechtigden"),
        F.max("kadastraal_object_type").alias("kadastraal_object_type"),  # one type left per object
        F.array_sort(F.collect_set("kadastraal_onroerende_zaak_identificatie")).alias(
            "kadastraal_onroerende_zaak_identificaties"
        ),
    )
    categorie = (
        F.when(F.col("_bewoner"), "eigenaar_bewoner")
        .when(F.col("corporatie_naam").isNotNull(), "woningcorporatie")
        .when(F.col("_rechtspersoon"), "overige_rechtspersoon")
        .when(F.col("_persoon"), "particuliere_verhuurder")
        .otherwise("onbekend")
    )
    return per_vbo.select(
        F.col("adresseerbaar_object_identificatie"),
        peil.alias("peildatum"),
        categorie.alias("eigendom_categorie"),
        F.col("corporatie_naam"),
        F.col("aantal_gerechtigden"),
        F.col("kadastraal_object_type"),
        F.col("kadastraal_onroerende_zaak_identificaties"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    zaak = read_or_empty(spark, settings, "bronze", "brk_kadastraal_onroerende_zaak", bronze_schema(KADASTRAAL_ONROERENDE_ZAAK))
    gerechtigde = read_or_empty(spark, settings, "bronze", "brk_zakelijk_gerechtigde", bronze_schema(ZAKELIJK_GERECHTIGDE))
    verblijf = read_or_empty(spark, settings, "silver", "brp_verblijf", BRP_VERBLIJF)
    df = build(eigendomsrechten(zaak, gerechtigde), verblijf, settings.peildatum_tot(), load_corporaties())
    return overwrite_table(
        df, settings, "silver", NAME,
        comment="Ownership category per adresseerbaar object (BRK latest state; owner-occupier via BRP on peildatum)",
    )
