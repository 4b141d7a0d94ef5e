"""silver.kwaliteit: declared data-quality expectations, checked on every run.

Each expectation counts the rows it checks and the rows that fail it, keeps up to five (pseudonymous)
examples, and has a threshold: the share of failing rows above which the job fails (after this table is
written, so the failure can be read). The expectations are data: add one to :data:`EXPECTATIONS`.

Row-level conditions use the check functions of ``databricks-labs-dqx`` (``is_in_range``, ``is_not_null``,
...), which are plain Spark Column conditions and run on local Spark as on Databricks. Its ``DQEngine`` is not
used: constructing it verifies a live workspace through the clusters API, which does not exist locally, and
the engine's extra (quarantine split, result columns) is done here in a few lines per expectation.
Cross-table expectations (a person at an address that is not in the BAG, a dwelling without pand,
overlapping voorkomens, gaps in CBS series) are joins and windows written out below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Mapping

from databricks.labs.dqx.check_funcs import is_in_range, is_not_null
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.config import Settings
from woonmonitor.silver.bag_common import overlapping_voorkomens
from woonmonitor.tables import overwrite_table

NAME = "kwaliteit"

SCHEMA = T.StructType(
    [
        T.StructField("gecontroleerd_op", T.TimestampType()),
        T.StructField("naam", T.StringType()),
        T.StructField("tabel", T.StringType()),
        T.StructField("omschrijving", T.StringType()),
        T.StructField("aantal_gecontroleerd", T.LongType()),
        T.StructField("aantal_afwijkend", T.LongType()),
        T.StructField("aandeel_afwijkend", T.DoubleType()),
        T.StructField("drempel", T.DoubleType()),
        T.StructField("voldoet", T.BooleanType()),
        T.StructField("voorbeelden", T.ArrayType(T.StringType())),
    ]
)

#: the silver tables an expectation may read
INPUTS = ("bag_verblijfsobject", "bag_pand", "bag_ligplaats", "bag_standplaats", "brp_verblijf", "woz_waarde", "cbs_observatie")


class DataQualityFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Expectation:
    naam: str
    tabel: str
    omschrijving: str
    drempel: float
    #: (inputs, settings) -> (checked rows, failing rows with a string column ``voorbeeld``)
    check: Callable[[Mapping[str, DataFrame], Settings], tuple[DataFrame, DataFrame]]


def _current(df: DataFrame) -> DataFrame:
    """Voorkomens still valid and registered (the present state of each object)."""
    return df.where(F.col("eind_registratie").isNull() & F.col("eind_geldigheid").isNull())


def _failing(df: DataFrame, condition: Column, example: str) -> DataFrame:
    """Rows where a dqx condition produced a message (dqx: null = passes)."""
    return df.where(condition.isNotNull()).select(F.col(example).cast("string").alias("voorbeeld"))


def persoon_op_onbekend_adres(inputs, settings):
    verblijf = inputs["brp_verblijf"].where(
        F.col("datum_einde").isNull() & (F.col("gemeente_inschrijving") == settings.bag_gemeentecode)
        & F.col("adresseerbaar_object_identificatie").isNotNull()
    )
    known = (
        inputs["bag_verblijfsobject"].select("identificatie")
        .unionByName(inputs["bag_ligplaats"].select("identificatie"))
        .unionByName(inputs["bag_standplaats"].select("identificatie"))
        .distinct()
    )
    missing = verblijf.join(known, verblijf.adresseerbaar_object_identificatie == known.identificatie, how="left_anti")
    return verblijf, missing.select(F.col("persoon_id").alias("voorbeeld"))


def woning_zonder_pand(inputs, _settings):
    woningen = _current(inputs["bag_verblijfsobject"]).where(F.col("is_woning"))
    panden = inputs["bag_pand"].select(F.col("identificatie").alias("_pand")).distinct()
    refs = woningen.select("identificatie", F.explode_outer("pand_identificaties").alias("_ref"))
    resolved = refs.join(panden, refs._ref == panden._pand, how="inner").select("identificatie").distinct()
    missing = woningen.select("identificatie").join(resolved, on="identificatie", how="left_anti")
    return woningen, missing.select(F.col("identificatie").alias("voorbeeld"))


def _overlap(table: str):
    def check(inputs, _settings):
        df = inputs[table]
        return df, overlapping_voorkomens(df).select(
            F.concat_ws("#", "identificatie", F.col("voorkomenidentificatie").cast("string")).alias("voorbeeld"))
    return check


def woz_waarde_in_bereik(inputs, _settings):
    woz = inputs["woz_waarde"]
    return woz, _failing(woz, is_in_range("vastgestelde_waarde", 10_000, 25_000_000, allow_nulls=False),
                         "adresseerbaar_object_identificatie")


def oppervlakte_woning_in_bereik(inputs, _settings):
    woningen = _current(inputs["bag_verblijfsobject"]).where(F.col("is_woning"))
    return woningen, _failing(woningen, is_in_range("oppervlakte", 10, 2_000, allow_nulls=False), "identificatie")


def woning_heeft_oppervlakte(inputs, _settings):
    woningen = _current(inputs["bag_verblijfsobject"]).where(F.col("is_woning"))
    return woningen, _failing(woningen, is_not_null("oppervlakte"), "identificatie")


def cbs_reeks_zonder_gaten(inputs, settings):
    """Yearly CBS series of the gemeente (per table, measure and dimension codes) with a missing year inside."""
    obs = inputs["cbs_observatie"].where((F.col("periode_type") == "JJ") & (F.col("regio") == settings.gemeentecode))
    key = [F.col("tabel"), F.col("maatstaf"), F.to_json(F.map_from_entries(F.array_sort(F.map_entries("dimensies"))))]
    series = obs.groupBy(*[k.alias(f"_k{i}") for i, k in enumerate(key)]).agg(
        F.min("jaar").alias("van"), F.max("jaar").alias("tot"), F.countDistinct("jaar").alias("jaren"))
    gaps = series.where(F.col("tot") - F.col("van") + 1 > F.col("jaren"))
    return series, gaps.select(F.concat_ws(" ", "_k0", "_k1", "_k2").alias("voorbeeld"))


EXPECTATIONS: tuple[Expectation, ...] = (
    Expectation("persoon_op_onbekend_adres", "brp_verblijf",
                "Persons registered in the gemeente at an address (verblijfsobject, ligplaats, standplaats) the BAG does not know",
                0.02, persoon_op_onbekend_adres),
    Expectation("woning_zonder_pand", "bag_verblijfsobject",
                "Current dwellings whose pand references resolve to no pand in the BAG", 0.01, woning_zonder_pand),
    Expectation("overlappende_voorkomens_verblijfsobject", "bag_verblijfsobject",
                "Voorkomens of one verblijfsobject whose validity overlaps", 0.001, _overlap("bag_verblijfsobject")),
    Expectation("overlappende_voorkomens_pand", "bag_pand",
                "Voorkomens of one pand whose validity overlaps", 0.001, _overlap("bag_pand")),
    Expectation("woz_waarde_in_bereik", "woz_waarde",
                "WOZ values outside 10,000 .. 25,000,000 euro (or missing)", 0.01, woz_waarde_in_bereik),
    Expectation("oppervlakte_woning_in_bereik", "bag_verblijfsobject",
                "Current dwellings with a usable area outside 10 .. 2,000 m2 (or missing)", 0.01, oppervlakte_woning_in_bereik),
    Expectation("woning_heeft_oppervlakte", "bag_verblijfsobject",
                "Current dwellings without a usable area", 0.001, woning_heeft_oppervlakte),
    Expectation("cbs_reeks_zonder_gaten", "cbs_observatie",
                "Yearly CBS series of the gemeente with a missing year between their first and last", 0.05, cbs_reeks_zonder_gaten),
)


def build(inputs: Mapping[str, DataFrame], settings: Settings, expectations=EXPECTATIONS,
          gecontroleerd_op: dt.datetime | None = None) -> DataFrame:
    spark = next(iter(inputs.values())).sparkSession
    when = gecontroleerd_op or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    rows = []
    for e in expectations:
        checked, failing = e.check(inputs, settings)
        n_checked = checked.count()
        n_failing = failing.count()
        examples = [r.voorbeeld for r in failing.select("voorbeeld").distinct().orderBy("voorbeeld").limit(5).collect()]
        share = n_failing / n_checked if n_checked else None
        ok = share is None or share <= e.drempel
        rows.append((when, e.naam, e.tabel, e.omschrijving, n_checked, n_failing, share, e.drempel, ok, examples))
    return spark.createDataFrame(rows, SCHEMA)


def read_inputs(spark: SparkSession, settings: Settings) -> dict[str, DataFrame]:
    missing = [t for t in INPUTS if not spark.catalog.tableExists(settings.table("silver", t))]
    if missing:
        raise DataQualityFailed(f"silver tables missing for the quality checks: {', '.join(missing)}")
    return {t: spark.table(settings.table("silver", t)) for t in INPUTS}


def run(spark: SparkSession, settings: Settings) -> int:
    result = build(read_inputs(spark, settings), settings)
    written = overwrite_table(result, settings, "silver", NAME, "Data-quality expectations of this run with counts and examples")
    failed = [r for r in result.collect() if not r.voldoet]
    if failed:
        lines = "; ".join(f"{r.naam}: {r.aantal_afwijkend} of {r.aantal_gecontroleerd} (threshold {r.drempel:.1%}), e.g. {r.voorbeelden[:3]}" for r in failed)
        raise DataQualityFailed(f"data quality below threshold: {lines}")
    return written
