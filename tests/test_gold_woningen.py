"""gold.woningen (mart) on the small world of bag_silver.py (peildata 2023, 2024, 2025)."""

from __future__ import annotations

from chispa import assert_approx_df_equality

from bag_silver import D, frames
from test_gold_woz import WOZ_ROWS
from woonmonitor.gold import eigendom, woningen, woz
from woonmonitor.gold._voorraad import woningen_op_peildata


def test_mart_per_peildatum_and_woonplaats(spark):
    j23, j24, j25 = D(2023, 1, 1), D(2024, 1, 1), D(2025, 1, 1)
    woz_df = spark.createDataFrame(WOZ_ROWS, woz.WOZ_WAARDE)
    # the BRK is known only on 2025-01-01
    eig = spark.createDataFrame([("V1", j25, "eigenaar_bewoner"), ("V2", j25, "woningcorporatie"),
                                 ("V3", j25, "woningcorporatie")], eigendom.EIGENDOM)
    got = woningen.build(woningen_op_peildata(*frames(spark)), woz_df, eig)
    g, w = "gemeente", "woonplaats"
    expected = spark.createDataFrame([
        (j23, w, "1000", "Lochem", 2, 95.0, 0.0, j23, 215000, None),       # V1 (100 m2), V4 (90 m2)
        (j23, w, "2000", "Laeren", 1, 60.0, 0.0, j23, 240000, None),
        (j23, w, None, "onbekend", 1, None, 0.0, j23, None, None),        # V6: no area, no value
        (j23, g, None, "Totaal", 4, 83.3, 0.0, j23, 223333, None),        # 250 / 3 m2
        (j24, w, "1000", "Lochem", 1, 100.0, 0.0, j24, 300000, None),
        (j24, w, "2000", "Laeren", 2, 65.0, 0.0, j24, 200000, None),      # V7's shared value left out
        (j24, w, None, "onbekend", 1, None, 0.0, j24, None, None),
        (j24, g, None, "Totaal", 4, 76.7, 0.0, j24, 250000, None),
        # 2025: still the 2024 valuation round; BRK known: corporation shares
        (j25, w, "1000", "Lochem", 1, 100.0, 0.0, j24, 300000, 0.0),
        (j25, w, "2000", "Laren", 3, 60.0, 2 / 3, j24, 200000, 2 / 3),
        (j25, w, None, "onbekend", 1, None, 0.0, j24, None, 0.0),
        (j25, g, None, "Totaal", 5, 70.0, 0.4, j24, 250000, 0.4),
    ], "peildatum date, niveau string, woonplaats_identificatie string, woonplaats string, woningen long, "
       "gemiddelde_oppervlakte double, aandeel_appartement double, woz_waardepeildatum date, gemiddelde_woz long, "
       "aandeel_woningcorporatie double")
    assert_approx_df_equality(got, expected, 1e-9, ignore_row_order=True, ignore_nullable=True)
