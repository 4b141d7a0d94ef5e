"""silver.brp_verblijf: the address history of every person, one row per category-08 occurrence.

Source: the current (head row) and older (``58``) occurrences of category 08 verblijfplaats in
``bronze.brp_voorkomen``; occurrences marked onjuist (``08.84.10``) are corrections, not history, and are left
out. ``volgnummer`` 0 is the current occurrence, 1, 2, ... ever older.

* ``datum_aanvang``: 08.10.30 datum aanvang adreshouding, else 08.13.20 datum vertrek uit Nederland (an
  emigration occurrence: no address, ``land_vertrek`` set), else 08.09.20 datum inschrijving, else 08.85.10
  ingangsdatum geldigheid. Partial dates by the rule of :func:`woonmonitor.silver.brp_persoon.gba_datum`
  (unknown day -> 1st, unknown month -> 1 July); ``datum_aanvang_onvolledig`` flags them.
* ``datum_einde``: the start of the next newer occurrence; for the current one the date of death or of
  opschorting (07.67.10), else open (null). ``reden_einde``: verhuizing, emigratie, overlijden, opschorting.
* ``herkomst_gemeente`` / ``herkomst_land``: where the person came from. When the occurrence starts on the
  date of settling in the Netherlands (08.14.20 = 08.10.30) it is ``land_vanwaar_ingeschreven`` (08.14.10);
  otherwise the gemeente of the next older occurrence (null when there is none: birth or history unknown).
* ``bestemming_gemeente`` / ``bestemming_land``: the gemeente of the next newer occurrence, or its
  ``land_vertrek`` when that is an emigration; null when not known (still living there, died).

Counting moves per year for gemeente G: *into* G = rows with ``gemeente_inschrijving`` = G whose
``herkomst_gemeente`` <> G or ``herkomst_land`` is set, by year of ``datum_aanvang``; *within* G = herkomst
G; *out of* G = rows with gemeente G and a bestemming other than G, by year of ``datum_einde``.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from woonmonitor.config import Settings
from woonmonitor.silver.brp_persoon import gba_datum, gba_datum_onvolledig, latest_persoonslijsten
from woonmonitor.tables import overwrite_table, read_or_empty

NAME = "brp_verblijf"


def build(voorkomen: DataFrame) -> DataFrame:
    """``bronze.brp_voorkomen`` -> ``silver.brp_verblijf``; the final select is the contract."""
    rows = latest_persoonslijsten(voorkomen)
    head = rows.where(F.col("regel_in_pl") == 0).select(
        "pl_key",
        F.col("persoon_id").alias("_persoon_id"),
        gba_datum(F.col("datum_overlijden")).alias("_overlijden"),
        gba_datum(F.col("datum_opschorting")).alias("_opschorting"),
        F.col("reden_opschorting").alias("_reden_opschorting"),
    )
    occurrences = rows.where(F.array_contains("categorieen", "08") & F.col("onjuist_08").isNull())
    aanvang_tekst = F.coalesce("datum_aanvang_adreshouding", "datum_vertrek_nederland", "datum_inschrijving",
                               "datum_geldigheid_08")
    newest_first = Window.partitionBy("pl_key").orderBy("regel_in_pl")
    staged = (
        occurrences.withColumn("_aanvang_tekst", aanvang_tekst)
        .withColumn("datum_aanvang", gba_datum(F.col("_aanvang_tekst")))
        .withColumn("volgnummer", (F.row_number().over(newest_first) - 1).cast("int"))
        .withColumn("_newer_aanvang", F.lag("datum_aanvang").over(newest_first))
        .withColumn("_newer_gemeente", F.lag("gemeente_inschrijving").over(newest_first))
        .withColumn("_newer_land", F.lag("land_vertrek").over(newest_first))
        .withColumn("_older_gemeente", F.lead("gemeente_inschrijving").over(newest_first))
        .join(head, on="pl_key", how="left")
    )
    is_current = F.col("volgnummer") == 0
    current_end = F.least(F.col("_overlijden"), F.col("_opschorting"))
    immigration = F.col("land_vanwaar_ingeschreven").isNotNull() & (
        F.col("datum_vestiging_nederland") == F.col("datum_aanvang_adreshouding")
    )
    reden_einde = (
        F.when(~is_current, F.when(F.col("_newer_land").isNotNull(), F.lit("emigratie")).otherwise(F.lit("verhuizing")))
        .when(F.col("_overlijden").isNotNull() & (F.col("_overlijden") == current_end), F.lit("overlijden"))
        .when(F.col("_opschorting").isNotNull(), F.lit("opschorting"))
    )
    return staged.select(
        F.col("pl_key").alias("persoonslijst_id"),
        F.col("_persoon_id").alias("persoon_id"),
        "volgnummer",
        "adresseerbaar_object_identificatie",
        "nummeraanduiding_identificatie",
        "functie_adres",
        "gemeente_inschrijving",
        "datum_aanvang",
        gba_datum_onvolledig(F.col("_aanvang_tekst")).alias("datum_aanvang_onvolledig"),
        F.when(is_current, current_end).otherwise(F.col("_newer_aanvang")).alias("datum_einde"),
        reden_einde.alias("reden_einde"),
        F.when(~immigration, F.col("_older_gemeente")).alias("herkomst_gemeente"),
        F.when(immigration, F.col("land_vanwaar_ingeschreven")).alias("herkomst_land"),
        F.when(~is_current & F.col("_newer_land").isNull(), F.col("_newer_gemeente")).alias("bestemming_gemeente"),
        F.when(~is_current, F.col("_newer_land")).alias("bestemming_land"),
        "land_vertrek",
    )


def run(spark: SparkSession, settings: Settings) -> int:
    from woonmonitor.bronze.brp import TABLE, VOORKOMEN
    from woonmonitor.bronze.ingest import bronze_schema

    voorkomen = read_or_empty(spark, settings, "bronze", TABLE, bronze_schema(VOORKOMEN))
    return overwrite_table(build(voorkomen), settings, "silver", NAME,
                           "BRP address history per person (pseudonymous), with where from / where to")
