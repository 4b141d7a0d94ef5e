"""Configuration in one place.

Everything municipality- or environment-specific is a field of :class:`Settings`. It is built once at the
edge (command line, notebook widgets, tests) and passed in as an argument; no module reads globals.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

LAYERS = ("bronze", "silver", "gold")

#: The repository root when running from a checkout (fixtures and the default warehouse live there).
REPO_ROOT = Path(__file__).resolve().parents[2]


def _default_schemas() -> dict[str, str]:
    return {layer: layer for layer in LAYERS}


@dataclass(frozen=True)
class Settings:
    """Run configuration.

    ``catalog`` is ``spark_catalog`` locally and a Unity Catalog catalog on Databricks; ``schemas`` maps the
    layers to schema names. ``gemeentecode`` is the CBS region code (``GM0262``); the BAG gemeentecode is
    derived from it (``0262``).
    """

    catalog: str = "spark_catalog"
    schemas: Mapping[str, str] = field(default_factory=_default_schemas)
    gemeentecode: str = "GM0262"
    gemeentenaam: str = "Lochem"
    landing: str = str(REPO_ROOT / "fixtures" / "landing")
    warehouse: str = str(REPO_ROOT / ".warehouse")
    #: first year whose 1 January is a reference date (peildatum)
    eerste_jaar: int = 2015
    #: the latest delivery date; reference dates run up to it. None: today.
    laatste_peildatum: dt.date | None = None
    #: Programma Woningbouw: target net addition of dwellings over the programme years
    woningbouw_doel: int = 1500
    woningbouw_van: int = 2022
    woningbouw_tot: int = 2030
    #: counts of persons or households from 1 up to this bound (inclusive) are suppressed in gold
    onderdrukken_tot: int = 4
    #: where the pseudonymisation key comes from (see woonmonitor.privacy)
    hmac_key_env: str = "WOONMONITOR_HMAC_KEY"
    hmac_key_file: str = str(REPO_ROOT / ".woonmonitor-key")
    secret_scope: str = "woonmonitor"
    secret_key: str = "hmac-key"

    def __post_init__(self) -> None:
        if not re.fullmatch(r"GM\d{4}", self.gemeentecode):
            raise ValueError(f"gemeentecode must look like GM0262, got {self.gemeentecode!r}")
        missing = [layer for layer in LAYERS if layer not in self.schemas]
        if missing:
            raise ValueError(f"schemas lacks a name for layer(s) {missing}")

    @property
    def bag_gemeentecode(self) -> str:
        """The 4-digit BAG gemeentecode (``0262`` for ``GM0262``)."""
        return self.gemeentecode[2:]

    def table(self, layer: str, name: str) -> str:
        """``catalog.schema.table`` for a layer and a table name."""
        if layer not in LAYERS:
            raise ValueError(f"unknown layer {layer!r}; expected one of {LAYERS}")
        return f"{self.catalog}.{self.schemas[layer]}.{name}"

    def schema(self, layer: str) -> str:
        return f"{self.catalog}.{self.schemas[layer]}"

    def source_landing(self, source: str) -> str:
        return os.path.join(self.landing, source)

    def peildatum_tot(self) -> dt.date:
        return self.laatste_peildatum or dt.date.today()

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    @classmethod
    def from_strings(cls, values: Mapping[str, str | None]) -> "Settings":
        """Build from string parameters (notebook widgets, job parameters); empty values keep defaults."""
        kwargs: dict = {}
        for key, raw in values.items():
            if raw is None or raw == "":
                continue
            if key not in cls.__dataclass_fields__:
                raise ValueError(f"unknown setting {key!r}")
            if key in ("eerste_jaar", "woningbouw_doel", "woningbouw_van", "woningbouw_tot", "onderdrukken_tot"):
                kwargs[key] = int(raw)
            elif key == "laatste_peildatum":
                kwargs[key] = dt.date.fromisoformat(raw)
            elif key == "schemas":
                kwargs[key] = dict(zip(LAYERS, [s.strip() for s in raw.split(",")], strict=True))
            else:
                kwargs[key] = raw
        return cls(**kwargs)

    @classmethod
    def for_databricks(cls, catalog: str, **values: str | None) -> "Settings":
        """Defaults for a Unity Catalog workspace: the landing zone is the catalog's bronze Volume."""
        base = {"catalog": catalog, "landing": f"/Volumes/{catalog}/bronze/landing", "warehouse": ""}
        base.update({k: v for k, v in values.items() if v})
        return cls.from_strings(base)
