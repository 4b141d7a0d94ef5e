"""The command line from new processes: run, then query the persisted warehouse from another process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from woonmonitor.cli import build_parser, main
from woonmonitor.config import REPO_ROOT

EXE = [sys.executable, "-m", "woonmonitor.cli"]


def cli(*args, env=None):
    return subprocess.run([*EXE, *args], capture_output=True, text=True, env=env, timeout=900)


def test_help_lists_commands():
    text = build_parser().format_help()
    for command in ("run", "sql", "dashboards", "fixtures", "fetch-cbs"):
        assert command in text


def test_wrong_arguments_give_one_line_errors(tmp_path, capsys):
    assert main(["sql", "--warehouse", str(tmp_path / "none"), "SELECT 1"]) == 2
    assert capsys.readouterr().err == (f"woonmonitor sql: error: no warehouse at {tmp_path / 'none'}: "
                                       "run `woonmonitor run` first (or pass --warehouse)\n")
    assert main(["run", "--layers", "bronze,platinum", "--warehouse", str(tmp_path)]) == 2
    assert "unknown layer(s) platinum" in capsys.readouterr().err
    assert main(["run", "--gemeente", "Lochem", "--warehouse", str(tmp_path)]) == 2
    assert "gemeentecode must look like GM0262" in capsys.readouterr().err


@pytest.mark.slow
def test_run_then_sql_in_a_new_process(tmp_path):
    landing = tmp_path / "landing" / "cbs"
    landing.mkdir(parents=True)
    shutil.copy(REPO_ROOT / "fixtures" / "landing" / "cbs" / "03759ned_GM0262_fixture.csv", landing)
    wh = str(tmp_path / "wh")
    env = dict(os.environ, WOONMONITOR_HMAC_KEY="cli-test-key")
    done = cli("run", "--landing", str(tmp_path / "landing"), "--warehouse", wh, env=env)
    assert done.returncode == 0, done.stderr
    assert "gold.bevolkingsopbouw: 160 rows" in done.stdout
    query = cli("sql", "--warehouse", wh, "--format", "csv",
                "SELECT geslacht, SUM(aantal) AS n FROM gold.bevolkingsopbouw WHERE jaar = 2024 GROUP BY geslacht ORDER BY geslacht", env=env)
    assert query.returncode == 0, query.stderr
    assert query.stdout.splitlines() == ["geslacht,n", "man,16923", "vrouw,17369"]
    shown = cli("dashboards", "--warehouse", wh, "--out", str(tmp_path / "previews"), env=env)
    assert shown.returncode == 0, shown.stderr
    assert (tmp_path / "previews" / "inwoners.html").read_text().count('<div class="value">34 314</div>') == 1
