"""gold.woningen_gemeente on the small world of bag_silver.py (peildata 2023, 2024, 2025)."""

from __future__ import annotations

from chispa import assert_df_equality

from bag_silver import D, frames
from woonmonitor.gold import woningen_gemeente
from woonmonitor.gold._voorraad import woningen_op_peildata

EGW, APP, ONB = "eengezinswoning", "appartement", "onbekend"


def test_stock_by_type_and_period(spark):
    got = woningen_gemeente.build(woningen_op_peildata(*frames(spark)))
    rows = []
    for d, per_wpl in {
        D(2023, 1, 1): [("1000", "Lochem", EGW, "voor 1945", 1), ("1000", "Lochem", EGW, ONB, 1),
                        (None, ONB, ONB, ONB, 1), ("2000", "Laeren", EGW, "1945-1964", 1)],
        D(2024, 1, 1): [("1000", "Lochem", EGW, "voor 1945", 1), ("2000", "Laeren", EGW, "2015 en later", 1),
                        (None, ONB, ONB, ONB, 1), ("2000", "Laeren", EGW, "1945-1964", 1)],
        D(2025, 1, 1): [("1000", "Lochem", EGW, "voor 1945", 1), ("2000", "Laren", APP, "2015 en later", 2),
                        (None, ONB, ONB, ONB, 1), ("2000", "Laren", EGW, "1945-1964", 1)],
    }.items():
        for wid, naam, typ, klasse, n in per_wpl:
            rows.append((d, "woonplaats", wid, naam, typ, klasse, n))
            # every (type, klasse) cell here occurs in one woonplaats only, so the gemeente row equals it
            rows.append((d, "gemeente", None, "Totaal", typ, klasse, n))
    expected = spark.createDataFrame(rows, "peildatum date, niveau string, woonplaats_identificatie string, "
                                     "woonplaats string, woningtype string, bouwjaarklasse string, aantal long")
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
