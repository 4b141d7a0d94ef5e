"""Bronze BRK: Haal Centraal BRK bevragen 2.0 JSON (kadastraal onroerende zaken with zakelijk gerechtigden)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from chispa import assert_df_equality
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.bronze.brk import READER, ZAKELIJK_GERECHTIGDE, parse_file
from woonmonitor.bronze.ingest import UnreadableFile, run_bronze
from woonmonitor.privacy import hmac_sha256, hmac_sha256_py

VOORBEELD = Path(__file__).parent / "data" / "brk" / "brk_voorbeeld.json"
KEY = b"test-key-not-secret"  # conftest.TEST_KEY: the key the settings fixture puts in the environment
BSNS = ("999990007", "999990019", "999990020", "999990032")


def h(value: str) -> str:
    return hmac_sha256_py(value, KEY)


def _zaak(**changes):
    zaak = {
        "identificatie": "26210000010000",
        "type": "perceel",
        "adressen": [{"adresseerbaarObjectIdentificatie": "0262010000000001"}],
        "_embedded": {"zakelijkGerechtigden": [
            {"identificatie": "1", "type": "eigenaar", "tenaamstelling": {"aandeel": {"teller": 1, "noemer": 1}},
             "persoon": {"identificatie": "999990044", "omschrijving": "B. Geheim", "type": "ingeschreven_natuurlijk_persoon"}}
        ]},
    }
    zaak.update(changes)
    return zaak


def test_voorbeeld_zaken():
    zaken, gerechtigden, bad, n = parse_file(str(VOORBEELD), KEY)
    assert (n, len(zaken), len(gerechtigden), bad) == (6, 6, 8, [])
    first = zaken[0]
    assert first[:7] == ("26210123470000", "perceel", "Lochem K 1234", None, 325000, 2019, False)
    assert first[7] == [("0262010000010001", "0262200000010001", "Nieuweweg", 12, None, None, "7241EW", "Lochem", "ADM_GEO")]
    assert (first[8], first[9]) == (2, 1)  # two zakelijk gerechtigden, position 1
    assert [z[0] for z in zaken if not z[7]] == ["26210000990000"]  # grassland without address
    assert [len(z[7]) for z in zaken] == [1, 1, 2, 1, 0, 1]


def test_voorbeeld_gerechtigden_pseudonymised():
    _zaken, gerechtigden, _bad, _n = parse_file(str(VOORBEELD), KEY)
    assert gerechtigden == [
        ("26210123470000", "1000001", "eigenaar", dt.date(2019, 6, 14), 1, 2, "ingeschreven_natuurlijk_persoon",
         h("999990007"), None, None, None, None, 1),
        ("26210123470000", "1000002", "eigenaar", dt.date(2019, 6, 14), 1, 2, "ingeschreven_natuurlijk_persoon",
         h("999990019"), None, None, None, None, 1),
        ("26210098710012", "1000003", "eigenaar", dt.date(2004, 1, 1), 1, 1, "ingeschreven_niet_natuurlijk_persoon",
         None, "800000013", "800000013", None, "Stichting Viverion", 2),
        ("26210045600000", "1000004", "eigenaar", dt.date(2021, 3, 1), 1, 1, "kadaster_niet_natuurlijk_persoon",
         None, "70882211", None, "90000012", "Berkelzicht Vastgoed B.V.", 3),
        ("26210077700000", "1000005", "eigenaar", None, 1, 1, "ingeschreven_niet_natuurlijk_persoon",
         None, "800000025", "800000025", None, "Gemeente Lochem", 4),
        ("26210077700000", "1000006", "erfpachter", dt.date(2012, 9, 1), 1, 1, "ingeschreven_natuurlijk_persoon",
         h("999990020"), None, None, None, None, 4),
        ("26210000990000", "1000007", "eigenaar", None, 1, 1, "ingeschreven_natuurlijk_persoon",
         h("999990032"), None, None, None, None, 5),
        ("26210111100000", "1000008", "eigenaar", None, 1, 1, "kadaster_natuurlijk_persoon",
         h("kadaster:30012345"), None, None, None, None, 6),
    ]


def test_persoon_id_equals_the_spark_hmac_used_for_brp(spark):
    """BRK hashes in Python; BRP with the Spark column function: the pseudonyms must be identical to join."""
    df = spark.createDataFrame([(b,) for b in BSNS], "bsn string")
    spark_ids = [r.id for r in df.select(hmac_sha256(F.col("bsn"), KEY).alias("id")).collect()]
    assert spark_ids == [h(b) for b in BSNS]


def test_other_document_shapes(tmp_path):
    single = tmp_path / "one.json"
    single.write_text(json.dumps(_zaak()))
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([_zaak(), _zaak(identificatie="26210000020000", _embedded=None)]))
    assert parse_file(str(single), KEY)[3] == 1
    zaken, gerechtigden, bad, n = parse_file(str(listed), KEY)
    assert (n, len(zaken), len(gerechtigden), bad) == (2, 2, 1, [])
    assert zaken[1][8] is None  # delivered without expand: number of gerechtigden unknown
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"_embedded": {"wozObjecten": []}}')
    with pytest.raises(UnreadableFile, match="no kadastraalOnroerendeZaken"):
        parse_file(str(wrong), KEY)
    broken = tmp_path / "broken.json"
    broken.write_text('{"_embedded": ')
    with pytest.raises(UnreadableFile, match="broken JSON"):
        parse_file(str(broken), KEY)
    other = tmp_path / "other.json"
    other.write_text('{"foo": 1}')
    with pytest.raises(UnreadableFile, match="not a BRK bevragen document"):
        parse_file(str(other), KEY)


def test_bad_zaken_quarantined_without_personal_data(tmp_path):
    def gerechtigde(**changes):
        g = {"identificatie": "1", "type": "eigenaar", "tenaamstelling": {"aandeel": {"teller": 1, "noemer": 1},
             "betrokkenPartner": {"identificatie": "999990056", "type": "ingeschreven_natuurlijk_persoon"}},
             "persoon": {"identificatie": "999990044", "omschrijving": "B. Geheim", "type": "ingeschreven_natuurlijk_persoon"},
             "_links": {"persoon": {"href": "https://x/ingeschrevenpersonen/999990044"}}}
        g.update(changes)
        return {"zakelijkGerechtigden": [g]}

    path = tmp_path / "bad.json"
    path.write_text(json.dumps([
        _zaak(type="gebouw"),
        _zaak(adressen=[{"adresseerbaarObjectIdentificatie": "262010000000001"}]),
        _zaak(_embedded=gerechtigde(type="huurder")),
        _zaak(_embedded=gerechtigde(tenaamstelling={"aandeel": {"teller": 3, "noemer": 2}})),
        _zaak(_embedded=gerechtigde(persoon={"identificatie": "12345", "type": "ingeschreven_natuurlijk_persoon"})),
        _zaak(_embedded=gerechtigde(aanvangsdatum="14-06-2019")),
        _zaak(_embedded=gerechtigde(persoon={"identificatie": "999990044", "omschrijving": "B. Geheim"})),
        _zaak(identificatie=None),
        "geen object",
        _zaak(),
    ]))
    zaken, gerechtigden, bad, n = parse_file(str(path), KEY)
    assert (n, len(zaken), len(gerechtigden)) == (10, 1, 1)
    assert [(p, reason) for p, _r, reason in bad] == [
        (1, "type 'gebouw' is not perceel or appartementsrecht"),
        (2, "adressen[0].adresseerbaarObjectIdentificatie '262010000000001' is not a 16-digit BAG id"),
        (3, "zakelijkGerechtigden[0].type 'huurder' is not a TypeGerechtigde"),
        (4, "zakelijkGerechtigden[0].tenaamstelling.aandeel {'teller': 3, 'noemer': 2} is not a fraction teller/noemer <= 1"),
        (5, "zakelijkGerechtigden[0].persoon: an ingeschreven natuurlijk persoon needs a 9-digit BSN as identificatie"),
        (6, "zakelijkGerechtigden[0].aanvangsdatum '14-06-2019' is not an ISO date"),
        (7, "zakelijkGerechtigden[0].persoon.type None is not a PersoonType"),
        (8, "identificatie None is missing or not a string"),
        (9, "a kadastraal onroerende zaak must be a JSON object, found str"),
    ]
    records = " ".join(r for _p, r, _reason in bad)
    for secret in ("999990044", "999990056", "Geheim"):
        assert secret not in records
    assert '"persoon": {"type": "ingeschreven_natuurlijk_persoon"}' in bad[2][1]


def test_ingest_conserves_records_and_stores_no_bsn(spark, settings):
    landing = Path(settings.landing) / "brk"
    landing.mkdir(parents=True)
    shutil.copy(VOORBEELD, landing)
    (landing / "brk_fout.json").write_text(json.dumps([_zaak(), _zaak(type="gebouw")]))
    entries = run_bronze(spark, settings, readers=[READER])
    assert {e.file: (e.status, e.records_read, e.loaded, e.quarantined) for e in entries} == {
        "brk/brk_fout.json": ("loaded", 2, 1, 1),
        "brk/brk_voorbeeld.json": ("loaded", 6, 6, 0),
    }
    gerechtigde = spark.table(settings.table("bronze", "brk_zakelijk_gerechtigde"))
    assert gerechtigde.count() == 9
    viverion = gerechtigde.where(F.col("statutaire_naam") == "Stichting Viverion").select(
        *[f.name for f in ZAKELIJK_GERECHTIGDE.fields], "_source_file", "_record_position"
    )
    expected = spark.createDataFrame(
        [("26210098710012", "1000003", "eigenaar", dt.date(2004, 1, 1), 1, 1, "ingeschreven_niet_natuurlijk_persoon",
          None, "800000013", "800000013", None, "Stichting Viverion", "brk/brk_voorbeeld.json", 2)],
        T.StructType(list(ZAKELIJK_GERECHTIGDE.fields) + [T.StructField("_source_file", T.StringType()),
                                                         T.StructField("_record_position", T.LongType())]),
    )
    assert_df_equality(viverion, expected, ignore_nullable=True)
    text = " ".join(
        str(r) for t in ("brk_kadastraal_onroerende_zaak", "brk_zakelijk_gerechtigde", "quarantine")
        for r in spark.table(settings.table("bronze", t)).collect()
    )
    for secret in (*BSNS, "999990044", "Jansen", "Smit"):
        assert secret not in text
