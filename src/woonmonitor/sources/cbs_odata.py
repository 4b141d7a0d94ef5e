"""Acquisition: fetch the monitor's CBS StatLine tables from the CBS OData v3 API into the landing folder.

For each table and each requested region this writes, under ``<landing>/cbs/``:

* ``<tabel>_<regio>_<YYYYMMDD>.csv``: the data (entity set ``TypedDataSet``) in the StatLine "onbewerkte
  dataset" format the bronze reader expects: UTF-8 with BOM, ``;`` separator, every field quoted, ``ID``
  first, then the dimension codes as served (trailing spaces kept), then one column per measure key,
  numbers right-aligned to the column's width, decimals as in the measure's metadata, ``.`` for null;
* ``<tabel>_DataProperties.json``: the measure and dimension metadata (keys, titles, units, decimals);
* ``<tabel>_<Dimension>.json``: one code list per dimension (``RegioS``, ``Perioden``, ...).

The JSON files keep the shape the API serves (``{"odata.metadata": ..., "value": [...]}``) with all pages
merged into ``value``. The bronze reader (:mod:`woonmonitor.bronze.cbs`) loads them into
``bronze.cbs_maatstaf`` and ``bronze.cbs_dimensiecode``.

Client behaviour:

* paging: every entity set is read page by page, following ``odata.nextLink`` until it is absent;
* region filter: per region a ``$filter`` on the table's geographic dimension(s) (``Type`` ``GeoDimension``;
  a table of moves has two, e.g. region of departure and of settlement: a record matches when either is the
  region). CBS pads codes with trailing spaces (``'NL01  '``) and ``eq`` compares the padded code, so the
  exact key is looked up in the dimension's code list first; a code that is only a prefix of keys
  (``GM``: every municipality) becomes ``startswith``;
* retries: HTTP 5xx and 429, connection errors and time-outs are retried with exponential back-off
  (``Retry-After`` honoured); other 4xx fail at once with the URL and the server's message.

Only the standard library (``urllib``) is used. The ``cbsodata`` package (1.3.5) wraps the same API but
returns label-converted rows (not codes), has no retry or back-off, and adds ``requests`` as a dependency;
writing the exact CSV layout and controlling retries is simpler on ``urllib``, and tests can point it at a
loopback server.

The ``ODataApi`` endpoint serves at most 10,000 records per request; ``ODataFeed``
(``https://opendata.cbs.nl/ODataFeed/odata``) is the bulk variant of the same paths, paged with
``odata.nextLink``: pass it as ``base_url`` for large selections (e.g. 03759ned for all municipalities).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import email.utils
import json
import os
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

DEFAULT_BASE_URL = "https://opendata.cbs.nl/ODataApi/odata"
BULK_BASE_URL = "https://opendata.cbs.nl/ODataFeed/odata"

#: the monitor's tables: the six of the current monitor plus 81955NED (dwelling stock, for reconciliation)
TABLES = ("03759ned", "37230ned", "84547NED", "81528NED", "85005NED", "81734NED", "81955NED")
DEFAULT_REGIO = ("GM0262",)

#: DataProperties types that are dimensions (a column of codes with a code list of the same name)
DIMENSION_TYPES = ("Dimension", "TimeDimension", "GeoDimension", "GeoDetail")
GEO_TYPES = ("GeoDimension", "GeoDetail")
_RETRY_STATUS = {429, 500, 502, 503, 504}
_USER_AGENT = "woonmonitor-cbs-odata/0.1 (+urllib)"


class CbsApiError(RuntimeError):
    """The API could not be read (after retries), or answered with something the monitor cannot use."""


@dataclass
class ODataClient:
    """A minimal OData v3 JSON client: GET with retry and back-off, and paging via ``odata.nextLink``."""

    base_url: str = DEFAULT_BASE_URL
    timeout: float = 60.0
    retries: int = 5
    backoff: float = 1.0
    max_backoff: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    log: Callable[[str], None] = lambda _m: None
    requests: int = field(default=0, init=False)

    def url(self, table: str, entity_set: str = "", filter_: str | None = None) -> str:
        path = f"{self.base_url.rstrip('/')}/{urllib.parse.quote(table)}/{urllib.parse.quote(entity_set)}"
        query = ["$format=json"]
        if filter_:
            query.append("$filter=" + urllib.parse.quote(filter_, safe="'(),"))
        return path + "?" + "&".join(query)

    def get_json(self, url: str) -> dict:
        """One GET, retried on 5xx/429/connection errors/time-outs; raises :class:`CbsApiError` at the end."""
        last_problem = ""
        retry_after: float | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                # the server's Retry-After wins over our own exponential back-off
                delay = retry_after if retry_after is not None else self.backoff * 2 ** (attempt - 1)
                delay = min(self.max_backoff, delay)
                self.log(f"    retry {attempt}/{self.retries} in {delay:.1f} s: {last_problem}")
                self.sleep(delay)
            request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": _USER_AGENT})
            self.requests += 1
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    body = response.read()
            except urllib.error.HTTPError as exc:
                detail = _error_message(exc)
                if exc.code not in _RETRY_STATUS:
                    raise CbsApiError(f"GET {url}: HTTP {exc.code} {detail}") from exc
                last_problem = f"HTTP {exc.code} {detail}"
                retry_after = _retry_after(exc.headers.get("Retry-After") if exc.headers else None)
                continue
            except (urllib.error.URLError, TimeoutError, socket.timeout, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                last_problem = f"{type(reason).__name__}: {reason}"
                retry_after = None
                continue
            try:
                return json.loads(body.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise CbsApiError(f"GET {url}: response is not JSON ({exc})") from exc
        hint = ""
        if "10000" in last_problem or "limiet" in last_problem.lower():
            hint = f" (too many records for one request: use the bulk endpoint {BULK_BASE_URL})"
        raise CbsApiError(f"GET {url}: failed after {self.retries + 1} attempts: {last_problem}{hint}")

    def get_all(self, url: str) -> tuple[list[dict], str | None]:
        """Every record of an entity set, following ``odata.nextLink``; returns (records, odata.metadata)."""
        records: list[dict] = []
        metadata = None
        seen = set()
        while url:
            if url in seen:
                raise CbsApiError(f"GET {url}: odata.nextLink points back to a page already read")
            seen.add(url)
            page = self.get_json(url)
            if not isinstance(page, dict) or not isinstance(page.get("value"), list):
                raise CbsApiError(f"GET {url}: expected an OData JSON object with a 'value' list")
            metadata = metadata or page.get("odata.metadata")
            records.extend(page["value"])
            url = page.get("odata.nextLink")
        return records, metadata

    def entity_set(self, table: str, entity_set: str, filter_: str | None = None) -> tuple[list[dict], str | None]:
        return self.get_all(self.url(table, entity_set, filter_))


def _error_message(exc: urllib.error.HTTPError) -> str:
    """The server's error text, shortened (OData errors are ``{"odata.error": {"message": {"value": ...}}}``)."""
    try:
        raw = exc.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - the status code alone still says enough
        return str(exc.reason)
    try:
        return json.loads(raw)["odata.error"]["message"]["value"][:300]
    except (ValueError, KeyError, TypeError):
        return (raw.strip() or str(exc.reason))[:300]


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - dt.datetime.now(when.tzinfo)).total_seconds())


# ---------------------------------------------------------------------------------------------- filter


def geo_dimensions(properties: list[dict]) -> list[str]:
    """Keys of the geographic dimensions; without typed ones, dimensions whose key starts with ``Regio``."""
    geo = [p["Key"] for p in properties if p.get("Type") in GEO_TYPES]
    if not geo:
        geo = [p["Key"] for p in properties if p.get("Type") in DIMENSION_TYPES and str(p.get("Key", "")).startswith("Regio")]
    return geo


def _quote(code: str) -> str:
    return "'" + code.replace("'", "''") + "'"


def region_filter(regio: str, code_lists: dict[str, list[dict]], geo: list[str], table: str) -> str:
    """The ``$filter`` selecting one region (or a code prefix) on any of the geographic dimensions."""
    terms = []
    for dim in geo:
        keys = [str(c.get("Key", "")) for c in code_lists.get(dim, [])]
        exact = [k for k in keys if k.strip() == regio]
        if exact:
            terms.append(f"{dim} eq {_quote(exact[0])}")
        elif any(k.strip().startswith(regio) for k in keys):
            terms.append(f"startswith({dim},{_quote(regio)})")
    if not terms:
        raise CbsApiError(f"{table}: region {regio!r} is not in the code list of {', '.join(geo) or 'any dimension'}")
    return " or ".join(terms)


# ------------------------------------------------------------------------------------------------- CSV


def _format_value(value, decimals: int | None) -> str:
    if value is None:
        return "."
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if decimals is not None and decimals >= 0:
            return f"{value:.{decimals}f}"
        return repr(value)
    return str(value)


def write_onbewerkt_csv(path: str, records: list[dict], properties: list[dict]) -> list[str]:
    """Write TypedDataSet records in the StatLine "onbewerkte dataset" layout; returns the header.

    Columns follow the record's key order (the API serves ``ID``, the dimensions, then the measures in
    their DataProperties order). Measure values are right-aligned to the widest value of their column,
    as StatLine does (``"  862965"``).
    """
    topics = {p["Key"]: p for p in properties if p.get("Type") == "Topic"}
    if records:
        # per-entity annotations ("odata.type", ...) are not data: only with full metadata, but never a column
        header = [k for k in records[0].keys() if not k.startswith("odata.")]
    else:
        header = ["ID"] + [p["Key"] for p in properties if p.get("Type") in DIMENSION_TYPES] + list(topics)
    if "ID" in header:
        header.remove("ID")
    header.insert(0, "ID")
    text_rows = []
    for record in records:
        row = []
        for key in header:
            value = record.get(key)
            if key in topics:
                row.append(_format_value(value, topics[key].get("Decimals")))
            else:
                row.append("" if value is None else str(value))
        text_rows.append(row)
    widths = {i: max((len(r[i]) for r in text_rows), default=0) for i, key in enumerate(header) if key in topics}
    for row in text_rows:
        for i, width in widths.items():
            row[i] = row[i].rjust(width)
    tmp = path + ".part"
    with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quotechar='"', quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(text_rows)
    os.replace(tmp, path)  # a half-written file must never be picked up by bronze
    return header


def write_odata_json(path: str, metadata: str | None, records: list[dict]) -> None:
    tmp = path + ".part"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump({"odata.metadata": metadata, "value": records}, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    os.replace(tmp, path)


# ----------------------------------------------------------------------------------------------- fetch


@dataclass
class FetchedTable:
    table: str
    files: list[str]
    rows: dict[str, int]  # region -> data records written


def fetch_table(client: ODataClient, folder: str, table: str, regio_filter: Sequence[str], datum: dt.date) -> FetchedTable:
    """Fetch one table's metadata, code lists and (per region) data into ``folder``."""
    properties, props_meta = client.entity_set(table, "DataProperties")
    if not any(p.get("Type") == "Topic" for p in properties):
        raise CbsApiError(f"{table}: DataProperties lists no measure (Type 'Topic')")
    files = []
    path = os.path.join(folder, f"{table}_DataProperties.json")
    write_odata_json(path, props_meta, properties)
    files.append(path)
    code_lists: dict[str, list[dict]] = {}
    for prop in properties:
        if prop.get("Type") not in DIMENSION_TYPES:
            continue
        dim = prop["Key"]
        codes, meta = client.entity_set(table, dim)
        code_lists[dim] = codes
        path = os.path.join(folder, f"{table}_{dim}.json")
        write_odata_json(path, meta, codes)
        files.append(path)
    geo = geo_dimensions(properties)
    rows = {}
    for regio in regio_filter:
        if not geo:
            raise CbsApiError(f"{table}: has no regional dimension to filter on {regio!r}")
        records, _meta = client.entity_set(table, "TypedDataSet", region_filter(regio, code_lists, geo, table))
        path = os.path.join(folder, f"{table}_{regio}_{datum:%Y%m%d}.csv")
        write_onbewerkt_csv(path, records, properties)
        files.append(path)
        rows[regio] = len(records)
    return FetchedTable(table, files, rows)


def fetch_tables(landing: str, tables: Iterable[str] = TABLES, regio_filter: Sequence[str] = DEFAULT_REGIO,
                 base_url: str = DEFAULT_BASE_URL, *, datum: dt.date | None = None, client: ODataClient | None = None,
                 progress: Callable[[str], None] = lambda _m: None) -> list[FetchedTable]:
    """Fetch ``tables`` for the regions in ``regio_filter`` (e.g. ``("GM0262", "NL01")``) into ``<landing>/cbs/``.

    Returns what was written per table. Raises :class:`CbsApiError` naming the table, URL and problem when a
    table cannot be fetched; tables fetched before it stay written (each file is written atomically).
    """
    if isinstance(regio_filter, str):
        regio_filter = [r for r in regio_filter.split(",") if r]
    if not regio_filter:
        raise ValueError("regio_filter: at least one region code (e.g. GM0262) is needed")
    client = client or ODataClient(base_url=base_url, log=progress)
    datum = datum or dt.date.today()
    folder = os.path.join(landing, "cbs")
    os.makedirs(folder, exist_ok=True)
    done = []
    for table in tables:
        started = time.monotonic()
        result = fetch_table(client, folder, table, list(regio_filter), datum)
        per_regio = ", ".join(f"{r}: {n} records" for r, n in result.rows.items())
        progress(f"  {table}: {per_regio}; {len(result.files)} files ({time.monotonic() - started:.1f} s)")
        done.append(result)
    return done


# ------------------------------------------------------------------------------------------------- CLI


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of ``woonmonitor fetch-cbs`` (shared by the package CLI and ``python -m``)."""
    parser.add_argument("--landing", help="landing folder; files go to <landing>/cbs/ (default: the configured landing)")
    parser.add_argument("--tables", default=",".join(TABLES), help="comma-separated CBS table ids (default: the monitor's seven)")
    parser.add_argument("--regio", default=None,
                        help="comma-separated region codes, e.g. GM0262,NL01; a prefix such as GM selects all "
                             "municipalities (default: the configured gemeentecode)")
    parser.add_argument("--base-url", default=DEFAULT_BASE_URL, help=f"OData v3 root (default {DEFAULT_BASE_URL}; bulk: {BULK_BASE_URL})")
    parser.add_argument("--retries", type=int, default=5, help="retries per request on 5xx/time-outs (default 5)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request (default 60)")
    return parser


def fetch_cbs(landing: str, tables: str | Sequence[str] = TABLES, regio: str | Sequence[str] = DEFAULT_REGIO,
              base_url: str = DEFAULT_BASE_URL, retries: int = 5, timeout: float = 60.0,
              progress: Callable[[str], None] = print) -> int:
    """CLI-ready: fetch, print progress and a one-line summary; returns an exit code (0 ok, 1 failed)."""
    tables = [t.strip() for t in tables.split(",")] if isinstance(tables, str) else list(tables)
    regio = [r.strip() for r in regio.split(",")] if isinstance(regio, str) else list(regio)
    client = ODataClient(base_url=base_url, retries=retries, timeout=timeout, log=progress)
    started = time.monotonic()
    try:
        done = fetch_tables(landing, [t for t in tables if t], [r for r in regio if r], base_url, client=client, progress=progress)
    except (CbsApiError, OSError, ValueError) as exc:
        print(f"fetch-cbs: {exc}", file=sys.stderr)
        return 1
    files = sum(len(d.files) for d in done)
    records = sum(sum(d.rows.values()) for d in done)
    progress(f"fetch-cbs: {len(done)} tables, {records} records, {files} files in {os.path.join(landing, 'cbs')} "
             f"({client.requests} requests, {time.monotonic() - started:.1f} s)")
    return 0


def run_from_args(args: argparse.Namespace, default_landing: str, default_regio: str) -> int:
    """Entry for the package CLI: ``args`` parsed with :func:`add_arguments`."""
    return fetch_cbs(args.landing or default_landing, args.tables, args.regio or default_regio,
                     args.base_url, args.retries, args.timeout)


def main(argv: list[str] | None = None) -> int:
    from woonmonitor.config import Settings

    settings = Settings()
    parser = add_arguments(argparse.ArgumentParser(prog="python -m woonmonitor.sources.cbs_odata",
                                                   description="Fetch CBS StatLine tables into the landing folder."))
    return run_from_args(parser.parse_args(argv), settings.landing, settings.gemeentecode)


if __name__ == "__main__":
    raise SystemExit(main())
