"""CBS StatLine "onbewerkte dataset" CSV into bronze.

Format as CBS serves it: UTF-8 with BOM, ``;`` separator, every field quoted, dimension *codes* (not
labels), numbers space-padded, ``.`` for unknown or confidential, empty for "cannot occur". The first
column is ``ID``. A file is recognised by the table id its name starts with (``03759ned_…csv``),
case-insensitively; the table id decides nothing else.

Bronze keeps each CSV record as one row, exactly as delivered (trimmed of padding only):
``dimensies`` (dimension key -> code) and ``waarden`` (measure key -> raw text). Which column is a
dimension and which a measure comes from the table's metadata (``DataProperties``) when it was delivered
beside the data (see :mod:`woonmonitor.sources.cbs_odata`), otherwise from the key: CBS measure keys carry a
numeric suffix (``BevolkingOp1Januari_1``), dimension keys do not (``RegioS``, ``Perioden``).

The table metadata the acquisition step writes beside the data are landing files of their own, loaded too:

* ``<tabel>_DataProperties.json`` -> ``bronze.cbs_maatstaf``: one row per DataProperties entry (measures
  ``Topic``, dimensions ``Dimension``/``GeoDimension``/``TimeDimension``, ``TopicGroup`` headings) with key,
  title, unit, decimals, type and description;
* ``<tabel>_<Dimension>.json`` (``03759ned_RegioS.json``) -> ``bronze.cbs_dimensiecode``: the code list of
  one dimension (code, title, description; ``status`` for periods: ``Voorlopig``/``Definitief``).

Both keep the OData shape (``{"odata.metadata": ..., "value": [...]}``; a bare list is accepted too); each
entry of ``value`` is one record. An entry that is not an object, or lacks ``Type`` (DataProperties) or
``Key`` (code list), is quarantined. A JSON file whose entries are neither (``TableInfos``) is refused.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re

from pyspark.sql import SparkSession
from pyspark.sql import types as T

from woonmonitor.bronze.ingest import QUARANTINE_INPUT_SCHEMA, Parsed, UnreadableFile
from woonmonitor.config import Settings

#: tables of the monitor: the six of the current monitor plus 81955NED (dwelling stock, for reconciliation)
TABELLEN = ("03759NED", "37230NED", "84547NED", "81528NED", "85005NED", "81734NED", "81955NED")

_FILE = re.compile(r"^(?P<tabel>\d{5}[a-z]{3})(?:[_.\-].*)?\.csv$", re.IGNORECASE)
_META_FILE = re.compile(r"^(?P<tabel>\d{5}[a-z]{3})_(?P<naam>[A-Za-z][A-Za-z0-9]*)\.json$", re.IGNORECASE)
_MEASURE_KEY = re.compile(r"^.+_\d+$")
DATA_PROPERTIES = "DataProperties"

WAARNEMING = T.StructType(
    [
        T.StructField("tabel", T.StringType(), False),
        T.StructField("record_id", T.StringType(), True),
        T.StructField("dimensies", T.MapType(T.StringType(), T.StringType()), False),
        T.StructField("waarden", T.MapType(T.StringType(), T.StringType()), False),
    ]
)


MAATSTAF = T.StructType(
    [
        T.StructField("tabel", T.StringType(), False),
        T.StructField("key", T.StringType(), True),
        T.StructField("titel", T.StringType(), True),
        T.StructField("eenheid", T.StringType(), True),
        T.StructField("decimalen", T.IntegerType(), True),
        T.StructField("type", T.StringType(), False),
        T.StructField("omschrijving", T.StringType(), True),
    ]
)

DIMENSIECODE = T.StructType(
    [
        T.StructField("tabel", T.StringType(), False),
        T.StructField("dimensie", T.StringType(), False),
        T.StructField("code", T.StringType(), False),
        T.StructField("titel", T.StringType(), True),
        T.StructField("omschrijving", T.StringType(), True),
        T.StructField("status", T.StringType(), True),
    ]
)


def table_id(filename: str) -> str | None:
    """The table id (upper case) of a data CSV (``03759ned_GM0262_20250101.csv`` -> ``03759NED``)."""
    match = _FILE.match(os.path.basename(filename))
    return match.group("tabel").upper() if match else None


def metadata_file(filename: str) -> tuple[str, str] | None:
    """``(tabel, entity set)`` of a metadata JSON (``81955NED_RegioS.json`` -> ``("81955NED", "RegioS")``)."""
    match = _META_FILE.match(os.path.basename(filename))
    return (match.group("tabel").upper(), match.group("naam")) if match else None


def measure_keys(header: list[str], metadata_dir: str, tabel: str) -> set[str]:
    """Measure (Topic) keys: from ``<tabel>_DataProperties.json`` beside the file if there, else by key shape."""
    for name in sorted(os.listdir(metadata_dir)):
        if name.upper() == f"{tabel}_DATAPROPERTIES.JSON":
            props = _load_metadata(os.path.join(metadata_dir, name))
            return {str(p["Key"]).strip() for p in props if isinstance(p, dict) and p.get("Type") == "Topic" and p.get("Key")}
    return {key for key in header[1:] if _MEASURE_KEY.match(key)}


def _text(value) -> str | None:
    """A metadata field as trimmed text; None for null or blank (CBS pads codes: ``'NL01  '``)."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _int(value) -> int | None:
    try:
        return int(value) if value is not None and str(value).strip() != "" else None
    except (TypeError, ValueError):
        return None


def _load_metadata(path: str) -> list:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            doc = json.load(handle)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise UnreadableFile(path, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    entries = doc.get("value") if isinstance(doc, dict) else doc
    if not isinstance(entries, list):
        raise UnreadableFile(path, "not CBS OData metadata: expected a list or an object with a 'value' list")
    return entries


def _record(entry) -> str:
    return json.dumps(entry, ensure_ascii=False, sort_keys=True)[:4000]


def _with_position(contract: T.StructType) -> T.StructType:
    return T.StructType(list(contract.fields) + [T.StructField("_record_position", T.LongType())])


class CbsCsvReader:
    """The CBS reader: data CSVs into ``cbs_waarneming``, metadata JSONs into ``cbs_maatstaf``/``cbs_dimensiecode``."""

    source = "cbs"
    tables = {"cbs_waarneming": WAARNEMING, "cbs_maatstaf": MAATSTAF, "cbs_dimensiecode": DIMENSIECODE}

    def accepts(self, filename: str) -> bool:
        return table_id(filename) is not None or metadata_file(filename) is not None

    def parse(self, spark: SparkSession, path: str, settings: Settings) -> Parsed:
        meta = metadata_file(path)
        if meta is not None:
            return self._parse_metadata(spark, path, *meta)
        return self._parse_csv(spark, path)

    def _parse_metadata(self, spark: SparkSession, path: str, tabel: str, naam: str) -> Parsed:
        entries = _load_metadata(path)
        good, bad = [], []
        is_properties = naam.lower() == DATA_PROPERTIES.lower()
        required = "Type" if is_properties else "Key"
        if entries and not any(isinstance(e, dict) and _text(e.get(required)) for e in entries):
            kind = "DataProperties" if is_properties else f"code list of dimension {naam!r}"
            raise UnreadableFile(path, f"not a CBS {kind}: no entry has a {required!r} field")
        for position, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict) or not _text(entry.get(required)):
                bad.append((position, _record(entry), f"metadata entry without {required!r}"))
            elif is_properties:
                good.append((tabel, _text(entry.get("Key")), _text(entry.get("Title")), _text(entry.get("Unit")),
                             _int(entry.get("Decimals")), _text(entry.get("Type")), _text(entry.get("Description")),
                             position))
            else:
                good.append((tabel, naam, _text(entry.get("Key")), _text(entry.get("Title")),
                             _text(entry.get("Description")), _text(entry.get("Status")), position))
        name, contract = ("cbs_maatstaf", MAATSTAF) if is_properties else ("cbs_dimensiecode", DIMENSIECODE)
        return Parsed(
            tables={name: spark.createDataFrame(good, _with_position(contract))},
            records_read=len(entries),
            quarantine=spark.createDataFrame(bad, QUARANTINE_INPUT_SCHEMA) if bad else None,
        )

    def _parse_csv(self, spark: SparkSession, path: str) -> Parsed:
        tabel = table_id(path)
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                text = handle.read()
        except UnicodeDecodeError as exc:
            raise UnreadableFile(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        reader = csv.reader(io.StringIO(text), delimiter=";", quotechar='"')
        try:
            rows = list(reader)
        except csv.Error as exc:
            raise UnreadableFile(path, f"broken CSV at line {reader.line_num}: {exc}") from exc
        if not rows:
            raise UnreadableFile(path, "empty file: no header")
        header = [h.strip() for h in rows[0]]
        if not header or header[0] != "ID":
            raise UnreadableFile(path, f"not a CBS onbewerkte dataset: first column is {header[:1]}, expected 'ID'")
        if len(set(header)) != len(header):
            duplicates = sorted({h for h in header if header.count(h) > 1})
            raise UnreadableFile(path, f"duplicate column names in header: {duplicates}")
        try:
            measures = measure_keys(header, os.path.dirname(path), tabel)
        except UnreadableFile as exc:  # name the metadata file: the CSV itself is fine
            raise UnreadableFile(path, f"its metadata {os.path.basename(exc.path)} is unreadable: {exc.problem}") from exc
        if not measures & set(header):
            if measures:
                raise UnreadableFile(
                    path,
                    f"none of the {len(measures)} measures in {tabel}_DataProperties.json is a column of the header "
                    f"{header[1:]} (DataProperties of another table version?)",
                )
            raise UnreadableFile(
                path, f"no measure columns in header {header[1:]}: no {tabel}_DataProperties.json beside the file "
                "and no key with a numeric suffix (BevolkingOp1Januari_1)"
            )
        dims = [k for k in header[1:] if k not in measures]
        good, bad = [], []
        for position, row in enumerate(rows[1:], start=1):
            if len(row) != len(header):
                bad.append((position, ";".join(row), f"expected {len(header)} fields, found {len(row)}"))
                continue
            values = dict(zip(header, (v.strip() for v in row)))
            good.append(
                (tabel, values["ID"], {k: values[k] for k in dims}, {k: values[k] for k in header[1:] if k in measures}, position)
            )
        return Parsed(
            tables={"cbs_waarneming": spark.createDataFrame(good, _with_position(WAARNEMING))},
            records_read=len(rows) - 1,
            quarantine=spark.createDataFrame(bad, QUARANTINE_INPUT_SCHEMA) if bad else None,
        )


READER = CbsCsvReader()
