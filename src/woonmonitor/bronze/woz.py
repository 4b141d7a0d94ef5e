"""WOZ (Waardering Onroerende Zaken) deliveries into bronze: the tax system's CSV export and Haal Centraal JSON.

Two delivery formats land in ``<landing>/woz/``:

**CSV export of the municipality's tax system** (``*.csv``). Its columns differ per vendor, so every layout is
declared in a YAML contract in ``woonmonitor/bronze/contracts/woz_*.yaml``: ``layout`` (name),
``file_pattern`` (glob on the file name, case-insensitive; null = recognised by header only), ``encoding``,
``separator``, ``quotechar``, ``date_format`` (strptime), ``decimal`` and ``thousands`` separators of amounts,
``columns`` (vendor column -> our field) and ``required`` (fields whose column must be in the header and
whose value must be filled). Our fields: ``wozobjectnummer``, ``adresseerbaar_object_identificatie``,
``waardepeildatum``, ``vastgestelde_waarde``, ``gebruikscode``, ``soort_object_code``. Vendor column names are
compared trimmed and case-insensitively. The contracts whose file pattern fits the file name are tried
first; when none fits, every contract is tried by header. The first contract whose required columns are all
in the header is the layout; a file whose header fits no contract fails with :class:`UnreadableFile` naming the missing columns per layout.
Rows are checked one by one; a row with a bad value goes to quarantine with the reason:

* ``wozobjectnummer``: 1-12 digits, left-padded with zeros to the 12-digit WOZ-objectnummer (some exports
  write it as a number and drop the leading zero of gemeentecode 0xxx);
* ``adresseerbaar_object_identificatie``: exactly 16 digits (a BAG id keeps its leading zeros; no padding);
* ``waardepeildatum``: a date in the contract's format;
* ``vastgestelde_waarde``: a non-negative whole number of euros (``412000`` or ``412.000,00``).

Unmapped vendor columns are never stored (they may hold owner names); a quarantined record is the row's
mapped values joined by the separator (the raw line when every column is mapped).

**Haal Centraal WOZ bevragen JSON** (``*.json``), following ``WozObjectHal`` of the API spec: accepted
document shapes are a list of WOZ objects (as the official mock ``test-data.json``), one WOZ object (the
response of ``GET /wozobjecten/{identificatie}``), or the paged collection of ``GET /wozobjecten``
(``{"_embedded": {"wozObjecten": [...]}}``, key matched case-insensitively). One WOZ object is one record:
``identificatie`` must be a 12-digit string, ``adresseerbaarObjectIdentificaties[]`` 16-digit strings,
every ``waarden[]`` item an integer ``vastgesteldeWaarde`` >= 0 with an ISO ``waardepeildatum``; otherwise the
whole object goes to quarantine (personal data removed). ``belanghebbendeEigenaar`` and
``belanghebbendeGebruiker`` (BSN, names) are not stored: ownership comes from the BRK.

StUF-WOZ XML messages (``stufwoz_*.xml`` in the reference set) are not read.

Bronze tables:

* ``woz_waarde``: one row per (WOZ object, adresseerbaar object, waardepeildatum), from both formats;
  ``adresseerbaar_object_identificatie`` is null for a JSON object that has values but no BAG link.
  For a CSV file these rows are the records; for a JSON file they are derived from ``woz_object``.
* ``woz_object``: one row per JSON WOZ object as delivered (the records of a JSON file), including objects
  without values or BAG links.
"""

from __future__ import annotations

import csv
import datetime as dt
import fnmatch
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pyspark.sql import SparkSession
from pyspark.sql import types as T

from woonmonitor.bronze.ingest import QUARANTINE_INPUT_SCHEMA, Parsed, UnreadableFile
from woonmonitor.config import Settings
from woonmonitor.privacy import is_bsn

CONTRACTS_DIR = Path(__file__).resolve().parent / "contracts"
FIELDS = (
    "wozobjectnummer",
    "adresseerbaar_object_identificatie",
    "waardepeildatum",
    "vastgestelde_waarde",
    "gebruikscode",
    "soort_object_code",
)
JSON_BRON = "json:haalcentraal"

WOZ_WAARDE = T.StructType(
    [
        T.StructField("wozobjectnummer", T.StringType(), False),
        T.StructField("adresseerbaar_object_identificatie", T.StringType(), True),
        T.StructField("waardepeildatum", T.DateType(), False),
        T.StructField("vastgestelde_waarde", T.LongType(), False),
        T.StructField("ingangsdatum", T.DateType(), True),
        T.StructField("gebruikscode", T.StringType(), True),
        T.StructField("soort_object_code", T.StringType(), True),
        #: ``csv:<layout>`` or ``json:haalcentraal``
        T.StructField("bron", T.StringType(), False),
    ]
)

WOZ_OBJECT = T.StructType(
    [
        T.StructField("wozobjectnummer", T.StringType(), False),
        T.StructField("adresseerbaar_object_identificaties", T.ArrayType(T.StringType()), False),
        T.StructField("nummeraanduiding_identificatie", T.StringType(), True),
        T.StructField("pand_identificaties", T.ArrayType(T.StringType()), False),
        T.StructField("kadastraal_onroerende_zaak_identificaties", T.ArrayType(T.StringType()), False),
        T.StructField("grondoppervlakte", T.LongType(), True),
        T.StructField("verantwoordelijke_gemeente_code", T.StringType(), True),
        T.StructField(
            "waarden",
            T.ArrayType(
                T.StructType(
                    [
                        T.StructField("vastgestelde_waarde", T.LongType(), False),
                        T.StructField("waardepeildatum", T.DateType(), False),
                        T.StructField("ingangsdatum", T.DateType(), True),
                        T.StructField("beschikkingsstatussen", T.ArrayType(T.StringType()), False),
                    ]
                )
            ),
            False,
        ),
        T.StructField("bron", T.StringType(), False),
    ]
)

_POSITION = T.StructField("_record_position", T.LongType(), False)
_DIGITS = re.compile(r"^\d+$")
_BSN_LIKE = re.compile(r"(?<!\d)\d{9}(?!\d)")


# --------------------------------------------------------------------------------------------- contracts
@dataclass(frozen=True)
class CsvContract:
    layout: str
    file_pattern: str | None
    encoding: str
    separator: str
    quotechar: str
    date_format: str
    decimal: str
    thousands: str | None
    columns: dict[str, str]  # vendor column -> field
    required: tuple[str, ...]
    source: str = ""

    def matches_name(self, filename: str) -> bool:
        return bool(self.file_pattern) and fnmatch.fnmatch(os.path.basename(filename).lower(), self.file_pattern.lower())

    def vendor_column(self, field: str) -> str:
        return next(vendor for vendor, ours in self.columns.items() if ours == field)

    def missing_columns(self, header: list[str]) -> list[str]:
        present = {_norm_header(h) for h in header}
        return [self.vendor_column(f) for f in self.required if _norm_header(self.vendor_column(f)) not in present]


def _norm_header(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().upper()


def parse_contract(data: dict[str, Any], source: str = "") -> CsvContract:
    """Validate one contract document (a mistake in a contract is a configuration error, not bad data)."""
    try:
        columns = {str(k): str(v) for k, v in data["columns"].items()}
        required = tuple(data.get("required") or ())
        contract = CsvContract(
            layout=str(data["layout"]),
            file_pattern=data.get("file_pattern"),
            encoding=str(data.get("encoding") or "utf-8"),
            separator=str(data.get("separator") or ";"),
            quotechar=str(data.get("quotechar") or '"'),
            date_format=str(data["date_format"]),
            decimal=str(data.get("decimal") or "."),
            thousands=data.get("thousands"),
            columns=columns,
            required=required,
            source=source,
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"WOZ contract {source or data!r} is incomplete: {exc}") from exc
    unknown = sorted(set(columns.values()) - set(FIELDS))
    if unknown:
        raise ValueError(f"WOZ contract {source}: unknown fields {unknown}; allowed {list(FIELDS)}")
    if len(set(columns.values())) != len(columns):
        raise ValueError(f"WOZ contract {source}: a field is mapped from two columns")
    unmapped = sorted(set(required) - set(columns.values()))
    if unmapped:
        raise ValueError(f"WOZ contract {source}: required fields {unmapped} have no column")
    for field in ("wozobjectnummer", "waardepeildatum", "vastgestelde_waarde"):
        if field not in required:
            raise ValueError(f"WOZ contract {source}: {field} must be required")
    return contract


def load_contracts(folder: str | Path = CONTRACTS_DIR) -> list[CsvContract]:
    """Every ``woz_*.yaml`` contract in ``folder``, in file-name order."""
    contracts = []
    for path in sorted(Path(folder).glob("woz_*.yaml")):
        with open(path, encoding="utf-8") as handle:
            contracts.append(parse_contract(yaml.safe_load(handle), path.name))
    return contracts


# --------------------------------------------------------------------------------------------- values
def parse_wozobjectnummer(raw: str) -> str:
    text = raw.strip()
    if not _DIGITS.match(text) or len(text) > 12:
        raise ValueError(f"wozobjectnummer {raw!r} is not 1-12 digits")
    return text.zfill(12)


def parse_bag_id(raw: str, what: str = "adresseerbaar object id") -> str:
    text = raw.strip()
    if not _DIGITS.match(text) or len(text) != 16:
        raise ValueError(f"{what} {raw!r} is not a 16-digit BAG id")
    return text


def parse_amount(raw: str, decimal: str, thousands: str | None) -> int:
    text = raw.strip().replace(" ", "")
    if thousands:
        text = text.replace(thousands, "")
    whole, _, fraction = text.partition(decimal)
    if not _DIGITS.match(whole) or (fraction and not _DIGITS.match(fraction)):
        raise ValueError(f"value {raw!r} is not a non-negative amount")
    if fraction and int(fraction) != 0:
        raise ValueError(f"value {raw!r} is not a whole number of euros")
    return int(whole)


def parse_date(raw: str, fmt: str) -> dt.date:
    try:
        return dt.datetime.strptime(raw.strip(), fmt).date()
    except ValueError as exc:
        raise ValueError(f"date {raw!r} does not match {fmt}") from exc


def scrub(text: str) -> str:
    """Last line of defence for quarantined text: any 9-digit number passing the 11-proef is masked."""
    return _BSN_LIKE.sub(lambda m: "*********" if is_bsn(m.group(0)) else m.group(0), text)


# --------------------------------------------------------------------------------------------- CSV
def choose_contract(path: str, candidates: list[tuple[CsvContract, list[str]]]) -> tuple[CsvContract, list[str]]:
    """The layout of a file: among contracts whose file pattern fits the name, the first whose required
    columns are all in the header; when no pattern fits, the first contract whose required columns are."""
    named = [(c, h) for c, h in candidates if c.matches_name(path)]
    for contract, header in named or candidates:
        if not contract.missing_columns(header):
            return contract, header
    problems = "; ".join(f"layout {c.layout!r} lacks columns {c.missing_columns(h)}" for c, h in named or candidates)
    if named:
        raise UnreadableFile(path, f"file name fits a WOZ layout but the header does not: {problems}")
    raise UnreadableFile(path, f"header matches no WOZ CSV layout: {problems or 'no contracts'}")


def _read_header(path: str, contract: CsvContract) -> list[str] | None:
    try:
        with open(path, encoding=_python_encoding(contract.encoding), newline="") as handle:
            first = handle.readline()
    except (UnicodeDecodeError, LookupError):
        return None
    rows = list(csv.reader([first], delimiter=contract.separator, quotechar=contract.quotechar))
    return [h.strip().lstrip("\ufeff") for h in rows[0]] if rows else []


def _python_encoding(encoding: str) -> str:
    return "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding


def parse_csv(path: str, contracts: list[CsvContract]) -> tuple[CsvContract, list[tuple], list[tuple], int]:
    """(contract, good rows with position, quarantined (position, record, reason), records read)."""
    if os.path.getsize(path) == 0:
        raise UnreadableFile(path, "empty file: no header")
    # The header decides the contract; each contract reads the header with its own encoding and separator.
    candidates = []
    for contract in contracts:
        header = _read_header(path, contract)
        if header is not None:
            candidates.append((contract, header))
    if not candidates:
        raise UnreadableFile(path, "cannot decode the header with the encoding of any WOZ layout")
    chosen, header = choose_contract(path, candidates)
    try:
        with open(path, encoding=_python_encoding(chosen.encoding), newline="") as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        raise UnreadableFile(path, f"not {chosen.encoding} text ({exc.reason} at byte {exc.start})") from exc
    reader = csv.reader(io.StringIO(text), delimiter=chosen.separator, quotechar=chosen.quotechar)
    next(reader)
    index = {_norm_header(h): i for i, h in enumerate(header)}
    mapped = [(index[_norm_header(v)], f) for v, f in chosen.columns.items() if _norm_header(v) in index]
    good, bad, n = [], [], 0
    bron = f"csv:{chosen.layout}"
    for row in reader:
        if not row or all(not cell.strip() for cell in row):
            continue  # a blank line is not a record
        n += 1
        position = reader.line_num
        record = chosen.separator.join(row[i] if i < len(row) else "" for i, _f in sorted(mapped))
        if len(row) != len(header):
            bad.append((position, scrub(record), f"expected {len(header)} fields, found {len(row)}"))
            continue
        values = {f: row[i].strip() for i, f in mapped}
        try:
            good.append((*_csv_values(values, chosen, bron), position))
        except ValueError as exc:
            bad.append((position, scrub(record), str(exc)))
    return chosen, good, bad, n


def _csv_values(values: dict[str, str], contract: CsvContract, bron: str) -> tuple:
    for field in contract.required:
        if not values.get(field):
            raise ValueError(f"required field {field} ({contract.vendor_column(field)}) is empty")
    aoid = values.get("adresseerbaar_object_identificatie") or None
    return (
        parse_wozobjectnummer(values["wozobjectnummer"]),
        parse_bag_id(aoid) if aoid else None,
        parse_date(values["waardepeildatum"], contract.date_format),
        parse_amount(values["vastgestelde_waarde"], contract.decimal, contract.thousands),
        None,
        values.get("gebruikscode") or None,
        values.get("soort_object_code") or None,
        bron,
    )


# --------------------------------------------------------------------------------------------- JSON
def woz_objects(path: str, document: Any) -> list[Any]:
    """The WOZ objects of a document: a list, one object, or a ``_embedded.wozObjecten`` page."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        embedded = document.get("_embedded")
        if isinstance(embedded, dict):
            for key, value in embedded.items():
                if key.lower() == "wozobjecten":
                    if not isinstance(value, list):
                        raise UnreadableFile(path, "_embedded.wozObjecten is not a list")
                    return value
            raise UnreadableFile(path, f"_embedded has no wozObjecten (keys {sorted(embedded)})")
        if "identificatie" in document:
            return [document]
    raise UnreadableFile(
        path, "not a WOZ bevragen document: expected a list of WOZ objects, one WOZ object or {_embedded: {wozObjecten: [...]}}"
    )


def _redact_woz(obj: Any) -> str:
    if isinstance(obj, dict):
        obj = {k: v for k, v in obj.items() if k not in ("belanghebbendeEigenaar", "belanghebbendeGebruiker", "_links")}
    return scrub(json.dumps(obj, ensure_ascii=False, sort_keys=True))


def _iso_date(value: Any, what: str) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(f"{what} {value!r} is not an ISO date string")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{what} {value!r} is not an ISO date") from exc


def _string_list(obj: dict, key: str) -> list[str]:
    value = obj.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} is not a list of strings")
    return value


def _json_object(obj: Any) -> tuple:
    if not isinstance(obj, dict):
        raise ValueError(f"a WOZ object must be a JSON object, found {type(obj).__name__}")
    ident = obj.get("identificatie")
    if not isinstance(ident, str) or not _DIGITS.match(ident) or len(ident) != 12:
        raise ValueError(f"identificatie {ident!r} is not a 12-digit wozobjectnummer string")
    aoids = [parse_bag_id(v, "adresseerbaarObjectIdentificaties item") for v in _string_list(obj, "adresseerbaarObjectIdentificaties")]
    panden = _string_list(obj, "pandIdentificaties")
    kozen = obj.get("kadastraalOnroerendeZaken") or []
    if not isinstance(kozen, list):
        raise ValueError("kadastraalOnroerendeZaken is not a list")
    koz_ids = [k.get("identificatie") for k in kozen if isinstance(k, dict) and k.get("identificatie")]
    waarden_in = obj.get("waarden") or []
    if not isinstance(waarden_in, list):
        raise ValueError("waarden is not a list")
    waarden = []
    for i, w in enumerate(waarden_in):
        if not isinstance(w, dict):
            raise ValueError(f"waarden[{i}] is not an object")
        value = w.get("vastgesteldeWaarde")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"waarden[{i}].vastgesteldeWaarde {value!r} is not a non-negative integer")
        peil = _iso_date(w.get("waardepeildatum"), f"waarden[{i}].waardepeildatum")
        ingang = _iso_date(w["ingangsdatum"], f"waarden[{i}].ingangsdatum") if w.get("ingangsdatum") else None
        statussen = w.get("beschikkingsStatussen") or []
        waarden.append((value, peil, ingang, [str(s) for s in statussen]))
    aanduiding = obj.get("aanduiding") if isinstance(obj.get("aanduiding"), dict) else {}
    gemeente = obj.get("verantwoordelijkeGemeente") if isinstance(obj.get("verantwoordelijkeGemeente"), dict) else {}
    grond = obj.get("grondoppervlakte")
    if grond is not None and (isinstance(grond, bool) or not isinstance(grond, int)):
        raise ValueError(f"grondoppervlakte {grond!r} is not an integer")
    return (
        ident,
        aoids,
        aanduiding.get("nummeraanduidingIdentificatie"),
        panden,
        koz_ids,
        grond,
        gemeente.get("code"),
        waarden,
        JSON_BRON,
    )


def parse_json(path: str) -> tuple[list[tuple], list[tuple], list[tuple], int]:
    """(woz_object rows, woz_waarde rows, quarantined, records read); positions are 1-based object indexes."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            document = json.load(handle)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise UnreadableFile(path, f"broken JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    objects = woz_objects(path, document)
    good, waarden, bad = [], [], []
    for position, obj in enumerate(objects, start=1):
        try:
            row = _json_object(obj)
        except ValueError as exc:
            bad.append((position, _redact_woz(obj), str(exc)))
            continue
        good.append((*row, position))
        ident, aoids = row[0], row[1]
        for value, peil, ingang, _statussen in row[7]:
            for aoid in aoids or [None]:
                waarden.append((ident, aoid, peil, value, ingang, None, None, JSON_BRON, position))
    return good, waarden, bad, len(objects)


# --------------------------------------------------------------------------------------------- reader
def _with_position(schema: T.StructType) -> T.StructType:
    return T.StructType(list(schema.fields) + [_POSITION])


class WozReader:
    source = "woz"
    tables = {"woz_waarde": WOZ_WAARDE, "woz_object": WOZ_OBJECT}

    def __init__(self, contracts_dir: str | Path = CONTRACTS_DIR):
        self.contracts_dir = contracts_dir

    def accepts(self, filename: str) -> bool:
        return filename.lower().endswith((".csv", ".json"))

    def parse(self, spark: SparkSession, path: str, settings: Settings) -> Parsed:
        if path.lower().endswith(".json"):
            objects, waarden, bad, n = parse_json(path)
            return Parsed(
                tables={
                    "woz_object": spark.createDataFrame(objects, _with_position(WOZ_OBJECT)),
                    "woz_waarde": spark.createDataFrame(waarden, _with_position(WOZ_WAARDE)),
                },
                records_read=n,
                quarantine=spark.createDataFrame(bad, QUARANTINE_INPUT_SCHEMA) if bad else None,
                counted_tables=("woz_object",),
            )
        _contract, good, bad, n = parse_csv(path, load_contracts(self.contracts_dir))
        return Parsed(
            tables={"woz_waarde": spark.createDataFrame(good, _with_position(WOZ_WAARDE))},
            records_read=n,
            quarantine=spark.createDataFrame(bad, QUARANTINE_INPUT_SCHEMA) if bad else None,
        )


READER = WozReader()
