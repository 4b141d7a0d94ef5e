"""silver.brp_verblijf: address history with start/end, where from and where to."""

from __future__ import annotations

import datetime as dt

from brp_rows import voorkomen
from woonmonitor.silver.brp_verblijf import build


def test_address_history(spark):
    rows = [
        dict(pl_positie=1, regel_in_pl=0, persoonslijst_id="plA", persoon_id="pA", datum_overlijden="20230500",
             gemeente_inschrijving="0262", functie_adres="W", datum_aanvang_adreshouding="20200000",
             adresseerbaar_object_identificatie="0262010000000003", land_vanwaar_ingeschreven="5010",
             datum_vestiging_nederland="20200000", vervolg={"08": "58"}, categorieen=["01", "06", "08"]),
        # emigration occurrence: no address
        dict(pl_positie=1, regel_in_pl=1, persoonslijst_id="plA", gemeente_inschrijving="0262",
             land_vertrek="5010", datum_vertrek_nederland="20150301"),
        dict(pl_positie=1, regel_in_pl=2, persoonslijst_id="plA", gemeente_inschrijving="0262", functie_adres="W",
             datum_aanvang_adreshouding="20100101", adresseerbaar_object_identificatie="0262010000000002"),
        # a corrected (onjuist) occurrence is no history
        dict(pl_positie=1, regel_in_pl=3, persoonslijst_id="plA", gemeente_inschrijving="9999", onjuist_08="O",
             datum_aanvang_adreshouding="20050101", adresseerbaar_object_identificatie="9999010000000009"),
        dict(pl_positie=1, regel_in_pl=4, persoonslijst_id="plA", gemeente_inschrijving="0200", functie_adres="W",
             datum_aanvang_adreshouding="20000101", adresseerbaar_object_identificatie="0200010000000001"),
    ]
    got = build(voorkomen(spark, rows)).orderBy("volgnummer").collect()
    assert [(r.volgnummer, r.adresseerbaar_object_identificatie, r.gemeente_inschrijving, r.datum_aanvang,
             r.datum_aanvang_onvolledig, r.datum_einde, r.reden_einde, r.herkomst_gemeente, r.herkomst_land,
             r.bestemming_gemeente, r.bestemming_land) for r in got] == [
        (0, "0262010000000003", "0262", dt.date(2020, 7, 1), True, dt.date(2023, 5, 1), "overlijden",
         None, "5010", None, None),
        (1, None, "0262", dt.date(2015, 3, 1), False, dt.date(2020, 7, 1), "verhuizing", "0262", None, "0262", None),
        (2, "0262010000000002", "0262", dt.date(2010, 1, 1), False, dt.date(2015, 3, 1), "emigratie",
         "0200", None, None, "5010"),
        (3, "0200010000000001", "0200", dt.date(2000, 1, 1), False, dt.date(2010, 1, 1), "verhuizing",
         None, None, "0262", None),
    ]
    assert all(r.persoon_id == "pA" and r.persoonslijst_id == "plA" for r in got)


def test_current_address_open_and_suspended(spark):
    rows = [
        dict(pl_positie=1, regel_in_pl=0, persoonslijst_id="plB", gemeente_inschrijving="0262",
             datum_aanvang_adreshouding="20180301", adresseerbaar_object_identificatie="0262010000000005"),
        dict(pl_positie=2, regel_in_pl=0, persoonslijst_id="plC", datum_opschorting="20210101", reden_opschorting="E",
             gemeente_inschrijving="0262", datum_inschrijving="20190000", categorieen=["07", "08"]),
    ]
    got = build(voorkomen(spark, rows)).orderBy("persoonslijst_id").collect()
    assert [(r.datum_aanvang, r.datum_einde, r.reden_einde) for r in got] == [
        (dt.date(2018, 3, 1), None, None),
        (dt.date(2019, 7, 1), dt.date(2021, 1, 1), "opschorting"),  # start from datum inschrijving
    ]
