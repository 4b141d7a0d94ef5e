"""gold.programma_woningbouw on the small world plus the EXTRA objects of bag_silver.py.

Hand count (see bag_silver.py for the objects):

2023 (1 Jan 2023 -> 1 Jan 2024): start V1 V4 V6 V7 V9 V10 V11 V13 = 8; nieuwbouw V2 (new object, pand 2024);
overige toevoeging V8 (office -> woning); sloop V4 (ingetrokken exactly on 1 Jan 2024); overige onttrekking V13
(woning -> office); end 8. Lochem 5 -> 4, Laeren 2 -> 3, no woonplaats 1 -> 1.

2024 (1 Jan 2024 -> 1 Jan 2025): start 8; nieuwbouw V3; overige toevoeging V12 (split in a 1960 pand); sloop V11
(no voorkomen any more); overige onttrekking V10 (ten onrechte opgevoerd); end 8. V9 moves from Lochem to Laren:
Lochem 4 -> 2 (onttrekking V9, V10), Laren 3 -> 5 (nieuwbouw V3, toevoeging V9 and V12, sloop V11).
"""

from __future__ import annotations

from chispa import assert_df_equality

from bag_silver import D, extended_frames
from woonmonitor.gold import programma_woningbouw
from woonmonitor.gold._voorraad import woningen_op_peildata

SCHEMA = (
    "jaar int, peildatum_begin date, peildatum_eind date, volledig_jaar boolean, niveau string, "
    "woonplaats_identificatie string, woonplaats string, voorraad_begin long, nieuwbouw long, sloop long, "
    "overige_toevoeging long, overige_onttrekking long, netto_toevoeging long, voorraad_eind long, "
    "netto_cumulatief long, doel_cumulatief double, verschil_doel double"
)


def test_stock_changes_and_target(spark, make_settings):
    settings = make_settings(woningbouw_van=2024, woningbouw_tot=2025, woningbouw_doel=10)
    vbo, pand, num, opr, wpl, peil = extended_frames(spark)
    got = programma_woningbouw.build(vbo, woningen_op_peildata(vbo, pand, num, opr, wpl, peil), peil, settings)
    j23, j24, j25 = D(2023, 1, 1), D(2024, 1, 1), D(2025, 1, 1)
    g, w = "gemeente", "woonplaats"
    expected = spark.createDataFrame([
        # 2023 lies before the programme: no cumulative figures
        (2023, j23, j24, True, g, None, "Totaal", 8, 1, 1, 1, 1, 0, 8, None, None, None),
        (2023, j23, j24, True, w, "1000", "Lochem", 5, 0, 1, 1, 1, -1, 4, None, None, None),
        (2023, j23, j24, True, w, "2000", "Laeren", 2, 1, 0, 0, 0, 1, 3, None, None, None),
        (2023, j23, j24, True, w, None, "onbekend", 1, 0, 0, 0, 0, 0, 1, None, None, None),
        # 2024: first programme year of two; target path 10 * 1/2
        (2024, j24, j25, True, g, None, "Totaal", 8, 1, 1, 1, 1, 0, 8, 0, 5.0, -5.0),
        (2024, j24, j25, True, w, "1000", "Lochem", 4, 0, 0, 0, 2, -2, 2, -2, None, None),
        (2024, j24, j25, True, w, "2000", "Laren", 3, 1, 1, 2, 0, 2, 5, 2, None, None),
        (2024, j24, j25, True, w, None, "onbekend", 1, 0, 0, 0, 0, 0, 1, 0, None, None),
    ], SCHEMA)
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)


def test_partial_year_up_to_latest_delivery(spark, make_settings):
    """The last period runs to the delivery date; the target is prorated by elapsed months."""
    settings = make_settings(woningbouw_van=2024, woningbouw_tot=2025, woningbouw_doel=12)
    vbo, pand, num, opr, wpl, peil = extended_frames(spark, peildata=[D(2024, 1, 1), D(2024, 7, 1)])
    woningen = woningen_op_peildata(vbo, pand, num, opr, wpl, peil)
    row = programma_woningbouw.build(vbo, woningen, peil, settings).where("niveau = 'gemeente'").collect()
    assert len(row) == 1
    r = row[0]
    # by 1 July 2024: V3 new, V11 gone (sloop), V12 split in, V10 out (ten onrechte from 1 July itself)
    assert (r.jaar, r.volledig_jaar, r.voorraad_begin, r.voorraad_eind) == (2024, False, 8, 8)
    assert (r.nieuwbouw, r.sloop, r.overige_toevoeging, r.overige_onttrekking) == (1, 1, 1, 1)
    assert r.doel_cumulatief == 3.0  # 12 * 0.5 year / 2 years
