"""The job's notebooks (notebooks/*.py, Databricks source format) run locally, in job order, on the fixtures.

Each notebook is parsed as Databricks does (first line ``# Databricks notebook source``, cells separated by
``# COMMAND ----------``, ``# MAGIC`` cells are not Python) and its Python cells are executed with ``exec``.
The only stand-in is for the Databricks notebook API ``dbutils.widgets`` (job parameters arrive as widgets);
``spark`` is the suite's real local session, so the notebooks run the real pipeline.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from woonmonitor.config import LAYERS, REPO_ROOT

NOTEBOOKS = REPO_ROOT / "notebooks"
HEADER = "# Databricks notebook source"
SEPARATOR = re.compile(r"^# COMMAND ----------[ \t]*$", re.MULTILINE)
FIXTURE_CBS = REPO_ROOT / "fixtures" / "landing" / "cbs"


def parse_notebook(path: Path) -> list[str]:
    """The cells of a Databricks source-format notebook."""
    text = path.read_text(encoding="utf-8")
    first, _, body = text.partition("\n")
    if first.rstrip() != HEADER:
        raise ValueError(f"{path.name}: first line must be {HEADER!r}, found {first!r}")
    return [cell.strip("\n") for cell in SEPARATOR.split(body) if cell.strip()]


def is_magic(cell: str) -> bool:
    """A %md / %sql / %pip cell: every line is ``# MAGIC ...``."""
    lines = [line for line in cell.splitlines() if line.strip()]
    return bool(lines) and all(line.startswith("# MAGIC") for line in lines)


def python_cells(path: Path) -> list[str]:
    return [cell for cell in parse_notebook(path) if not is_magic(cell)]


class InputWidgetNotDefined(KeyError):
    """What Databricks raises for ``dbutils.widgets.get`` of a widget that was never created."""


class Widgets:
    """Local stand-in for ``dbutils.widgets``: widgets return their default unless the job passed a value."""

    def __init__(self, job_parameters: dict[str, str]):
        self.job_parameters = dict(job_parameters)
        self.defaults: dict[str, str] = {}

    def text(self, name: str, defaultValue: str = "", label: str | None = None) -> None:
        self.defaults[name] = defaultValue

    def dropdown(self, name: str, defaultValue: str, choices: list[str], label: str | None = None) -> None:
        if defaultValue not in choices:
            raise ValueError(f"default {defaultValue!r} of widget {name!r} is not one of its choices")
        self.defaults[name] = defaultValue

    combobox = dropdown

    def get(self, name: str) -> str:
        if name not in self.defaults:
            raise InputWidgetNotDefined(name)
        return self.job_parameters.get(name, self.defaults[name])

    def getAll(self) -> dict[str, str]:
        return {name: self.get(name) for name in self.defaults}

    def removeAll(self) -> None:
        self.defaults.clear()


class DBUtils:
    def __init__(self, job_parameters: dict[str, str]):
        self.widgets = Widgets(job_parameters)


def run_notebook(path: Path, spark, job_parameters: dict[str, str]) -> dict:
    """Execute the notebook's Python cells in one namespace, as a job task would; return the namespace."""
    dbutils = DBUtils(job_parameters)
    namespace = {"__name__": "__main__", "spark": spark, "dbutils": dbutils, "display": print}
    for i, cell in enumerate(python_cells(path)):
        exec(compile(cell, f"{path.name}[cell {i}]", "exec"), namespace)  # noqa: S102 - the notebook under test
    unused = set(job_parameters) - set(dbutils.widgets.defaults)
    assert not unused, f"{path.name} defines no widget for job parameter(s) {sorted(unused)}"
    return namespace


def test_parse_notebook_format(tmp_path):
    nb = tmp_path / "nb.py"
    nb.write_text(f"{HEADER}\n# MAGIC %md\n# MAGIC # Title\n\n# COMMAND ----------\n\nx = 1\n\n"
                  "# COMMAND ----------\n\ny = x + 1\n")
    assert parse_notebook(nb) == ["# MAGIC %md\n# MAGIC # Title", "x = 1", "y = x + 1"]
    assert python_cells(nb) == ["x = 1", "y = x + 1"]
    nb.write_text("x = 1\n")
    with pytest.raises(ValueError, match="first line"):
        parse_notebook(nb)


def test_widget_stand_in():
    widgets = Widgets({"catalog": "main"})
    widgets.text("catalog", "")
    widgets.text("landing", "/tmp/x")
    widgets.dropdown("layer", "gold", ["bronze", "gold"])
    assert widgets.getAll() == {"catalog": "main", "landing": "/tmp/x", "layer": "gold"}
    with pytest.raises(InputWidgetNotDefined):
        widgets.get("gemeentecode")
    with pytest.raises(ValueError):
        widgets.dropdown("x", "c", ["a", "b"])


@pytest.mark.parametrize("layer", LAYERS)
def test_notebook_is_thin(layer):
    """Parameters in, one package call out: no logic lives in the notebooks."""
    cells = python_cells(NOTEBOOKS / f"{layer}.py")
    tree = ast.parse("\n".join(cells))
    imports = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert [(n.module, [a.name for a in n.names]) for n in imports] == [("woonmonitor.jobs", ["run_task"])]
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "run_task"]
    assert len(calls) == 1
    assert ast.literal_eval(calls[0].args[0]) == layer
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda))]


def test_notebooks_run_the_job_end_to_end(spark, settings):
    """bronze -> silver -> gold notebooks on the 03759ned fixture; figures as in test_gold_bevolkingsopbouw
    (summed by hand from the fixture CSV)."""
    cbs = Path(settings.landing) / "cbs"
    cbs.mkdir(parents=True)
    for csv in FIXTURE_CBS.glob("03759ned_*"):
        shutil.copy(csv, cbs / csv.name)
    job_parameters = {
        "catalog": settings.catalog,  # spark_catalog: the local catalog
        "schemas": ",".join(settings.schemas[layer] for layer in LAYERS),
        "gemeentecode": "GM0262",
        "landing": settings.landing,
        "laatste_peildatum": "2025-01-01",
    }

    summaries = {layer: run_notebook(NOTEBOOKS / f"{layer}.py", spark, job_parameters)["summary"] for layer in LAYERS}

    # bronze: the one fixture file, 1296 CSV records (1297 lines with the header), all loaded
    assert {k: v for k, v in summaries["bronze"].items() if k != "seconds"} == {"tables": 1, "rows": 1296, "failed": []}
    log = spark.table(settings.table("bronze", "ingest_log")).collect()
    assert [(r.source, r.file, r.records_read, r.loaded, r.quarantined, r.status) for r in log] == [
        ("cbs", "cbs/03759ned_GM0262_fixture.csv", 1296, 1296, 0, "loaded")]
    assert summaries["silver"]["failed"] == [] and summaries["gold"]["failed"] == []

    gold = spark.table(settings.table("gold", "bevolkingsopbouw"))
    assert gold.count() == 4 * 2 * 20  # 4 years x 2 sexes x 20 age groups

    def cell(sex: str, van: int) -> int:
        return gold.where(f"jaar = 2024 AND geslacht = '{sex}' AND leeftijd_van = {van}").collect()[0].aantal

    assert cell("man", 95) == 9  # codes 19500..19905 and 22300, men, 2024
    assert cell("vrouw", 0) == 1050  # 5 x 210, women aged 0..4
    totals = {r.geslacht: r.n for r in gold.where("jaar = 2024").groupBy("geslacht").sum("aantal")
              .withColumnRenamed("sum(aantal)", "n").collect()}
    assert totals == {"man": 16923, "vrouw": 17369}  # the file's own 2024 totals (Leeftijd 10000)

