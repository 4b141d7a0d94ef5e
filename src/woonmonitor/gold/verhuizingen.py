"""gold.verhuizingen: persons who moved within, into and out of the gemeente, per year and per month.

Source CBS 84547NED (Verhuisde personen; geslacht, leeftijd en regio per maand), the gemeente, all
sexes (T001038) and all ages (10000). Long form: one row per period and kind of move (``soort``:
``binnen_gemeente`` BinnenGemeentenVerhuisdePersonen, ``gevestigd`` GevestigdInDeGemeente,
``vertrokken`` VertrokkenUitDeGemeente).

Privacy rule: a count of 1 to ``settings.onderdrukken_tot`` persons is suppressed (null, ``onderdrukt``).
The twelve months of a year add up to the year row, so within each year and kind of move the months
are one group: when any month is suppressed, the smallest other non-zero month is suppressed
too (``woonmonitor.privacy.suppress_cells``), and the year total cannot reveal it.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.gold._cbs import dim, lees, maatstaf_in, observaties, schrijf
from woonmonitor.privacy import suppress_cells
from woonmonitor.sources.cbs_catalog import GESLACHT_TOTAAL, LEEFTIJD_TOTAAL, tabel

NAME = "verhuizingen"
SEED_NAME = "dwh_verhuisstromen.verhuizingen"
DESCRIPTION = (
    "Persons who moved house within the gemeente, who settled in it from elsewhere, and who left it, per "
    "year and per month (soort: binnen_gemeente, gevestigd, vertrokken). Source: CBS StatLine 84547NED "
    "(Verhuisde personen; geslacht, leeftijd en regio per maand), all sexes and ages. Unit: persons. "
    "Counts of 1 to 4 are suppressed, with a second month suppressed where the year total would reveal one."
)
_SOORTEN = {
    "binnen_gemeente": "BinnenGemeentenVerhuisdePersonen",
    "gevestigd": "GevestigdInDeGemeente",
    "vertrokken": "VertrokkenUitDeGemeente",
}


def build(cbs_observatie: DataFrame, settings: Settings) -> DataFrame:
    t = tabel("84547NED")
    soort = F.lit(None).cast("string")
    for name, base in reversed(list(_SOORTEN.items())):
        soort = F.when(maatstaf_in(t, base), F.lit(name)).otherwise(soort)
    rows = (
        observaties(cbs_observatie, t.id, ("JJ", "MM"))
        .where(
            (F.col("regio") == settings.gemeentecode)
            & (F.coalesce(dim("Geslacht"), F.lit(GESLACHT_TOTAAL)) == GESLACHT_TOTAAL)
            & (F.coalesce(dim("Leeftijd31December"), F.lit(LEEFTIJD_TOTAAL)) == LEEFTIJD_TOTAAL)
        )
        .withColumn("soort", soort)
        .where(F.col("soort").isNotNull())
        .withColumn("aantal", F.col("waarde").cast("long"))
    )
    bound = settings.onderdrukken_tot
    # months: one group per year and kind (they add up to the year); a year row is a group of its own
    maanden = suppress_cells(rows.where(F.col("periode_type") == "MM"), "aantal", ["jaar", "soort"], bound)
    jaren = suppress_cells(rows.where(F.col("periode_type") == "JJ"), "aantal", ["jaar", "soort", "periode"], bound)
    return maanden.unionByName(jaren).select(
        F.col("jaar").cast("int"),
        F.col("maand").cast("int"),
        F.col("periode"),
        F.col("periode_type"),
        F.col("regio").alias("gemeentecode"),
        F.col("soort"),
        F.col("aantal").cast("long"),
        # a count CBS did not deliver (null) is not suppressed: the flag is false, not null
        F.coalesce(F.col("onderdrukt"), F.lit(False)).alias("onderdrukt"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    return schrijf(build(lees(spark, settings), settings), settings, NAME, DESCRIPTION)
