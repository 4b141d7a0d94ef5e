"""gold.reconciliatie: own BAG- and BRP-derived figures beside CBS's published figure for the same date.

* woningvoorraad: the number of woningen in our BAG stock (:mod:`woonmonitor.gold._voorraad`) on 1 January of
  year Y against CBS 81955NED (Gebruiksfunctie A045364 woningen, the gemeente, year Y): ``BeginstandVoorraad``
  of Y, else ``EindstandVoorraad`` of Y-1 (the same date).
* bevolking: the number of persons registered in the gemeente on 1 January of year Y, from silver.brp_verblijf
  (an occurrence with ``gemeente_inschrijving`` = the BAG gemeentecode covering the date, not an emigration
  occurrence) and silver.brp_persoon (not dead on the date), against CBS 03759ned ``BevolkingOp1Januari``
  (totals of sex, age and marital status) and 37230ned ``BevolkingAanHetBeginVanDePeriode`` of Y (else
  ``BevolkingAanHetEindeVanDePeriode`` of Y-1). Persons at a briefadres count here (they are registered), unlike
  in the household-based gold tables.

One row per peildatum (1 January of each year and the latest delivery date) per comparison; the CBS figure is
null when CBS has not published it for that date. Privacy: a population count from 1 to
``settings.onderdrukken_tot`` is suppressed (with its difference) via :func:`woonmonitor.privacy.suppress_cells`.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.config import Settings
from woonmonitor.gold import _cbs
from woonmonitor.gold import _voorraad as V
from woonmonitor.privacy import suppress_cells
from woonmonitor.sources import cbs_catalog
from woonmonitor.tables import overwrite_table, read_or_empty

NAME = "reconciliatie"
SEED_NAME = "new"
DESCRIPTION = (
    "Reconciliation of own figures with CBS for the same date: the BAG-derived dwelling stock against CBS "
    "81955NED (beginstand of the year / eindstand of the year before), and the BRP-derived number of persons "
    "registered in the gemeente against CBS 03759ned (population on 1 January) and 37230ned (population at the "
    "beginning of the year), per peildatum, with the absolute (own - CBS) and relative ((own - CBS) / CBS) "
    "difference. Units: dwellings, persons. Known limits: CBS counts dwellings from its own BAG processing with "
    "corrections and publishes some years provisionally; CBS's population excludes persons registered with an "
    "RNI or briefadres abroad differently; the CBS figure is null where not (yet) published. Population counts "
    "of 1 to 4 are suppressed."
)

#: the columns of silver.brp_verblijf and silver.brp_persoon used here
BRP_VERBLIJF = T.StructType([
    T.StructField("persoonslijst_id", T.StringType()),
    T.StructField("gemeente_inschrijving", T.StringType()),
    T.StructField("datum_aanvang", T.DateType()),
    T.StructField("datum_einde", T.DateType()),
    T.StructField("land_vertrek", T.StringType()),
])
BRP_PERSOON = T.StructType([
    T.StructField("persoonslijst_id", T.StringType()),
    T.StructField("overlijdensdatum", T.DateType()),
])

WONINGVOORRAAD = "woningvoorraad"
BEVOLKING = "bevolking"


def bevolking_op_peildata(verblijf: DataFrame, persoon: DataFrame, peildata: DataFrame, bag_gemeentecode: str) -> DataFrame:
    """peildatum, aantal: persons registered in the gemeente on each peildatum (0 when none)."""
    gemeente = F.lpad(F.trim(F.col("gemeente_inschrijving")), 4, "0") == F.lit(bag_gemeentecode)
    hier = verblijf.where(gemeente & F.col("land_vertrek").isNull()).join(
        persoon.select("persoonslijst_id", "overlijdensdatum"), on="persoonslijst_id", how="left"
    )
    op_datum = (
        (F.col("datum_aanvang") <= F.col("peildatum"))
        & (F.col("datum_einde").isNull() | (F.col("datum_einde") > F.col("peildatum")))
        & (F.col("overlijdensdatum").isNull() | (F.col("overlijdensdatum") > F.col("peildatum")))
    )
    personen = hier.join(F.broadcast(peildata.select("peildatum")), on=op_datum, how="inner").groupBy("peildatum").agg(
        F.count_distinct("persoonslijst_id").alias("aantal")
    )
    return peildata.select("peildatum").distinct().join(personen, on="peildatum", how="left").select(
        "peildatum", F.coalesce(F.col("aantal"), F.lit(0)).cast("long").alias("aantal")
    )


def _op_1_januari(rows: DataFrame, begin_key: str, eind_key: str, t: cbs_catalog.CbsTabel) -> DataFrame:
    """peildatum (1 January Y), cbs_waarde: the begin-of-year value of Y, else the end-of-year value of Y-1."""
    begin = rows.where(_cbs.maatstaf_in(t, begin_key)).select(
        F.make_date(F.col("jaar"), F.lit(1), F.lit(1)).alias("peildatum"), F.col("waarde").alias("_begin"))
    eind = rows.where(_cbs.maatstaf_in(t, eind_key)).select(
        F.make_date(F.col("jaar") + 1, F.lit(1), F.lit(1)).alias("peildatum"), F.col("waarde").alias("_eind"))
    return begin.where(F.col("_begin").isNotNull()).join(
        eind.where(F.col("_eind").isNotNull()), on="peildatum", how="full"
    ).groupBy("peildatum").agg(F.max(F.coalesce("_begin", "_eind")).alias("cbs_waarde"))


def cbs_cijfers(cbs_observatie: DataFrame, settings: Settings) -> DataFrame:
    """onderwerp, cbs_tabel, cbs_maatstaf, peildatum, cbs_waarde (long) for the gemeente."""
    regio = F.col("regio") == settings.gemeentecode
    t81955 = cbs_catalog.tabel("81955NED")
    woningen = _cbs.observaties(cbs_observatie, "81955NED").where(
        regio & (_cbs.dim("Gebruiksfunctie") == cbs_catalog.GEBRUIKSFUNCTIE_WONINGEN))
    t37230 = cbs_catalog.tabel("37230NED")
    ontwikkeling = _cbs.observaties(cbs_observatie, "37230NED").where(regio)
    t03759 = cbs_catalog.tabel("03759NED")
    totaal = (
        regio & _cbs.maatstaf_in(t03759, "BevolkingOp1Januari")
        & (_cbs.dim("Geslacht") == cbs_catalog.GESLACHT_TOTAAL)
        & (_cbs.dim("Leeftijd") == cbs_catalog.LEEFTIJD_TOTAAL)
        & (F.coalesce(_cbs.dim("BurgerlijkeStaat"), F.lit(cbs_catalog.BURGERLIJKE_STAAT_TOTAAL))
           == cbs_catalog.BURGERLIJKE_STAAT_TOTAAL)
    )
    opbouw = _cbs.observaties(cbs_observatie, "03759NED").where(totaal).groupBy("jaar").agg(
        F.max("waarde").alias("cbs_waarde")
    ).select(F.make_date(F.col("jaar"), F.lit(1), F.lit(1)).alias("peildatum"), "cbs_waarde")

    def label(df: DataFrame, onderwerp: str, tabel: str, maatstaf: str) -> DataFrame:
        return df.select(
            F.lit(onderwerp).alias("onderwerp"), F.lit(tabel).alias("cbs_tabel"), F.lit(maatstaf).alias("cbs_maatstaf"),
            "peildatum", F.round("cbs_waarde").cast("long").alias("cbs_waarde"),
        )

    return (
        label(_op_1_januari(woningen, "BeginstandVoorraad", "EindstandVoorraad", t81955), WONINGVOORRAAD,
              "81955NED", "BeginstandVoorraad")
        .unionByName(label(opbouw, BEVOLKING, "03759NED", "BevolkingOp1Januari"))
        .unionByName(label(_op_1_januari(ontwikkeling, "BevolkingAanHetBeginVanDePeriode",
                                         "BevolkingAanHetEindeVanDePeriode", t37230),
                           BEVOLKING, "37230NED", "BevolkingAanHetBeginVanDePeriode"))
    )


COMPARISONS = [
    (WONINGVOORRAAD, "BAG", "81955NED", "BeginstandVoorraad"),
    (BEVOLKING, "BRP", "03759NED", "BevolkingOp1Januari"),
    (BEVOLKING, "BRP", "37230NED", "BevolkingAanHetBeginVanDePeriode"),
]


def build(woningen: DataFrame, verblijf: DataFrame, persoon: DataFrame, cbs_observatie: DataFrame,
          peildata: DataFrame, settings: Settings) -> DataFrame:
    """``woningen``: woningen_op_peildata on ``peildata``; the rest: their silver tables."""
    spark = peildata.sparkSession
    peil = peildata.select("peildatum").distinct()
    voorraad = peil.join(woningen.groupBy("peildatum").agg(F.count(F.lit(1)).alias("_n")), on="peildatum", how="left") \
        .select("peildatum", F.lit(WONINGVOORRAAD).alias("onderwerp"),
                F.coalesce(F.col("_n"), F.lit(0)).cast("long").alias("eigen_waarde"))
    bevolking = bevolking_op_peildata(verblijf, persoon, peil, settings.bag_gemeentecode).select(
        "peildatum", F.lit(BEVOLKING).alias("onderwerp"), F.col("aantal").alias("eigen_waarde"))
    vergelijk = spark.createDataFrame(COMPARISONS, "onderwerp string, eigen_bron string, cbs_tabel string, cbs_maatstaf string")
    eigen = voorraad.unionByName(bevolking).join(F.broadcast(vergelijk), on="onderwerp", how="inner")
    rows = eigen.join(cbs_cijfers(cbs_observatie, settings),
                      on=["onderwerp", "cbs_tabel", "cbs_maatstaf", "peildatum"], how="left")
    # persons: suppress 1..bound (each comparison row is its own cell: no total to subtract it from)
    personen = suppress_cells(rows.where(F.col("onderwerp") == BEVOLKING), "eigen_waarde",
                              ["peildatum", "onderwerp", "cbs_tabel"], settings.onderdrukken_tot)
    woningen_rows = rows.where(F.col("onderwerp") == WONINGVOORRAAD).withColumn("onderdrukt", F.lit(False))
    alle = woningen_rows.unionByName(personen)
    verschil = F.col("eigen_waarde") - F.col("cbs_waarde")
    return alle.select(
        "peildatum",
        "onderwerp",
        "eigen_bron",
        "cbs_tabel",
        "cbs_maatstaf",
        F.col("eigen_waarde").cast("long").alias("eigen_waarde"),
        "cbs_waarde",
        verschil.cast("long").alias("verschil"),
        F.when(F.col("cbs_waarde") != 0, F.round(verschil / F.col("cbs_waarde"), 6)).alias("verschil_relatief"),
        "onderdrukt",
    )


def run(spark: SparkSession, settings: Settings) -> int:
    peildata = V.peildata_frame(spark, settings)
    bag = V.lees_bag(spark, settings)
    woningen = V.woningen_op_peildata(bag["vbo"], bag["pand"], bag["num"], bag["opr"], bag["wpl"], peildata)
    verblijf = read_or_empty(spark, settings, "silver", "brp_verblijf", BRP_VERBLIJF)
    persoon = read_or_empty(spark, settings, "silver", "brp_persoon", BRP_PERSOON)
    df = build(woningen, verblijf, persoon, _cbs.lees(spark, settings), peildata, settings)
    return overwrite_table(df, settings, "gold", NAME, DESCRIPTION)
