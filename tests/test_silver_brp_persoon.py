"""silver.brp_persoon: partial dates, partner and child stapels, latest delivery wins."""

from __future__ import annotations

import datetime as dt

from pyspark.sql import functions as F

from brp_rows import voorkomen
from woonmonitor.silver.brp_persoon import build, gba_datum, gba_datum_onvolledig


def test_gba_datum_partial_dates(spark):
    values = ["20200715", "20200700", "20200000", "00000000", "2015", "20230231", "2020071a", None]
    df = spark.createDataFrame([(v,) for v in values], "t string")
    got = df.select(gba_datum(F.col("t")).alias("d"), gba_datum_onvolledig(F.col("t")).alias("o")).collect()
    assert [(r.d, r.o) for r in got] == [
        (dt.date(2020, 7, 15), False),
        (dt.date(2020, 7, 1), True),  # unknown day -> 1st
        (dt.date(2020, 7, 1), True),  # unknown month -> 1 July
        (None, True),  # fully unknown
        (None, False),
        (None, False),  # not a calendar date
        (None, False),
        (None, None),
    ]


def test_build_person_with_stapels(spark):
    rows = [
        # PL A, head: partner stapel 1 (dissolved, start only in its historic occurrence), child 1
        dict(pl_positie=1, regel_in_pl=0, persoonslijst_id="plA", persoon_id="pA", geboorte_jaarmaand="198000",
             geslacht="M", ouder1_id="pO", partner_id="pB", datum_ontbinding="20190301", soort_verbintenis="H",
             kind_id="k1", vervolg={"05": "55", "09": "59"}),
        dict(pl_positie=1, regel_in_pl=1, persoonslijst_id="plA", partner_id="pB", datum_verbintenis="20100612",
             soort_verbintenis="H", vervolg={"05": "05", "09": "09"}, categorieen=["05", "09"]),
        dict(pl_positie=1, regel_in_pl=2, persoonslijst_id="plA", partner_id="pC", datum_verbintenis="20200100",
             soort_verbintenis="P", kind_id="k2"),
        # an onjuist (corrected) partner occurrence is no partner
        dict(pl_positie=1, regel_in_pl=3, persoonslijst_id="plA", partner_id="pX", onjuist_05="O"),
        # PL D: no BSN, died with unknown day, suspended
        dict(pl_positie=5, regel_in_pl=0, persoonslijst_id="plD", geboorte_jaarmaand="193012", geslacht="V",
             datum_overlijden="20200700", datum_opschorting="20200715", reden_opschorting="O"),
    ]
    got = build(voorkomen(spark, rows)).orderBy("persoonslijst_id").collect()
    a, d = got
    assert (a.persoonslijst_id, a.persoon_id, a.geboortejaar, a.geboortemaand, a.geboortedatum_benaderd, a.geslacht) == (
        "plA", "pA", 1980, None, dt.date(1980, 7, 1), "M")
    assert [(p.partner_id, p.soort_verbintenis, p.datum_aanvang, p.datum_ontbinding) for p in a.partners] == [
        ("pB", "H", dt.date(2010, 6, 12), dt.date(2019, 3, 1)),
        ("pC", "P", dt.date(2020, 1, 1), None),  # 20200100: unknown day -> 1st
    ]
    assert a.kind_ids == ["k1", "k2"] and (a.ouder1_id, a.ouder2_id) == ("pO", None)
    assert (d.persoon_id, d.geboortejaar, d.geboortemaand, d.overlijdensdatum, d.overlijdensdatum_onvolledig,
            d.datum_opschorting, d.reden_opschorting, d.partners, d.kind_ids) == (
        None, 1930, 12, dt.date(2020, 7, 1), True, dt.date(2020, 7, 15), "O", [], [])


def test_latest_delivery_wins(spark):
    old = voorkomen(spark, [dict(pl_positie=1, regel_in_pl=0, persoonslijst_id="plA", persoon_id="pA", geslacht="M")],
                    load_time=dt.datetime(2023, 1, 1), content_hash="old")
    new = voorkomen(spark, [dict(pl_positie=7, regel_in_pl=0, persoonslijst_id="plA", persoon_id="pA", geslacht="V"),
                            dict(pl_positie=8, regel_in_pl=0, persoonslijst_id=None, persoon_id="pZ", geslacht="X")],
                    load_time=dt.datetime(2024, 1, 1), content_hash="new")
    got = build(old.unionByName(new)).orderBy("persoon_id").collect()
    assert [(r.persoon_id, r.geslacht) for r in got] == [("pA", "V"), ("pZ", None)]
    assert got[1].persoonslijst_id is not None  # a PL without A-nummer still gets a key
