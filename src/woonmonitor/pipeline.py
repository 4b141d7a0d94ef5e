"""The pipeline: which step builds which table, in which order. Shared by the CLI and the job notebooks.

Bronze loads the landing zone (see woonmonitor.bronze.ingest); every silver and gold table has one home
module with ``run(spark, settings) -> int``. Order within a layer follows dependencies.
"""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable

from pyspark.sql import SparkSession

from woonmonitor.config import LAYERS, Settings

#: silver tables, in dependency order (modules of woonmonitor.silver)
SILVER_STEPS: tuple[str, ...] = (
    "cbs_observatie",
    "bag_gemeente_woonplaats",
    "bag_woonplaats",
    "bag_openbare_ruimte",
    "bag_nummeraanduiding",
    "bag_pand",
    "bag_verblijfsobject",
    "bag_ligplaats",
    "bag_standplaats",
    "brp_persoon",
    "brp_verblijf",
    "huishouden",
    "woz_waarde",
    "eigendom",
    "kwaliteit",  # last: checks the tables above and fails the job when a threshold is crossed
)

#: gold tables, in dependency order (modules of woonmonitor.gold)
GOLD_STEPS: tuple[str, ...] = (
    # CBS
    "bevolkingsopbouw",
    "bevolkingsgroei",
    "geslachtsopbouw",
    "aardgas",
    "elektriciteit",
    "gemeente_nederland",
    "opgesteld_vermogen",
    "opgesteld_vermogen_gemeente",
    "verhuizingen",
    "gevestigd",
    "vertrokken",
    # BAG, WOZ, BRK (and BRP/CBS for reconciliation)
    "verblijfsobjecten",
    "bag_num_recent",
    "woningen_gemeente",
    "woz",
    "eigendom",
    "programma_woningbouw",
    "woningen",
    "reconciliatie",
    # BRP persons and households (counts only; some read the gold tables above them)
    "brp",
    "woningtypes_huishoudtypes",
    "huishoudtypes_per_woonplaats",
    "huishoudtypes",
    "huishouden",
    "woningtypes_en_huishoudtypes",
    "woningbezetting",
    # last: the catalogue of all of the above
    "indicator",
)


@dataclass
class StepResult:
    layer: str
    table: str
    rows: int
    seconds: float
    status: str = "ok"
    message: str | None = None


@dataclass
class RunSummary:
    steps: list[StepResult] = field(default_factory=list)

    @property
    def failed(self) -> list[StepResult]:
        return [s for s in self.steps if s.status != "ok"]

    def as_dict(self) -> dict:
        return {
            "tables": len([s for s in self.steps if s.status == "ok"]),
            "rows": sum(s.rows for s in self.steps),
            "seconds": round(sum(s.seconds for s in self.steps), 1),
            "failed": [f"{s.layer}.{s.table}: {s.message}" for s in self.failed],
        }


def run_bronze_layer(spark: SparkSession, settings: Settings, progress: Callable[[str], None]) -> list[StepResult]:
    from woonmonitor.bronze.ingest import run_bronze

    started = time.monotonic()
    entries = run_bronze(spark, settings, progress=progress, raise_on_failure=False)
    results = [
        StepResult("bronze", e.file, e.loaded or 0, e.duration_s,
                   "ok" if e.status != "failed" else "failed", e.message)
        for e in entries
    ]
    progress(f"bronze: {len(entries)} file(s) in {time.monotonic() - started:.1f} s")
    return results


def run_modules(spark: SparkSession, settings: Settings, layer: str, steps: Iterable[str],
                progress: Callable[[str], None]) -> list[StepResult]:
    results = []
    for name in steps:
        started = time.monotonic()
        module = importlib.import_module(f"woonmonitor.{layer}.{name}")
        rows = module.run(spark, settings)
        seconds = time.monotonic() - started
        progress(f"{layer}.{name}: {rows} rows ({seconds:.1f} s)")
        results.append(StepResult(layer, name, rows, seconds))
    return results


def run(spark: SparkSession, settings: Settings, layers: Iterable[str] = LAYERS,
        progress: Callable[[str], None] = lambda _m: None) -> RunSummary:
    """Run the given layers in order. Bronze failures are reported after all sources were tried."""
    layers = list(layers)
    unknown = [layer for layer in layers if layer not in LAYERS]
    if unknown:
        raise ValueError(f"unknown layer(s) {unknown}; expected some of {list(LAYERS)}")
    summary = RunSummary()
    for layer in LAYERS:
        if layer not in layers:
            continue
        if layer == "bronze":
            summary.steps += run_bronze_layer(spark, settings, progress)
        else:
            summary.steps += run_modules(spark, settings, layer, SILVER_STEPS if layer == "silver" else GOLD_STEPS, progress)
    return summary
