"""Bronze BAG reader: the real Doesburg LV-BAG 2.0 files (loose, zipped, zip of zips) and the failure modes.

Expected values were read by hand from ../shared/reference/bag/*.xml.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from pyspark.sql import functions as F

from woonmonitor.bronze.bag import READER, collect_parts
from woonmonitor.bronze.ingest import UnreadableFile, run_bronze
from woonmonitor.config import Settings
from woonmonitor.tables import read_table

DATA = Path(__file__).parent / "data" / "bag"
TYPES = ("VBO", "PND", "NUM", "OPR", "WPL", "LIG", "STA")


def make_gemeente_extract(bag: Path, target: Path) -> Path:
    """BAGGEM0221L-15092020.zip exactly as Kadaster nests it, from the real part files."""
    work = target / "build"
    work.mkdir(parents=True)
    gem = work / "0221GEM15092020.zip"
    with zipfile.ZipFile(gem, "w", zipfile.ZIP_DEFLATED) as outer:
        for code in TYPES:
            inner = work / f"0221{code}15092020.zip"
            with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
                z.write(bag / f"0221{code}15092020-000001.xml", f"0221{code}15092020-000001.xml")
            outer.write(inner, inner.name)
    gwr = work / "GEM-WPL-RELATIE-15092020.zip"
    with zipfile.ZipFile(gwr, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(bag / "GEM-WPL-RELATIE-15092020-000001.xml", "GEM-WPL-RELATIE-15092020-000001.xml")
    result = target / "BAGGEM0221L-15092020.zip"
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(gem, gem.name)
        z.write(gwr, gwr.name)
        z.write(bag / "Leveringsdocument-BAG-Extract.xml", "Leveringsdocument-BAG-Extract.xml")
    shutil.rmtree(work)
    return result


def collect(parsed) -> tuple[dict[str, list[dict]], list[dict]]:
    tables = {name: [r.asDict(recursive=True) for r in df.collect()] for name, df in parsed.tables.items()}
    quarantine = [r.asDict() for r in parsed.quarantine.collect()] if parsed.quarantine is not None else []
    return tables, quarantine


@pytest.fixture(scope="module")
def gemeente_extract(spark, reference, tmp_path_factory):
    path = make_gemeente_extract(reference / "bag", tmp_path_factory.mktemp("bag-landing"))
    parsed = READER.parse(spark, str(path), Settings(landing=str(path.parent)))
    tables, quarantine = collect(parsed)
    return parsed.records_read, tables, quarantine


def test_gemeente_extract_counts_every_object_and_voorkomen(gemeente_extract):
    records, tables, quarantine = gemeente_extract
    # bagObjects per type: VBO 5, PND 6, NUM 15, OPR 201, WPL 1, LIG 2, STA 2; GEM-WPL relations 35
    assert records == 5 + 6 + 15 + 201 + 1 + 2 + 2 + 35
    assert quarantine == []
    voorkomens = {name: len(rows) for name, rows in tables.items()}
    objects = {name: len({r.get("identificatie") for r in rows}) for name, rows in tables.items()}
    assert voorkomens == {
        "bag_verblijfsobject": 5, "bag_pand": 6, "bag_nummeraanduiding": 15, "bag_openbare_ruimte": 201,
        "bag_woonplaats": 1, "bag_ligplaats": 2, "bag_standplaats": 2, "bag_gemeente_woonplaats": 35,
    }
    assert {k: v for k, v in objects.items() if k != "bag_gemeente_woonplaats"} == {
        "bag_verblijfsobject": 2, "bag_pand": 2, "bag_nummeraanduiding": 9, "bag_openbare_ruimte": 198,
        "bag_woonplaats": 1, "bag_ligplaats": 2, "bag_standplaats": 2,
    }
    assert {r["deelbestand"] for r in tables["bag_pand"]} == {"0221GEM15092020.zip/0221PND15092020.zip/0221PND15092020-000001.xml"}
    assert {r["stand_technische_datum"].isoformat() for rows in tables.values() for r in rows} == {"2020-09-15"}
    positions = [r["_record_position"] for rows in tables.values() for r in rows]
    assert len(set(positions)) == len(positions)


def test_verblijfsobject_four_voorkomens_with_changing_area_and_status(gemeente_extract):
    _, tables, _ = gemeente_extract
    rows = sorted((r for r in tables["bag_verblijfsobject"] if r["identificatie"] == "0221010000330226"),
                  key=lambda r: r["voorkomenidentificatie"])
    got = [(r["voorkomenidentificatie"], r["begin_geldigheid"], r["eind_geldigheid"], r["eind_registratie"],
            r["oppervlakte"], r["status"]) for r in rows]
    assert got == [
        (1, "2011-09-06", "2019-01-15", "2019-01-15T15:18:40.000", 306, "Verblijfsobject in gebruik"),
        (2, "2019-01-15", "2019-03-27", "2019-03-29T08:14:36.000", 315, "Verblijfsobject in gebruik"),
        (3, "2019-03-27", "2019-11-19", "2019-11-19T13:14:00.814", 223, "Verblijfsobject in gebruik (niet ingemeten)"),
        (4, "2019-11-19", None, None, 223, "Verbouwing verblijfsobject"),
    ]
    first = rows[0]
    assert first["tijdstip_registratie"] == "2011-09-06T15:49:09.000"
    assert first["tijdstip_registratie_lv"] == "2011-09-06T16:01:53.939"
    assert first["tijdstip_eind_registratie_lv"] == "2019-01-15T15:30:56.227"
    assert first["hoofdadres_identificatie"] == "0221200000330227"
    assert first["pand_identificaties"] == ["0221100000312938"]
    assert first["gebruiksdoelen"] == ["woonfunctie"]
    assert first["nevenadres_identificaties"] == []
    assert first["geometrie_wkt"] == "POINT Z (206335.699 447529.842 0.0)"


def test_nevenadressen(gemeente_extract):
    _, tables, _ = gemeente_extract
    (row,) = [r for r in tables["bag_verblijfsobject"] if r["identificatie"] == "0221010000330999"]
    assert row["nevenadres_identificaties"] == ["0221200000330998", "0221200000330999"]
    assert row["gebruiksdoelen"] == ["overige gebruiksfunctie"]
    assert row["oppervlakte"] == 18
    # the Ligplaats' nevenadres is commented out in the real file: a comment is no data
    assert all(r["nevenadres_identificaties"] == [] for r in tables["bag_ligplaats"])


def test_pand_bouwjaar_9999_kept_as_delivered_and_polygon_3d(gemeente_extract):
    _, tables, _ = gemeente_extract
    bouwjaren = sorted((r["identificatie"], r["voorkomenidentificatie"], r["oorspronkelijk_bouwjaar"]) for r in tables["bag_pand"])
    assert bouwjaren == [
        ("0221100000311191", 1, 9999), ("0221100000311191", 2, 1992),
        ("0221100000312938", 1, 9999), ("0221100000312938", 2, 1585), ("0221100000312938", 3, 1585), ("0221100000312938", 4, 1585),
    ]
    first = next(r for r in tables["bag_pand"] if r["identificatie"] == "0221100000312938" and r["voorkomenidentificatie"] == 1)
    wkt = first["geometrie_wkt"]
    assert wkt.startswith("POLYGON Z ((206341.621 447531.645 0.0, 206354.422 447533.177 0.0, ")
    assert wkt.endswith(", 206341.621 447531.645 0.0))")
    assert wkt.count(",") == 13  # posList count="14"


def test_nummeraanduiding_openbare_ruimte_woonplaats(gemeente_extract):
    _, tables, _ = gemeente_extract
    num = {(r["identificatie"], r["voorkomenidentificatie"]): r for r in tables["bag_nummeraanduiding"]}
    other = num[("0362200001221879", 3)]
    assert (other["huisnummer"], other["huisletter"], other["postcode"], other["type_adresseerbaar_object"],
            other["openbare_ruimte_identificatie"], other["woonplaats_identificatie"]) == (
        9, "y", None, "Verblijfsobject", "0363300000003944", "1050")
    lig = num[("0221200000330151", 1)]
    assert (lig["huisnummer"], lig["huisletter"], lig["huisnummertoevoeging"], lig["postcode"], lig["type_adresseerbaar_object"],
            lig["woonplaats_identificatie"]) == (2, None, None, "6982CZ", "Ligplaats", None)
    opr = [r for r in tables["bag_openbare_ruimte"] if r["identificatie"] == "0221300000311192"]
    assert [(r["naam"], r["type"], r["woonplaats_identificatie"]) for r in opr] == [("Rietmaat", "Weg", "2142")]
    types = {}
    for r in tables["bag_openbare_ruimte"]:
        types[r["type"]] = types.get(r["type"], 0) + 1
    assert types == {"Weg": 186, "Administratief gebied": 13, "Terrein": 2}
    assert sum(r["verkorte_naam"] is not None for r in tables["bag_openbare_ruimte"]) == 12
    (wpl,) = tables["bag_woonplaats"]
    assert (wpl["identificatie"], wpl["naam"]) == ("2142", "Doesburg")
    assert wpl["geometrie_wkt"].startswith("POLYGON ((204670.209 445500.0, 204677.222 445489.857, ")
    assert wpl["geometrie_wkt"].count(",") == 752  # posList count="753", 2D


def test_gemeente_woonplaats_relatie(gemeente_extract):
    _, tables, _ = gemeente_extract
    rows = tables["bag_gemeente_woonplaats"]
    per_gemeente = {}
    for r in rows:
        per_gemeente[r["gemeente_identificatie"]] = per_gemeente.get(r["gemeente_identificatie"], 0) + 1
    assert per_gemeente == {"0014": 2, "0715": 25, "0893": 2, "1771": 6}
    assert sum(r["eind_geldigheid"] is None for r in rows) == 12
    assert sum(r["status"] == "voorlopig" for r in rows) == 12
    first = [(r["woonplaats_identificatie"], r["begin_geldigheid"], r["eind_geldigheid"], r["status"])
             for r in rows if r["gemeente_identificatie"] == "0893"]
    assert sorted(first) == [("1125", "2010-07-23", "2010-07-24", "definitief"), ("1125", "2010-07-24", None, "definitief")]


def test_national_zip_and_loose_xml_give_the_same_rows(spark, reference, settings):
    zipped = READER.parse(spark, str(reference / "bag" / "9999VBO15092020.zip"), settings)
    zipped_rows = sorted(zipped.tables["bag_verblijfsobject"].drop("_record_position").collect())
    loose = READER.parse(spark, str(reference / "bag" / "0221VBO15092020-000001.xml"), settings)
    loose_rows = sorted(loose.tables["bag_verblijfsobject"].drop("_record_position").collect())
    assert zipped.records_read == loose.records_read == 5
    assert [r.asDict() for r in zipped_rows] == [r.asDict() for r in loose_rows]


def test_hand_written_edge_cases_and_quarantine(spark, settings):
    parsed = READER.parse(spark, str(DATA / "0262VBO01012024-000001.xml"), settings)
    tables, quarantine = collect(parsed)
    assert parsed.records_read == 5
    (row,) = tables["bag_verblijfsobject"]
    assert row["identificatie"] == "0262010000000001"
    assert row["gebruiksdoelen"] == ["woonfunctie", "winkelfunctie"]
    assert row["pand_identificaties"] == ["0262100000000001", "0262100000000002"]
    assert row["geometrie_wkt"] == "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 2))"
    assert row["geconstateerd"] == "J"
    reasons = sorted(q["reason"] for q in quarantine)
    assert reasons == [
        "identificatie '262010000000005' does not match ^\\d{16}$",
        "malformed bagObject: not well-formed XML or not readable with the contract schema",
        "no identificatie",
        "oppervlakte is not an integer",
    ]
    malformed = next(q for q in quarantine if q["reason"].startswith("malformed"))
    assert "0262010000000004" in malformed["record"] and "</Objecten:statsu>" in malformed["record"]
    assert all(q["_record_position"] is not None for q in quarantine)


def _expect_unreadable(spark, settings, path, *fragments):
    with pytest.raises(UnreadableFile) as err:
        READER.parse(spark, str(path), settings)
    assert err.value.path == str(path)
    for fragment in fragments:
        assert fragment in err.value.problem


def test_truncated_xml_is_refused(spark, settings, reference, tmp_path):
    text = (reference / "bag" / "0221VBO15092020-000001.xml").read_bytes()
    broken = tmp_path / "0221VBO15092020-000001.xml"
    broken.write_bytes(text[:9000])
    _expect_unreadable(spark, settings, broken, "broken XML", "</sl-bag-extract:bagStand>")


def test_corrupt_zip_and_corrupt_inner_zip_are_refused(spark, settings, reference, tmp_path):
    bad = tmp_path / "BAGGEM0221L-15092020.zip"
    bad.write_bytes(b"PK\x03\x04 this is not a zip")
    _expect_unreadable(spark, settings, bad, "corrupt zip")
    nested = tmp_path / "nested" / "BAGGEM0221L-15092020.zip"
    nested.parent.mkdir()
    with zipfile.ZipFile(nested, "w") as z:
        z.writestr("0221GEM15092020.zip", b"garbage, not a zip")
    _expect_unreadable(spark, settings, nested, "corrupt zip", "inner zip 0221GEM15092020.zip")
    bad_xml = tmp_path / "inner-xml" / "BAGGEM0221L-15092020.zip"
    bad_xml.parent.mkdir()
    with zipfile.ZipFile(bad_xml, "w") as z:
        z.writestr("0221VBO15092020-000001.xml", b"\x00\x01 binary")
    _expect_unreadable(spark, settings, bad_xml, "inner file 0221VBO15092020-000001.xml", "not XML")


def test_mutation_files_are_refused_never_half_read(spark, settings, reference, tmp_path):
    _expect_unreadable(spark, settings, reference / "bag" / "9999MUT20042022-21042022-000001.xml", "daily mutation file", "nothing was loaded")
    # the same file renamed: recognised by its root element, not only by its name
    renamed = tmp_path / "0221VBO21042022-000001.xml"
    shutil.copy(reference / "bag" / "9999MUT20042022-21042022-000001.xml", renamed)
    _expect_unreadable(spark, settings, renamed, "daily mutation file")
    mut_zip = tmp_path / "BAGNLDM-20042022-21042022.zip"
    with zipfile.ZipFile(mut_zip, "w") as z:
        z.write(reference / "bag" / "9999MUT20042022-21042022-000001.xml", "9999MUT20042022-21042022-000001.xml")
    _expect_unreadable(spark, settings, mut_zip, "daily mutation file")


def test_unknown_files_are_refused(spark, settings, reference, tmp_path):
    other = tmp_path / "adressen.xml"
    other.write_text("<?xml version='1.0'?><adressen><adres/></adressen>")
    _expect_unreadable(spark, settings, other, "unknown file name")
    disguised = tmp_path / "0221VBO15092020-000002.xml"
    disguised.write_text("<?xml version='1.0'?><adressen><adres/></adressen>")
    _expect_unreadable(spark, settings, disguised, "not an LV-BAG 2.0 extract file", "adressen")


def test_scan_counts_records_without_spark(reference, tmp_path):
    path = make_gemeente_extract(reference / "bag", tmp_path)
    parts = collect_parts(str(path), str(tmp_path))
    assert sorted((p.kind, p.code, p.records) for p in parts) == sorted(
        [("stand", c, n) for c, n in zip(TYPES, (5, 6, 15, 201, 1, 2, 2))] + [("gwr", None, 35), ("levering", None, 0)]
    )


def test_run_bronze_loads_the_extract_with_lineage_and_conservation(spark, make_settings, reference, tmp_path):
    settings = make_settings()
    landing = Path(settings.landing) / "bag"
    landing.mkdir(parents=True)
    make_gemeente_extract(reference / "bag", landing)
    shutil.copy(DATA / "0262VBO01012024-000001.xml", landing)
    entries = run_bronze(spark, settings, readers=[READER])
    got = sorted((os.path.basename(e.file), e.status, e.records_read, e.loaded, e.quarantined) for e in entries)
    assert got == [
        ("0262VBO01012024-000001.xml", "loaded", 5, 1, 4),
        ("BAGGEM0221L-15092020.zip", "loaded", 267, 267, 0),
    ]
    vbo = read_table(spark, settings, "bronze", "bag_verblijfsobject")
    assert dict(vbo.schema["identificatie"].jsonValue()) ["type"] == "string"
    assert vbo.groupBy("_source_file").count().orderBy("_source_file").collect() == [
        ("bag/0262VBO01012024-000001.xml", 1), ("bag/BAGGEM0221L-15092020.zip", 5)]
    quarantine = read_table(spark, settings, "bronze", "quarantine").where(F.col("source") == "bag")
    assert quarantine.count() == 4
    again = run_bronze(spark, settings, readers=[READER])
    assert {e.status for e in again} == {"skipped"}
