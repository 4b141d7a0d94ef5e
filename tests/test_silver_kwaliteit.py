"""silver.kwaliteit: each declared expectation counts checked and failing rows, with examples and a threshold."""

from __future__ import annotations

import datetime as dt

import pytest

from woonmonitor.silver import kwaliteit
from woonmonitor.silver.kwaliteit import EXPECTATIONS, DataQualityFailed, build

D = dt.date
VBO = ("identificatie string, voorkomenidentificatie int, begin_geldigheid date, eind_geldigheid date, "
       "eind_registratie timestamp, is_woning boolean, oppervlakte int, pand_identificaties array<string>")


def inputs(spark):
    vbo = spark.createDataFrame([
        # a dwelling with a pand and a sane area
        ("0262010000000001", 1, D(2010, 1, 1), None, None, True, 95, ["0262100000000001"]),
        # a dwelling whose pand is unknown, area too small
        ("0262010000000002", 1, D(2012, 1, 1), None, None, True, 8, ["0262100000009999"]),
        # a dwelling with two voorkomens that overlap (2015-2020 and 2018-open), no area
        ("0262010000000003", 1, D(2015, 1, 1), D(2020, 1, 1), None, True, 60, ["0262100000000001"]),
        ("0262010000000003", 2, D(2018, 1, 1), None, None, True, None, ["0262100000000001"]),
        # a shop: not a dwelling, not checked for area/pand
        ("0262010000000004", 1, D(2000, 1, 1), None, None, False, 5, []),
        # an ended voorkomen is not current: not checked for area
        ("0262010000000005", 1, D(2000, 1, 1), D(2001, 1, 1), None, True, 1, ["0262100000000001"]),
    ], VBO)
    pand = spark.createDataFrame([("0262100000000001", 1, D(1990, 1, 1), None)],
                                 "identificatie string, voorkomenidentificatie int, begin_geldigheid date, eind_geldigheid date")
    lig = spark.createDataFrame([("0262020000000001",)], "identificatie string")
    sta = spark.createDataFrame([], "identificatie string")
    verblijf = spark.createDataFrame([
        ("p1", "0262010000000001", "0262", None),
        ("p2", "0262020000000001", "0262", None),            # a ligplaats: known
        ("p3", "0262019999999999", "0262", None),            # unknown address
        ("p4", "0262019999999998", "0262", D(2020, 1, 1)),   # left: not current
        ("p5", "0221010000000001", "0221", None),            # another gemeente
    ], "persoon_id string, adresseerbaar_object_identificatie string, gemeente_inschrijving string, datum_einde date")
    woz = spark.createDataFrame([("0262010000000001", 250_000), ("0262010000000002", 9_999), ("0262010000000003", None)],
                                "adresseerbaar_object_identificatie string, vastgestelde_waarde long")
    cbs = spark.createDataFrame([
        ("81955NED", "BeginstandVoorraad", "GM0262", "JJ", y, {"Gebruiksfunctie": "A045364"}) for y in (2019, 2020, 2022)
    ] + [("81955NED", "Nieuwbouw", "GM0262", "JJ", y, {"Gebruiksfunctie": "A045364"}) for y in (2019, 2020)],
        "tabel string, maatstaf string, regio string, periode_type string, jaar int, dimensies map<string,string>")
    return {"bag_verblijfsobject": vbo, "bag_pand": pand, "bag_ligplaats": lig,
            "bag_standplaats": sta, "brp_verblijf": verblijf, "woz_waarde": woz, "cbs_observatie": cbs}


def test_expectations_count_and_show_examples(spark, settings):
    rows = {r.naam: r for r in build(inputs(spark), settings).collect()}
    got = {n: (r.aantal_gecontroleerd, r.aantal_afwijkend, r.voorbeelden, r.voldoet) for n, r in rows.items()}
    assert got == {
        "persoon_op_onbekend_adres": (3, 1, ["p3"], False),
        "woning_zonder_pand": (3, 1, ["0262010000000002"], False),
        "overlappende_voorkomens_verblijfsobject": (6, 1, ["0262010000000003#2"], False),
        "overlappende_voorkomens_pand": (1, 0, [], True),
        "woz_waarde_in_bereik": (3, 2, ["0262010000000002", "0262010000000003"], False),
        "oppervlakte_woning_in_bereik": (3, 2, ["0262010000000002", "0262010000000003"], False),
        "woning_heeft_oppervlakte": (3, 1, ["0262010000000003"], False),
        "cbs_reeks_zonder_gaten": (2, 1, ['81955NED BeginstandVoorraad {"Gebruiksfunctie":"A045364"}'], False),
    }
    assert rows["woz_waarde_in_bereik"].aandeel_afwijkend == pytest.approx(2 / 3)
    assert [e.naam for e in EXPECTATIONS] == list(got)


def test_threshold_decides_and_run_fails_the_job(spark, settings, monkeypatch):
    data = inputs(spark)
    lenient = [kwaliteit.Expectation(e.naam, e.tabel, e.omschrijving, 1.0, e.check) for e in EXPECTATIONS]
    assert all(r.voldoet for r in build(data, settings, lenient).collect())
    monkeypatch.setattr(kwaliteit, "read_inputs", lambda _spark, _settings: data)
    with pytest.raises(DataQualityFailed, match=r"persoon_op_onbekend_adres: 1 of 3 \(threshold 2.0%\), e.g. \['p3'\]"):
        kwaliteit.run(spark, settings)
    # the table is written before the job fails, so the failure can be read
    assert spark.table(settings.table("silver", "kwaliteit")).count() == len(EXPECTATIONS)
