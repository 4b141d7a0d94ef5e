"""gold.bag_num_recent on the small world of bag_silver.py, peildatum 2024-01-01."""

from __future__ import annotations

from chispa import assert_df_equality

from bag_silver import D, NUM_ROWS, frames, num
from woonmonitor.gold import bag_num_recent


def test_addresses_per_woonplaats_and_postcode(spark):
    extra = [
        num("N30", 1, "2024-01-02", None, "O1", postcode="7241AA"),  # issued the day after: not yet
        num("N31", 1, "2010-01-01", None, "O1", postcode="7241AA", type_="Ligplaats"),
    ]
    _v, _p, n, o, w, peil = frames(spark, num_rows=NUM_ROWS + extra, peildata=[D(2024, 1, 1)])
    got = bag_num_recent.build(n, o, w, peil)
    d = D(2024, 1, 1)
    expected = spark.createDataFrame([
        (d, "1000", "Lochem", "7241AA", "Verblijfsobject", 2),  # N1, N5 (N4 ingetrokken that day)
        (d, "1000", "Lochem", "7241AA", "Ligplaats", 1),        # N31
        (d, "2000", "Laeren", "7245BB", "Verblijfsobject", 1),  # N2 via ligtIn
        (d, "2000", "Laeren", "7245CC", "Verblijfsobject", 1),  # N3 via openbare ruimte O2
        (d, "2000", "Laeren", None, "Verblijfsobject", 1),      # N7 without postcode
    ], "peildatum date, woonplaats_identificatie string, woonplaats string, postcode string, "
       "type_adresseerbaar_object string, aantal long")
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
