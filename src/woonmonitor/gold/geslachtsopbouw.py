"""gold.geslachtsopbouw: population of the gemeente on 1 January by sex, per year.

Source CBS 03759ned, measure BevolkingOp1Januari (and GemiddeldeBevolking), for the total of ages
(Leeftijd 10000) and of marital states (T001019). When a delivery holds only single years of age (the
"per leeftijd" download of the previous monitor), the total is the sum of the single years (codes read
by :func:`woonmonitor.sources.cbs_catalog.leeftijd_uit_code`; the overlapping aggregate 22000 = 95 and
older is left out so nothing is counted twice).

Privacy: counts of 1 to ``settings.onderdrukken_tot`` persons are suppressed (null, ``onderdrukt``), with
secondary suppression inside each year (men + women add up to the published total).
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold._cbs import dim, lees, maatstaf_in, observaties, schrijf
from woonmonitor.privacy import suppress_cells
from woonmonitor.sources.cbs_catalog import (
    BURGERLIJKE_STAAT_TOTAAL,
    LEEFTIJD_TOTAAL,
    MANNEN,
    VROUWEN,
    leeftijd_kolom,
    tabel,
)

NAME = "geslachtsopbouw"
SEED_NAME = "dwh_burgerzaken.geslachtsopbouw"
DESCRIPTION = (
    "Population of the gemeente on 1 January by sex (men, women), per year, with each sex's share of the "
    "population and the average population over the year. Source: CBS StatLine 03759ned (Bevolking op "
    "1 januari en gemiddeld; geslacht, leeftijd en regio). Unit: persons (share in percent). Counts of "
    "1 to 4 are suppressed."
)
_GESLACHT = {MANNEN: "man", VROUWEN: "vrouw"}


def build(cbs_observatie: DataFrame, settings: Settings) -> DataFrame:
    t = tabel("03759NED")
    leeftijd = dim("Leeftijd")
    rows = observaties(cbs_observatie, t.id).where(
        (F.col("regio") == settings.gemeentecode)
        & dim("Geslacht").isin(*_GESLACHT)
        # files without the marital-status dimension count as its total
        & (F.coalesce(dim("BurgerlijkeStaat"), F.lit(BURGERLIJKE_STAAT_TOTAAL)) == BURGERLIJKE_STAAT_TOTAAL)
    )
    is_totaal = leeftijd == LEEFTIJD_TOTAAL
    is_enkel = leeftijd_kolom(leeftijd).isNotNull()

    def measure(base: str, alias: str):
        m = maatstaf_in(t, base)
        totaal = F.max(F.when(m & is_totaal, F.col("waarde")))
        enkel = F.sum(F.when(m & is_enkel, F.col("waarde")))
        return F.coalesce(totaal, enkel).alias(alias)

    per_geslacht = rows.groupBy("jaar", "regio", dim("Geslacht").alias("geslacht_code")).agg(
        measure("BevolkingOp1Januari", "bevolking"), measure("GemiddeldeBevolking", "gemiddelde_bevolking")
    )
    per_jaar = Window.partitionBy("jaar", "regio")
    with_share = per_geslacht.withColumn(
        "aandeel", F.round(F.col("bevolking") * 100.0 / F.sum("bevolking").over(per_jaar), 1)
    ).withColumn("bevolking", F.col("bevolking").cast("long"))
    safe = suppress_cells(with_share, "bevolking", ["jaar", "regio"], settings.onderdrukken_tot)
    # a count CBS did not deliver (null) is not suppressed: the flag is false, not null
    safe = safe.withColumn("onderdrukt", F.coalesce(F.col("onderdrukt"), F.lit(False)))
    geslacht = F.element_at(F.create_map(*[F.lit(x) for kv in _GESLACHT.items() for x in kv]), F.col("geslacht_code"))
    return safe.select(
        F.col("jaar").cast("int"),
        F.make_date(F.col("jaar"), F.lit(1), F.lit(1)).alias("peildatum"),
        F.col("regio").alias("gemeentecode"),
        geslacht.alias("geslacht"),
        F.col("bevolking"),
        # a share would reveal a suppressed count
        F.when(~F.col("onderdrukt"), F.col("aandeel")).cast("double").alias("aandeel"),
        F.when(~F.col("onderdrukt"), F.col("gemiddelde_bevolking")).cast("double").alias("gemiddelde_bevolking"),
        F.col("onderdrukt"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    return schrijf(build(lees(spark, settings), settings), settings, NAME, DESCRIPTION)
