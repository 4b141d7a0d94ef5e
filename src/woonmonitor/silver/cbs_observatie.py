"""silver.cbs_observatie: every CBS figure in long form, one row per (record, measure).

Contract: ``tabel``, ``maatstaf`` (measure key without its ``_N`` version suffix, which changes between
table versions), ``maatstaf_key``, ``maatstaf_titel``, ``eenheid``, ``regio``, ``periode``,
``periode_type`` (``JJ`` year, ``KW`` quarter, ``MM`` month, ``X0`` other), ``jaar``, ``maand``,
``dimensies`` (the other dimension codes), ``waarde`` (null where CBS says ``.`` or leaves it empty).

With the dimension code lists (``bronze.cbs_dimensiecode``, which ``run`` always passes) four label columns
follow: ``regio_titel`` (``Lochem``), ``periode_titel`` (``2024 januari``), ``periode_status``
(``Definitief`` / ``Nader voorlopig`` / ``Voorlopig``: CBS revises the last two) and ``dimensie_titels``
(the titles of the codes in ``dimensies``, same keys). A code missing from its code list gets a null title.

Titles and units of measures come from the table's delivered ``DataProperties`` (``bronze.cbs_maatstaf``);
with ``catalogus=True`` (as ``run`` does) a measure without delivered metadata gets the title and unit of
:mod:`woonmonitor.sources.cbs_catalog`, matched on the key without suffix, so it survives a version change.

When a delivery of the same table repeats a record (same dimension codes), the latest delivery wins; the
same holds for metadata rows (per table and key, per table, dimension and code).
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.bronze.cbs import DIMENSIECODE, MAATSTAF, WAARNEMING
from woonmonitor.bronze.ingest import bronze_schema
from woonmonitor.config import Settings
from woonmonitor.sources import cbs_catalog
from woonmonitor.tables import overwrite_table, read_or_empty

NAME = "cbs_observatie"
_REGIO_KEYS = ("RegioS", "Regio", "Regios")
_PERIODEN = "Perioden"

MAATSTAF_SCHEMA = T.StructType(
    [
        T.StructField("tabel", T.StringType()),
        T.StructField("key", T.StringType()),
        T.StructField("titel", T.StringType()),
        T.StructField("eenheid", T.StringType()),
    ]
)

#: the label columns added when code lists are given
LABEL_COLUMNS = ("regio_titel", "periode_titel", "periode_status", "dimensie_titels")


def strip_version(key: Column) -> Column:
    """``BevolkingOp1Januari_1`` -> ``BevolkingOp1Januari``."""
    return F.regexp_replace(key, r"_\d+$", "")


def _record_key() -> Column:
    """One CBS record of a table: its dimension codes, order-independent."""
    return F.to_json(F.map_from_entries(F.array_sort(F.map_entries("dimensies"))))


def _latest(df: DataFrame, *keys: Column | str) -> DataFrame:
    """One row per key: from the most recent delivery when lineage is there (bronze), else any one."""
    order = [F.col(c).desc() for c in ("_load_time", "_content_hash", "_source_file") if c in df.columns]
    if not order:  # hand-made metadata without lineage: deterministic on the values themselves
        order = [F.col(c).asc_nulls_last() for c in df.columns]
    w = Window.partitionBy(*keys).orderBy(*order)
    return df.withColumn("_rank", F.row_number().over(w)).where(F.col("_rank") == 1).drop("_rank")


def latest_delivery(waarneming: DataFrame) -> DataFrame:
    """One row per table and dimension codes: the one from the most recent delivery."""
    dims_key = _record_key()
    w = Window.partitionBy("tabel", dims_key).orderBy(F.col("_load_time").desc(), F.col("_content_hash").desc())
    return waarneming.withColumn("_rank", F.row_number().over(w)).where(F.col("_rank") == 1).drop("_rank")


def parse_waarde(raw: Column) -> Column:
    text = F.trim(raw)
    return F.when(text.isNull() | (text == "") | (text == "."), F.lit(None).cast("double")).otherwise(
        text.cast("double")
    )


def measure_metadata(maatstaf: DataFrame) -> DataFrame:
    """Title and unit per (table, measure key): the measures (``Topic``) of the latest DataProperties."""
    measures = maatstaf.where(F.col("type") == "Topic") if "type" in maatstaf.columns else maatstaf
    measures = measures.where(F.col("key").isNotNull()).withColumn("_tabel", F.upper(F.trim("tabel")))
    return _latest(measures, "_tabel", "key").select(
        "_tabel", F.col("key").alias("_key"), F.col("titel").alias("_titel"), F.col("eenheid").alias("_eenheid")
    )


def catalog_metadata(spark: SparkSession) -> DataFrame:
    """Title and unit per (table, key without suffix) from the catalog, aliases included."""
    rows = [(t.id, base, m.titel, m.eenheid) for t in cbs_catalog.TABELLEN for m in t.maatstaven for base in m.basissleutels]
    schema = "_ctabel string, _cbase string, _ctitel string, _ceenheid string"
    return spark.createDataFrame(rows, schema)


def code_labels(dimensiecode: DataFrame) -> DataFrame:
    """Per table one row: ``_code_titels`` (dimension -> code -> title) and ``_periode_statussen`` (code -> status).

    The latest delivery wins per (table, dimension, code). One small row per table lets the records be
    labelled with a broadcast join and map look-ups, without exploding and regrouping the records.
    """
    codes = dimensiecode.withColumn("_ltabel", F.upper(F.trim("tabel"))).withColumn("_lcode", F.trim("code"))
    if "status" not in codes.columns:
        codes = codes.withColumn("status", F.lit(None).cast("string"))
    latest = _latest(codes.where(F.col("_lcode").isNotNull()), "_ltabel", "dimensie", "_lcode")
    per_dimensie = latest.groupBy("_ltabel", "dimensie").agg(
        F.map_from_entries(F.collect_list(F.struct("_lcode", "titel"))).alias("_titels"),
        F.map_from_entries(F.collect_list(F.struct("_lcode", "status"))).alias("_statussen"),
    )
    return per_dimensie.groupBy("_ltabel").agg(
        F.map_from_entries(F.collect_list(F.struct("dimensie", "_titels"))).alias("_code_titels"),
        # only the period codes carry a status (Definitief / Nader voorlopig / Voorlopig)
        F.first(F.when(F.col("dimensie") == _PERIODEN, F.col("_statussen")), ignorenulls=True).alias("_periode_statussen"),
    )


def with_labels(records: DataFrame, dimensiecode: DataFrame) -> DataFrame:
    """Add ``_titels`` (dimension -> title of its code) and ``_periode_status`` to one row per record."""
    labels = F.broadcast(code_labels(dimensiecode))
    joined = records.join(labels, F.upper("tabel") == F.col("_ltabel"), how="left")
    titels = F.transform_values("dimensies", lambda k, v: F.col("_code_titels")[k][F.trim(v)])
    status = F.col("_periode_statussen")[F.trim(F.col("dimensies")[_PERIODEN])]
    return joined.withColumn("_titels", F.coalesce(titels, F.create_map().cast("map<string,string>"))) \
        .withColumn("_periode_status", status).drop("_ltabel", "_code_titels", "_periode_statussen")


def build(waarneming: DataFrame, maatstaf: DataFrame | None = None, dimensiecode: DataFrame | None = None,
          catalogus: bool = False) -> DataFrame:
    """Long form of bronze.cbs_waarneming.

    ``maatstaf`` (bronze.cbs_maatstaf) gives titles and units, ``catalogus`` falls back on the catalog for
    measures without delivered metadata, ``dimensiecode`` (bronze.cbs_dimensiecode) adds the label columns.
    """
    records = latest_delivery(waarneming)
    if dimensiecode is not None:
        records = with_labels(records, dimensiecode)
    regio = F.coalesce(*[F.col("dimensies")[k] for k in _REGIO_KEYS])
    long = (
        records.select("tabel", "dimensies", *([F.col("_titels"), F.col("_periode_status")] if dimensiecode is not None else []),
                       F.explode("waarden").alias("maatstaf_key", "ruw"))
        .withColumn("periode", F.trim(F.col("dimensies")[_PERIODEN]))
        .withColumn("regio", F.trim(regio))
        .withColumn("_base", strip_version(F.col("maatstaf_key")))
    )
    titel, eenheid = F.lit(None).cast("string"), F.lit(None).cast("string")
    if maatstaf is not None:
        meta = measure_metadata(maatstaf)
        long = long.join(F.broadcast(meta), (F.upper(long.tabel) == meta._tabel) & (long.maatstaf_key == meta._key), how="left")
        titel, eenheid = F.col("_titel"), F.col("_eenheid")
    if catalogus:
        cat = catalog_metadata(waarneming.sparkSession)
        long = long.join(F.broadcast(cat), (F.upper(long.tabel) == cat._ctabel) & (long._base == cat._cbase), how="left")
        # delivered metadata first: it belongs to the table version actually delivered
        titel, eenheid = F.coalesce(titel, F.col("_ctitel")), F.coalesce(eenheid, F.col("_ceenheid"))
    periode_type = F.substring("periode", 5, 2)
    other_dims = F.map_filter("dimensies", lambda k, _v: ~k.isin(_PERIODEN, *_REGIO_KEYS))
    columns = [
        F.col("tabel"),
        F.col("_base").alias("maatstaf"),
        F.col("maatstaf_key"),
        titel.alias("maatstaf_titel"),
        eenheid.alias("eenheid"),
        F.col("regio"),
        F.col("periode"),
        periode_type.alias("periode_type"),
        F.substring("periode", 1, 4).cast("int").alias("jaar"),
        F.when(periode_type == "MM", F.substring("periode", 7, 2).cast("int")).alias("maand"),
        F.transform_values(other_dims, lambda _k, v: F.trim(v)).alias("dimensies"),
        parse_waarde(F.col("ruw")).alias("waarde"),
    ]
    if dimensiecode is not None:
        titels = F.col("_titels")
        columns += [
            F.coalesce(*[titels[k] for k in _REGIO_KEYS]).alias("regio_titel"),
            titels[_PERIODEN].alias("periode_titel"),
            F.col("_periode_status").alias("periode_status"),
            F.map_filter(titels, lambda k, _v: ~k.isin(_PERIODEN, *_REGIO_KEYS)).alias("dimensie_titels"),
        ]
    return long.select(*columns)


def run(spark: SparkSession, settings: Settings) -> int:
    waarneming = read_or_empty(spark, settings, "bronze", "cbs_waarneming", bronze_schema(WAARNEMING))
    maatstaf = read_or_empty(spark, settings, "bronze", "cbs_maatstaf", bronze_schema(MAATSTAF))
    dimensiecode = read_or_empty(spark, settings, "bronze", "cbs_dimensiecode", bronze_schema(DIMENSIECODE))
    return overwrite_table(
        build(waarneming, maatstaf, dimensiecode, catalogus=True), settings, "silver", NAME,
        "CBS StatLine figures in long form (tabel, maatstaf, regio, periode, dimensies, waarde) with titles, "
        "units and code labels",
    )
