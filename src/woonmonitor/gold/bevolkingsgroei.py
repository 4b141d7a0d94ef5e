"""gold.bevolkingsgroei: population development of the gemeente per year and per month.

Source CBS 37230ned (Bevolkingsontwikkeling; regio per maand): year rows (``JJ00``) and month rows
(``MM01``..``MM12``), measures selected by key without version suffix.

Privacy: these are figures CBS itself publishes at municipality level (after its own disclosure
control), and the demographic balance (end = begin + births - deaths + settled - departed +
corrections, and next month's begin = this month's end) makes any single suppressed component
recomputable from the rest of the series; suppressing cells would hide nothing. So this table is not
cell-suppressed; it holds no count below municipality level.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold._cbs import breed, lees, observaties, schrijf
from woonmonitor.sources.cbs_catalog import tabel

NAME = "bevolkingsgroei"
SEED_NAME = "dwh_burgerzaken.bevolkingsgroei"
DESCRIPTION = (
    "Population development of the gemeente per year and per month: population at the start of the "
    "period, live births, deaths, persons settled (from another gemeente or from abroad), persons departed "
    "(including administrative corrections), population growth and population at the end of the period. "
    "Source: CBS StatLine 37230ned (Bevolkingsontwikkeling; regio per maand). Unit: persons."
)

_MAATSTAVEN = {
    "bevolking_begin": "BevolkingAanHetBeginVanDePeriode",
    "levend_geborenen": "LevendGeborenKinderen",
    "overledenen": "Overledenen",
    "gevestigd": "TotaleVestiging",
    "gevestigd_uit_andere_gemeente": "VestigingVanuitEenAndereGemeente",
    "immigratie": "Immigratie",
    "vertrokken": "TotaalVertrekInclAdmCorrecties",
    "vertrokken_naar_andere_gemeente": "VertrekNaarAndereGemeente",
    "bevolkingsgroei": "Bevolkingsgroei",
    "bevolking_einde": "BevolkingAanHetEindeVanDePeriode",
}


def build(cbs_observatie: DataFrame, settings: Settings) -> DataFrame:
    t = tabel("37230NED")
    rows = observaties(cbs_observatie, t.id, ("JJ", "MM")).where(F.col("regio") == settings.gemeentecode)
    wide = breed(rows, t, ["regio", "periode", "periode_type", "jaar", "maand"], _MAATSTAVEN)
    return wide.select(
        F.col("jaar").cast("int"),
        F.col("maand").cast("int"),
        F.col("periode"),
        F.col("periode_type"),
        F.col("regio").alias("gemeentecode"),
        *[F.col(c).cast("long").alias(c) for c in _MAATSTAVEN],
        (F.col("levend_geborenen") - F.col("overledenen")).cast("long").alias("natuurlijke_aanwas"),
        (F.col("gevestigd") - F.col("vertrokken")).cast("long").alias("migratiesaldo"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    return schrijf(build(lees(spark, settings), settings), settings, NAME, DESCRIPTION)
