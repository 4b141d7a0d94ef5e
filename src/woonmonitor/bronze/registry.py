"""The source readers bronze runs, in load order. Each source module exposes ``READER``."""

from __future__ import annotations

import importlib

from woonmonitor.bronze.ingest import SourceReader

#: modules of woonmonitor.bronze, one per source (the landing folder of the same name)
SOURCE_MODULES = ("cbs", "bag", "brp", "woz", "brk")


def all_readers() -> list[SourceReader]:
    return [importlib.import_module(f"woonmonitor.bronze.{name}").READER for name in SOURCE_MODULES]
