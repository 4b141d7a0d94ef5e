"""Bronze BRP: the GBA-V extract reader, on the real RvIG test set and on a tiny hand-written file.

Facts of the real file, counted by hand (Python's csv module, see the reader's docstring):
2156 data lines = 687 persoonslijsten (head rows ``Lg01_…``/``LG01_…``) + 1454 older-occurrence rows +
15 all-empty lines. (The shared notes say 688 persoonslijsten; the file holds 687 distinct labels and 687
distinct A-nummers.) PL ``Lg01_716`` (line 2, record 1) lives at 0599010000208579 since 20150808; its one
older occurrence is 0599010000476795 from 20131102 (immigrated from land 5002 that day).
``Lg01_501`` (record 3) has four children, as four 09 stapels in its continuation rows.
"""

from __future__ import annotations

import re
import shutil

import pytest
from pyspark.sql import functions as F

from woonmonitor.bronze import brp
from woonmonitor.bronze.ingest import UnreadableFile, run_bronze
from woonmonitor.privacy import hmac_sha256_py, is_bsn
from woonmonitor.silver import brp_persoon, brp_verblijf, huishouden
from woonmonitor.tables import read_table

from conftest import ROOT, TEST_KEY

REAL = "brp/20220502_Testset_persoonslijsten_proefomgeving_GBA-V.csv"
SMALL = ROOT / "tests" / "data" / "brp" / "gba_v_klein.csv"
KEY = TEST_KEY.encode()


def h(value: str) -> str:
    return hmac_sha256_py(value, KEY)


@pytest.fixture(scope="module")
def real_loaded(spark, reference, tmp_path_factory):
    """The real file through the whole bronze framework and the three BRP silver modules (written once)."""
    import os

    from woonmonitor.config import Settings

    os.environ["WOONMONITOR_HMAC_KEY"] = TEST_KEY
    base = tmp_path_factory.mktemp("brp_real")
    landing = base / "landing"
    (landing / "brp").mkdir(parents=True)
    shutil.copy(reference / REAL, landing / "brp" / "testset.csv")
    settings = Settings(schemas={"bronze": "brp_real_bronze", "silver": "brp_real_silver", "gold": "brp_real_gold"},
                        landing=str(landing), warehouse=str(spark.conf.get("spark.sql.warehouse.dir")),
                        hmac_key_file=str(base / "key"), laatste_peildatum=__import__("datetime").date(2022, 5, 2),
                        eerste_jaar=2021)
    entries = run_bronze(spark, settings, readers=[brp.READER])
    rows = {
        "persoon": brp_persoon.run(spark, settings),
        "verblijf": brp_verblijf.run(spark, settings),
        "huishouden": huishouden.run(spark, settings),
    }
    return settings, entries, rows


def test_real_file_conservation_and_counts(spark, real_loaded):
    settings, entries, _rows = real_loaded
    (entry,) = entries
    assert (entry.status, entry.records_read, entry.loaded, entry.quarantined) == ("loaded", 2156, 2141, 15)
    log = read_table(spark, settings, "bronze", "ingest_log").where("source = 'brp'").collect()
    assert [(r.records_read, r.loaded, r.quarantined, r.status) for r in log] == [(2156, 2141, 15, "loaded")]
    v = read_table(spark, settings, "bronze", brp.TABLE)
    assert v.where("regel_in_pl = 0").count() == 687
    assert v.where("regel_in_pl > 0").count() == 1454
    assert v.select("pl_positie").distinct().count() == 687
    assert v.select("persoonslijst_id").distinct().count() == 687
    q = read_table(spark, settings, "bronze", "quarantine").collect()
    assert sorted(r.record_position for r in q) == [396, 805, 900, 901, 1021, 1158, 1206, 1235, 1263, 1282, 1283,
                                                     1284, 1327, 1328, 1329]
    assert {r.reason for r in q} == {"leeg record: all fields empty"}


def test_real_file_address_history_of_one_pl(spark, real_loaded):
    settings, _entries, _rows = real_loaded
    v = read_table(spark, settings, "bronze", brp.TABLE).where("pl_positie = 1").orderBy("regel_in_pl").collect()
    assert [(r.regel_in_pl, r.gemeente_inschrijving, r.datum_aanvang_adreshouding, r.adresseerbaar_object_identificatie,
             r.nummeraanduiding_identificatie, r.land_vanwaar_ingeschreven, r.datum_vestiging_nederland) for r in v] == [
        (0, "0599", "20150808", "0599010000208579", "0599200000219678", "5002", "20131102"),
        (1, "0599", "20131102", "0599010000476795", "0599200000999221", "5002", "20131102"),
    ]
    assert v[0].persoon_id == h("999993653") and v[0].persoonslijst_id == h("8940402024")
    assert v[0].geboorte_jaarmaand == "198512" and v[0].geslacht == "V"
    assert v[0].vervolg == {"08": "58"} and v[1].categorieen == ["08"]
    ver = read_table(spark, settings, "silver", brp_verblijf.NAME).where(F.col("persoonslijst_id") == h("8940402024"))
    got = [(r.volgnummer, str(r.datum_aanvang), str(r.datum_einde), r.herkomst_gemeente, r.herkomst_land,
            r.bestemming_gemeente) for r in ver.orderBy("volgnummer").collect()]
    assert got == [(0, "2015-08-08", "None", "0599", None, None), (1, "2013-11-02", "2015-08-08", None, "5002", "0599")]


def test_real_file_children_and_partner_stapels(spark, real_loaded):
    settings, _entries, rows = real_loaded
    assert rows["persoon"] == 687
    p = read_table(spark, settings, "silver", brp_persoon.NAME).where(
        F.col("persoonslijst_id") == h("8320968431")).collect()[0]
    assert p.kind_ids == [h("999992387"), h("999994736"), h("999994773"), h("999993136")]
    assert [(x.partner_id, x.soort_verbintenis, str(x.datum_aanvang), x.datum_ontbinding) for x in p.partners] == [
        (h("999993239"), "H", "1950-01-15", None)
    ]
    assert (p.ouder1_id, p.ouder2_id, p.geboortejaar, p.geboortemaand) == (h("999991425"), h("999994803"), 1922, 9)


def test_no_bsn_in_any_table(spark, real_loaded):
    """Every string value of every bronze and silver table written (plus quarantine): none is a BSN."""
    settings, _entries, _rows = real_loaded
    assert is_bsn("999993653")  # the input holds real-looking BSNs (of Lg01_716), so the scan is not vacuous
    scanned = 0
    for layer in ("bronze", "silver"):
        for table in spark.catalog.listTables(settings.schema(layer)):
            df = spark.table(settings.table(layer, table.name))
            strings = [f.name for f in df.schema.fields if f.dataType.simpleString() in ("string",)]
            nested = [f.name for f in df.schema.fields if f.dataType.simpleString() not in ("string",)
                      and "string" in f.dataType.simpleString()]
            cols = [F.col(c) for c in strings] + [F.to_json(F.col(c)) for c in nested]
            if not cols:
                continue
            values = df.select(F.explode(F.array(*[c.cast("string") for c in cols])).alias("v")).where(
                F.col("v").rlike(r"[0-9]{9}")).distinct().collect()
            for row in values:
                # a BSN-like token: 9 digits not inside a longer alphanumeric run (hex hashes are such runs)
                for token in re.findall(r"(?<![0-9A-Za-z])[0-9]{9}(?![0-9A-Za-z])", row.v):
                    assert not is_bsn(token), f"{layer}.{table.name} holds a BSN-like value"
            scanned += 1
    assert scanned >= 6  # brp_voorkomen, quarantine, ingest_log, brp_persoon, brp_verblijf, huishouden(_lid)


def test_small_file_positions_quarantine_and_masking(spark, settings):
    parsed = brp.READER.parse(spark, str(SMALL), settings)
    assert parsed.records_read == 5
    rows = parsed.tables[brp.TABLE].orderBy("_record_position").collect()
    assert [(r._record_position, r.pl_positie, r.regel_in_pl) for r in rows] == [(1, 1, 0), (2, 1, 1), (4, 4, 0)]
    first, older, second = rows
    assert first.persoon_id == h("111222333") and first.ouder1_id == h("123456782")
    assert first.partner_id == h("999993653") and first.kind_id == h("100000009")
    assert older.kind_id == h("100000010") and older.persoonslijst_id == first.persoonslijst_id == h("1234567890")
    assert older.datum_aanvang_adreshouding == "20120000"  # dates stay as delivered text in bronze
    assert first.geboorte_jaarmaand == "198005" and first.vervolg == {"08": "58", "09": "09"}
    assert second.persoon_id is None and second.datum_overlijden == "20200700" and second.reden_opschorting == "O"
    q = sorted(parsed.quarantine.collect(), key=lambda r: r._record_position)
    assert [(r._record_position, r.reason) for r in q] == [
        (3, "leeg record: all fields empty"), (5, "malformed record: wrong number of fields")]
    assert q[1].record == ";#########;X;X"
    assert "street" not in parsed.tables[brp.TABLE].columns and "Dorpsstraat" not in str(rows)


def test_header_without_required_element_fails(tmp_path, spark, settings):
    bad = tmp_path / "kapot.csv"
    bad.write_text("\ufeff;01.01.10;01.02.10\nLg01_1;123;Jan\n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="lacks element"):
        brp.READER.parse(spark, str(bad), settings)


def test_duplicate_required_element_fails(tmp_path):
    header = ["", *brp.ELEMENTS, brp.ANUMMER, "08.11.80"]
    with pytest.raises(UnreadableFile, match="08.11.80 occur more than once"):
        brp.element_positions("x.csv", header)
