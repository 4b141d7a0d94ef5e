"""The synthetic delivery generator: determinism, scale, format details and facts of the generated world."""

from __future__ import annotations

import csv
import filecmp
import io
import json
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter, defaultdict

import pytest

from woonmonitor.sources.synthetic import generate
from woonmonitor.sources.synthetic.gbav_header import HEADER
from woonmonitor.sources.synthetic.world import Ids, elfproef_ok

NS = {"Objecten": "www.kadaster.nl/schemas/lvbag/imbag/objecten/v20200601",
      "Historie": "www.kadaster.nl/schemas/lvbag/imbag/historie/v20200601",
      "Objecten-ref": "www.kadaster.nl/schemas/lvbag/imbag/objecten-ref/v20200601"}


@pytest.fixture(scope="module")
def delivery(tmp_path_factory):
    out = tmp_path_factory.mktemp("synthetic")
    counts = generate(str(out), scale=0.02, seed=262, bag_objects_per_file=200)
    return out, counts


def _bag_xml(out) -> dict[str, list[bytes]]:
    """{object type: [xml part contents]} from the zip-of-zips."""
    outer = zipfile.ZipFile(out / "bag" / "BAGGEM0262L-01122026.zip")
    gem = zipfile.ZipFile(io.BytesIO(outer.read("0262GEM01122026.zip")))
    parts = {}
    for name in gem.namelist():
        inner = zipfile.ZipFile(io.BytesIO(gem.read(name)))
        parts[name[4:7]] = [inner.read(n) for n in sorted(inner.namelist())]
    return parts


def _objects(parts: list[bytes], tag: str):
    for data in parts:
        root = ET.fromstring(data)
        yield from root.iter(f"{{{NS['Objecten']}}}{tag}")


def _brp(out) -> tuple[list[str], list[list[list[str]]]]:
    path = next((out / "brp").glob("GBA-V_extract_0262_*.csv"))
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    pls: list[list[list[str]]] = []
    for r in rows[1:]:
        if r[0]:
            pls.append([r])
        else:
            pls[-1].append(r)
    return rows[0], pls


def test_same_seed_gives_byte_identical_files(tmp_path, delivery):
    out, _ = delivery
    again = tmp_path / "again"
    generate(str(again), scale=0.02, seed=262, bag_objects_per_file=200)
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for f in files:
        assert filecmp.cmp(out / f, again / f, shallow=False), f


def test_other_seed_gives_other_world(tmp_path, delivery):
    out, _ = delivery
    generate(str(tmp_path), scale=0.02, seed=263)
    assert (out / "woz" / "woz_20261201.csv").read_bytes() != (tmp_path / "woz" / "woz_20261201.csv").read_bytes()


def test_scale_controls_size(tmp_path, delivery):
    _, small = delivery
    big = generate(str(tmp_path), scale=0.06, seed=262)
    # 15,567 dwellings on 1 January 2024 at scale 1 (CBS), within a few percent
    assert abs(small["dwellings_2024_01_01"] - 15567 * 0.02) <= 0.04 * 15567 * 0.02
    assert abs(big["dwellings_2024_01_01"] - 15567 * 0.06) <= 0.03 * 15567 * 0.06
    assert 2.7 < big["brp_persoonslijsten"] / small["brp_persoonslijsten"] < 3.3
    # about 34,300 inhabitants at scale 1
    assert abs(big["inhabitants_2024_01_01"] - 34300 * 0.06) <= 0.08 * 34300 * 0.06


def test_bag_layout_and_identifiers(delivery):
    out, counts = delivery
    outer = zipfile.ZipFile(out / "bag" / "BAGGEM0262L-01122026.zip")
    assert outer.namelist() == ["0262GEM01122026.zip", "GEM-WPL-RELATIE-01122026.zip", "Leveringsdocument-BAG-Extract.xml"]
    gem = zipfile.ZipFile(io.BytesIO(outer.read("0262GEM01122026.zip")))
    assert sorted(gem.namelist()) == sorted(f"0262{t}01122026.zip" for t in ("VBO", "PND", "NUM", "OPR", "WPL", "LIG", "STA"))
    vbo_zip = zipfile.ZipFile(io.BytesIO(gem.read("0262VBO01122026.zip")))
    names = vbo_zip.namelist()
    # split at 200 objects per part file
    assert names[:2] == ["0262VBO01122026-000001.xml", "0262VBO01122026-000002.xml"]
    assert len(names) == -(-counts["bag_objects"]["VBO"] // 200)
    parts = _bag_xml(out)
    ids = [e.text for e in _objects(parts["VBO"], "identificatie")]
    assert all(re.fullmatch(r"026201\d{10}", i) for i in ids)
    assert all(re.fullmatch(r"026210\d{10}", e.text) for e in _objects(parts["PND"], "identificatie"))
    assert all(re.fullmatch(r"\d{4}", e.text) for e in _objects(parts["WPL"], "identificatie"))
    wpl = sorted(e.text for e in _objects(parts["WPL"], "naam"))
    assert wpl == sorted(["Lochem", "Almen", "Barchem", "Eefde", "Epse", "Exel", "Gorssel", "Harfsen", "Joppe",
                          "Kring van Dorth", "Laren", "Zwiep"])
    # the header copies the real extract: namespaces v20200601, object type and stand date
    head = parts["VBO"][0][:3000].decode()
    assert 'xmlns:Objecten="www.kadaster.nl/schemas/lvbag/imbag/objecten/v20200601"' in head
    assert "<sl:objectType>VBO</sl:objectType>" in head
    assert "<selecties-extract:StandTechnischeDatum>2026-12-01</selecties-extract:StandTechnischeDatum>" in head


def test_bag_edge_cases_present(delivery):
    out, _ = delivery
    parts = _bag_xml(out)
    vbos = list(_objects(parts["VBO"], "Verblijfsobject"))
    doelen = [tuple(d.text for d in v.findall("Objecten:gebruiksdoel", NS)) for v in vbos]
    assert any(len(d) > 1 for d in doelen)
    assert {"kantoorfunctie", "winkelfunctie"} <= {x for d in doelen for x in d}
    assert any(len(v.findall("Objecten:maaktDeelUitVan/Objecten-ref:PandRef", NS)) == 2 for v in vbos)
    assert any(len(v.findall("Objecten:heeftAlsNevenadres/Objecten-ref:NummeraanduidingRef", NS)) == 2 for v in vbos)
    vbo_status = Counter(v.find("Objecten:status", NS).text for v in vbos)
    assert vbo_status["Verblijfsobject gevormd"] > 0 and vbo_status["Verblijfsobject ingetrokken"] > 0
    pand_status = Counter(p.find("Objecten:status", NS).text for p in _objects(parts["PND"], "Pand"))
    assert pand_status["Bouw gestart"] > 0 and pand_status["Pand gesloopt"] > 0
    assert "9999" in {p.find("Objecten:oorspronkelijkBouwjaar", NS).text for p in _objects(parts["PND"], "Pand")}
    # several voorkomens of one object; every voorkomen its own bagObject with an ending except the last
    per_id = defaultdict(list)
    for v in vbos:
        vk = v.find("Objecten:voorkomen/Historie:Voorkomen", NS)
        per_id[v.find("Objecten:identificatie", NS).text].append(
            (int(vk.find("Historie:voorkomenidentificatie", NS).text), vk.find("Historie:eindGeldigheid", NS)))
    multi = [vs for vs in per_id.values() if len(vs) > 1]
    assert multi
    for vs in multi:
        assert [n for n, _ in vs] == list(range(1, len(vs) + 1))
        assert all(end is not None for _, end in vs[:-1]) and vs[-1][1] is None
    # a pand with several verblijfsobjecten (flats)
    vbos_per_pand = defaultdict(set)
    for v in vbos:
        for r in v.findall("Objecten:maaktDeelUitVan/Objecten-ref:PandRef", NS):
            vbos_per_pand[r.text].add(v.find("Objecten:identificatie", NS).text)
    assert max(len(s) for s in vbos_per_pand.values()) >= 4
    assert list(_objects(parts["LIG"], "Ligplaats")) and list(_objects(parts["STA"], "Standplaats"))


def test_brp_header_is_the_real_one(delivery, reference):
    out, _ = delivery
    path = next((out / "brp").glob("*.csv"))
    real = (reference / "brp" / "20220502_Testset_persoonslijsten_proefomgeving_GBA-V.csv").open("rb").readline()
    assert path.open("rb").readline() == real
    assert len(HEADER) == 257
    header, pls = _brp(out)
    assert all(len(r) == 257 for pl in pls for r in pl)


def test_brp_bsns_pass_elfproef_and_links_are_mutual(delivery):
    out, _ = delivery
    header, pls = _brp(out)
    col = {h: i for i, h in enumerate(header) if h}
    bsn_cols = [col[c] for c in ("01.01.20", "02.01.20", "03.01.20", "05.01.20", "09.01.20")]
    values = [r[i] for pl in pls for r in pl for i in bsn_cols if r[i]]
    assert values and all(elfproef_ok(v) for v in values)
    own = [pl[0][col["01.01.20"]] for pl in pls]
    assert len(own) == len(set(own))
    by_bsn = {pl[0][col["01.01.20"]]: pl for pl in pls}
    partners = 0
    for pl in pls:
        first = pl[0]
        p = first[col["05.01.20"]]
        if p and not first[col["05.07.10"]] and p in by_bsn:
            other = by_bsn[p][0]
            assert other[col["05.01.20"]] == first[col["01.01.20"]]
            partners += 1
        for c in ("02.01.20", "03.01.20"):
            parent = first[col[c]]
            if parent in by_bsn:
                kids = {r[col["09.01.20"]] for r in by_bsn[parent]}
                assert first[col["01.01.20"]] in kids
    assert partners > 50


def test_every_address_id_exists_in_bag(delivery):
    out, _ = delivery
    parts = _bag_xml(out)
    ao_ids = {e.text for t in ("VBO", "LIG", "STA") for e in _objects(parts[t], "identificatie")}
    num_ids = {e.text for e in _objects(parts["NUM"], "identificatie")}
    header, pls = _brp(out)
    col = {h: i for i, h in enumerate(header) if h}
    in_gemeente = [(r[col["08.11.80"]], r[col["08.11.90"]]) for pl in pls for r in pl
                   if r[col["08.09.10"]] == "0262" and r[col["08.11.80"]]]
    assert len(in_gemeente) > len(pls)  # current and earlier addresses
    assert all(a in ao_ids and n in num_ids for a, n in in_gemeente)
    with open(out / "woz" / "woz_20261201.csv", encoding="utf-8") as fh:
        woz = list(csv.DictReader(fh, delimiter=";"))
    assert {r["ADRESSEERBAAROBJECTID"] for r in woz} <= ao_ids
    brk = json.loads(next((out / "brk").glob("*.json")).read_text())
    brk_ids = {a["adresseerbaarObjectIdentificatie"] for z in brk["_embedded"]["kadastraalOnroerendeZaken"]
               for a in z["adressen"]}
    assert brk_ids <= ao_ids


def test_brp_history_moves_births_deaths(delivery):
    out, _ = delivery
    header, pls = _brp(out)
    col = {h: i for i, h in enumerate(header) if h}
    first = [pl[0] for pl in pls]
    assert sum(1 for r in first if r[col["06.08.10"]]) > 10  # deaths
    assert sum(1 for r in first if r[col["01.03.10"]] >= "20150101") > 10  # born in the period
    assert sum(1 for r in first if r[col["08.09.10"]] not in ("0262", "")) > 20  # moved out
    older = [r for pl in pls for r in pl[1:] if r[col["08.09.10"]]]
    assert any(r[col["08.09.10"]] != "0262" for r in older)  # came from another gemeente
    assert any(r[col["01.03.10"]].endswith("0000") for r in first)  # partly unknown birth dates
    # the H marker: '58' on an address occurrence followed by an older one
    for pl in pls:
        addr_rows = [r for r in pl if r[col["08.09.10"]]]
        assert [r[col["08.H"]] for r in addr_rows] == ["58"] * (len(addr_rows) - 1) + [""]


def test_woz_csv_layout(delivery):
    out, _ = delivery
    lines = (out / "woz" / "woz_20261201.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "WOZOBJECTNUMMER;ADRESSEERBAAROBJECTID;WAARDEPEILDATUM;VASTGESTELDEWAARDE;GEBRUIKSCODE;SOORTOBJECTCODE"
    rows = [line.split(";") for line in lines[1:]]
    assert all(re.fullmatch(r"0262\d{8}", r[0]) and re.fullmatch(r"01-01-20(19|2[0-5])", r[2]) for r in rows)
    assert all(r[3].isdigit() and 20000 <= int(r[3]) <= 5000000 for r in rows)
    assert {r[2][-4:] for r in rows} == {str(y) for y in range(2019, 2026)}
    # a WOZ object covering two verblijfsobjecten (n:m)
    per_obj = defaultdict(set)
    for r in rows:
        per_obj[r[0]].add(r[1])
    assert max(len(v) for v in per_obj.values()) >= 2
    data = json.loads(next((out / "woz").glob("woz_bevragen_*.json")).read_text())
    assert isinstance(data, list) and len(data) == 12
    assert all(re.fullmatch(r"0262\d{8}", o["identificatie"]) and o["waarden"] for o in data)


def test_brk_ownership_mix(delivery):
    out, _ = delivery
    brk = json.loads(next((out / "brk").glob("*.json")).read_text())
    zaken = brk["_embedded"]["kadastraalOnroerendeZaken"]
    woningen = [z for z in zaken if z.get("aardCultuurBebouwd", {}).get("code") != "14"]
    kinds = Counter()
    for z in woningen:
        p = z["_embedded"]["zakelijkGerechtigden"][0]
        if p["persoon"]["type"] == "ingeschreven_niet_natuurlijk_persoon":
            naam = p["_embedded"]["persoon"]["statutaireNaam"]
            kinds["corporatie" if "Viverion" in naam or "ieder1" in naam else "rechtspersoon"] += 1
        else:
            kinds["natuurlijk"] += 1
            assert elfproef_ok(p["persoon"]["identificatie"])
    assert 0.15 < kinds["corporatie"] / len(woningen) < 0.35
    assert 0.6 < kinds["natuurlijk"] / len(woningen) < 0.85
    # corporation RSINs are fictitious and deliberately fail the 11-proef (never mistaken for a BSN)
    rsins = {g["persoon"]["identificatie"] for z in zaken for g in z["_embedded"]["zakelijkGerechtigden"]
             if g["persoon"]["type"] == "ingeschreven_niet_natuurlijk_persoon"}
    assert rsins and not any(elfproef_ok(r) for r in rsins)


def test_generated_ids_are_valid():
    ids = Ids(262, "0262")
    bsns = [ids.bsn() for _ in range(2000)]
    assert len(set(bsns)) == 2000 and all(elfproef_ok(b) for b in bsns)
    for a in (ids.anummer() for _ in range(200)):
        d = [int(c) for c in a]
        assert len(a) == 10 and sum(d) % 11 == 5 and sum(x * 2 ** (9 - i) for i, x in enumerate(d)) % 11 == 0
        assert all(d[i] != d[i + 1] for i in range(9))
    assert elfproef_ok("111222333") and not elfproef_ok("111222334")
