"""Entry points of the Databricks job tasks (the notebooks call exactly one of these)."""

from __future__ import annotations

from typing import Mapping

from woonmonitor.config import LAYERS, Settings
from woonmonitor.spark import get_spark, on_databricks


def settings_from_params(params: Mapping[str, str]) -> Settings:
    """Job/widget parameters (strings, names of Settings fields) to Settings.

    On Databricks the catalog is a Unity Catalog catalog and the landing zone defaults to its Volume.
    """
    values = {k: v for k, v in params.items() if v not in (None, "")}
    if on_databricks() or ("catalog" in values and values["catalog"] != "spark_catalog"):
        catalog = values.pop("catalog", "main")
        return Settings.for_databricks(catalog, **values)
    return Settings.from_strings(values)


def run_task(task: str, params: Mapping[str, str], spark=None) -> dict:
    """Run one layer (``bronze``, ``silver`` or ``gold``) and return its summary; raise if anything failed."""
    from woonmonitor.pipeline import run

    if task not in LAYERS:
        raise ValueError(f"unknown task {task!r}; expected one of {LAYERS}")
    settings = settings_from_params(params)
    spark = spark or get_spark(settings)
    summary = run(spark, settings, [task], progress=print)
    result = summary.as_dict()
    if summary.failed:
        raise RuntimeError(f"{task} failed: " + "; ".join(result["failed"]))
    return result
