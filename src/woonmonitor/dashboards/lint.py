"""Static checks of Lakeview (AI/BI) dashboard files (``*.lvdash.json``).

Nothing checks a dashboard before deploy: the Databricks CLI uploads the file as it is, and a wrong field or
table name only shows up as a broken widget in the workspace. These checks catch that offline:

* the file is JSON with ``datasets`` and ``pages``; dataset and widget names are unique;
* every dataset's SQL names its tables **unqualified** (``FROM bevolkingsopbouw``, not
  ``FROM main.gold.bevolkingsopbouw``) and sets no ``catalog``/``schema`` of its own: the bundle's
  ``dataset_catalog``/``dataset_schema`` point every dataset at the deployment's gold schema (dev or prod);
* every table a dataset reads is a gold table of this package;
* every ``:parameter`` used in the SQL is declared in the dataset's ``parameters``;
* every widget query reads an existing dataset; every ``fieldName`` in a widget's encodings is the ``name`` of
  a field of that widget's query (the query named by ``queryName`` where one is given);
* widgets sit inside the 6-column grid; known widget types carry a version the format knows;
* optionally (``dataset_columns``, e.g. from running the SQL locally): every backticked column in a field
  expression is a column of the dataset.

Use :func:`lint_file` / :func:`lint_dashboard` (a list of problems, empty when fine) or :func:`check_all`
(raises :class:`DashboardError` listing every problem of every file).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

GRID_COLUMNS = 6

#: spec versions seen in dashboards exported by Databricks, per widget type
KNOWN_VERSIONS: dict[str, set[int]] = {
    "counter": {2},
    "table": {1, 2},
    "bar": {3},
    "line": {3},
    "pie": {3},
    "area": {3},
    "scatter": {3},
    "filter-single-select": {2},
    "filter-multi-select": {2},
    "filter-date-range-picker": {2},
}

_LINE_COMMENT = re.compile(r"--[^\n]*")
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_STRING = re.compile(r"'(?:[^'\\]|\\.|'')*'|\"(?:[^\"\\]|\\.)*\"")
_IDENT = r"(?:`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)"
_TABLE_REF = re.compile(rf"\b(?:FROM|JOIN)\s+({_IDENT}(?:\s*\.\s*{_IDENT})*)(\s*\()?", re.IGNORECASE)
_CTE = re.compile(rf"(?:\bWITH(?:\s+RECURSIVE)?|,)\s*({_IDENT})\s+AS\s*\(", re.IGNORECASE)
_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_][A-Za-z0-9_]*)")
_BACKTICKED = re.compile(r"`([^`]+)`")


class DashboardError(ValueError):
    """One or more dashboard files are broken; the message lists every problem."""


def gold_table_names() -> set[str]:
    """Names of the gold tables this package builds: ``NAME`` of every public module of woonmonitor.gold."""
    import woonmonitor.gold as gold

    names = set()
    for info in pkgutil.iter_modules(gold.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{gold.__name__}.{info.name}")
        names.add(getattr(module, "NAME", info.name))
    return names


def dataset_sql(dataset: Mapping[str, Any]) -> str:
    """The SQL of a dataset: ``queryLines`` joined (as Databricks does), or ``query``."""
    if "queryLines" in dataset:
        return "".join(dataset["queryLines"])
    return dataset.get("query", "")


def _strip(sql: str) -> str:
    """SQL without comments and string literals (so words inside them are not taken for tables)."""
    sql = _BLOCK_COMMENT.sub(" ", sql)
    sql = _STRING.sub("''", sql)
    return _LINE_COMMENT.sub(" ", sql)


def _unquote(ident: str) -> str:
    return ident.strip().strip("`")


def referenced_tables(sql: str) -> list[str]:
    """Tables a query reads (FROM/JOIN targets), as written (``a.b.c`` stays qualified); CTEs and
    table-valued functions are left out."""
    clean = _strip(sql)
    ctes = {_unquote(m.group(1)).lower() for m in _CTE.finditer(clean)}
    found = []
    for match in _TABLE_REF.finditer(clean):
        if match.group(2):  # FROM range(10), FROM read_files(...): a function, not a table
            continue
        parts = [_unquote(p) for p in match.group(1).split(".")]
        name = ".".join(parts)
        if len(parts) == 1 and parts[0].lower() in ctes:
            continue
        found.append(name)
    return found


def used_parameters(sql: str) -> set[str]:
    """``:keyword`` parameters used in the SQL (not ``::`` casts, not inside strings or comments)."""
    return set(_PARAM.findall(_strip(sql)))


def _field_names(node: Any, path: str) -> Iterator[tuple[str, str, str | None]]:
    """(path, fieldName, queryName) for every fieldName anywhere under an encodings node."""
    if isinstance(node, Mapping):
        if "fieldName" in node:
            yield path, node["fieldName"], node.get("queryName")
        for key, value in node.items():
            yield from _field_names(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _field_names(value, f"{path}[{i}]")


def lint_dashboard(doc: Any, gold_tables: Iterable[str] | None = None,
                   dataset_columns: Mapping[str, Iterable[str]] | None = None) -> list[str]:
    """Problems of one parsed dashboard (empty list: fine). ``gold_tables`` defaults to :func:`gold_table_names`."""
    if not isinstance(doc, Mapping):
        return ["top level is not a JSON object"]
    problems: list[str] = []
    tables = {t.lower() for t in (gold_table_names() if gold_tables is None else gold_tables)}
    datasets = doc.get("datasets")
    pages = doc.get("pages")
    if not isinstance(datasets, list):
        problems.append("'datasets' is missing or not a list")
        datasets = []
    if not isinstance(pages, list) or not pages:
        problems.append("'pages' is missing, empty or not a list")
        pages = pages if isinstance(pages, list) else []

    names: dict[str, Mapping[str, Any]] = {}
    for i, ds in enumerate(datasets):
        where = f"datasets[{i}]"
        if not isinstance(ds, Mapping) or not ds.get("name"):
            problems.append(f"{where}: not an object with a 'name'")
            continue
        where = f"dataset {ds['name']!r}"
        if ds["name"] in names:
            problems.append(f"{where}: name used twice")
        names[ds["name"]] = ds
        for key in ("catalog", "schema"):
            if ds.get(key):
                problems.append(f"{where}: sets its own {key} {ds[key]!r}; leave it to the bundle's dataset_{key}")
        if "queryLines" in ds and not (isinstance(ds["queryLines"], list) and all(isinstance(x, str) for x in ds["queryLines"])):
            problems.append(f"{where}: queryLines must be a list of strings")
            continue
        sql = dataset_sql(ds)
        if not sql.strip():
            problems.append(f"{where}: no SQL (queryLines)")
            continue
        refs = referenced_tables(sql)
        if not refs:
            problems.append(f"{where}: reads no table")
        for ref in refs:
            if "." in ref:
                problems.append(f"{where}: table {ref!r} is qualified; write it unqualified "
                                f"({ref.rsplit('.', 1)[-1]!r}): dataset_catalog/dataset_schema choose the schema")
            elif ref.lower() not in tables:
                problems.append(f"{where}: table {ref!r} is not a gold table (known: {', '.join(sorted(tables))})")
        declared = {p.get("keyword") for p in ds.get("parameters", []) if isinstance(p, Mapping)}
        for param in sorted(used_parameters(sql) - declared):
            problems.append(f"{where}: SQL uses :{param} but the dataset declares no such parameter")

    columns = {k: {c.lower() for c in v} for k, v in (dataset_columns or {}).items()}
    for p, page in enumerate(pages):
        if not isinstance(page, Mapping):
            problems.append(f"pages[{p}]: not an object")
            continue
        page_where = f"page {page.get('name', p)!r}"
        if not page.get("name") or not page.get("displayName"):
            problems.append(f"{page_where}: needs 'name' and 'displayName'")
        widget_names: set[str] = set()
        for i, item in enumerate(page.get("layout", [])):
            widget = item.get("widget", {}) if isinstance(item, Mapping) else {}
            where = f"{page_where} widget {widget.get('name', i)!r}"
            if not widget.get("name"):
                problems.append(f"{where}: widget has no name")
            elif widget["name"] in widget_names:
                problems.append(f"{where}: widget name used twice on the page")
            widget_names.add(widget.get("name", ""))
            problems += _check_position(item.get("position") if isinstance(item, Mapping) else None, where)
            if "multilineTextboxSpec" in widget:
                continue
            problems += _check_widget(widget, where, names, columns)
    return problems


def _check_position(pos: Any, where: str) -> list[str]:
    if not isinstance(pos, Mapping):
        return [f"{where}: no position"]
    try:
        x, y, w, h = (int(pos[k]) for k in ("x", "y", "width", "height"))
    except (KeyError, TypeError, ValueError):
        return [f"{where}: position needs integer x, y, width, height"]
    if x < 0 or y < 0 or w < 1 or h < 1 or x + w > GRID_COLUMNS:
        return [f"{where}: position {dict(pos)} is outside the {GRID_COLUMNS}-column grid"]
    return []


def _check_widget(widget: Mapping[str, Any], where: str, datasets: Mapping[str, Any],
                  columns: Mapping[str, set[str]]) -> list[str]:
    problems = []
    spec = widget.get("spec")
    if not isinstance(spec, Mapping) or not spec.get("widgetType"):
        return [f"{where}: no spec.widgetType (and no multilineTextboxSpec)"]
    wtype = spec["widgetType"]
    if wtype in KNOWN_VERSIONS and spec.get("version") not in KNOWN_VERSIONS[wtype]:
        problems.append(f"{where}: {wtype} spec version {spec.get('version')!r}, expected one of {sorted(KNOWN_VERSIONS[wtype])}")
    query_fields: dict[str, set[str]] = {}
    for q in widget.get("queries", []):
        qname = q.get("name", "")
        query = q.get("query", {})
        ds = query.get("datasetName")
        if ds not in datasets:
            problems.append(f"{where}: query {qname!r} reads dataset {ds!r}, which does not exist")
        fields = query.get("fields", [])
        query_fields[qname] = {f.get("name") for f in fields}
        if ds in columns:
            for f in fields:
                for col in _BACKTICKED.findall(f.get("expression", "")):
                    if col != "*" and col.lower() not in columns[ds]:
                        problems.append(f"{where}: field {f.get('name')!r} uses column {col!r}, not a column of dataset {ds!r}")
    if not query_fields:
        problems.append(f"{where}: {wtype} widget has no queries")
        return problems
    all_fields = set().union(*query_fields.values())
    for path, field, qname in _field_names(spec.get("encodings", {}), "encodings"):
        allowed = query_fields.get(qname, set()) if qname else all_fields
        if field not in allowed:
            which = f"query {qname!r}" if qname else "its queries"
            problems.append(f"{where}: {path}.fieldName {field!r} is not a field of {which} "
                            f"(fields: {', '.join(sorted(x for x in allowed if x))})")
    return problems


def lint_file(path: str | Path, gold_tables: Iterable[str] | None = None,
              dataset_columns: Mapping[str, Iterable[str]] | None = None) -> list[str]:
    """Problems of one ``.lvdash.json`` file, each prefixed with the file name."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"{path.name}: not readable as JSON: {exc}"]
    return [f"{path.name}: {p}" for p in lint_dashboard(doc, gold_tables, dataset_columns)]


def dashboard_files(folder: str | Path) -> list[Path]:
    return sorted(Path(folder).glob("*.lvdash.json"))


def check_all(folder: str | Path, gold_tables: Iterable[str] | None = None) -> list[Path]:
    """Lint every dashboard in ``folder``; raise :class:`DashboardError` with all problems; return the files."""
    files = dashboard_files(folder)
    tables = set(gold_table_names() if gold_tables is None else gold_tables)
    problems = [p for f in files for p in lint_file(f, tables)]
    if problems:
        raise DashboardError("dashboard problems:\n  " + "\n  ".join(problems))
    return files
