"""gold.indicator: one row per gold table — what it answers, its source, unit, latest reference date, limits.

Assembled from the constants of each gold module (``DESCRIPTION``, ``SEED_NAME``, ``BRON``, ``EENHEID``,
``BEPERKINGEN``) and from the table itself (its latest reference date and row count), so the catalogue the
staff read cannot drift from the code that computes the figures.
"""

from __future__ import annotations

import importlib

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.config import Settings
from woonmonitor.tables import overwrite_table

NAME = "indicator"
SEED_NAME = "new"
DESCRIPTION = "The catalogue of the gold tables: definition, source, unit, latest reference date and known limits."

SCHEMA = T.StructType(
    [
        T.StructField("indicator", T.StringType(), False),
        T.StructField("seed_model", T.StringType()),
        T.StructField("definitie", T.StringType()),
        T.StructField("bron", T.StringType()),
        T.StructField("eenheid", T.StringType()),
        T.StructField("laatste_peildatum", T.DateType()),
        T.StructField("aantal_rijen", T.LongType()),
        T.StructField("bekende_beperkingen", T.StringType()),
    ]
)


def latest_reference_date(df: DataFrame):
    """The latest ``peildatum`` (or 1 January of the latest ``jaar``) in a gold table; None if it has neither."""
    if "peildatum" in df.columns:
        return df.agg(F.max(F.col("peildatum").cast("date"))).first()[0]
    if "jaar" in df.columns:
        return df.agg(F.max(F.make_date(F.col("jaar").cast("int"), F.lit(1), F.lit(1)))).first()[0]
    return None


def build(spark: SparkSession, settings: Settings, tables: list[str]) -> DataFrame:
    rows = []
    for name in tables:
        module = importlib.import_module(f"woonmonitor.gold.{name}")
        fqn = settings.table("gold", name)
        df = spark.table(fqn) if spark.catalog.tableExists(fqn) else None
        rows.append((
            name,
            getattr(module, "SEED_NAME", None),
            getattr(module, "DESCRIPTION", None),
            getattr(module, "BRON", None),
            getattr(module, "EENHEID", None),
            latest_reference_date(df) if df is not None else None,
            df.count() if df is not None else None,
            getattr(module, "BEPERKINGEN", None),
        ))
    return spark.createDataFrame(rows, SCHEMA)


def run(spark: SparkSession, settings: Settings) -> int:
    from woonmonitor.pipeline import GOLD_STEPS

    tables = [t for t in GOLD_STEPS if t != NAME]
    return overwrite_table(build(spark, settings, tables), settings, "gold", NAME, DESCRIPTION)
