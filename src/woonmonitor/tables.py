"""I/O at the edge: reading and writing the Delta tables of the three layers.

Every table name goes through :meth:`Settings.table`, so the same code writes ``spark_catalog.gold.x``
locally and ``<catalog>.gold.x`` in Unity Catalog.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StructType

from woonmonitor.config import Settings


def ensure_schema(spark: SparkSession, settings: Settings, layer: str) -> None:
    spark.sql(f"CREATE SCHEMA IF NOT EXISTS {settings.schema(layer)}")


def table_exists(spark: SparkSession, settings: Settings, layer: str, name: str) -> bool:
    return spark.catalog.tableExists(settings.table(layer, name))


def read_table(spark: SparkSession, settings: Settings, layer: str, name: str) -> DataFrame:
    return spark.table(settings.table(layer, name))


def read_or_empty(spark: SparkSession, settings: Settings, layer: str, name: str, schema: StructType) -> DataFrame:
    """The table, or an empty frame of ``schema`` when it was never written (a source not delivered yet)."""
    if table_exists(spark, settings, layer, name):
        return read_table(spark, settings, layer, name)
    return spark.createDataFrame([], schema)


def overwrite_table(df: DataFrame, settings: Settings, layer: str, name: str, comment: str | None = None) -> int:
    """Replace a table's content (silver and gold are rebuilt from the layer below). Returns the row count."""
    spark = df.sparkSession
    ensure_schema(spark, settings, layer)
    fqn = settings.table(layer, name)
    # REPLACE TABLE through the v2 writer: atomic in Delta (readers see the old or the new version, and the
    # history keeps both) and, unlike saveAsTable, it does not push the schema into the Hive metastore.
    df.writeTo(fqn).using("delta").createOrReplace()
    if comment:
        escaped = comment.replace("'", "\\'")
        spark.sql(f"COMMENT ON TABLE {fqn} IS '{escaped}'")
    return spark.table(fqn).count()


def append_replacing(df: DataFrame, settings: Settings, layer: str, name: str, predicate: str) -> None:
    """Write ``df`` into the table, atomically replacing the rows that match ``predicate``.

    Bronze uses it with ``_content_hash = '<hash>'`` so that a retried delivery replaces what a failed
    earlier attempt may have left, and never duplicates it.
    """
    spark = df.sparkSession
    ensure_schema(spark, settings, layer)
    fqn = settings.table(layer, name)
    if spark.catalog.tableExists(fqn):
        df.writeTo(fqn).overwrite(F.expr(predicate))
    else:
        df.write.format("delta").mode("append").saveAsTable(fqn)


def append_table(df: DataFrame, settings: Settings, layer: str, name: str) -> None:
    spark = df.sparkSession
    ensure_schema(spark, settings, layer)
    df.write.format("delta").mode("append").option("mergeSchema", "true").saveAsTable(settings.table(layer, name))
