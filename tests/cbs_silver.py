"""Tiny hand-written rows of silver.cbs_observatie for the CBS gold tests."""

from __future__ import annotations

import re

from woonmonitor.gold._cbs import CBS_OBSERVATIE


def obs(tabel: str, maatstaf_key: str, regio: str | None, periode: str, waarde: float | None, **dims: str):
    """One silver row; derived fields (maatstaf, periode_type, jaar, maand) computed as silver does."""
    soort = periode[4:6]
    return (
        tabel.upper(),
        re.sub(r"_\d+$", "", maatstaf_key),
        maatstaf_key,
        None,
        None,
        regio,
        periode,
        soort,
        int(periode[:4]),
        int(periode[6:8]) if soort == "MM" else None,
        dict(dims),
        None if waarde is None else float(waarde),
    )


def silver(spark, rows):
    return spark.createDataFrame(rows, CBS_OBSERVATIE)
