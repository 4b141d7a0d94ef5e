"""Shared logic of the BAG silver tables: one row per voorkomen per object, typed, deduplicated.

* :func:`latest_delivery` - the same voorkomen (``identificatie`` + ``voorkomenidentificatie``) arrives in
  every full extract; silver keeps the row of the latest delivery (``stand_technische_datum``, then load time).
* :func:`build_voorkomens` - the columns every object type shares, typed (dates as date, times as timestamp_ntz: Dutch wall-clock time),
  followed by the type's own attributes: the schema contract of each ``silver.bag_*`` table.
* :func:`state_on` - the state of any object type on a date (optionally as known at a moment).
* :func:`overlapping_voorkomens` - data quality: voorkomens of one object whose validity overlaps.

About ``eind_registratie``: in LV-BAG 2.0 every voorkomen that has been closed carries ``eindRegistratie`` (the
moment its ``eindGeldigheid`` was registered, equal to the ``tijdstipRegistratie`` of its successor; see the
real Doesburg verblijfsobject 0221010000330226: voorkomens 1-3 all have one). The extract holds only the final
version of each voorkomen, so "registration not ended" cannot be a plain ``eind_registratie IS NULL`` filter:
that would leave every past date empty. :func:`state_on` therefore reads the state as known *now* from the
validity alone, and as known at an earlier moment ``bekend_op`` with the registration times (bitemporal).
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from woonmonitor.bronze.bag import CONTRACTS
from woonmonitor.bronze.ingest import bronze_schema
from woonmonitor.config import Settings
from woonmonitor.tables import overwrite_table, read_or_empty

KEY = ("identificatie", "voorkomenidentificatie")

#: verblijfsobject statuses that count as existing stock (CBS woningvoorraad: in use, in use but not measured,
#: being rebuilt, out of use). Not: gevormd, niet gerealiseerd, ingetrokken, ten onrechte opgevoerd.
VBO_STATUS_BESTAAND = (
    "Verblijfsobject in gebruik",
    "Verblijfsobject in gebruik (niet ingemeten)",
    "Verbouwing verblijfsobject",
    "Verblijfsobject buiten gebruik",
)
WOONFUNCTIE = "woonfunctie"


def latest_delivery(bronze: DataFrame, key: tuple[str, ...] = KEY) -> DataFrame:
    """One row per ``key``: the row from the latest delivery.

    Latest = highest ``stand_technische_datum`` (the extract's date, so an older extract loaded later does not
    win), then the latest ``_load_time``, then the last record in the file.
    """
    order = Window.partitionBy(*key).orderBy(
        F.col("stand_technische_datum").desc_nulls_last(),
        F.col("_load_time").desc_nulls_last(),
        F.col("_record_position").desc_nulls_last(),
    )
    return bronze.withColumn("_rank", F.row_number().over(order)).where(F.col("_rank") == 1).drop("_rank")


def _date(name: str) -> Column:
    return F.col(name).try_cast("date").alias(name)


def _time(name: str) -> Column:
    # BAG times are Dutch wall-clock times without an offset: timestamp_ntz keeps them exactly as delivered,
    # whatever the session time zone (UTC on Databricks, Europe/Amsterdam locally)
    return F.col(name).try_cast("timestamp_ntz").alias(name)


def history_columns() -> list[Column]:
    """The columns every BAG object type shares, typed."""
    return [
        F.col("identificatie").cast("string").alias("identificatie"),
        F.col("voorkomenidentificatie").cast("int").alias("voorkomenidentificatie"),
        _date("begin_geldigheid"),
        _date("eind_geldigheid"),
        _time("tijdstip_registratie"),
        _time("eind_registratie"),
        _time("tijdstip_registratie_lv"),
        _time("tijdstip_eind_registratie_lv"),
        F.col("status"),
        (F.col("geconstateerd") == "J").alias("geconstateerd"),
        _date("documentdatum"),
        F.col("documentnummer"),
    ]


def build_voorkomens(bronze: DataFrame, attributes: list[Column]) -> DataFrame:
    """Deduplicate across deliveries, then the contract: shared history columns, own attributes, delivery date."""
    return latest_delivery(bronze).select(
        *history_columns(),
        *attributes,
        F.col("stand_technische_datum").cast("date").alias("stand_technische_datum"),
    )


def _as_date(value: dt.date | str | Column) -> Column:
    return value if isinstance(value, Column) else F.lit(str(value)).cast("date")


def valid_on(peildatum: dt.date | str | Column) -> Column:
    """begin_geldigheid <= peildatum < eind_geldigheid (or no end)."""
    day = _as_date(peildatum)
    return (F.col("begin_geldigheid") <= day) & (F.col("eind_geldigheid").isNull() | (day < F.col("eind_geldigheid")))


def state_on(df: DataFrame, peildatum: dt.date | str | Column, bekend_op: dt.datetime | str | Column | None = None) -> DataFrame:
    """The voorkomen of each object valid on ``peildatum`` (at most one per object in consistent data).

    ``bekend_op=None``: as known now (latest registration), i.e. validity alone (see the module docstring).
    ``bekend_op=t``: as the registration stood at moment ``t``: only voorkomens registered by then, and a
    voorkomen whose end was registered after ``t`` counts as still open at ``t``.
    """
    if bekend_op is None:
        return df.where(valid_on(peildatum))
    moment = bekend_op if isinstance(bekend_op, Column) else F.lit(str(bekend_op)).cast("timestamp_ntz")
    day = _as_date(peildatum)
    end_known = F.col("eind_registratie").isNotNull() & (F.col("eind_registratie") <= moment)
    known = F.col("tijdstip_registratie") <= moment
    open_then = F.col("eind_geldigheid").isNull() | ~end_known | (day < F.col("eind_geldigheid"))
    return df.where(known & (F.col("begin_geldigheid") <= day) & open_then)


def overlapping_voorkomens(df: DataFrame) -> DataFrame:
    """Voorkomens whose validity starts before an earlier-starting voorkomen of the same object has ended.

    A running maximum of the end dates (open end = far future) over the voorkomens sorted by begin finds every
    overlap in one pass, also with a long-open voorkomen several rows back. Empty voorkomens (begin = end,
    a same-day correction) cover no day and are left out. Returns the later voorkomen of each overlap with the
    end it runs into (``overlapt_tot``; null = open end).
    """
    far = F.lit("9999-12-31").cast("date")
    order = Window.partitionBy("identificatie").orderBy("begin_geldigheid", "voorkomenidentificatie")
    earlier = order.rowsBetween(Window.unboundedPreceding, -1)
    non_empty = df.where(F.col("eind_geldigheid").isNull() | (F.col("eind_geldigheid") > F.col("begin_geldigheid")))
    flagged = non_empty.withColumn("_reach", F.max(F.coalesce(F.col("eind_geldigheid"), far)).over(earlier))
    return flagged.where(F.col("_reach") > F.col("begin_geldigheid")).select(
        "identificatie",
        "voorkomenidentificatie",
        "begin_geldigheid",
        "eind_geldigheid",
        F.when(F.col("_reach") < far, F.col("_reach")).alias("overlapt_tot"),
    )


def woonplaatsen_van_gemeente(relatie: DataFrame, gemeente_identificatie: str, peildatum: dt.date | str | Column) -> DataFrame:
    """Woonplaats ids that belong to the gemeente (4-digit BAG code, ``0262``) on ``peildatum``.

    ``relatie`` is silver.bag_gemeente_woonplaats (begin/eind_geldigheid as dates).
    """
    return relatie.where((F.col("gemeente_identificatie") == gemeente_identificatie) & valid_on(peildatum)).select(
        "woonplaats_identificatie"
    ).distinct()


def read_bronze(spark: SparkSession, settings: Settings, table: str) -> DataFrame:
    """The bronze table, or an empty one of its schema when BAG was never delivered."""
    return read_or_empty(spark, settings, "bronze", table, bronze_schema(CONTRACTS[table]))


def run_table(spark: SparkSession, settings: Settings, table: str, build: Callable[[DataFrame], DataFrame], comment: str) -> int:
    return overwrite_table(build(read_bronze(spark, settings, table)), settings, "silver", table, comment)
