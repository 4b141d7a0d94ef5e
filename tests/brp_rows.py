"""Hand-written bronze.brp_voorkomen rows for the BRP silver tests (helper module, not a test file)."""

from __future__ import annotations

import datetime as dt

from woonmonitor.bronze.brp import VOORKOMEN
from woonmonitor.bronze.ingest import bronze_schema


def voorkomen(spark, rows: list[dict], load_time=dt.datetime(2024, 1, 2), content_hash="h1"):
    """Rows from dicts; missing columns are null, ``categorieen`` defaults to the categories of the values given."""
    schema = bronze_schema(VOORKOMEN)
    cats = {"persoon_id": "01", "geboorte_jaarmaand": "01", "geslacht": "01", "ouder1_id": "02", "ouder2_id": "03",
            "partner_id": "05", "datum_verbintenis": "05", "datum_ontbinding": "05", "soort_verbintenis": "05",
            "onjuist_05": "05", "datum_overlijden": "06", "datum_opschorting": "07", "reden_opschorting": "07",
            "kind_id": "09", "onjuist_09": "09"}
    data = []
    for row in rows:
        values = dict(row)
        if "categorieen" not in values:
            found = {cats.get(k, "08") for k, v in values.items() if k not in ("pl_positie", "regel_in_pl",
                                                                            "persoonslijst_id", "vervolg")}
            values["categorieen"] = sorted(found)
        values.setdefault("vervolg", {})
        values.setdefault("_source_file", "brp/test.csv")
        values.setdefault("_content_hash", content_hash)
        values.setdefault("_run_id", "r")
        values.setdefault("_load_time", load_time)
        values.setdefault("_record_position", values["pl_positie"] + values["regel_in_pl"])
        data.append(tuple(values.get(f.name) for f in schema.fields))
    return spark.createDataFrame(data, schema)
