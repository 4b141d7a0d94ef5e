"""Bronze WOZ: CSV exports through the layout contracts, and Haal Centraal WOZ bevragen JSON (the real mock file)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from chispa import assert_df_equality
from pyspark.sql import functions as F

from woonmonitor.bronze.ingest import QUARANTINE_INPUT_SCHEMA, UnreadableFile, run_bronze
from woonmonitor.bronze.woz import READER, WOZ_WAARDE, load_contracts, parse_contract, parse_csv, parse_json

DATA = Path(__file__).parent / "data" / "woz"
D23, D22, D24 = dt.date(2023, 1, 1), dt.date(2022, 1, 1), dt.date(2024, 1, 1)


def _schema_with_position(schema):
    from pyspark.sql import types as T

    return T.StructType(list(schema.fields) + [T.StructField("_record_position", T.LongType(), False)])


def test_contracts_load_and_voorbeeld_is_exact():
    contracts = {c.layout: c for c in load_contracts()}
    v = contracts["voorbeeld"]
    assert list(v.columns) == [
        "WOZOBJECTNUMMER", "ADRESSEERBAAROBJECTID", "WAARDEPEILDATUM", "VASTGESTELDEWAARDE", "GEBRUIKSCODE", "SOORTOBJECTCODE",
    ]
    assert (v.file_pattern, v.separator, v.encoding, v.date_format) == ("woz_*.csv", ";", "utf-8", "%d-%m-%Y")
    assert "kolommen_tab" in contracts


def test_contract_mistakes_are_refused():
    base = {"layout": "x", "date_format": "%d-%m-%Y", "columns": {"A": "wozobjectnummer", "B": "waardepeildatum"},
            "required": ["wozobjectnummer", "waardepeildatum"]}
    with pytest.raises(ValueError, match="vastgestelde_waarde must be required"):
        parse_contract(base, "x.yaml")
    with pytest.raises(ValueError, match="unknown fields"):
        parse_contract({**base, "columns": {**base["columns"], "C": "eigenaar_naam"}}, "x.yaml")


def test_voorbeeld_csv_rows_and_quarantine(spark, settings):
    parsed = READER.parse(spark, str(DATA / "woz_lochem_2023.csv"), settings)
    assert parsed.records_read == 11  # 12 data lines, one blank
    expected = spark.createDataFrame(
        [
            ("026200001234", "0262010000012345", D23, 412000, None, "10", "1000", "csv:voorbeeld", 2),
            ("026200001234", "0262010000012345", D22, 398000, None, "10", "1000", "csv:voorbeeld", 3),
            ("026200005678", "0262010000020001", D23, 250000, None, "11", "1010", "csv:voorbeeld", 4),
            ("026200005678", "0262010000020002", D23, 250000, None, "11", "1010", "csv:voorbeeld", 5),
            # 11-digit objectnummer padded to 12; "185000,00" is whole euros; empty codes are null
            ("026200009999", "0262010000030003", D23, 185000, None, None, None, "csv:voorbeeld", 6),
        ],
        _schema_with_position(WOZ_WAARDE),
    )
    assert_df_equality(parsed.tables["woz_waarde"], expected, ignore_nullable=True)
    expected_q = spark.createDataFrame(
        [
            (8, "026200001111;0262010000040004;01-01-2023;twee ton;10;1000", "value 'twee ton' is not a non-negative amount"),
            (9, "026200001112;0262010000040005;31-02-2023;300000;10;1000", "date '31-02-2023' does not match %d-%m-%Y"),
            (10, "026200001113;262010000040006;01-01-2023;300000;10;1000",
             "adresseerbaar object id '262010000040006' is not a 16-digit BAG id"),
            (11, "026200001114;;01-01-2023;300000;10;1000",
             "required field adresseerbaar_object_identificatie (ADRESSEERBAAROBJECTID) is empty"),
            (12, "026200001115;0262010000040008;01-01-2023;300000,50;10;1000", "value '300000,50' is not a whole number of euros"),
            (13, "026200001116;0262010000040009;01-01-2023;;;", "expected 6 fields, found 3"),
        ],
        QUARANTINE_INPUT_SCHEMA,
    )
    assert_df_equality(parsed.quarantine, expected_q, ignore_nullable=True)


def test_header_match_other_layout_with_unmapped_column(spark, settings):
    """No file-name pattern: the tab layout is recognised by its header; the unmapped Straat column is not kept."""
    contract, good, bad, n = parse_csv(str(DATA / "export_belastingen.csv"), load_contracts())
    assert contract.layout == "kolommen_tab"
    assert n == 2
    assert good == [("026200012345", "0262010000012345", D24, 1412000, None, "10", None, "csv:kolommen_tab", 2)]
    assert bad == [(3, "262000012346\t0262010000012346\t20240101\t-5\t10", "value '-5' is not a non-negative amount")]


def test_voorbeeld_header_under_another_name_is_found_by_header(tmp_path):
    path = tmp_path / "aanlevering.csv"
    shutil.copy(DATA / "woz_lochem_2023.csv", path)
    contract, good, _bad, _n = parse_csv(str(path), load_contracts())
    assert contract.layout == "voorbeeld" and len(good) == 5


def test_unknown_layout_names_file_and_missing_columns(tmp_path):
    named = tmp_path / "woz_2024.csv"
    named.write_text("WOZOBJECTNUMMER;ADRESSEERBAAROBJECTID;WAARDEPEILDATUM;WAARDE\n026200001234;0262010000012345;01-01-2023;1\n")
    with pytest.raises(UnreadableFile) as err:
        parse_csv(str(named), load_contracts())
    assert err.value.path == str(named)
    assert "layout 'voorbeeld' lacks columns ['VASTGESTELDEWAARDE']" in err.value.problem
    other = tmp_path / "iets.csv"
    other.write_text("a;b;c\n1;2;3\n")
    with pytest.raises(UnreadableFile, match="iets.csv: header matches no WOZ CSV layout: .*'kolommen_tab' lacks"):
        parse_csv(str(other), load_contracts())
    empty = tmp_path / "woz_leeg.csv"
    empty.write_text("")
    with pytest.raises(UnreadableFile, match="empty file"):
        parse_csv(str(empty), load_contracts())


def test_mock_json_loads_with_hand_computed_values(reference):
    objects, waarden, bad, n = parse_json(str(reference / "woz" / "woz_bevragen_mock_test-data.json"))
    assert (n, len(objects), len(bad)) == (15, 15, 0)
    # sum over objects of max(1, #adresseerbare objecten) x #waarden: 4+4+3+6+3+7+27+5+3+6+6
    assert len(waarden) == 74
    by_object = {}
    for row in waarden:
        by_object.setdefault(row[0], []).append(row)
    assert sorted(by_object) == [
        "800000003118", "800000014669", "800000051111", "800000823525",
        "999900010001", "999900010002", "999900010003", "999900010004", "999900010005", "999900010006",
    ]
    assert len(by_object["800000003118"]) == 6  # the mock repeats this object: both records are kept in bronze
    assert len(by_object["999900010002"]) == 27  # 3 adresseerbare objecten x 9 waarden
    assert ("999900010002", "0484010002033603", D22, 879500, dt.date(2023, 1, 1), None, None, "json:haalcentraal", 11) in waarden
    assert ("800000823525", "0576010000007898", dt.date(2014, 1, 1), 3080000, dt.date(2015, 1, 1), None, None,
            "json:haalcentraal", 7) in waarden
    assert {r[1] for r in by_object["999900010003"]} == {None}  # values but no BAG link
    first = {o[0]: o for o in objects}
    empty = first["800000093455"]
    assert (empty[1], empty[5], empty[7]) == (["8513010000083267"], 450, [])
    assert first["800000051111"][3] == ["8513100000050111", "8513100000050112", "8513100000050113"]
    assert first["800000051111"][4] == ["008000500170000", "008000500270000", "008000501240001"]
    assert first["800000051111"][6] == "8000"
    # belanghebbenden (BSN 355745264, 999990482, names) are not stored
    assert "355745264" not in json.dumps([list(map(str, o)) for o in objects])
    assert "Groenen" not in json.dumps([list(map(str, o)) for o in objects])


def test_json_shapes_and_bad_objects(tmp_path):
    obj = {"identificatie": "026200001234", "adresseerbaarObjectIdentificaties": ["0262010000012345"],
           "waarden": [{"vastgesteldeWaarde": 300000, "waardepeildatum": "2023-01-01"}]}
    paged = tmp_path / "page1.json"
    paged.write_text(json.dumps({"_links": {}, "_embedded": {"wozObjecten": [obj]}}))
    single = tmp_path / "one.json"
    single.write_text(json.dumps(obj))
    for path in (paged, single):
        objects, waarden, bad, n = parse_json(str(path))
        assert (n, len(objects), bad) == (1, 1, [])
        assert waarden == [("026200001234", "0262010000012345", D23, 300000, None, None, None, "json:haalcentraal", 1)]
    bad_doc = tmp_path / "bad.json"
    bad_doc.write_text(json.dumps([
        {**obj, "identificatie": "26200001234", "belanghebbendeEigenaar": {"burgerservicenummer": "999990482", "naam": "X"}},
        {**obj, "waarden": [{"vastgesteldeWaarde": "300000", "waardepeildatum": "2023-01-01"}]},
        {**obj, "waarden": [{"vastgesteldeWaarde": 1, "waardepeildatum": "01-01-2023"}]},
        {**obj, "adresseerbaarObjectIdentificaties": ["262010000012345"]},
        obj,
    ]))
    objects, waarden, bad, n = parse_json(str(bad_doc))
    assert (n, len(objects), len(waarden)) == (5, 1, 1)
    assert [(p, reason) for p, _r, reason in bad] == [
        (1, "identificatie '26200001234' is not a 12-digit wozobjectnummer string"),
        (2, "waarden[0].vastgesteldeWaarde '300000' is not a non-negative integer"),
        (3, "waarden[0].waardepeildatum '01-01-2023' is not an ISO date"),
        (4, "adresseerbaarObjectIdentificaties item '262010000012345' is not a 16-digit BAG id"),
    ]
    assert "999990482" not in bad[0][1] and "belanghebbende" not in bad[0][1]
    broken = tmp_path / "broken.json"
    broken.write_text('[{"identificatie": ')
    with pytest.raises(UnreadableFile, match="broken JSON"):
        parse_json(str(broken))
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"_embedded": {"kadastraalOnroerendeZaken": []}}')
    with pytest.raises(UnreadableFile, match="_embedded has no wozObjecten"):
        parse_json(str(wrong))


def test_ingest_conserves_records_and_keeps_no_bsn(spark, make_settings, reference, tmp_path):
    settings = make_settings()
    landing = Path(settings.landing) / "woz"
    landing.mkdir(parents=True)
    shutil.copy(DATA / "woz_lochem_2023.csv", landing)
    shutil.copy(reference / "woz" / "woz_bevragen_mock_test-data.json", landing)
    (landing / "woz_kapot.csv").write_text("WOZOBJECTNUMMER;WAARDEPEILDATUM\n1;01-01-2023\n")
    entries = run_bronze(spark, settings, readers=[READER], raise_on_failure=False)
    summary = {Path(e.file).name: (e.status, e.records_read, e.loaded, e.quarantined) for e in entries}
    assert summary["woz_lochem_2023.csv"] == ("loaded", 11, 5, 6)
    assert summary["woz_bevragen_mock_test-data.json"] == ("loaded", 15, 15, 0)
    assert summary["woz_kapot.csv"][0] == "failed"
    failed = next(e for e in entries if e.status == "failed")
    assert "woz_kapot.csv" in failed.message and "ADRESSEERBAAROBJECTID" in failed.message
    waarde = spark.table(settings.table("bronze", "woz_waarde"))
    assert waarde.count() == 5 + 74
    assert spark.table(settings.table("bronze", "woz_object")).count() == 15
    assert spark.table(settings.table("bronze", "quarantine")).where(F.col("source") == "woz").count() == 6
    log = spark.table(settings.table("bronze", "ingest_log")).where(F.col("status") == "loaded")
    assert log.agg(F.sum("records_read")).first()[0] == 26
    # no BSN of the mock's belanghebbenden anywhere in bronze
    text = " ".join(str(r) for t in ("woz_waarde", "woz_object") for r in spark.table(settings.table("bronze", t)).collect())
    for bsn in ("355745264", "000000127", "000000115", "999991905", "999990482", "999993653", "000009866", "999991322"):
        assert bsn not in text
