"""silver.eigendom: ownership category per adresseerbaar object on a peildatum (BRK owners x BRP residents)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from chispa import assert_df_equality

from woonmonitor.bronze.brk import KADASTRAAL_ONROERENDE_ZAAK, ZAKELIJK_GERECHTIGDE, parse_file
from woonmonitor.bronze.ingest import bronze_schema
from woonmonitor.privacy import hmac_sha256_py
from woonmonitor.silver.eigendom import (
    BRK_RECHT, BRP_VERBLIJF, Corporatie, build, eigendomsrechten, load_corporaties, normalise_naam_py,
)

PEIL = dt.date(2024, 1, 1)
VOORBEELD = Path(__file__).parent / "data" / "brk" / "brk_voorbeeld.json"
KEY = b"test-key-not-secret"
OUT = (
    "adresseerbaar_object_identificatie string, peildatum date, eigendom_categorie string, corporatie_naam string, "
    "aantal_gerechtigden int, kadastraal_object_type string, kadastraal_onroerende_zaak_identificaties array<string>"
)
NP, NNP, KNP = "ingeschreven_natuurlijk_persoon", "ingeschreven_niet_natuurlijk_persoon", "kadaster_natuurlijk_persoon"
CORPORATIES = [Corporatie("Viverion", ("Stichting Viverion",)), Corporatie("Woonbedrijf ieder1", ("ieder1",), kvk_nummer="12345678")]


def v(n: int) -> str:
    return f"02620100000{n:05d}"


def np_(aoid, zaak, recht, pid, ztype="perceel"):
    return (aoid, zaak, ztype, recht, 1, 1, NP, pid, None, None, None, None)


def nnp(aoid, zaak, recht, naam, kvk=None, rsin=None, ztype="perceel"):
    return (aoid, zaak, ztype, recht, 1, 1, NNP, None, rsin or naam, rsin, kvk, naam)


def test_categories_with_boundaries(spark):
    brk = spark.createDataFrame(
        [
            np_(v(1), "Z1", "eigenaar", "p1"), np_(v(1), "Z1", "eigenaar", "p2"),  # p1 lives there
            nnp(v(2), "Z2", "eigenaar", "Stichting Viverion", ztype="appartementsrecht"),
            nnp(v(2), "Z3", "eigenaar", "Vereniging van Eigenaars Tramstraat 3"),  # ground perceel of the split building
            nnp(v(3), "Z4", "eigenaar", "ieder1 Vastgoed B.V.", kvk="12345678"),  # by KvK number, not by name
            nnp(v(4), "Z5", "eigenaar", "Berkelzicht Vastgoed B.V."),
            np_(v(5), "Z6", "eigenaar", "p3"),  # p3 left on the peildatum
            np_(v(6), "Z7", "eigenaar", "p4"),  # p4 arrived on the peildatum
            nnp(v(7), "Z8", "eigenaar", "Gemeente Lochem"), np_(v(7), "Z8", "erfpachter", "p5"),  # p5 lives there
            nnp(v(8), "Z9", "eigenaar", "Gemeente Lochem"), np_(v(8), "Z9", "erfpachter", "p6"),  # p6 elsewhere
            (v(9), "Z10", "perceel", None, None, None, None, None, None, None, None, None),  # no gerechtigden
            np_(v(10), "Z11", "eigenaar", "p7"),  # p7 lives at v1
            np_(v(11), "Z12", "eigenaar", "p8"), np_(v(11), "Z12", "vruchtgebruiker", "p9"),  # p9 lives there
            (v(12), "Z13", "perceel", "eigenaar", 1, 1, KNP, "k1", None, None, None, None),
            nnp(v(13), "Z14", "eigenaar", "Berkelzicht Vastgoed B.V."), np_(v(13), "Z14", "eigenaar", "p10"),
            (v(14), "Z15", "perceel", "eigenaar", 1, 1, None, None, None, None, None, None),  # person type unknown
            np_(None, "Z16", "eigenaar", "p1"),  # no BAG link: ignored
        ],
        BRK_RECHT,
    )
    brp = spark.createDataFrame(
        [
            ("p1", v(1), dt.date(2020, 1, 1), None),
            ("p3", v(5), dt.date(2010, 5, 1), PEIL),
            ("p4", v(6), PEIL, None),
            ("p5", v(7), None, None),
            ("p6", v(8), dt.date(2000, 1, 1), dt.date(2015, 1, 1)),
            ("p7", v(1), dt.date(2015, 1, 1), None),
            ("p9", v(11), dt.date(1990, 1, 1), None),
            ("p10", v(13), dt.date(2024, 1, 2), None),  # arrives the day after the peildatum
        ],
        BRP_VERBLIJF,
    )
    expected = spark.createDataFrame(
        [
            (v(1), PEIL, "eigenaar_bewoner", None, 2, "perceel", ["Z1"]),
            (v(2), PEIL, "woningcorporatie", "Viverion", 1, "appartementsrecht", ["Z2"]),
            (v(3), PEIL, "woningcorporatie", "Woonbedrijf ieder1", 1, "perceel", ["Z4"]),
            (v(4), PEIL, "overige_rechtspersoon", None, 1, "perceel", ["Z5"]),
            (v(5), PEIL, "particuliere_verhuurder", None, 1, "perceel", ["Z6"]),
            (v(6), PEIL, "eigenaar_bewoner", None, 1, "perceel", ["Z7"]),
            (v(7), PEIL, "eigenaar_bewoner", None, 1, "perceel", ["Z8"]),
            (v(8), PEIL, "particuliere_verhuurder", None, 1, "perceel", ["Z9"]),
            (v(9), PEIL, "onbekend", None, 0, "perceel", ["Z10"]),
            (v(10), PEIL, "particuliere_verhuurder", None, 1, "perceel", ["Z11"]),
            (v(11), PEIL, "eigenaar_bewoner", None, 1, "perceel", ["Z12"]),
            (v(12), PEIL, "particuliere_verhuurder", None, 1, "perceel", ["Z13"]),
            (v(13), PEIL, "overige_rechtspersoon", None, 2, "perceel", ["Z14"]),
            (v(14), PEIL, "onbekend", None, 0, "perceel", ["Z15"]),
        ],
        OUT,
    )
    assert_df_equality(build(brk, brp, PEIL, CORPORATIES), expected, ignore_nullable=True, ignore_row_order=True)


def test_corporation_contract():
    corporaties = load_corporaties()
    names = {c.naam for c in corporaties}
    assert {"Viverion", "Woonbedrijf ieder1"} <= names
    assert normalise_naam_py("Stichting Woonbedrijf ieder1") == normalise_naam_py("WOONBEDRIJF IEDER1") == "woonbedrijfieder1"
    assert normalise_naam_py("Woningstichting Viverion.") == "viverion"


def _bronze(spark, path, source, when):
    zaken, gerechtigden, bad, _n = parse_file(str(path), KEY)
    assert bad == []
    lineage = (source, "h" + source, "run", when)
    zaak = spark.createDataFrame([(*z[:-1], *lineage, z[-1]) for z in zaken], bronze_schema(KADASTRAAL_ONROERENDE_ZAAK))
    recht = spark.createDataFrame([(*g[:-1], *lineage, g[-1]) for g in gerechtigden], bronze_schema(ZAKELIJK_GERECHTIGDE))
    return zaak, recht


def test_voorbeeld_with_a_later_delivery(spark, tmp_path):
    later = tmp_path / "brk_2024.json"
    later.write_text(
        '[{"identificatie": "26210111100000", "type": "perceel", '
        '"adressen": [{"adresseerbaarObjectIdentificatie": "0262010000010006"}], '
        '"_embedded": {"zakelijkGerechtigden": [{"identificatie": "2000001", "type": "eigenaar", '
        '"persoon": {"identificatie": "999990068", "type": "ingeschreven_natuurlijk_persoon"}}]}}]'
    )
    z1, r1 = _bronze(spark, VOORBEELD, "brk/brk_voorbeeld.json", dt.datetime(2024, 1, 10))
    z2, r2 = _bronze(spark, later, "brk/brk_2024.json", dt.datetime(2024, 2, 10))
    rechten = eigendomsrechten(z1.unionByName(z2), r1.unionByName(r2))
    assert rechten.count() == 8  # 2 + 1 + 1 + 1 (two addresses of one zaak) + 2 (erfpacht) + 1 (new owner)
    brp = spark.createDataFrame(
        [
            (hmac_sha256_py("999990007", KEY), "0262010000010001", dt.date(2019, 7, 1), None),
            (hmac_sha256_py("999990068", KEY), "0262010000010006", dt.date(2023, 6, 1), None),
            (hmac_sha256_py("999990020", KEY), "0262010000010001", dt.date(2012, 9, 1), None),
        ],
        BRP_VERBLIJF,
    )
    expected = spark.createDataFrame(
        [
            ("0262010000010001", PEIL, "eigenaar_bewoner", None, 2, "perceel", ["26210123470000"]),
            ("0262010000010002", PEIL, "woningcorporatie", "Viverion", 1, "appartementsrecht", ["26210098710012"]),
            ("0262010000010003", PEIL, "overige_rechtspersoon", None, 1, "perceel", ["26210045600000"]),
            ("0262010000010004", PEIL, "overige_rechtspersoon", None, 1, "perceel", ["26210045600000"]),
            ("0262010000010005", PEIL, "particuliere_verhuurder", None, 1, "perceel", ["26210077700000"]),
            ("0262010000010006", PEIL, "eigenaar_bewoner", None, 1, "perceel", ["26210111100000"]),
        ],
        OUT,
    )
    result = build(rechten, brp, PEIL, load_corporaties())
    assert_df_equality(result, expected, ignore_nullable=True, ignore_row_order=True)
