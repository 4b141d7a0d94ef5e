"""The ``woonmonitor`` command: run the pipeline locally, query the warehouse, render dashboard previews."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

from woonmonitor.config import LAYERS, REPO_ROOT, Settings


class CliError(Exception):
    """An error for the user: printed as one line, exit code 2."""


def _settings(args: argparse.Namespace) -> Settings:
    values = {}
    for name in ("landing", "warehouse", "gemeentecode"):
        value = getattr(args, name, None)
        if value:
            values[name] = str(Path(value).resolve()) if name != "gemeentecode" else value
    try:
        return Settings(**values)
    except ValueError as exc:
        raise CliError(str(exc)) from exc


def _existing_warehouse(settings: Settings) -> None:
    if not (Path(settings.warehouse) / "metastore_db").is_dir():
        raise CliError(f"no warehouse at {settings.warehouse}: run `woonmonitor run` first (or pass --warehouse)")


def _spark(settings: Settings):
    from woonmonitor.spark import local_spark

    return local_spark(settings.warehouse)


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    layers = [x.strip() for x in args.layers.split(",") if x.strip()]
    bad = [x for x in layers if x not in LAYERS]
    if bad:
        raise CliError(f"--layers: unknown layer(s) {', '.join(bad)}; choose from {','.join(LAYERS)}")
    if "bronze" in layers and not Path(settings.landing).is_dir():
        raise CliError(f"--landing: no such folder {settings.landing}")
    from woonmonitor.pipeline import run

    started = time.monotonic()
    print(f"woonmonitor run: {settings.gemeentecode}, layers {','.join(layers)}")
    print(f"  landing   {settings.landing}\n  warehouse {settings.warehouse}")
    spark = _spark(settings)
    summary = run(spark, settings, layers, progress=lambda m: print(f"  {m}", flush=True))
    result = summary.as_dict()
    print(f"done in {time.monotonic() - started:.0f} s: {result['tables']} step(s), {result['rows']} rows written")
    if summary.failed:
        print(f"{len(summary.failed)} step(s) FAILED:", file=sys.stderr)
        for line in result["failed"]:
            print(f"  {line}", file=sys.stderr)
        return 1
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    settings = _settings(args)
    _existing_warehouse(settings)
    spark = _spark(settings)
    from pyspark.errors import PySparkException

    try:
        df = spark.sql(args.query)
        rows = df.collect()
    except PySparkException as exc:
        raise CliError(str(exc).strip().splitlines()[0]) from exc
    columns = df.columns
    out = sys.stdout
    if args.format == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows([[("" if v is None else v) for v in r] for r in rows])
    elif args.format == "json":
        out.write(json.dumps([r.asDict(recursive=True) for r in rows], default=str, ensure_ascii=False, indent=1) + "\n")
    else:
        table = [[("NULL" if v is None else str(v)) for v in r] for r in rows]
        widths = [max([len(c)] + [len(r[i]) for r in table]) for i, c in enumerate(columns)]
        out.write(" | ".join(c.ljust(w) for c, w in zip(columns, widths)) + "\n")
        out.write("-+-".join("-" * w for w in widths) + "\n")
        for r in table:
            out.write(" | ".join(v.ljust(w) for v, w in zip(r, widths)) + "\n")
        out.write(f"({len(rows)} rows)\n")
    return 0


def cmd_dashboards(args: argparse.Namespace) -> int:
    settings = _settings(args)
    _existing_warehouse(settings)
    from woonmonitor.dashboards.preview import render_all

    spark = _spark(settings)
    out = Path(args.out).resolve()
    pages = render_all(spark, settings, Path(args.dashboards).resolve(), out)
    print(f"dashboard previews ({len(pages)}) in {out}:")
    for page in pages:
        print(f"  {page}")
    return 0


def cmd_fixtures(args: argparse.Namespace) -> int:
    from woonmonitor.sources.synthetic import generate

    counts = generate(str(Path(args.out).resolve()), scale=args.scale, seed=args.seed, gemeentecode=args.gemeente)
    print(json.dumps(counts, indent=1))
    return 0


def cmd_fetch_cbs(args: argparse.Namespace) -> int:
    from woonmonitor.sources import cbs_odata

    settings = Settings()
    return cbs_odata.run_from_args(args, settings.landing, settings.gemeentecode)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="woonmonitor", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser, landing: bool = False) -> None:
        p.add_argument("--warehouse", help=f"local warehouse folder (default {REPO_ROOT / '.warehouse'})")
        if landing:
            p.add_argument("--landing", help=f"landing folder with one folder per source (default {REPO_ROOT / 'fixtures' / 'landing'})")
            p.add_argument("--gemeente", dest="gemeentecode", metavar="GM0262", help="CBS gemeentecode (default GM0262, Lochem)")

    p = sub.add_parser("run", help="run the pipeline locally", description="Run bronze, silver and gold locally.")
    common(p, landing=True)
    p.add_argument("--layers", default=",".join(LAYERS), help="comma-separated layers (default bronze,silver,gold)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("sql", help="query the local warehouse", description="Run one SQL statement on the local warehouse.")
    common(p)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("query", help='e.g. "SELECT * FROM gold.bevolkingsopbouw"')
    p.set_defaults(func=cmd_sql)

    p = sub.add_parser("dashboards", help="render local previews of the dashboards", description="Render every dashboards/*.lvdash.json as an HTML page from the local warehouse.")
    common(p)
    p.add_argument("--out", default=str(REPO_ROOT / "previews"), help="output folder (default previews/)")
    p.add_argument("--dashboards", default=str(REPO_ROOT / "dashboards"), help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_dashboards)

    p = sub.add_parser("fixtures", help="generate a synthetic delivery", description="Write a deterministic synthetic delivery for a gemeente in the real formats of BAG, BRP, WOZ and BRK.")
    p.add_argument("--out", required=True, help="landing folder to write")
    p.add_argument("--scale", type=float, default=0.04, help="1.0 is about the real size of Lochem (the committed fixtures are 0.04)")
    p.add_argument("--seed", type=int, default=262)
    p.add_argument("--gemeente", default="GM0262")
    p.set_defaults(func=cmd_fixtures)

    from woonmonitor.sources.cbs_odata import add_arguments

    p = sub.add_parser("fetch-cbs", help="fetch the CBS tables from the OData API into the landing folder",
                       description="Fetch the monitor's CBS StatLine tables (data, measures, code lists) into <landing>/cbs/.")
    add_arguments(p)
    p.set_defaults(func=cmd_fetch_cbs)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        return args.func(args)
    except CliError as exc:
        print(f"woonmonitor {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
