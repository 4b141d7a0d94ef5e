"""BRP: the GBA-V extract CSV into bronze, minimised and pseudonymised at the door.

The delivery format (RvIG's GBA-V extract, see ``../shared/reference/brp/``):

* UTF-8 with BOM, ``;``-separated, fields quoted with ``"`` when they hold a ``;`` (quotes doubled inside);
  one header row of LO GBA element numbers (``01.01.20``); the first header cell is empty (the column holds
  the persoonslijst label, ``Lg01_716`` in the test set), the last one too (every line ends with ``;``), and
  element ``06.88.10`` appears twice. Columns are therefore addressed by *position*, resolved from the
  header; only the elements in :data:`ELEMENTS` must occur (exactly once); duplicates and unknown
  elements elsewhere are ignored.
* One persoonslijst (PL) = one row with a non-empty first column holding the current occurrence (voorkomen)
  of every category, followed by rows with an empty first column holding further occurrences. Per category
  ``cc`` the column ``cc.H`` of a row says what the *next* row holds in that category's columns:
  ``5c`` a historic occurrence of the same stapel (``58`` an older address), ``0c`` the next stapel
  (``09`` another child, ``05`` another partner), empty: nothing more. So several children or partners are
  successive stapels, one per row, in the category's columns of the continuation rows, each stapel's
  current occurrence followed by its historic ones. One continuation row usually carries occurrences of
  several categories at once (e.g. a historic 58 address beside the next 09 child).
* Lines whose fields are all empty occur between persoonslijsten (15 in the RvIG test set); they are
  quarantined as ``leeg record``. A line with the wrong number of fields (e.g. a quoted field broken by a
  newline: the reader splits lines so that big files are read in parallel) is quarantined as malformed.

Bronze table ``brp_voorkomen``: one row per non-empty record (the head row and every older-occurrence
row), with only the elements of :data:`ELEMENTS` (AVG data minimisation: no names, places of birth,
nationality, street names, ...). BSNs become ``HMAC-SHA256(key, bsn)``, the A-nummer of the head row
becomes ``persoonslijst_id`` the same way; the birth date is cut to ``YYYYMM``. **Dates are kept as
delivered text** (``YYYYMMDD`` with ``00`` for an unknown month or day, ``00000000`` fully unknown);
silver parses them (see :mod:`woonmonitor.silver.brp_persoon`). Structure is kept as data: ``pl_positie``
(record position of the PL's head row, the key of the PL within a delivery), ``regel_in_pl`` (0 = head row),
``categorieen`` (categories with data in this row) and ``vervolg`` (the ``cc.H`` markers).

Quarantine ``record``: never the raw line (it holds BSNs and names) but its *shape*: runs of letters become
``X``, runs of 9 or more digits become ``#``s, so field count and which fields were filled stay visible.

Scale: Spark's CSV reader (all strings, splittable, one task per ~128 MB block); the occurrence grouping
uses ``input_file_block_start()`` plus ``monotonically_increasing_id()`` for the order within a block and a
small per-block table (collected to the driver) to carry the last head row across block boundaries.
"""

from __future__ import annotations

from pyspark import StorageLevel
from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.bronze.ingest import Parsed, UnreadableFile
from woonmonitor.config import Settings
from woonmonitor.privacy import hmac_sha256, load_key

TABLE = "brp_voorkomen"

#: what is kept: LO GBA element -> (bronze column, treatment). Treatments: ``tekst`` as delivered (trimmed),
#: ``bsn`` HMAC-SHA256 of the value, ``jaarmaand`` the first 6 characters of a YYYYMMDD date.
#: Everything not listed here is never read into a column.
ELEMENTS: dict[str, tuple[str, str]] = {
    "01.01.20": ("persoon_id", "bsn"),
    "01.03.10": ("geboorte_jaarmaand", "jaarmaand"),
    "01.04.10": ("geslacht", "tekst"),
    "01.84.10": ("onjuist_01", "tekst"),
    "02.01.20": ("ouder1_id", "bsn"),
    "03.01.20": ("ouder2_id", "bsn"),
    "05.01.20": ("partner_id", "bsn"),
    "05.06.10": ("datum_verbintenis", "tekst"),
    "05.07.10": ("datum_ontbinding", "tekst"),
    "05.15.10": ("soort_verbintenis", "tekst"),
    "05.84.10": ("onjuist_05", "tekst"),
    "06.08.10": ("datum_overlijden", "tekst"),
    "06.84.10": ("onjuist_06", "tekst"),
    "07.67.10": ("datum_opschorting", "tekst"),
    "07.67.20": ("reden_opschorting", "tekst"),
    "08.09.10": ("gemeente_inschrijving", "tekst"),
    "08.09.20": ("datum_inschrijving", "tekst"),
    "08.10.10": ("functie_adres", "tekst"),
    "08.10.30": ("datum_aanvang_adreshouding", "tekst"),
    "08.11.80": ("adresseerbaar_object_identificatie", "tekst"),
    "08.11.90": ("nummeraanduiding_identificatie", "tekst"),
    "08.13.10": ("land_vertrek", "tekst"),
    "08.13.20": ("datum_vertrek_nederland", "tekst"),
    "08.14.10": ("land_vanwaar_ingeschreven", "tekst"),
    "08.14.20": ("datum_vestiging_nederland", "tekst"),
    "08.84.10": ("onjuist_08", "tekst"),
    "08.85.10": ("datum_geldigheid_08", "tekst"),
    "09.01.20": ("kind_id", "bsn"),
    "09.84.10": ("onjuist_09", "tekst"),
}
#: the A-nummer of the head row, hashed into persoonslijst_id (not kept otherwise)
ANUMMER = "01.01.10"

_STR = T.StringType()
VOORKOMEN = T.StructType(
    [
        T.StructField("pl_positie", T.LongType(), False),
        T.StructField("regel_in_pl", T.IntegerType(), False),
        T.StructField("persoonslijst_id", _STR, True),
        *[T.StructField(column, _STR, True) for column, _kind in ELEMENTS.values()],
        T.StructField("categorieen", T.ArrayType(_STR, True), False),
        T.StructField("vervolg", T.MapType(_STR, _STR, True), False),
    ]
)


class BrpGbaVReader:
    source = "brp"
    tables = {TABLE: VOORKOMEN}

    def accepts(self, filename: str) -> bool:
        return filename.lower().endswith(".csv")

    def parse(self, spark: SparkSession, path: str, settings: Settings) -> Parsed:
        header = read_header(path)
        positions = element_positions(path, header)
        key = load_key(settings)
        # minimise in the scan itself: only the kept (hashed) elements and structure flags travel further
        narrow = minimise(read_records(spark, path, len(header)), header, positions, key)
        records = with_positions(narrow, spark).persist(StorageLevel.MEMORY_AND_DISK)
        records_read = records.count()
        quarantine = records.where(quarantine_reason().isNotNull()).select(
            F.col("_record_position"), F.col("_shape").alias("record"), quarantine_reason().alias("reason")
        )
        return Parsed(tables={TABLE: to_voorkomen(records)}, records_read=records_read, quarantine=quarantine)


def read_header(path: str) -> list[str]:
    """The element numbers of the header row (BOM removed), by position."""
    import csv

    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
    except UnicodeDecodeError as exc:
        raise UnreadableFile(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if not first.strip():
        raise UnreadableFile(path, "empty file: no header row")
    return [cell.strip() for cell in next(csv.reader([first], delimiter=";"))]


def element_positions(path: str, header: list[str]) -> dict[str, int]:
    """Position of every required element; each must occur exactly once."""
    needed = [*ELEMENTS, ANUMMER]
    found: dict[str, list[int]] = {}
    for position, name in enumerate(header):
        found.setdefault(name, []).append(position)
    missing = [e for e in needed if e not in found]
    if missing:
        raise UnreadableFile(path, f"not a GBA-V extract: header lacks element(s) {', '.join(missing)}")
    doubled = [e for e in needed if len(found[e]) > 1]
    if doubled:
        raise UnreadableFile(path, f"element(s) {', '.join(doubled)} occur more than once in the header")
    if 0 in (found[e][0] for e in needed):
        raise UnreadableFile(path, "the first column must be the persoonslijst label, not an element")
    return {e: found[e][0] for e in needed}


def read_records(spark: SparkSession, path: str, width: int) -> DataFrame:
    """Every data line as ``c0 .. c<width-1>`` strings plus ``_corrupt`` (the line, when its field count is wrong)."""
    schema = T.StructType([T.StructField(f"c{i}", _STR) for i in range(width)] + [T.StructField("_corrupt", _STR)])
    return (
        spark.read.schema(schema)
        .option("header", True)  # skips the first line of the file only (not of every block)
        .option("sep", ";")
        .option("quote", '"')
        .option("escape", '"')
        .option("encoding", "UTF-8")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", "_corrupt")
        .option("multiLine", False)  # splittable: big files are read by many tasks
        .csv(path)
    )


def with_positions(raw: DataFrame, spark: SparkSession) -> DataFrame:
    """Add ``_record_position`` (1-based record number in file order) and ``pl_positie`` (that of the head row above).

    The order within a file block is the order of ``monotonically_increasing_id`` (consecutive within a
    Spark partition); blocks are ordered by their byte offset. A per-block summary (a few rows per 128 MB)
    gives each block its first record number and the last head row of the blocks before it.
    """
    staged = raw.select(
        "*",
        F.input_file_block_start().alias("_blk"),
        F.monotonically_increasing_id().alias("_mid"),
    ).withColumn("_idx", F.col("_mid") - F.min("_mid").over(Window.partitionBy("_blk")))
    staged = staged.persist(StorageLevel.MEMORY_AND_DISK)
    blocks = (
        staged.groupBy("_blk")
        .agg(F.count(F.lit(1)).alias("n"), F.max(F.when(F.col("_is_head"), F.col("_idx"))).alias("last_head"))
        .orderBy("_blk")
        .collect()
    )
    offsets, carry = [], None
    first = 0
    for block in blocks:
        offsets.append((block["_blk"], first, carry))
        if block["last_head"] is not None:
            carry = first + block["last_head"] + 1
        first += block["n"]
    block_table = spark.createDataFrame(
        offsets, T.StructType([T.StructField("_blk", T.LongType()), T.StructField("_first", T.LongType()),
                               T.StructField("_carry", T.LongType())])
    )
    positioned = staged.join(F.broadcast(block_table), on="_blk", how="inner").withColumn(
        "_record_position", F.col("_first") + F.col("_idx") + 1
    )
    head_so_far = F.max(F.when(F.col("_is_head"), F.col("_record_position"))).over(
        Window.partitionBy("_blk").orderBy("_idx").rowsBetween(Window.unboundedPreceding, Window.currentRow)
    )
    return positioned.withColumn("pl_positie", F.coalesce(head_so_far, F.col("_carry"))).drop(
        "_blk", "_mid", "_idx", "_first", "_carry"
    )


def quarantine_reason() -> Column:
    return (
        F.when(F.col("_shape").isNotNull() & ~F.col("_empty"), F.lit("malformed record: wrong number of fields"))
        .when(F.col("_empty"), F.lit("leeg record: all fields empty"))
        .when(F.col("pl_positie").isNull(), F.lit("older-occurrence row without a persoonslijst above it"))
    )


def record_shape(raw: Column) -> Column:
    """The raw line with personal content masked: letters -> X, runs of 9+ digits -> #########."""
    masked = F.regexp_replace(raw, r"[0-9]{9,}", "#########")
    return F.regexp_replace(masked, r"\p{L}+", "X")


def _cell(position: int) -> Column:
    value = F.trim(F.col(f"c{position}"))
    return F.when(value != "", value)


def element_value(kind: str, position: int, key: bytes) -> Column:
    value = _cell(position)
    if kind == "bsn":
        return hmac_sha256(value, key)
    if kind == "jaarmaand":
        return F.substring(value, 1, 6)
    return value


def minimise(raw: DataFrame, header: list[str], positions: dict[str, int], key: bytes) -> DataFrame:
    """Per record: the kept elements (BSNs already hashed), which categories it holds, the ``cc.H`` markers,
    whether it is a head row or empty, and the masked shape of a malformed or empty line."""
    categories: dict[str, list[int]] = {}
    markers: dict[str, int] = {}
    for position, name in enumerate(header):
        if len(name) >= 4 and name[:2].isdigit() and name[2] == ".":
            if name.endswith(".H"):
                markers[name[:2]] = position
            else:
                categories.setdefault(name[:2], []).append(position)
    present = [F.when(_any_filled(cols), F.lit(cat)) for cat, cols in sorted(categories.items())]
    if markers:
        vervolg = F.map_filter(
            F.create_map(*[x for cat, p in sorted(markers.items()) for x in (F.lit(cat), _cell(p))]),
            lambda _k, v: v.isNotNull(),
        )
    else:
        vervolg = F.create_map().cast(T.MapType(_STR, _STR))
    empty = ~_any_filled(list(range(len(header))))
    return raw.select(
        _any_filled([0]).alias("_is_head"),
        empty.alias("_empty"),
        F.when(F.col("_corrupt").isNotNull(), record_shape(F.col("_corrupt")))
        .when(empty, F.lit("(all fields empty)"))
        .alias("_shape"),
        hmac_sha256(_cell(positions[ANUMMER]), key).alias("_anummer_id"),
        *[element_value(kind, positions[e], key).alias(column) for e, (column, kind) in ELEMENTS.items()],
        F.filter(F.array(*present), lambda c: c.isNotNull()).alias("categorieen"),
        vervolg.alias("vervolg"),
    )


def _any_filled(positions: list[int]) -> Column:
    """Whether any of the cells holds more than blanks (one concat_ws, not a deep tree of ORs: the optimizer
    is slow on 257 nested conditions)."""
    return F.trim(F.concat_ws("", *[F.col(f"c{p}") for p in positions])) != ""


def to_voorkomen(records: DataFrame) -> DataFrame:
    """Good records as ``brp_voorkomen`` rows (plus ``_record_position``); the select is the contract."""
    good = records.where(quarantine_reason().isNull())
    heads = good.where(F.col("_is_head")).select(
        F.col("_record_position").alias("pl_positie"), F.col("_anummer_id").alias("persoonslijst_id")
    )
    return good.join(heads, on="pl_positie", how="left").select(
        "pl_positie",
        # distance to the head row: 0 for the head, ascending = older (not dense if an empty line intervenes)
        (F.col("_record_position") - F.col("pl_positie")).cast("int").alias("regel_in_pl"),
        "persoonslijst_id",
        *[column for column, _kind in ELEMENTS.values()],
        "categorieen",
        "vervolg",
        "_record_position",
    )


READER = BrpGbaVReader()

