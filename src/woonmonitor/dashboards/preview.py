"""Local previews of the Lakeview dashboards.

Each ``dashboards/*.lvdash.json`` (the very files the bundle deploys) is rendered as a self-contained HTML
page: every dataset's SQL runs unchanged on the local warehouse (unqualified table names resolve in the gold
schema, as ``dataset_schema`` makes them resolve on Databricks), every widget's query (its field expressions,
grouped when ``disaggregated`` is false) runs over its dataset, and the result is drawn as inline SVG —
no JavaScript, no network.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pyspark.sql import SparkSession

from woonmonitor.config import Settings

PALETTE = ["#1f6f8b", "#e07a1f", "#5b8c2a", "#a23b72", "#6c5b7b", "#c0392b", "#2e86ab", "#8e6c3a"]
_AGG = re.compile(r"^\s*(SUM|COUNT|AVG|MIN|MAX|MEDIAN|COUNT_IF|ANY_VALUE)\s*\(", re.IGNORECASE)


@dataclass
class WidgetResult:
    name: str
    kind: str
    title: str
    columns: list[str]
    rows: list[tuple]
    spec: dict


def dataset_sql(dataset: dict) -> str:
    sql = "".join(dataset.get("queryLines") or [dataset.get("query", "")])
    for param in dataset.get("parameters", []):
        default = param.get("defaultSelection", {}).get("values", {}).get("values", [{}])
        value = default[0].get("value") if default else None
        literal = "NULL" if value is None else ("'" + str(value).replace("'", "''") + "'")
        sql = re.sub(rf":{re.escape(param['keyword'])}\b", literal, sql)
    return sql.strip().rstrip(";")


def widget_sql(query: dict, datasets: dict[str, str]) -> str:
    fields = query.get("fields", [])
    source = datasets[query["datasetName"]]
    select = ", ".join(f"{f['expression']} AS `{f['name']}`" for f in fields) or "*"
    sql = f"SELECT {select} FROM ({source}) AS ds"
    if not query.get("disaggregated", True):
        groups = [f["expression"] for f in fields if not _AGG.match(f["expression"])]
        if groups and len(groups) < len(fields):
            sql += " GROUP BY " + ", ".join(groups)
        if groups:
            sql += " ORDER BY " + ", ".join(groups)
    return sql


def run_dashboard(spark: SparkSession, settings: Settings, dashboard: dict) -> list[tuple[dict, list[WidgetResult]]]:
    spark.sql(f"USE {settings.schema('gold')}")
    datasets = {d["name"]: dataset_sql(d) for d in dashboard.get("datasets", [])}
    pages = []
    for page in dashboard.get("pages", []):
        results = []
        for item in sorted(page.get("layout", []), key=lambda i: (i["position"]["y"], i["position"]["x"])):
            widget = item["widget"]
            if "multilineTextboxSpec" in widget:
                results.append(WidgetResult(widget["name"], "text", "", [], [], widget["multilineTextboxSpec"]))
                continue
            spec = widget.get("spec", {})
            query = widget["queries"][0]["query"]
            df = spark.sql(widget_sql(query, datasets))
            rows = [tuple(r) for r in df.collect()]
            title = spec.get("frame", {}).get("title", widget["name"])
            results.append(WidgetResult(widget["name"], spec.get("widgetType", "table"), title, df.columns, rows, spec))
        pages.append((page, results))
    return pages


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ")
    if isinstance(value, int):
        return f"{value:,}".replace(",", " ")
    return str(value)


def _series(w: WidgetResult) -> tuple[list, dict[str, list]]:
    enc = w.spec.get("encodings", {})
    x, y = enc.get("x", {}).get("fieldName"), enc.get("y", {}).get("fieldName")
    color = enc.get("color", {}).get("fieldName")
    xi, yi = w.columns.index(x), w.columns.index(y)
    ci = w.columns.index(color) if color else None
    xs: list = []
    series: dict[str, dict] = {}
    for row in w.rows:
        if row[xi] not in xs:
            xs.append(row[xi])
        key = str(row[ci]) if ci is not None else enc["y"].get("displayName", y)
        series.setdefault(key, {})[row[xi]] = row[yi]
    return xs, {k: [v.get(xv) for xv in xs] for k, v in series.items()}


def svg_chart(w: WidgetResult, width: int = 760, height: int = 300) -> str:
    xs, series = _series(w)
    values = [v for vs in series.values() for v in vs if v is not None]
    top = max(values + [0]) or 1
    left, bottom, plot_w, plot_h = 70, 40, width - 90, height - 70
    parts = [f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="{html.escape(w.title)}">']
    for i in range(5):
        yv = top * i / 4
        yy = 10 + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end" font-size="11">{_fmt(round(yv))}</text>')
    n = max(len(xs), 1)
    step = plot_w / n
    for i, xv in enumerate(xs):
        if n <= 30 or i % max(1, n // 15) == 0:
            parts.append(f'<text x="{left + step * (i + 0.5):.1f}" y="{height - bottom + 25}" text-anchor="middle" font-size="11">{html.escape(_fmt(xv))}</text>')
    for s, (name, vs) in enumerate(series.items()):
        colour = PALETTE[s % len(PALETTE)]
        if w.kind == "bar":
            bw = step * 0.8 / max(len(series), 1)
            for i, v in enumerate(vs):
                if v is None:
                    continue
                h = plot_h * v / top
                x = left + step * i + step * 0.1 + bw * s
                parts.append(f'<rect x="{x:.1f}" y="{10 + plot_h - h:.1f}" width="{bw:.1f}" height="{h:.1f}" fill="{colour}"><title>{html.escape(name)} {html.escape(_fmt(xs[i]))}: {_fmt(v)}</title></rect>')
        else:
            pts = [f"{left + step * (i + 0.5):.1f},{10 + plot_h - plot_h * v / top:.1f}" for i, v in enumerate(vs) if v is not None]
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(pts)}"/>')
        parts.append(f'<rect x="{left + 10 + 120 * s}" y="{height - 12}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{left + 24 + 120 * s}" y="{height - 3}" font-size="11">{html.escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_widget(w: WidgetResult) -> str:
    if w.kind == "text":
        text = "".join(w.spec.get("lines", []))
        body = "".join(f"<p>{html.escape(line.lstrip('# '))}</p>" for line in text.split("\n") if line.strip())
        return f'<section class="text">{body}</section>'
    head = f"<h3>{html.escape(w.title)}</h3>"
    if w.kind == "counter":
        field = w.spec.get("encodings", {}).get("value", {}).get("fieldName")
        value = w.rows[0][w.columns.index(field)] if w.rows else None
        return f'<section class="counter">{head}<div class="value">{_fmt(value)}</div></section>'
    if w.kind in ("bar", "line", "area") and w.rows:
        return f"<section>{head}{svg_chart(w)}</section>"
    table = "".join(f"<th>{html.escape(c)}</th>" for c in w.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_fmt(v))}</td>" for v in row) + "</tr>" for row in w.rows[:200])
    empty = "" if w.rows else "<p>Geen gegevens.</p>"
    return f"<section>{head}<table><tr>{table}</tr>{body}</table>{empty}</section>"


STYLE = """body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1000px}
section{border:1px solid #ddd;border-radius:6px;padding:1rem;margin:1rem 0}
.counter .value{font-size:2.5rem;font-weight:600}table{border-collapse:collapse}
td,th{border-bottom:1px solid #eee;padding:2px 8px;text-align:right}h3{margin-top:0}"""


def render_html(title: str, pages: list[tuple[dict, list[WidgetResult]]]) -> str:
    out = [f"<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>{html.escape(title)}</title><style>{STYLE}</style></head><body>"]
    out.append(f"<h1>{html.escape(title)}</h1><p><em>Lokale voorvertoning van het dashboard; gegevens uit het lokale warehouse.</em></p>")
    for page, results in pages:
        out.append(f"<h2>{html.escape(page.get('displayName', page['name']))}</h2>")
        out.extend(render_widget(w) for w in results)
    out.append("</body></html>")
    return "\n".join(out)


def render_all(spark: SparkSession, settings: Settings, dashboards_dir: Path, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(dashboards_dir.glob("*.lvdash.json")):
        dashboard = json.loads(path.read_text(encoding="utf-8"))
        title = path.name.removesuffix(".lvdash.json").replace("_", " ").capitalize()
        target = out_dir / (path.name.removesuffix(".lvdash.json") + ".html")
        target.write_text(render_html(title, run_dashboard(spark, settings, dashboard)), encoding="utf-8")
        written.append(target)
    return written
