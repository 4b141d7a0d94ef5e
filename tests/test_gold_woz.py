"""gold.woz on the small world of bag_silver.py: WOZ values per waardepeildatum."""

from __future__ import annotations

from chispa import assert_df_equality

from bag_silver import D, frames
from woonmonitor.gold import woz
from woonmonitor.gold._voorraad import woningen_op_peildata

J23, J24 = D(2023, 1, 1), D(2024, 1, 1)
WOZ_ROWS = [
    ("V1", J23, 280000, False), ("V4", J23, 150000, None), ("V7", J23, 240000, False),
    ("V1", J24, 300000, False), ("V2", J24, 200000, False),
    ("V7", J24, 250000, True),   # shared WOZ object: left out of mean and median
    ("V5", J24, 500000, False),  # an office: not a woning
]


def test_mean_and_median_per_waardepeildatum(spark):
    woz_df = spark.createDataFrame(WOZ_ROWS, woz.WOZ_WAARDE)
    woningen = woningen_op_peildata(*frames(spark, peildata=[J23, J24]))
    got = woz.build(woz_df, woningen)
    expected = spark.createDataFrame([
        (J23, 2024, "woonplaats", "1000", "Lochem", 2, 2, 0, 215000, 215000),   # V1, V4
        (J23, 2024, "woonplaats", "2000", "Laeren", 1, 1, 0, 240000, 240000),   # V7
        (J23, 2024, "woonplaats", None, "onbekend", 1, 0, 0, None, None),       # V6 has no value
        (J23, 2024, "gemeente", None, "Totaal", 4, 3, 0, 223333, 240000),       # 670000 / 3
        (J24, 2025, "woonplaats", "1000", "Lochem", 1, 1, 0, 300000, 300000),
        (J24, 2025, "woonplaats", "2000", "Laeren", 2, 1, 1, 200000, 200000),   # V7 shared
        (J24, 2025, "woonplaats", None, "onbekend", 1, 0, 0, None, None),
        (J24, 2025, "gemeente", None, "Totaal", 4, 2, 1, 250000, 250000),       # median of 2 = their mean
    ], "waardepeildatum date, belastingjaar int, niveau string, woonplaats_identificatie string, woonplaats string, "
       "aantal_woningen long, aantal_met_waarde long, aantal_gedeeld_object long, gemiddelde_waarde long, "
       "mediaan_waarde long")
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
