"""gold.programma_woningbouw: the dwelling stock on 1 January of each year and its changes over the year, per
woonplaats and for the gemeente, against the Programma Woningbouw target.

Periods run from one peildatum to the next: 1 January N to 1 January N+1 (``volledig_jaar``), and the current
year from 1 January to the latest delivery date. Per period every dwelling in the stock (see
:mod:`woonmonitor.gold._voorraad`) on either end is classified, so that **exactly**

    voorraad_eind = voorraad_begin + nieuwbouw - sloop + overige_toevoeging - overige_onttrekking

for every period and every woonplaats (``netto_toevoeging`` = voorraad_eind - voorraad_begin):

* **nieuwbouw**: in the stock at the end, not at the start, the verblijfsobject first reached an existing
  status (in gebruik, ..., any gebruiksdoel) during the period (a new object), and its pand's oorspronkelijk
  bouwjaar is at least the year before the period's year (a new building).
* **overige_toevoeging**: any other entry: a new object in an old pand (splitting a dwelling), an existing
  object that gained woonfunctie (transformation of an office or shop), a return to the stock, or an object
  without known bouwjaar; on woonplaats rows also a dwelling whose address moved in from another woonplaats.
* **sloop**: in the stock at the start, not at the end, and at the end the verblijfsobject has no valid
  voorkomen any more or has status 'Verblijfsobject ingetrokken' (BAG's status for a demolished object) or
  'Niet gerealiseerd verblijfsobject'.
* **overige_onttrekking**: any other exit: loss of woonfunctie (transformation to another use), status
  'Verblijfsobject ten onrechte opgevoerd' (an administrative correction, which CBS 81955NED books as
  correctie, not sloop), or, on woonplaats rows, a move of the address to another woonplaats.

Known limits (BAG-only): merging two dwellings into one (samenvoeging) withdraws both old objects, so it shows
as 2 sloop + 1 overige toevoeging where CBS books an overige onttrekking; a demolished-and-rebuilt dwelling with
a new id shows as sloop + nieuwbouw (as CBS does).

Target: ``settings.woningbouw_doel`` net additions over the years ``woningbouw_van`` .. ``woningbouw_tot``
(inclusive), on a linear path: ``doel_cumulatief`` at a period's end = doel x (years elapsed since 1 January
``woningbouw_van``) / (number of programme years); only on gemeente rows. ``netto_cumulatief`` sums the net
additions of the periods from 1 January ``woningbouw_van`` (on every row, null outside the programme).
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold import _voorraad as V
from woonmonitor.silver.bag_common import VBO_STATUS_BESTAAND
from woonmonitor.tables import overwrite_table

NAME = "programma_woningbouw"
SEED_NAME = "new"
DESCRIPTION = (
    "Programma Woningbouw: dwelling stock on 1 January of each year (and the latest delivery date) per woonplaats "
    "and for the gemeente, with the year's nieuwbouw, sloop, overige toevoegingen and onttrekkingen and net "
    "addition (voorraad_eind = voorraad_begin + nieuwbouw - sloop + overige_toevoeging - overige_onttrekking, "
    "exactly), the cumulative net addition since the programme's first year and, for the gemeente, the linear "
    "target path (woningbouw_doel over woningbouw_van..woningbouw_tot). Source: BAG (status and gebruiksdoel "
    "history of verblijfsobjecten, pand bouwjaar). Unit: dwellings. Known limits: nieuwbouw = a new object in a "
    "pand built in the year or the year before; splitting, transformation and address moves between woonplaatsen "
    "are overige mutaties; samenvoeging shows as sloop; 'ten onrechte opgevoerd' is an overige onttrekking "
    "(CBS: correctie)."
)

#: the status at the period's end that makes an exit 'sloop'
SLOOP_STATUS = ("Verblijfsobject ingetrokken", "Niet gerealiseerd verblijfsobject")
STROMEN = ("nieuwbouw", "sloop", "overige_toevoeging", "overige_onttrekking")


def perioden(peildata: DataFrame) -> DataFrame:
    """Consecutive peildata as periods: peildatum_begin, peildatum_eind."""
    volgend = Window.orderBy("peildatum")  # a handful of dates: one partition is fine
    return (
        peildata.select("peildatum").distinct()
        .withColumn("peildatum_eind", F.lead("peildatum").over(volgend))
        .where(F.col("peildatum_eind").isNotNull())
        .select(F.col("peildatum").alias("peildatum_begin"), "peildatum_eind")
    )


def _int(cond: Column) -> Column:
    return F.coalesce(cond, F.lit(False)).cast("int")


def mutaties(vbo: DataFrame, woningen: DataFrame, peildata: DataFrame) -> DataFrame:
    """One row per dwelling per period in which it is in the stock at either end, classified.

    Columns: peildatum_begin, peildatum_eind, adresseerbaar_object_identificatie, in_begin, in_eind,
    woonplaats_begin_id, woonplaats_begin, woonplaats_eind_id, woonplaats_eind, nieuwbouw, sloop (booleans).
    """
    per = perioden(peildata)
    stock = woningen.select(
        "peildatum", "adresseerbaar_object_identificatie", "woonplaats_identificatie",
        V.woonplaats_label().alias("woonplaats"), "oorspronkelijk_bouwjaar",
    )
    key = ["peildatum_begin", "peildatum_eind", "adresseerbaar_object_identificatie"]
    begin = per.join(stock, on=stock.peildatum == per.peildatum_begin, how="inner").select(
        *key, F.col("woonplaats_identificatie").alias("woonplaats_begin_id"),
        F.col("woonplaats").alias("woonplaats_begin"), F.lit(True).alias("in_begin"),
    )
    eind = per.join(stock, on=stock.peildatum == per.peildatum_eind, how="inner").select(
        *key, F.col("woonplaats_identificatie").alias("woonplaats_eind_id"),
        F.col("woonplaats").alias("woonplaats_eind"), F.col("oorspronkelijk_bouwjaar").alias("_bouwjaar"),
        F.lit(True).alias("in_eind"),
    )
    eerste = vbo.where(F.col("status").isin(*VBO_STATUS_BESTAAND)).groupBy("identificatie").agg(
        F.min("begin_geldigheid").alias("_eerste_bestaand")
    ).withColumnRenamed("identificatie", "adresseerbaar_object_identificatie")
    eind_state = V.op_peildata(vbo, per.select(F.col("peildatum_eind").alias("peildatum")).distinct()).select(
        F.col("identificatie").alias("adresseerbaar_object_identificatie"),
        F.col("peildatum").alias("peildatum_eind"),
        F.lit(True).alias("_bestaat_eind"),
        F.col("status").alias("_status_eind"),
    )
    both = (
        begin.join(eind, on=key, how="full")
        .withColumn("in_begin", F.coalesce("in_begin", F.lit(False)))
        .withColumn("in_eind", F.coalesce("in_eind", F.lit(False)))
        .join(eerste, on="adresseerbaar_object_identificatie", how="left")
        .join(eind_state, on=["adresseerbaar_object_identificatie", "peildatum_eind"], how="left")
    )
    nieuw = (
        ~F.col("in_begin") & F.col("in_eind")
        & (F.col("_eerste_bestaand") >= F.col("peildatum_begin"))
        & (F.col("_bouwjaar") >= F.year("peildatum_begin") - 1)
    )
    sloop = F.col("in_begin") & ~F.col("in_eind") & (
        F.col("_bestaat_eind").isNull() | F.col("_status_eind").isin(*SLOOP_STATUS)
    )
    return both.select(
        *key, "in_begin", "in_eind", "woonplaats_begin_id", "woonplaats_begin", "woonplaats_eind_id",
        "woonplaats_eind", F.coalesce(nieuw, F.lit(False)).alias("nieuwbouw"),
        F.coalesce(sloop, F.lit(False)).alias("sloop"),
    )


def build(vbo: DataFrame, woningen: DataFrame, peildata: DataFrame, settings: Settings) -> DataFrame:
    """``vbo``: silver.bag_verblijfsobject; ``woningen``: woningen_op_peildata on ``peildata``."""
    m = mutaties(vbo, woningen, peildata)
    periode = ["peildatum_begin", "peildatum_eind"]
    b, e, nb, sl = F.col("in_begin"), F.col("in_eind"), F.col("nieuwbouw"), F.col("sloop")
    geen = F.lit(None).cast("string")
    gemeente = m.select(
        *periode, F.lit(V.GEMEENTE).alias("niveau"), geen.alias("woonplaats_identificatie"),
        F.lit(V.TOTAAL).alias("_naam_begin"), F.lit(V.TOTAAL).alias("_naam_eind"),
        _int(b).alias("voorraad_begin"), _int(e).alias("voorraad_eind"),
        _int(nb).alias("nieuwbouw"), _int(~b & e & ~nb).alias("overige_toevoeging"),
        _int(sl).alias("sloop"), _int(b & ~e & ~sl).alias("overige_onttrekking"),
    )
    zelfde = b & e & F.col("woonplaats_begin_id").eqNullSafe(F.col("woonplaats_eind_id"))
    uit = m.where(b).select(  # the start side, in the woonplaats of the start
        *periode, F.lit(V.WOONPLAATS).alias("niveau"), F.col("woonplaats_begin_id").alias("woonplaats_identificatie"),
        F.col("woonplaats_begin").alias("_naam_begin"), geen.alias("_naam_eind"),
        F.lit(1).alias("voorraad_begin"), F.lit(0).alias("voorraad_eind"),
        F.lit(0).alias("nieuwbouw"), F.lit(0).alias("overige_toevoeging"),
        _int(sl).alias("sloop"), _int(~zelfde & ~sl).alias("overige_onttrekking"),
    )
    naar = m.where(e).select(  # the end side, in the woonplaats of the end
        *periode, F.lit(V.WOONPLAATS).alias("niveau"), F.col("woonplaats_eind_id").alias("woonplaats_identificatie"),
        geen.alias("_naam_begin"), F.col("woonplaats_eind").alias("_naam_eind"),
        F.lit(0).alias("voorraad_begin"), F.lit(1).alias("voorraad_eind"),
        _int(nb).alias("nieuwbouw"), _int(~zelfde & ~nb).alias("overige_toevoeging"),
        F.lit(0).alias("sloop"), F.lit(0).alias("overige_onttrekking"),
    )
    tellers = ["voorraad_begin", "voorraad_eind", *STROMEN]
    grouped = gemeente.unionByName(uit).unionByName(naar).groupBy(*periode, "niveau", "woonplaats_identificatie").agg(
        F.coalesce(F.max("_naam_eind"), F.max("_naam_begin")).alias("woonplaats"),
        *[F.sum(c).cast("long").alias(c) for c in tellers],
    )
    van, tot, doel = settings.woningbouw_van, settings.woningbouw_tot, settings.woningbouw_doel
    start = F.make_date(F.lit(van), F.lit(1), F.lit(1))
    einde = F.make_date(F.lit(tot + 1), F.lit(1), F.lit(1))
    in_programma = (F.col("peildatum_begin") >= start) & (F.col("peildatum_eind") <= einde)
    netto = F.col("nieuwbouw") - F.col("sloop") + F.col("overige_toevoeging") - F.col("overige_onttrekking")
    lopend = Window.partitionBy("niveau", "woonplaats_identificatie").orderBy("peildatum_begin").rowsBetween(
        Window.unboundedPreceding, Window.currentRow
    )
    jaren = F.months_between(F.col("peildatum_eind"), start) / 12
    doel_cum = F.when(in_programma & (F.col("niveau") == V.GEMEENTE), F.round(F.lit(doel) * jaren / (tot - van + 1), 1))
    jaar = F.year("peildatum_begin")
    return (
        grouped.withColumn("netto_toevoeging", netto.cast("long"))
        .withColumn("netto_cumulatief", F.when(
            in_programma, F.sum(F.when(in_programma, F.col("netto_toevoeging")).otherwise(0)).over(lopend)
        ).cast("long"))
        .withColumn("doel_cumulatief", doel_cum)
        .select(
            jaar.cast("int").alias("jaar"),
            "peildatum_begin",
            "peildatum_eind",
            ((F.col("peildatum_begin") == F.make_date(jaar, F.lit(1), F.lit(1)))
             & (F.col("peildatum_eind") == F.make_date(jaar + 1, F.lit(1), F.lit(1)))).alias("volledig_jaar"),
            "niveau",
            "woonplaats_identificatie",
            "woonplaats",
            "voorraad_begin",
            "nieuwbouw",
            "sloop",
            "overige_toevoeging",
            "overige_onttrekking",
            "netto_toevoeging",
            "voorraad_eind",
            "netto_cumulatief",
            "doel_cumulatief",
            (F.col("netto_cumulatief") - F.col("doel_cumulatief")).alias("verschil_doel"),
        )
    )


def run(spark: SparkSession, settings: Settings) -> int:
    bag = V.lees_bag(spark, settings)
    peildata = V.peildata_frame(spark, settings)
    woningen = V.woningen_op_peildata(bag["vbo"], bag["pand"], bag["num"], bag["opr"], bag["wpl"], peildata)
    return overwrite_table(build(bag["vbo"], woningen, peildata, settings), settings, "gold", NAME, DESCRIPTION)
