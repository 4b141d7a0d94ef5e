"""Benchmark: generate a synthetic delivery at a given scale and time the pipeline on it, step by step.

    .venv/bin/python scripts/benchmark.py --scale 1.0            # about Lochem's real size
    .venv/bin/python scripts/benchmark.py --scale 100 --keep     # a province (100 x Lochem)

Speed is measured here, never in the tests. The output is a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from pathlib import Path

from woonmonitor.config import REPO_ROOT, Settings
from woonmonitor.pipeline import run
from woonmonitor.sources.synthetic import generate
from woonmonitor.spark import local_spark


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=262)
    parser.add_argument("--dir", default=str(REPO_ROOT / "bench"))
    parser.add_argument("--keep", action="store_true", help="keep the generated landing and warehouse")
    args = parser.parse_args()
    base = Path(args.dir) / f"scale-{args.scale:g}"
    landing, warehouse = base / "landing", base / "warehouse"
    shutil.rmtree(warehouse, ignore_errors=True)
    started = time.monotonic()
    if not landing.is_dir():
        counts = generate(str(landing), scale=args.scale, seed=args.seed)
    else:
        counts = {"reused": str(landing)}
    # the CBS fixtures are national statistics, not scaled: copy the committed ones
    shutil.copytree(REPO_ROOT / "fixtures" / "landing" / "cbs", landing / "cbs", dirs_exist_ok=True)
    generated = time.monotonic() - started
    os.environ.setdefault("WOONMONITOR_HMAC_KEY", "benchmark-key")
    settings = Settings(landing=str(landing), warehouse=str(warehouse))
    spark = local_spark(str(warehouse), app_name="woonmonitor-benchmark")
    summary = run(spark, settings, progress=lambda m: print(m, flush=True))
    size = sum(f.stat().st_size for f in landing.rglob("*") if f.is_file())
    print(f"\n## Benchmark scale {args.scale:g} ({os.cpu_count()} cores)\n")
    print(f"generated {json.dumps(counts)} in {generated:.0f} s; landing {size / 1e6:.1f} MB\n")
    print("| layer | step | rows | seconds |\n|---|---|---|---|")
    for layer in ("bronze", "silver", "gold"):
        steps = [s for s in summary.steps if s.layer == layer]
        for s in steps:
            print(f"| {layer} | {s.table} | {s.rows} | {s.seconds:.1f} |")
        print(f"| **{layer}** | total | {sum(s.rows for s in steps)} | {sum(s.seconds for s in steps):.1f} |")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
