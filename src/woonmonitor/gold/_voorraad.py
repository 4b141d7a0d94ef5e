"""Shared building block of the dwelling (woningen) gold tables: the BAG state of every verblijfsobject on
every reference date (peildatum), with its address, woonplaats and pand attributes.

* :func:`verblijfsobjecten_op_peildata` - every verblijfsobject (any status, any gebruiksdoel) on each
  peildatum, with woonplaats and postcode of its hoofdadres.
* :func:`woningen_op_peildata` - only the dwellings in the stock (see below), with bouwjaar, bouwjaarklasse and
  woningtype.
* :func:`peildata_frame` - the reference dates as a one-column DataFrame (the same dates as silver.huishouden).

**What counts as a woning in the stock** (following CBS's woningvoorraad): a verblijfsobject with
``woonfunctie`` among its gebruiksdoelen whose status on the date is one of
:data:`woonmonitor.silver.bag_common.VBO_STATUS_BESTAAND`: ``Verblijfsobject in gebruik``, ``Verblijfsobject in
gebruik (niet ingemeten)``, ``Verbouwing verblijfsobject`` and ``Verblijfsobject buiten gebruik``. A dwelling
counts from the day it is *in gebruik*; ``Verblijfsobject gevormd`` (under construction), ``Niet gerealiseerd
verblijfsobject``, ``Verblijfsobject ingetrokken`` and ``Verblijfsobject ten onrechte opgevoerd`` are not stock.
The state of every object on a date is its voorkomen valid on that date as known now
(:func:`woonmonitor.silver.bag_common.state_on`): ``begin_geldigheid <= peildatum < eind_geldigheid``, so an
object whose voorkomen ends exactly on 1 January is *not* counted on that 1 January (its successor is).
Inconsistent data with overlapping voorkomens: the highest ``voorkomenidentificatie`` wins.

**Attributes** (each from the state of the related object on the same date):

* ``woonplaats_identificatie``: the hoofdadres nummeraanduiding's ``ligtIn`` woonplaats, else the woonplaats of
  its openbare ruimte; ``woonplaats`` is that woonplaats's ``naam``. ``postcode`` from the hoofdadres.
* ``oorspronkelijk_bouwjaar``: the minimum over the panden the verblijfsobject lies in (null: unknown, 9999 in
  BAG). When an address, openbare ruimte, woonplaats or pand has no voorkomen valid on the date (inconsistent
  BAG), its latest voorkomen gives the attribute rather than dropping it.
* ``bouwjaarklasse``: see :data:`BOUWJAARKLASSEN`; ``onbekend`` without a bouwjaar.
* ``woningtype`` is a **BAG-only approximation**: ``appartement`` when one of its panden holds more than one
  woning (of the stock, on that date), else ``eengezinswoning``; ``onbekend`` without any pand. It cannot tell a
  vrijstaande woning from a rijwoning, and calls a house split into two dwellings (or a house with a
  shop-dwelling above) an appartement; a proper type needs the pand geometry (adjacency) or the WOZ
  soort-object code.

The gemeente is not filtered here: a municipality extract holds the gemeente's objects.
"""

from __future__ import annotations

import datetime as dt

from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.config import Settings
from woonmonitor.silver.bag_common import VBO_STATUS_BESTAAND, WOONFUNCTIE, state_on
from woonmonitor.tables import read_or_empty

PEILDATA_SCHEMA = T.StructType([T.StructField("peildatum", T.DateType(), False)])

_HISTORIE = [
    T.StructField("identificatie", T.StringType()),
    T.StructField("voorkomenidentificatie", T.IntegerType()),
    T.StructField("begin_geldigheid", T.DateType()),
    T.StructField("eind_geldigheid", T.DateType()),
    T.StructField("status", T.StringType()),
]

#: the columns of the silver BAG tables this module uses (also the empty frame when silver is missing)
VBO = T.StructType(_HISTORIE + [
    T.StructField("gebruiksdoelen", T.ArrayType(T.StringType())),
    T.StructField("oppervlakte", T.IntegerType()),
    T.StructField("hoofdadres_identificatie", T.StringType()),
    T.StructField("pand_identificaties", T.ArrayType(T.StringType())),
])
PAND = T.StructType(_HISTORIE + [T.StructField("oorspronkelijk_bouwjaar", T.IntegerType())])
NUM = T.StructType(_HISTORIE + [
    T.StructField("postcode", T.StringType()),
    T.StructField("type_adresseerbaar_object", T.StringType()),
    T.StructField("openbare_ruimte_identificatie", T.StringType()),
    T.StructField("woonplaats_identificatie", T.StringType()),
])
OPR = T.StructType(_HISTORIE + [T.StructField("woonplaats_identificatie", T.StringType())])
WPL = T.StructType(_HISTORIE + [T.StructField("naam", T.StringType())])

#: (label, first year, last year) - the CBS-like construction-period classes; null year -> 'onbekend'
BOUWJAARKLASSEN = (
    ("voor 1945", None, 1944),
    ("1945-1964", 1945, 1964),
    ("1965-1974", 1965, 1974),
    ("1975-1991", 1975, 1991),
    ("1992-2005", 1992, 2005),
    ("2006-2014", 2006, 2014),
    ("2015 en later", 2015, None),
)
ONBEKEND = "onbekend"
APPARTEMENT = "appartement"
EENGEZINSWONING = "eengezinswoning"


def peildata_frame(spark: SparkSession, settings: Settings, laatste_levering: dt.date | None = None) -> DataFrame:
    """The reference dates (1 January of each year from ``settings.eerste_jaar`` up to the latest delivery,
    plus the latest delivery date) as a DataFrame[peildatum date]; the same dates as silver.huishouden."""
    from woonmonitor.silver.huishouden import peildata

    return spark.createDataFrame([(d,) for d in peildata(settings, laatste_levering)], PEILDATA_SCHEMA)


def bouwjaarklasse(bouwjaar: Column) -> Column:
    expr = None
    for label, van, tot in BOUWJAARKLASSEN:
        cond = F.lit(True)
        if van is not None:
            cond = cond & (bouwjaar >= van)
        if tot is not None:
            cond = cond & (bouwjaar <= tot)
        expr = F.when(cond, F.lit(label)) if expr is None else expr.when(cond, F.lit(label))
    return F.when(bouwjaar.isNull(), F.lit(ONBEKEND)).otherwise(expr)


def op_peildata(df: DataFrame, peildata: DataFrame) -> DataFrame:
    """Every object's voorkomen valid on each peildatum: one row per (identificatie, peildatum)."""
    rows = state_on(df.join(F.broadcast(peildata.select("peildatum")), how="cross"), F.col("peildatum"))
    newest = Window.partitionBy("identificatie", "peildatum").orderBy(F.col("voorkomenidentificatie").desc())
    return rows.withColumn("_n", F.row_number().over(newest)).where(F.col("_n") == 1).drop("_n")


def _attribute(df: DataFrame, peildata: DataFrame, key: str, columns: dict[str, str]) -> DataFrame:
    """Per (``key``, peildatum): ``columns`` {source: alias} from the state on the date, else from the latest
    voorkomen of the object (inconsistent BAG: no voorkomen covers the date)."""
    on_date = op_peildata(df, peildata).select(
        F.col("identificatie").alias(key), "peildatum", F.lit(True).alias("_op_datum"),
        *[F.col(c).alias(f"_d_{a}") for c, a in columns.items()],
    )
    latest_w = Window.partitionBy("identificatie").orderBy(F.col("voorkomenidentificatie").desc())
    latest = (
        df.withColumn("_n", F.row_number().over(latest_w)).where(F.col("_n") == 1)
        .select(F.col("identificatie").alias(key), *[F.col(c).alias(f"_l_{a}") for c, a in columns.items()])
    )
    both = (
        latest.join(F.broadcast(peildata.select("peildatum")), how="cross")
        .join(on_date, on=[key, "peildatum"], how="left")
    )
    return both.select(
        key, "peildatum",
        # the whole state of one voorkomen, never a mix of two (a null ligtIn on the date stays null)
        *[F.when(F.col("_op_datum").isNotNull(), F.col(f"_d_{a}")).otherwise(F.col(f"_l_{a}")).alias(a)
          for a in columns.values()],
    )


def adres_woonplaats(num: DataFrame, opr: DataFrame, wpl: DataFrame, peildata: DataFrame) -> DataFrame:
    """Per (nummeraanduiding_identificatie, peildatum): postcode, type_adresseerbaar_object,
    woonplaats_identificatie (ligtIn, else the openbare ruimte's woonplaats) and woonplaats (naam)."""
    adres = _attribute(num, peildata, "nummeraanduiding_identificatie", {
        "postcode": "postcode",
        "type_adresseerbaar_object": "type_adresseerbaar_object",
        "openbare_ruimte_identificatie": "openbare_ruimte_identificatie",
        "woonplaats_identificatie": "_ligt_in",
    })
    straat = _attribute(opr, peildata, "openbare_ruimte_identificatie", {"woonplaats_identificatie": "_opr_woonplaats"})
    plaats = _attribute(wpl, peildata, "woonplaats_identificatie", {"naam": "woonplaats"})
    return (
        adres.join(straat, on=["openbare_ruimte_identificatie", "peildatum"], how="left")
        .withColumn("woonplaats_identificatie", F.coalesce("_ligt_in", "_opr_woonplaats"))
        .join(plaats, on=["woonplaats_identificatie", "peildatum"], how="left")
        .select(
            "nummeraanduiding_identificatie", "peildatum", "postcode", "type_adresseerbaar_object",
            "woonplaats_identificatie", "woonplaats",
        )
    )


def verblijfsobjecten_op_peildata(
    vbo: DataFrame, num: DataFrame, opr: DataFrame, wpl: DataFrame, peildata: DataFrame
) -> DataFrame:
    """Every verblijfsobject on each peildatum (state on the date, any status), with its address.

    Columns: peildatum, adresseerbaar_object_identificatie, status, gebruiksdoelen, is_woning (woonfunctie
    among the gebruiksdoelen), in_voorraad (is_woning and a stock status), oppervlakte, pand_identificaties,
    woonplaats_identificatie, woonplaats, postcode.
    """
    state = op_peildata(vbo, peildata)
    adres = adres_woonplaats(num, opr, wpl, peildata).withColumnRenamed(
        "nummeraanduiding_identificatie", "hoofdadres_identificatie"
    )
    is_woning = F.coalesce(F.array_contains(F.col("gebruiksdoelen"), WOONFUNCTIE), F.lit(False))
    return state.join(adres, on=["hoofdadres_identificatie", "peildatum"], how="left").select(
        "peildatum",
        F.col("identificatie").alias("adresseerbaar_object_identificatie"),
        "status",
        "gebruiksdoelen",
        is_woning.alias("is_woning"),
        (is_woning & F.coalesce(F.col("status").isin(*VBO_STATUS_BESTAAND), F.lit(False))).alias("in_voorraad"),
        "oppervlakte",
        F.coalesce(F.col("pand_identificaties"), F.array().cast("array<string>")).alias("pand_identificaties"),
        "woonplaats_identificatie",
        "woonplaats",
        "postcode",
    )


def woningen_op_peildata(
    vbo: DataFrame, pand: DataFrame, num: DataFrame, opr: DataFrame, wpl: DataFrame, peildata: DataFrame
) -> DataFrame:
    """One row per woning in the stock per peildatum (see the module docstring for the rules).

    Contract: peildatum date, adresseerbaar_object_identificatie string, woonplaats_identificatie string,
    woonplaats string, postcode string, oppervlakte int, gebruiksdoelen array<string>,
    oorspronkelijk_bouwjaar int, bouwjaarklasse string, woningtype string, aantal_woningen_in_pand int (the
    largest number of stock woningen in any of its panden; 0 without pand).
    """
    woningen = verblijfsobjecten_op_peildata(vbo, num, opr, wpl, peildata).where(F.col("in_voorraad"))
    panden = woningen.select(
        "peildatum", "adresseerbaar_object_identificatie", F.explode("pand_identificaties").alias("pand_identificatie")
    ).distinct()
    bouwjaar = _attribute(pand, peildata, "pand_identificatie", {"oorspronkelijk_bouwjaar": "oorspronkelijk_bouwjaar"})
    per_pand = Window.partitionBy("peildatum", "pand_identificatie")
    per_woning = (
        panden.withColumn("_woningen_in_pand", F.count(F.lit(1)).over(per_pand))
        .join(bouwjaar, on=["pand_identificatie", "peildatum"], how="left")
        .groupBy("peildatum", "adresseerbaar_object_identificatie")
        .agg(
            F.min("oorspronkelijk_bouwjaar").alias("oorspronkelijk_bouwjaar"),
            F.max("_woningen_in_pand").alias("aantal_woningen_in_pand"),
        )
    )
    in_pand = F.coalesce(F.col("aantal_woningen_in_pand"), F.lit(0))
    woningtype = (
        F.when(in_pand == 0, F.lit(ONBEKEND)).when(in_pand > 1, F.lit(APPARTEMENT)).otherwise(F.lit(EENGEZINSWONING))
    )
    return woningen.join(per_woning, on=["peildatum", "adresseerbaar_object_identificatie"], how="left").select(
        "peildatum",
        "adresseerbaar_object_identificatie",
        "woonplaats_identificatie",
        "woonplaats",
        "postcode",
        "oppervlakte",
        "gebruiksdoelen",
        F.col("oorspronkelijk_bouwjaar").cast("int").alias("oorspronkelijk_bouwjaar"),
        bouwjaarklasse(F.col("oorspronkelijk_bouwjaar")).alias("bouwjaarklasse"),
        woningtype.alias("woningtype"),
        in_pand.cast("int").alias("aantal_woningen_in_pand"),
    )


def lees_bag(spark: SparkSession, settings: Settings) -> dict[str, DataFrame]:
    """The silver BAG tables this block needs (empty frames of the used columns when never written)."""
    return {
        "vbo": read_or_empty(spark, settings, "silver", "bag_verblijfsobject", VBO),
        "pand": read_or_empty(spark, settings, "silver", "bag_pand", PAND),
        "num": read_or_empty(spark, settings, "silver", "bag_nummeraanduiding", NUM),
        "opr": read_or_empty(spark, settings, "silver", "bag_openbare_ruimte", OPR),
        "wpl": read_or_empty(spark, settings, "silver", "bag_woonplaats", WPL),
    }


def woonplaats_label(col: str = "woonplaats") -> Column:
    """The woonplaats name for display and grouping; 'onbekend' when the address gives none."""
    return F.coalesce(F.col(col), F.lit(ONBEKEND))


#: ``niveau`` of a gold row: one woonplaats, or the whole gemeente (woonplaats_identificatie null)
WOONPLAATS = "woonplaats"
GEMEENTE = "gemeente"
TOTAAL = "Totaal"


def per_woonplaats_en_totaal(df: DataFrame, keys: list[str], aggs: list[Column]) -> DataFrame:
    """``aggs`` grouped by ``keys`` per woonplaats and for the whole gemeente.

    Output: niveau ('woonplaats' | 'gemeente'), woonplaats_identificatie (null on gemeente rows), woonplaats
    (the name, 'onbekend' when the address gives none, 'Totaal' on gemeente rows), *keys, *aggs. ``df`` needs
    the columns woonplaats_identificatie and woonplaats.
    """
    per_wpl = df.groupBy(*keys, "woonplaats_identificatie", woonplaats_label().alias("woonplaats")).agg(*aggs)
    totaal = df.groupBy(*keys).agg(*aggs)
    return per_wpl.select(
        F.lit(WOONPLAATS).alias("niveau"), "woonplaats_identificatie", "woonplaats", *keys,
        *[c for c in per_wpl.columns if c not in (*keys, "woonplaats_identificatie", "woonplaats")],
    ).unionByName(
        totaal.select(
            F.lit(GEMEENTE).alias("niveau"), F.lit(None).cast("string").alias("woonplaats_identificatie"),
            F.lit(TOTAAL).alias("woonplaats"), *totaal.columns,
        )
    )
