"""Bronze ingestion: every delivery in the landing zone becomes rows in Delta, losing nothing.

A *source reader* (one module per source in this package) knows one delivery format. It turns one landing
file into :class:`Parsed` rows for its bronze tables plus quarantined records. This module does the rest,
the same for every source:

* incremental: a file whose content hash was loaded before is skipped (and logged as skipped);
* lineage: every row gets ``_source_file``, ``_content_hash``, ``_run_id``, ``_load_time`` (the reader
  gives ``_record_position``);
* conservation: records read = rows in bronze + rows in quarantine, checked per file, or the file fails;
* idempotent writes: a delivery's rows replace whatever an interrupted earlier attempt left for the same
  content hash (Delta ``replaceWhere``), so a retry never duplicates;
* failure isolation: a file that cannot be read fails its source with a message naming the file and the
  problem; the tables keep their earlier deliveries and the other sources still load;
* ``bronze.ingest_log`` gets one row per file per run; ``bronze.quarantine`` holds rejected records with
  the raw record, file, position and reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Protocol

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.config import Settings
from woonmonitor.tables import append_replacing, append_table, read_or_empty

LINEAGE_FIELDS = [
    T.StructField("_source_file", T.StringType(), False),
    T.StructField("_content_hash", T.StringType(), False),
    T.StructField("_run_id", T.StringType(), False),
    T.StructField("_load_time", T.TimestampType(), False),
    T.StructField("_record_position", T.LongType(), True),
]

QUARANTINE_TABLE = "quarantine"
QUARANTINE_SCHEMA = T.StructType(
    [
        T.StructField("source", T.StringType(), False),
        T.StructField("source_file", T.StringType(), False),
        T.StructField("content_hash", T.StringType(), False),
        T.StructField("record_position", T.LongType(), True),
        T.StructField("record", T.StringType(), True),
        T.StructField("reason", T.StringType(), False),
        T.StructField("run_id", T.StringType(), False),
        T.StructField("load_time", T.TimestampType(), False),
    ]
)
#: what a reader hands over for a rejected record; ``record`` must not hold a BSN in clear
QUARANTINE_INPUT_SCHEMA = T.StructType(
    [
        T.StructField("_record_position", T.LongType(), True),
        T.StructField("record", T.StringType(), True),
        T.StructField("reason", T.StringType(), False),
    ]
)

INGEST_LOG_TABLE = "ingest_log"
INGEST_LOG_SCHEMA = T.StructType(
    [
        T.StructField("run_id", T.StringType(), False),
        T.StructField("source", T.StringType(), False),
        T.StructField("file", T.StringType(), False),
        T.StructField("content_hash", T.StringType(), True),
        T.StructField("records_read", T.LongType(), True),
        T.StructField("loaded", T.LongType(), True),
        T.StructField("quarantined", T.LongType(), True),
        T.StructField("skipped", T.BooleanType(), False),
        T.StructField("status", T.StringType(), False),
        T.StructField("message", T.StringType(), True),
        T.StructField("duration_s", T.DoubleType(), True),
        T.StructField("logged_at", T.TimestampType(), False),
    ]
)


class UnreadableFile(Exception):
    """A landing file that cannot be read at all (corrupt archive, broken XML, unknown layout, ...)."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass
class Parsed:
    """What a reader makes of one landing file.

    ``tables`` maps bronze table names to rows that follow the reader's contract and carry
    ``_record_position``. ``records_read`` counts the records in the file; rows of the tables named in
    ``counted_tables`` (default: all) plus quarantined rows must add up to it.
    """

    tables: dict[str, DataFrame]
    records_read: int
    quarantine: DataFrame | None = None
    counted_tables: tuple[str, ...] | None = None


class SourceReader(Protocol):
    source: str
    tables: Mapping[str, T.StructType]

    def accepts(self, filename: str) -> bool: ...

    def parse(self, spark: SparkSession, path: str, settings: Settings) -> Parsed: ...


@dataclass
class LogEntry:
    source: str
    file: str
    content_hash: str | None
    status: str  # loaded | skipped | failed
    records_read: int | None = None
    loaded: int | None = None
    quarantined: int | None = None
    message: str | None = None
    duration_s: float = 0.0
    tables: dict[str, int] = field(default_factory=dict)


class BronzeFailed(RuntimeError):
    def __init__(self, failures: list[LogEntry]):
        lines = "\n".join(f"  {e.source}: {e.message}" for e in failures)
        super().__init__(f"{len(failures)} landing file(s) could not be loaded:\n{lines}")
        self.failures = failures


def content_hash(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def landing_files(settings: Settings, reader: SourceReader) -> list[str]:
    root = settings.source_landing(reader.source)
    if not os.path.isdir(root):
        return []
    found = []
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if not name.startswith(".") and reader.accepts(name):
                found.append(os.path.join(folder, name))
    return sorted(found)


def with_lineage(df: DataFrame, contract: T.StructType, source_file: str, digest: str, run_id: str, load_time: dt.datetime) -> DataFrame:
    """The contract's columns in order, then the lineage columns (the schema contract of every bronze table)."""
    missing = [f.name for f in contract.fields if f.name not in df.columns]
    if missing:
        raise ValueError(f"reader output lacks contract columns {missing}")
    return df.select(
        *[F.col(f.name).cast(f.dataType).alias(f.name) for f in contract.fields],
        F.lit(source_file).alias("_source_file"),
        F.lit(digest).alias("_content_hash"),
        F.lit(run_id).alias("_run_id"),
        F.lit(load_time).cast("timestamp").alias("_load_time"),
        F.col("_record_position").cast("long").alias("_record_position"),
    )


def bronze_schema(contract: T.StructType) -> T.StructType:
    return T.StructType(list(contract.fields) + LINEAGE_FIELDS)


def loaded_hashes(spark: SparkSession, settings: Settings, source: str) -> set[str]:
    log = read_or_empty(spark, settings, "bronze", INGEST_LOG_TABLE, INGEST_LOG_SCHEMA)
    rows = log.where((F.col("source") == source) & (F.col("status") == "loaded")).select("content_hash").distinct().collect()
    return {r.content_hash for r in rows}


def ingest_file(spark: SparkSession, settings: Settings, reader: SourceReader, path: str, run_id: str,
                digest: str | None = None) -> LogEntry:
    started = time.monotonic()
    rel = os.path.relpath(path, settings.landing)
    digest = digest or content_hash(path)
    load_time = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    try:
        parsed = reader.parse(spark, path, settings)
        unknown = set(parsed.tables) - set(reader.tables)
        if unknown:
            raise ValueError(f"reader produced undeclared tables {sorted(unknown)}")
        staged = {name: with_lineage(df, reader.tables[name], rel, digest, run_id, load_time).cache() for name, df in parsed.tables.items()}
        counts = {name: df.count() for name, df in staged.items()}
        quarantine = None
        n_quarantine = 0
        if parsed.quarantine is not None:
            quarantine = parsed.quarantine.select(
                F.lit(reader.source).alias("source"),
                F.lit(rel).alias("source_file"),
                F.lit(digest).alias("content_hash"),
                F.col("_record_position").cast("long").alias("record_position"),
                F.col("record").cast("string"),
                F.col("reason").cast("string"),
                F.lit(run_id).alias("run_id"),
                F.lit(load_time).cast("timestamp").alias("load_time"),
            ).cache()
            n_quarantine = quarantine.count()
        counted = parsed.counted_tables if parsed.counted_tables is not None else tuple(staged)
        n_loaded = sum(counts.get(name, 0) for name in counted)
        if n_loaded + n_quarantine != parsed.records_read:
            raise ValueError(
                f"records read {parsed.records_read} != loaded {n_loaded} + quarantined {n_quarantine}: refusing a partial load"
            )
        predicate = f"_content_hash = '{digest}'"
        for name, df in staged.items():
            append_replacing(df, settings, "bronze", name, predicate)
        if quarantine is not None and n_quarantine:
            append_replacing(quarantine, settings, "bronze", QUARANTINE_TABLE, f"content_hash = '{digest}'")
        for df in staged.values():
            df.unpersist()
        return LogEntry(reader.source, rel, digest, "loaded", parsed.records_read, n_loaded, n_quarantine,
                        None, time.monotonic() - started, counts)
    except Exception as exc:  # noqa: BLE001 - a failed file is logged and reported, never half-loaded
        problem = exc.problem if isinstance(exc, UnreadableFile) else f"{type(exc).__name__}: {exc}"
        message = f"{rel}: {problem}"
        return LogEntry(reader.source, rel, digest, "failed", message=message.splitlines()[0][:2000],
                        duration_s=time.monotonic() - started)


def write_log(spark: SparkSession, settings: Settings, run_id: str, entries: Iterable[LogEntry]) -> None:
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    rows = [
        (run_id, e.source, e.file, e.content_hash, e.records_read, e.loaded, e.quarantined, e.status == "skipped",
         e.status, e.message, float(e.duration_s), now)
        for e in entries
    ]
    if rows:
        append_table(spark.createDataFrame(rows, INGEST_LOG_SCHEMA), settings, "bronze", INGEST_LOG_TABLE)


def ingest_source(spark: SparkSession, settings: Settings, reader: SourceReader, run_id: str,
                  progress: Callable[[str], None] = lambda _m: None) -> list[LogEntry]:
    entries: list[LogEntry] = []
    paths = landing_files(settings, reader)
    if not paths:  # nothing delivered for this source: skip the ingest_log read (a Spark job)
        return entries
    done = loaded_hashes(spark, settings, reader.source)
    for path in paths:
        rel = os.path.relpath(path, settings.landing)
        digest = content_hash(path)
        if digest in done:
            entries.append(LogEntry(reader.source, rel, digest, "skipped", message="content loaded before"))
            progress(f"  {rel}: skipped (loaded before)")
            continue
        entry = ingest_file(spark, settings, reader, path, run_id, digest)
        entries.append(entry)
        if entry.status == "loaded":
            done.add(digest)
            progress(f"  {rel}: {entry.loaded} rows, {entry.quarantined} quarantined ({entry.duration_s:.1f} s)")
        else:
            progress(f"  {rel}: FAILED {entry.message}")
    return entries


def run_bronze(spark: SparkSession, settings: Settings, readers: Iterable[SourceReader] | None = None,
               run_id: str | None = None, progress: Callable[[str], None] = lambda _m: None,
               raise_on_failure: bool = True) -> list[LogEntry]:
    """Load every source; log every file; raise :class:`BronzeFailed` at the end if any file failed."""
    from woonmonitor.bronze.registry import all_readers

    run_id = run_id or uuid.uuid4().hex
    entries: list[LogEntry] = []
    for reader in readers if readers is not None else all_readers():
        progress(f"bronze/{reader.source}")
        source_entries = ingest_source(spark, settings, reader, run_id, progress)
        write_log(spark, settings, run_id, source_entries)
        entries.extend(source_entries)
    failures = [e for e in entries if e.status == "failed"]
    if failures and raise_on_failure:
        raise BronzeFailed(failures)
    return entries
