"""One Spark session for the whole suite (Spark takes ~10 s to start), with a throw-away warehouse.

Tests that write tables take ``settings`` (or call ``make_settings``): each gets schemas of its own, so
tests never see each other's tables while sharing the session.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from woonmonitor.config import Settings
from woonmonitor.spark import local_spark

ROOT = Path(__file__).resolve().parents[1]
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"
TEST_KEY = "test-key-not-secret"
_counter = itertools.count(1)


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("warehouse")


@pytest.fixture(scope="session")
def spark(warehouse):
    os.environ.setdefault("WOONMONITOR_SHUFFLE_PARTITIONS", "2")
    session = local_spark(str(warehouse), app_name="woonmonitor-tests")
    yield session
    session.stop()


@pytest.fixture
def make_settings(warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("WOONMONITOR_HMAC_KEY", TEST_KEY)

    def make(**changes) -> Settings:
        n = next(_counter)
        base = dict(
            schemas={"bronze": f"t{n}_bronze", "silver": f"t{n}_silver", "gold": f"t{n}_gold"},
            warehouse=str(warehouse),
            landing=str(tmp_path / "landing"),
            hmac_key_file=str(tmp_path / "key"),
        )
        base.update(changes)
        return Settings(**base)

    return make


@pytest.fixture
def settings(make_settings) -> Settings:
    return make_settings()


@pytest.fixture(scope="session")
def reference() -> Path:
    """The real public sample files (read-only), beside the repository as ../shared/reference."""
    if not SHARED_REFERENCE.is_dir():
        pytest.fail(f"reference files not found at {SHARED_REFERENCE}")
    return SHARED_REFERENCE
