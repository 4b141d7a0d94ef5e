"""silver.woz_waarde: the WOZ value of every adresseerbaar object (verblijfsobject, ligplaats, standplaats) per
waardepeildatum, from the tax system's CSV exports and Haal Centraal JSON alike.

Contract (one row per ``adresseerbaar_object_identificatie`` x ``waardepeildatum``):

* ``adresseerbaar_object_identificatie`` string (16-digit BAG id), ``wozobjectnummer`` string (12 digits),
  ``waardepeildatum`` date, ``vastgestelde_waarde`` long (euros), ``gebruikscode`` string,
  ``soort_object_code`` string, ``bron`` string (``csv:<layout>`` or ``json:haalcentraal``),
* ``gedeeld_object`` boolean, ``aantal_adresseerbare_objecten`` int: see attribution below,
* ``geleverd_op`` timestamp: load time of the delivery the row comes from.

Deduplication, latest delivery wins. Deliveries are ordered by their bronze load time (files of one run load
in file-name order), then by file name. First, for each WOZ object and waardepeildatum only the rows of the
latest delivery that has that object and date are kept, so a later delivery can re-link a WOZ object to other
verblijfsobjecten or correct its value (a bezwaar). A CSV and a JSON delivery are treated alike. Then, when
several WOZ objects still give a value for one adresseerbaar object and date (e.g. a dwelling and a separately
valued bijgebouw), the one from the latest delivery is kept, then the highest value (the main object), then the
lowest wozobjectnummer.

Attribution: a WOZ object that covers several adresseerbare objecten (n:m in the WOZ) has ONE value for all of
them. That value is kept unchanged on each of its objects with ``gedeeld_object = true`` and
``aantal_adresseerbare_objecten`` = how many objects share it; averages per dwelling should leave these rows
out or divide by ``aantal_adresseerbare_objecten``. Bronze rows without an adresseerbaar object (a JSON WOZ
object with values but no BAG link) cannot be placed and are left out.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from woonmonitor.bronze.ingest import bronze_schema
from woonmonitor.bronze.woz import WOZ_WAARDE
from woonmonitor.config import Settings
from woonmonitor.tables import overwrite_table, read_or_empty

NAME = "woz_waarde"


def build(woz_waarde: DataFrame) -> DataFrame:
    """silver.woz_waarde from bronze.woz_waarde (with its lineage columns)."""
    rows = woz_waarde.where(F.col("adresseerbaar_object_identificatie").isNotNull())
    # rank deliveries per WOZ object and date; dense_rank keeps all objects of the winning delivery
    delivery = Window.partitionBy("wozobjectnummer", "waardepeildatum").orderBy(
        F.col("_load_time").desc(), F.col("_source_file").desc()
    )
    shared = Window.partitionBy("wozobjectnummer", "waardepeildatum")
    latest = (
        rows.withColumn("_delivery_rank", F.dense_rank().over(delivery))
        .where(F.col("_delivery_rank") == 1)
        # how many objects the WOZ object covers in that delivery (before any is given to another WOZ object)
        .withColumn(
            "aantal_adresseerbare_objecten",
            F.size(F.collect_set("adresseerbaar_object_identificatie").over(shared)).cast("int"),
        )
    )
    per_object = Window.partitionBy("adresseerbaar_object_identificatie", "waardepeildatum").orderBy(
        F.col("_load_time").desc(),
        F.col("_source_file").desc(),
        F.col("vastgestelde_waarde").desc(),
        F.col("wozobjectnummer").asc(),
        F.col("_record_position").desc(),  # a repeated row in one file: the last one
    )
    chosen = latest.withColumn("_rank", F.row_number().over(per_object)).where(F.col("_rank") == 1)
    return chosen.select(
        F.col("adresseerbaar_object_identificatie"),
        F.col("wozobjectnummer"),
        F.col("waardepeildatum"),
        F.col("vastgestelde_waarde").cast("long"),
        F.col("gebruikscode"),
        F.col("soort_object_code"),
        F.col("bron"),
        (F.col("aantal_adresseerbare_objecten") > 1).alias("gedeeld_object"),
        F.col("aantal_adresseerbare_objecten"),
        F.col("_load_time").alias("geleverd_op"),
    )


def run(spark: SparkSession, settings: Settings) -> int:
    bronze = read_or_empty(spark, settings, "bronze", "woz_waarde", bronze_schema(WOZ_WAARDE))
    return overwrite_table(
        build(bronze), settings, "silver", NAME,
        comment="WOZ value per adresseerbaar object per waardepeildatum; latest delivery wins; "
        "gedeeld_object: one WOZ value shared by several objects",
    )
