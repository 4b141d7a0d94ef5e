"""gold.verblijfsobjecten on the small world of bag_silver.py, peildatum 2024-01-01."""

from __future__ import annotations

from chispa import assert_df_equality

from bag_silver import D, IN_GEBRUIK, VBO_ROWS, frames, vbo
from woonmonitor.gold import verblijfsobjecten


def test_counts_by_gebruiksdoel_status_woonplaats(spark):
    extra = [
        vbo("V20", 1, "2020-01-01", None, IN_GEBRUIK, doelen=("woonfunctie", "winkelfunctie"), adres="N1"),
        vbo("V21", 1, "2023-12-01", None, "Verblijfsobject gevormd", doelen=(), adres=None),
        vbo("V22", 1, "2024-01-02", None, IN_GEBRUIK, adres="N1"),  # starts the day after: not there
    ]
    v, _p, n, o, w, peil = frames(spark, vbo_rows=VBO_ROWS + extra, peildata=[D(2024, 1, 1)])
    got = verblijfsobjecten.build(v, n, o, w, peil)
    d = D(2024, 1, 1)
    expected = spark.createDataFrame([
        (d, "1000", "Lochem", "woonfunctie", IN_GEBRUIK, 2),                          # V1, V20
        (d, "1000", "Lochem", "winkelfunctie", IN_GEBRUIK, 1),                        # V20
        (d, "1000", "Lochem", "woonfunctie", "Verblijfsobject ingetrokken", 1),       # V4 (ended exactly that day)
        (d, "1000", "Lochem", "kantoorfunctie", IN_GEBRUIK, 1),                       # V5
        (d, "2000", "Laeren", "woonfunctie", IN_GEBRUIK, 2),                          # V2 (ligtIn), V7
        (d, "2000", "Laeren", "woonfunctie", "Verblijfsobject gevormd", 1),           # V3
        (d, None, "onbekend", "woonfunctie", "Verblijfsobject buiten gebruik", 1),    # V6 without address
        (d, None, "onbekend", "onbekend", "Verblijfsobject gevormd", 1),              # V21 without gebruiksdoel
    ], "peildatum date, woonplaats_identificatie string, woonplaats string, gebruiksdoel string, status string, aantal long")
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
