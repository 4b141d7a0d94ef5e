"""Shared helpers for the gold tables that come from CBS alone.

They read ``silver.cbs_observatie`` (long form: one row per record and measure) and select measures by
their key **without** version suffix (the ``maatstaf`` column), via the catalog in
:mod:`woonmonitor.sources.cbs_catalog`; never by position.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.config import Settings
from woonmonitor.sources.cbs_catalog import CbsTabel, tabel
from woonmonitor.tables import overwrite_table, read_or_empty

#: the contract of silver.cbs_observatie (used when silver has not been written yet)
CBS_OBSERVATIE = T.StructType(
    [
        T.StructField("tabel", T.StringType()),
        T.StructField("maatstaf", T.StringType()),
        T.StructField("maatstaf_key", T.StringType()),
        T.StructField("maatstaf_titel", T.StringType()),
        T.StructField("eenheid", T.StringType()),
        T.StructField("regio", T.StringType()),
        T.StructField("periode", T.StringType()),
        T.StructField("periode_type", T.StringType()),
        T.StructField("jaar", T.IntegerType()),
        T.StructField("maand", T.IntegerType()),
        T.StructField("dimensies", T.MapType(T.StringType(), T.StringType())),
        T.StructField("waarde", T.DoubleType()),
    ]
)


def observaties(cbs_observatie: DataFrame, tabel_id: str, periode_types: Sequence[str] = ("JJ",)) -> DataFrame:
    """The rows of one CBS table, restricted to the given period types."""
    t = tabel(tabel_id)
    return cbs_observatie.where(
        (F.upper(F.col("tabel")) == t.id) & F.col("periode_type").isin(*periode_types)
    )


def dim(key: str) -> Column:
    """A dimension code of the row (trimmed in silver already; trimmed again to be safe)."""
    return F.trim(F.col("dimensies")[key])


def maatstaf_in(t: CbsTabel, base_key: str) -> Column:
    """True for rows of the measure ``base_key`` (or one of its older names)."""
    return F.col("maatstaf").isin(*t.maatstaf(base_key).basissleutels)


def breed(df: DataFrame, t: CbsTabel, keys: Sequence[str | Column], kolommen: Mapping[str, str]) -> DataFrame:
    """Long to wide: one column per measure, named by ``kolommen`` {column name: measure base key}.

    The group keys identify one CBS record, so each measure has at most one value per group; ``max``
    only picks it. A measure absent from the delivery gives a null column, not an error.
    """
    aggs = [F.max(F.when(maatstaf_in(t, base), F.col("waarde"))).alias(name) for name, base in kolommen.items()]
    return df.groupBy(*keys).agg(*aggs)


def code_label(codes, column: Column) -> Column:
    """Title of a dimension code from the catalog; the code itself when the catalog does not know it."""
    pairs = [F.lit(x) for c in codes for x in (c.code, c.titel)]
    return F.coalesce(F.element_at(F.create_map(*pairs), column), column)


def lees(spark: SparkSession, settings: Settings) -> DataFrame:
    return read_or_empty(spark, settings, "silver", "cbs_observatie", CBS_OBSERVATIE)


def schrijf(df: DataFrame, settings: Settings, name: str, description: str) -> int:
    return overwrite_table(df, settings, "gold", name, description)


def energieverbruik(cbs_observatie: DataFrame, regios: Sequence[str]) -> DataFrame:
    """81528NED in long form for the given regions: jaar, regio, woningkenmerk(_code), energiedrager, waarde.

    ``energiedrager`` is ``aardgas`` (GemiddeldAardgasverbruik, m3) or ``elektriciteit``
    (GemiddeldeElektriciteitslevering, kWh); other measures are left out.
    """
    from woonmonitor.sources.cbs_catalog import WONINGTYPES

    t = tabel("81528NED")
    drager = (
        F.when(maatstaf_in(t, "GemiddeldAardgasverbruik"), F.lit("aardgas"))
        .when(maatstaf_in(t, "GemiddeldeElektriciteitslevering"), F.lit("elektriciteit"))
    )
    code = dim("Woningkenmerken")
    return (
        observaties(cbs_observatie, t.id)
        .where(F.col("regio").isin(*regios))
        .withColumn("energiedrager", drager)
        .where(F.col("energiedrager").isNotNull())
        .select(
            F.col("jaar").cast("int").alias("jaar"),
            F.col("regio"),
            code.alias("woningkenmerk_code"),
            code_label(WONINGTYPES, code).alias("woningkenmerk"),
            F.col("energiedrager"),
            F.col("waarde"),
        )
    )


def zonnestroom(cbs_observatie: DataFrame, regios: Sequence[str]) -> DataFrame:
    """85005NED wide per year, region and sector: installaties, vermogen (kWp), omvormers (kW), productie."""
    from woonmonitor.sources.cbs_catalog import SECTOREN

    t = tabel("85005NED")
    rows = observaties(cbs_observatie, t.id).where(F.col("regio").isin(*regios))
    sector = dim("SectorEnVermogensklasse")
    wide = breed(
        rows,
        t,
        ["jaar", "regio", sector.alias("sector_code")],
        {
            "installaties": "Installaties",
            "opgesteld_vermogen_kwp": "OpgesteldVermogenVanZonnepanelen",
            "vermogen_omvormers_kw": "OpgesteldVermogenOmvormers",
            "productie_mln_kwh": "ProductieVanZonnestroom",
        },
    )
    return wide.withColumn("sector", code_label(SECTOREN, F.col("sector_code")))


def verhuisstroom(cbs_observatie: DataFrame, settings: Settings, richting: str) -> DataFrame:
    """81734NED flows of the gemeente with every other gemeente, suppressed; ``richting`` 'in' or 'uit'.

    'in': RegioVanVestiging = the gemeente, the other end is RegioVanVertrek (herkomst); 'uit' the
    reverse (bestemming). Only GM codes at the other end (aggregates such as NL01 or provinces left out)
    and never the gemeente itself.

    Privacy rule: counts of 1 to ``settings.onderdrukken_tot`` persons are null with ``onderdrukt``. The
    flows of one year add up to a published total (37230ned VestigingVanuitEenAndereGemeente /
    VertrekNaarAndereGemeente), so each year is one group: where it has any suppressed flow,
    the smallest other non-zero flow is suppressed too (``woonmonitor.privacy.suppress_cells``).
    """
    from woonmonitor.privacy import suppress_cells

    if richting not in ("in", "uit"):
        raise ValueError(f"richting must be 'in' or 'uit', got {richting!r}")
    t = tabel("81734NED")
    hier, daar = ("RegioVanVestiging", "RegioVanVertrek") if richting == "in" else ("RegioVanVertrek", "RegioVanVestiging")
    rows = (
        observaties(cbs_observatie, t.id)
        .where(
            maatstaf_in(t, "TussenGemeentenVerhuisdePersonen")
            & (dim(hier) == settings.gemeentecode)
            & dim(daar).startswith("GM")
            & (dim(daar) != settings.gemeentecode)
        )
        .select(
            "jaar", "periode", dim(daar).alias("andere_gemeentecode"), F.col("waarde").cast("long").alias("aantal")
        )
    )
    return suppress_cells(rows, "aantal", ["jaar", "periode"], settings.onderdrukken_tot)
