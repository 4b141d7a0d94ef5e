"""silver.brp_persoon: one row per persoonslijst (person), pseudonymous, with partner and child links.

Input: ``bronze.brp_voorkomen`` (see :mod:`woonmonitor.bronze.brp`). A BRP extract is a full snapshot; when
several deliveries were loaded, each persoonslijst is taken from the latest delivery that holds it
(:func:`latest_persoonslijsten`), so an extract split over several files also works.

Identity: ``persoonslijst_id`` = HMAC of the A-nummer of the PL (unique per PL, the key of this table);
``persoon_id`` = HMAC of the BSN (how other PLs refer to this person: partners, parents, children). The
RvIG test set has two BSNs that occur on two PLs each and two PLs without BSN, so ``persoon_id`` is not
guaranteed unique nor present; links resolve through it anyway.

**Partial dates** (LO GBA: ``00`` for an unknown month or day, ``00000000`` fully unknown), rule of
:func:`gba_datum`: unknown day -> the 1st of the month; unknown month -> 1 July of the year (the middle of the
year, so an age on a reference date is off by at most half a year); unknown year, or not 8 digits, or not a
calendar date -> null. Every parsed date has a ``*_onvolledig`` flag (true when a month or day was filled in).
The birth date is kept only as year-month (AVG minimisation, cut at ingestion).

Relations (stapels decoded with the ``cc.H`` markers, see bronze): ``partners`` holds one struct per
category-05 stapel: ``partner_id``, ``soort_verbintenis`` (H huwelijk, P geregistreerd partnerschap), the
start date (from whichever occurrence of the stapel has it: after a dissolution the current occurrence
carries only the ontbinding) and ``datum_ontbinding`` (of the stapel's current occurrence). ``kind_ids``
holds the child's persoon_id per category-09 stapel. Occurrences marked onjuist (``xx.84.10``) are ignored.
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.config import Settings
from woonmonitor.tables import overwrite_table, read_or_empty

NAME = "brp_persoon"

#: reasons for opschorting (07.67.20) after which the person no longer lives in the gemeente
OPSCHORTING_REDENEN = {"O": "overlijden", "E": "emigratie", "M": "ministerieel besluit",
                       "R": "pl aangelegd in de RNI", "F": "fout", "W": "gewist"}


def gba_datum(text: Column) -> Column:
    """A GBA date ``YYYYMMDD`` (``00`` parts unknown) as a date; see the module docstring for the rule."""
    valid = text.rlike(r"^[0-9]{8}$") & (F.substring(text, 1, 4) != "0000")
    month, day = F.substring(text, 5, 2), F.substring(text, 7, 2)
    filled = (
        F.when(month == "00", F.concat(F.substring(text, 1, 4), F.lit("0701")))
        .when(day == "00", F.concat(F.substring(text, 1, 6), F.lit("01")))
        .otherwise(text)
    )
    return F.when(valid, F.to_date(F.try_to_timestamp(filled, F.lit("yyyyMMdd"))))


def gba_datum_onvolledig(text: Column) -> Column:
    """True when the month or the day of a delivered date is unknown (00); null when there is no date."""
    return F.when(text.isNotNull(), (F.substring(text, 5, 2) == "00") | (F.substring(text, 7, 2) == "00"))


def latest_persoonslijsten(voorkomen: DataFrame) -> DataFrame:
    """The rows of each persoonslijst from the latest delivery holding it, with ``pl_key`` (stable PL key)."""
    pl_key = F.coalesce(F.col("persoonslijst_id"),
                        F.sha2(F.concat_ws("|", F.col("_content_hash"), F.col("pl_positie").cast("string")), 256))
    keyed = voorkomen.withColumn("pl_key", pl_key)
    latest = Window.partitionBy("pl_key")
    delivery = F.struct(F.col("_load_time"), F.col("_content_hash"))
    return keyed.withColumn("_latest", F.max(delivery).over(latest)).where(F.col("_latest") == delivery).drop("_latest")


def stapels(rows: DataFrame, categorie: str) -> DataFrame:
    """Rows holding an occurrence of ``categorie``, with ``stapel`` (1, 2, ...) per PL: a new stapel starts after
    a row whose ``cc.H`` marker starts with 0 (``05``, ``09``); otherwise the row continues the stapel above."""
    with_cat = rows.where(F.array_contains("categorieen", categorie))
    order = Window.partitionBy("pl_key").orderBy("regel_in_pl")
    previous_marker = F.lag(F.col("vervolg").getItem(categorie)).over(order)
    new_stapel = F.coalesce(previous_marker.startswith("0"), F.lit(False)).cast("int")
    return with_cat.withColumn("_new", new_stapel).withColumn(
        "stapel", F.sum("_new").over(order.rowsBetween(Window.unboundedPreceding, Window.currentRow)) + 1
    ).drop("_new")


def _first(value: str) -> Column:
    """The value of the newest occurrence (lowest regel_in_pl) that has one, within an aggregation."""
    ordered = F.sort_array(F.collect_list(F.when(F.col(value).isNotNull(), F.struct("regel_in_pl", value))))
    return F.try_element_at(ordered, F.lit(1)).getField(value)


def partners(rows: DataFrame) -> DataFrame:
    """One row per PL and category-05 stapel: pl_key, partner_id, soort_verbintenis, datum_aanvang, datum_ontbinding."""
    valid = stapels(rows, "05").where(F.col("onjuist_05").isNull())
    current = F.min("regel_in_pl")
    per_stapel = valid.groupBy("pl_key", "stapel").agg(
        _first("partner_id").alias("partner_id"),
        _first("soort_verbintenis").alias("soort_verbintenis"),
        _first("datum_verbintenis").alias("datum_verbintenis"),
        F.min_by("datum_ontbinding", "regel_in_pl").alias("datum_ontbinding_tekst"),
        current.alias("_current"),
    )
    return per_stapel.select(
        "pl_key",
        "stapel",
        "partner_id",
        "soort_verbintenis",
        gba_datum(F.col("datum_verbintenis")).alias("datum_aanvang"),
        gba_datum(F.col("datum_ontbinding_tekst")).alias("datum_ontbinding"),
    )


def kinderen(rows: DataFrame) -> DataFrame:
    """One row per PL and category-09 stapel with a known child: pl_key, stapel, kind_id."""
    valid = stapels(rows, "09").where(F.col("onjuist_09").isNull())
    return valid.groupBy("pl_key", "stapel").agg(_first("kind_id").alias("kind_id")).where(
        F.col("kind_id").isNotNull()
    ).select("pl_key", "stapel", "kind_id")


PARTNER = T.StructType(
    [
        T.StructField("partner_id", T.StringType(), True),
        T.StructField("soort_verbintenis", T.StringType(), True),
        T.StructField("datum_aanvang", T.DateType(), True),
        T.StructField("datum_ontbinding", T.DateType(), True),
    ]
)


def build(voorkomen: DataFrame) -> DataFrame:
    """``bronze.brp_voorkomen`` -> ``silver.brp_persoon`` (one row per persoonslijst)."""
    rows = latest_persoonslijsten(voorkomen)
    head = rows.where(F.col("regel_in_pl") == 0)
    partner_list = partners(rows).groupBy("pl_key").agg(
        F.sort_array(F.collect_list(F.struct(
            "stapel", "partner_id", "soort_verbintenis", "datum_aanvang", "datum_ontbinding"))).alias("_p")
    )
    kind_list = kinderen(rows).groupBy("pl_key").agg(
        F.transform(F.sort_array(F.collect_list(F.struct("stapel", "kind_id"))), lambda s: s.getField("kind_id")).alias("_k")
    )
    jaar = F.substring("geboorte_jaarmaand", 1, 4)
    maand = F.substring("geboorte_jaarmaand", 5, 2)
    has_year = F.col("geboorte_jaarmaand").rlike(r"^[0-9]{4}") & (jaar != "0000")
    geboorte = F.when(has_year, F.concat(jaar, F.when(maand.rlike(r"^[0-9]{2}$"), maand).otherwise(F.lit("00")), F.lit("00")))
    return (
        head.join(partner_list, on="pl_key", how="left")
        .join(kind_list, on="pl_key", how="left")
        .select(
            F.col("pl_key").alias("persoonslijst_id"),
            "persoon_id",
            F.when(has_year, jaar.cast("int")).alias("geboortejaar"),
            F.when(has_year & (maand != "00") & maand.rlike(r"^[0-9]{2}$"), maand.cast("int")).alias("geboortemaand"),
            gba_datum(geboorte).alias("geboortedatum_benaderd"),
            F.when(F.col("geslacht").isin("M", "V", "O"), F.col("geslacht")).alias("geslacht"),
            gba_datum(F.col("datum_overlijden")).alias("overlijdensdatum"),
            gba_datum_onvolledig(F.col("datum_overlijden")).alias("overlijdensdatum_onvolledig"),
            gba_datum(F.col("datum_opschorting")).alias("datum_opschorting"),
            "reden_opschorting",
            "ouder1_id",
            "ouder2_id",
            F.coalesce(
                F.transform("_p", lambda s: F.struct(*[s.getField(f.name).alias(f.name) for f in PARTNER.fields])),
                F.array().cast(T.ArrayType(PARTNER)),
            ).alias("partners"),
            F.coalesce(F.col("_k"), F.array().cast(T.ArrayType(T.StringType()))).alias("kind_ids"),
        )
    )


def run(spark: SparkSession, settings: Settings) -> int:
    from woonmonitor.bronze.brp import TABLE, VOORKOMEN
    from woonmonitor.bronze.ingest import bronze_schema

    voorkomen = read_or_empty(spark, settings, "bronze", TABLE, bronze_schema(VOORKOMEN))
    return overwrite_table(build(voorkomen), settings, "silver", NAME,
                           "BRP persons (pseudonymous): birth year-month, sex, death, partner and child links")
