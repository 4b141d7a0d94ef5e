"""Consistency across the dwelling gold tables, through each module's run() on silver tables written from the
small world plus the EXTRA objects of bag_silver.py (peildata 2023-01-01, 2024-01-01, 2025-01-01).

* programma_woningbouw: voorraad_eind = voorraad_begin + nieuwbouw - sloop + overige_toevoeging -
  overige_onttrekking on every row; a period's end stock is the next period's start stock; the gemeente stock
  equals woningen_gemeente's total on the same date.
* woningen_gemeente: the gemeente total of every (peildatum, woningtype, bouwjaarklasse) = the sum over woonplaatsen.
* woningen (mart), reconciliatie and eigendom count the same stock.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from bag_silver import D, extended_frames
from test_gold_woz import WOZ_ROWS
from woonmonitor.gold import (bag_num_recent, eigendom, programma_woningbouw, reconciliatie, verblijfsobjecten,
                              woningen, woningen_gemeente, woz)
from woonmonitor.tables import overwrite_table

MODULES = [verblijfsobjecten, bag_num_recent, woningen_gemeente, woz, eigendom, programma_woningbouw, woningen,
           reconciliatie]


def test_consistency_through_run(spark, make_settings):
    settings = make_settings(eerste_jaar=2023, laatste_peildatum=dt.date(2025, 1, 1))
    vbo, pand, num, opr, wpl, _peil = extended_frames(spark)
    for df, name in [(vbo, "bag_verblijfsobject"), (pand, "bag_pand"), (num, "bag_nummeraanduiding"),
                     (opr, "bag_openbare_ruimte"), (wpl, "bag_woonplaats")]:
        overwrite_table(df, settings, "silver", name)
    overwrite_table(spark.createDataFrame(WOZ_ROWS, woz.WOZ_WAARDE), settings, "silver", "woz_waarde")
    overwrite_table(spark.createDataFrame([("V1", D(2025, 1, 1), "woningcorporatie")], eigendom.EIGENDOM),
                    settings, "silver", "eigendom")
    written = {m.NAME: m.run(spark, settings) for m in MODULES}
    assert all(n > 0 for n in written.values()), written

    def gold(name):
        return spark.table(settings.table("gold", name)).collect()

    stock = defaultdict(int)
    cells = defaultdict(int)
    totals = {}
    for r in gold("woningen_gemeente"):
        if r.niveau == "woonplaats":
            stock[r.peildatum] += r.aantal
            cells[(r.peildatum, r.woningtype, r.bouwjaarklasse)] += r.aantal
        else:
            totals[(r.peildatum, r.woningtype, r.bouwjaarklasse)] = r.aantal
    assert totals == dict(cells)
    assert dict(stock) == {D(2023, 1, 1): 8, D(2024, 1, 1): 8, D(2025, 1, 1): 8}

    programma = gold("programma_woningbouw")
    assert len(programma) == 8
    for r in programma:
        assert r.voorraad_eind == (r.voorraad_begin + r.nieuwbouw - r.sloop + r.overige_toevoeging
                                   - r.overige_onttrekking), r
        assert r.netto_toevoeging == r.voorraad_eind - r.voorraad_begin
    gemeente = sorted((r for r in programma if r.niveau == "gemeente"), key=lambda r: r.peildatum_begin)
    for r in gemeente:
        assert (r.voorraad_begin, r.voorraad_eind) == (stock[r.peildatum_begin], stock[r.peildatum_eind])
    for earlier, later in zip(gemeente, gemeente[1:]):
        assert earlier.voorraad_eind == later.voorraad_begin
    # per woonplaats too: the end of 2023 is the start of 2024
    per_wpl = defaultdict(dict)
    for r in programma:
        if r.niveau == "woonplaats":
            per_wpl[r.woonplaats_identificatie][r.jaar] = r
    for wid, jaren in per_wpl.items():
        assert jaren[2023].voorraad_eind == jaren[2024].voorraad_begin, wid

    mart = gold("woningen")
    for d in stock:
        assert sum(r.woningen for r in mart if r.peildatum == d and r.niveau == "woonplaats") == stock[d]
        assert [r.woningen for r in mart if r.peildatum == d and r.niveau == "gemeente"] == [stock[d]]
    recon = {r.peildatum: r.eigen_waarde for r in gold("reconciliatie") if r.onderwerp == "woningvoorraad"}
    assert recon == dict(stock)
    eig = [r for r in gold("eigendom") if r.niveau == "gemeente"]
    assert {r.peildatum for r in eig} == {D(2025, 1, 1)}
    assert sum(r.aantal for r in eig) == stock[D(2025, 1, 1)]
    assert sum(r.aandeel for r in eig) == 1.0
