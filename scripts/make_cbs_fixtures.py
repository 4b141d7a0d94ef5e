"""Write the committed CBS fixtures for Lochem (GM0262) of six tables into fixtures/landing/cbs/.

Tables 37230ned, 84547NED, 81528NED, 85005NED, 81734NED, 81955NED (03759ned has its own script,
make_cbs_03759ned_fixture.py). Each table gets exactly what ``woonmonitor fetch-cbs`` writes: the data as a
StatLine "onbewerkte dataset" CSV per region (``<tabel>_<regio>_fixture.csv``), ``<tabel>_DataProperties.json``
and one code list per dimension (``<tabel>_<Dimension>.json``), written with the fetch step's own writers.
Measure keys, titles, units and dimension codes come from woonmonitor.sources.cbs_catalog (only codes the
catalog marks as confirmed).

Figures: synthetic but realistic and internally consistent, pinned to the published Lochem anchors:
population 34,292 on 1 January 2024 and 34,314 at the end of 2024 (also 33,545 end 2016, 33,948 end
2020); dwelling stock (81955NED) 2016: 14,624 + 107 new -> 14,778, 2020: 15,096 + 75 -> 15,165,
2024: 15,567 + 71 -> 15,659. Every stock and population series adds up (begin + changes = end; the end
of a period is the begin of the next); 84547NED's totals equal 37230ned's moves between municipalities.
Years 2015-2025 (2024 "Nader voorlopig", 2025 "Voorlopig"); energy (81528NED) and solar power (85005NED)
are published with a lag and stop at 2024, as StatLine does (85005NED's 2024 production is '.', not yet
known). 81528NED also has the Netherlands (NL01), which the monitor compares Lochem with.
81734NED holds Lochem's flows with 12 municipalities only, not with all of them, so its sums are less
than 37230ned's totals. Deterministic: run it again and the files are byte-identical.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from woonmonitor.sources import cbs_catalog as cat  # noqa: E402
from woonmonitor.sources.cbs_odata import write_odata_json, write_onbewerkt_csv  # noqa: E402

OUT = ROOT / "fixtures" / "landing" / "cbs"
HOST = "https://opendata.cbs.nl/ODataApi/OData"
JAREN = range(2015, 2026)
MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")
REGIO = {"NL01": ("NL01  ", "Nederland"), "GM0262": ("GM0262", "Lochem")}


def status(jaar: int) -> str:
    return "Voorlopig" if jaar >= 2025 else "Nader voorlopig" if jaar == 2024 else "Definitief"


# ------------------------------------------------------------------------------------------- metadata


def data_properties(tabel: str, dims: list[tuple[str, str, str]], topics: list[tuple]) -> list[dict]:
    """dims: (key, title, type); topics: (key, title, unit, datatype, decimals)."""
    out, i = [], 0
    for key, title, kind in dims:
        entry = {"odata.type": f"Cbs.OData.{kind}", "ID": i, "Position": i, "ParentID": None, "Type": kind,
                 "Key": key, "Title": title, "Description": ""}
        if kind in ("GeoDimension", "TimeDimension"):
            entry["ReleasePolicy"] = True
        if kind == "GeoDimension":
            entry["MapYear"] = "2025"
        out.append(entry)
        i += 1
    for key, title, unit, datatype, decimals in topics:
        out.append({"odata.type": "Cbs.OData.Topic", "ID": i, "Position": i, "ParentID": None, "Type": "Topic",
                    "Key": key, "Title": title, "Description": "", "Datatype": datatype, "Unit": unit,
                    "Decimals": decimals, "Default": "Missing", "PresentationType": "Absolute"})
        i += 1
    return out


def catalog_topics(tabel: str, overrides: dict[str, tuple[str, int]] | None = None, extra: list[tuple] = ()) -> list[tuple]:
    """Topics from the catalog; ``overrides``: key -> (datatype, decimals) for non-integer measures."""
    overrides = overrides or {}
    topics = [(m.key, m.titel, m.eenheid, *overrides.get(m.key, ("Long", 0))) for m in cat.tabel(tabel).maatstaven]
    for item in extra:
        topics.insert(item[0], item[1])
    return topics


def code(key: str, title: str) -> dict:
    return {"Key": key, "Title": title, "Description": "", "CategoryGroupID": None}


def perioden(codes: list[str]) -> list[dict]:
    out = []
    for c in codes:
        jaar, soort, n = int(c[:4]), c[4:6], int(c[6:])
        title = str(jaar) if soort == "JJ" else f"{jaar} {MAANDEN[n - 1]}" if soort == "MM" else f"{jaar} {n}e kwartaal"
        out.append({"Key": c, "Title": title, "Description": "", "Status": status(jaar)})
    return out


def write_table(tabel: str, props: list[dict], code_lists: dict[str, list[dict]], data: dict[str, list[dict]]) -> None:
    write_odata_json(str(OUT / f"{tabel}_DataProperties.json"), f"{HOST}/{tabel}/$metadata#Cbs.OData.WebAPI.DataProperties", props)
    for dim, codes in code_lists.items():
        write_odata_json(str(OUT / f"{tabel}_{dim}.json"), f"{HOST}/{tabel}/$metadata#Cbs.OData.WebAPI.{dim}", codes)
    for regio, records in data.items():
        write_onbewerkt_csv(str(OUT / f"{tabel}_{regio}_fixture.csv"), records, props)
        print(f"  {tabel}_{regio}_fixture.csv: {len(records)} records")


def spread(total: int, weights: list[float]) -> list[int]:
    """Split an integer total over parts in proportion to weights; the parts add up exactly."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [int(r) if r >= 0 else -int(-r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: abs(raw[i] - parts[i]), reverse=True)
    step = 1 if total >= sum(parts) else -1
    for i in order[: abs(total - sum(parts))]:
        parts[i] += step
    return parts


# ------------------------------------------------------------------------------------------ 37230ned

#: population on 1 January (begin of the year); the last is the end of 2025
BEVOLKING_1_JANUARI = {2015: 33402, 2016: 33437, 2017: 33545, 2018: 33601, 2019: 33720, 2020: 33811, 2021: 33948,
                       2022: 34041, 2023: 34186, 2024: 34292, 2025: 34314, 2026: 34389}


def bevolking_componenten(rng: random.Random) -> dict[int, dict[str, int]]:
    """Per year: births, deaths, moves and migration that add up to the growth of BEVOLKING_1_JANUARI."""
    out = {}
    for jaar in JAREN:
        groei = BEVOLKING_1_JANUARI[jaar + 1] - BEVOLKING_1_JANUARI[jaar]
        geboren = 250 + rng.randint(-20, 20)
        overleden = 395 + rng.randint(-25, 25) + (45 if jaar in (2020, 2021, 2022) else 0)  # covid years
        immigratie = 190 + rng.randint(-25, 25) + (330 if jaar == 2022 else 90 if jaar in (2023, 2024) else 0)
        emigratie = 115 + rng.randint(-15, 15)
        vertrek = 1330 + rng.randint(-60, 60)
        correcties = rng.randint(-3, 3)
        vestiging = groei - geboren + overleden - immigratie + vertrek + emigratie - correcties
        out[jaar] = dict(geboren=geboren, overleden=overleden, vestiging=vestiging, immigratie=immigratie,
                         vertrek=vertrek, emigratie=emigratie, correcties=correcties)
    return out


def bevolking_record(begin: int, c: dict[str, int], begin_jaar: int, groei_sinds_januari: int) -> dict:
    groei = c["geboren"] - c["overleden"] + c["vestiging"] + c["immigratie"] - c["vertrek"] - c["emigratie"] + c["correcties"]
    return {
        "BevolkingAanHetBeginVanDePeriode_1": begin,
        "LevendGeborenKinderen_2": c["geboren"],
        "Overledenen_3": c["overleden"],
        "TotaleVestiging_4": c["vestiging"] + c["immigratie"],
        "VestigingVanuitEenAndereGemeente_5": c["vestiging"],
        "Immigratie_6": c["immigratie"],
        "TotaalVertrekInclAdmCorrecties_7": c["vertrek"] + c["emigratie"],
        "VertrekNaarAndereGemeente_8": c["vertrek"],
        "EmigratieInclusiefAdmCorrecties_9": c["emigratie"],
        "OverigeCorrecties_10": c["correcties"],
        "Bevolkingsgroei_11": groei,
        "BevolkingsgroeiRelatief_12": round(100 * groei / begin, 2),
        "BevolkingsgroeiSinds1Januari_13": groei_sinds_januari,
        "BevolkingsgroeiSinds1JanuariRela_14": round(100 * groei_sinds_januari / begin_jaar, 2),
        "BevolkingAanHetEindeVanDePeriode_15": begin + groei,
    }


def t37230ned(componenten: dict[int, dict[str, int]]) -> None:
    tabel = "37230ned"
    topics = catalog_topics(
        "37230NED",
        overrides={"BevolkingsgroeiRelatief_12": ("Double", 2)},
        extra=[(13, ("BevolkingsgroeiSinds1JanuariRela_14", "Bevolkingsgroei sinds 1 januari, relatief", "%", "Double", 2))],
    )
    props = data_properties(tabel, [("RegioS", "Regio's", "GeoDimension"), ("Perioden", "Perioden", "TimeDimension")], topics)
    # the months of a year: more deaths in winter, more moves in summer
    seizoen = {"geboren": [1.0] * 12, "overleden": [1.25, 1.15, 1.1, 1.0, 0.9, 0.85, 0.85, 0.85, 0.9, 1.0, 1.05, 1.2],
               "vestiging": [0.8, 0.8, 0.9, 0.9, 1.0, 1.1, 1.3, 1.3, 1.1, 1.0, 0.9, 0.9],
               "vertrek": [0.8, 0.8, 0.9, 0.9, 1.0, 1.1, 1.3, 1.3, 1.1, 1.0, 0.9, 0.9],
               "immigratie": [1.0] * 12, "emigratie": [1.0] * 12, "correcties": [1.0] * 12}
    records, codes, rid = [], [], 154 * 1000
    for jaar in JAREN:
        year = componenten[jaar]
        begin_jaar = BEVOLKING_1_JANUARI[jaar]
        months = {k: spread(v, seizoen[k]) for k, v in year.items()}
        rid += 1
        records.append({"ID": rid, "RegioS": "GM0262", "Perioden": f"{jaar}JJ00",
                        **bevolking_record(begin_jaar, year, begin_jaar, BEVOLKING_1_JANUARI[jaar + 1] - begin_jaar)})
        codes.append(f"{jaar}JJ00")
        begin = begin_jaar
        for m in range(12):
            c = {k: v[m] for k, v in months.items()}
            rid += 1
            rec = bevolking_record(begin, c, begin_jaar, 0)
            rec["BevolkingsgroeiSinds1Januari_13"] = rec["BevolkingAanHetEindeVanDePeriode_15"] - begin_jaar
            rec["BevolkingsgroeiSinds1JanuariRela_14"] = round(100 * rec["BevolkingsgroeiSinds1Januari_13"] / begin_jaar, 2)
            records.append({"ID": rid, "RegioS": "GM0262", "Perioden": f"{jaar}MM{m + 1:02d}", **rec})
            codes.append(f"{jaar}MM{m + 1:02d}")
            begin = rec["BevolkingAanHetEindeVanDePeriode_15"]
        assert begin == BEVOLKING_1_JANUARI[jaar + 1], (jaar, begin)
    write_table(tabel, props, {"RegioS": [code(*REGIO["GM0262"])], "Perioden": perioden(codes)}, {"GM0262": records})


# ------------------------------------------------------------------------------------------ 84547NED


def t84547ned(componenten: dict[int, dict[str, int]], rng: random.Random) -> None:
    tabel = "84547NED"
    t = cat.tabel(tabel)
    props = data_properties(tabel, [("Geslacht", "Geslacht", "Dimension"),
                                    ("Leeftijd31December", "Leeftijd (31 december)", "Dimension"),
                                    ("RegioS", "Regio's", "GeoDimension"), ("Perioden", "Perioden", "TimeDimension")],
                            catalog_topics(tabel))
    records, rid = [], 0
    for jaar in JAREN:
        c = componenten[jaar]
        binnen = 1780 + rng.randint(-90, 90)
        totaal = {"BinnenGemeentenVerhuisdePersonen_1": binnen, "GevestigdInDeGemeente_2": c["vestiging"],
                  "VertrokkenUitDeGemeente_3": c["vertrek"]}
        mannen = {k: round(v * (0.485 + rng.uniform(-0.01, 0.01))) for k, v in totaal.items()}
        for geslacht, values in ((cat.GESLACHT_TOTAAL, totaal), (cat.MANNEN, mannen),
                                 (cat.VROUWEN, {k: totaal[k] - mannen[k] for k in totaal})):
            rid += 1
            records.append({"ID": 9000 + rid, "Geslacht": geslacht, "Leeftijd31December": cat.LEEFTIJD_TOTAAL,
                            "RegioS": "GM0262", "Perioden": f"{jaar}JJ00", **values})
    code_lists = {
        "Geslacht": [code(c.code, c.titel) for c in t.dimensie("Geslacht").codes],
        "Leeftijd31December": [code(cat.LEEFTIJD_TOTAAL, "Totaal")],
        "RegioS": [code(*REGIO["GM0262"])],
        "Perioden": perioden([f"{j}JJ00" for j in JAREN]),
    }
    write_table(tabel, props, code_lists, {"GM0262": records})


# ------------------------------------------------------------------------------------------ 81528NED

#: average gas (m3) and electricity (kWh) per dwelling, all dwelling types, 2015..2024
ENERGIE = {
    "NL01": ([1350, 1340, 1310, 1270, 1220, 1170, 1210, 1010, 940, 910],
             [2810, 2790, 2770, 2740, 2700, 2660, 2590, 2440, 2360, 2290]),
    "GM0262": ([1640, 1630, 1590, 1540, 1480, 1410, 1460, 1220, 1130, 1090],
               [3150, 3090, 3020, 2950, 2860, 2740, 2610, 2400, 2280, 2190]),
}
#: dwelling type: factor on the average (gas, electricity); Lochem has many detached houses
WONINGTYPE_FACTOR = {"ZW10320": (1.42, 1.28), "ZW10300": (1.13, 1.09), "ZW25806": (0.94, 0.96),
                     "ZW25805": (0.84, 0.91), "ZW25810": (0.58, 0.66)}


def t81528ned() -> None:
    tabel = "81528NED"
    t = cat.tabel(tabel)
    props = data_properties(tabel, [("Woningkenmerken", "Woningkenmerken", "Dimension"),
                                    ("RegioS", "Regio's", "GeoDimension"), ("Perioden", "Perioden", "TimeDimension")],
                            catalog_topics(tabel))
    types = [c for c in t.dimensie("Woningkenmerken").codes if c.confirmed]
    jaren = range(2015, 2025)
    data = {}
    for n, regio in enumerate(("GM0262", "NL01")):
        gas, stroom = ENERGIE[regio]
        records = []
        for i, jaar in enumerate(jaren):
            for k, woningtype in enumerate(types):
                fg, fe = WONINGTYPE_FACTOR.get(woningtype.code, (1.0, 1.0))
                records.append({"ID": 100 * n + 10 * i + k + 1, "Woningkenmerken": woningtype.code,
                                "RegioS": REGIO[regio][0], "Perioden": f"{jaar}JJ00",
                                "GemiddeldAardgasverbruik_1": round(gas[i] * fg / 10) * 10,
                                "GemiddeldeElektriciteitslevering_2": round(stroom[i] * fe / 10) * 10})
        data[regio] = records
    code_lists = {
        "Woningkenmerken": [code(c.code, c.titel) for c in types],
        "RegioS": [code(*REGIO["NL01"]), code(*REGIO["GM0262"])],
        "Perioden": perioden([f"{j}JJ00" for j in jaren]),
    }
    write_table(tabel, props, code_lists, data)


# ------------------------------------------------------------------------------------------ 85005NED

#: Lochem, dwellings: installations and kWp at the end of each year 2015..2024; companies likewise
ZON_WONINGEN = ([1120, 1390, 1720, 2180, 2790, 3480, 4260, 5150, 6080, 6870],
                [3610, 4560, 5800, 7570, 9930, 12760, 16100, 20230, 24870, 28920])
ZON_BEDRIJVEN = ([58, 74, 96, 128, 167, 204, 236, 268, 297, 318],
                 [1480, 2010, 2950, 4880, 8120, 13640, 19870, 26150, 33420, 38260])


def t85005ned() -> None:
    tabel = "85005NED"
    t = cat.tabel(tabel)
    props = data_properties(tabel, [("SectorEnVermogensklasse", "Sector en vermogensklasse", "Dimension"),
                                    ("RegioS", "Regio's", "GeoDimension"), ("Perioden", "Perioden", "TimeDimension")],
                            catalog_topics(tabel, overrides={"ProductieVanZonnestroom_4": ("Double", 1)}))
    jaren = list(range(2015, 2025))

    def sector(series: tuple[list[int], list[int]]) -> list[tuple]:
        installaties, kwp = series
        out = []
        for i, jaar in enumerate(jaren):
            vorig = kwp[i - 1] if i else round(kwp[0] * 0.8)
            # production: ~0.88 kWh per Wp of the average capacity over the year (million kWh)
            out.append((installaties[i], kwp[i], round(kwp[i] * 0.86), round(0.88 * (kwp[i] + vorig) / 2 / 1000, 1)))
        return out

    per_sector = {cat.SECTOR_WONINGEN: sector(ZON_WONINGEN), cat.SECTOR_BEDRIJVEN: sector(ZON_BEDRIJVEN)}
    per_sector[cat.SECTOR_TOTAAL] = [
        (a[0] + b[0], a[1] + b[1], a[2] + b[2], round(a[3] + b[3], 1))
        for a, b in zip(per_sector[cat.SECTOR_WONINGEN], per_sector[cat.SECTOR_BEDRIJVEN])
    ]
    records, rid = [], 0
    for i, jaar in enumerate(jaren):
        for code_ in (cat.SECTOR_TOTAAL, cat.SECTOR_WONINGEN, cat.SECTOR_BEDRIJVEN):
            installaties, kwp, omvormers, productie = per_sector[code_][i]
            rid += 1
            records.append({"ID": 500 + rid, "SectorEnVermogensklasse": code_, "RegioS": "GM0262",
                            "Perioden": f"{jaar}JJ00", "Installaties_1": installaties,
                            "OpgesteldVermogenVanZonnepanelen_2": kwp, "OpgesteldVermogenOmvormers_3": omvormers,
                            # the latest year's production is not known yet: '.' in StatLine
                            "ProductieVanZonnestroom_4": None if jaar == 2024 else productie})
    code_lists = {
        "SectorEnVermogensklasse": [code(c.code, c.titel) for c in t.dimensie("SectorEnVermogensklasse").codes],
        "RegioS": [code(*REGIO["GM0262"])],
        "Perioden": perioden([f"{j}JJ00" for j in jaren]),
    }
    write_table(tabel, props, code_lists, {"GM0262": records})


# ------------------------------------------------------------------------------------------ 81734NED

#: neighbouring and large municipalities: (code, name, persons moving from Lochem to it per year, to Lochem)
STROMEN = [("GM0150", "Deventer", 150, 135), ("GM0153", "Enschede", 38, 22), ("GM0200", "Apeldoorn", 80, 74),
           ("GM0202", "Arnhem", 52, 31), ("GM0268", "Nijmegen", 46, 24), ("GM0285", "Voorst", 41, 44),
           ("GM0301", "Zutphen", 205, 226), ("GM0344", "Utrecht", 58, 27), ("GM0363", "Amsterdam", 44, 21),
           ("GM1735", "Hof van Twente", 37, 41), ("GM1859", "Berkelland", 40, 45), ("GM1876", "Bronckhorst", 66, 72)]


def t81734ned(rng: random.Random) -> None:
    tabel = "81734NED"
    props = data_properties(tabel, [("RegioVanVertrek", "Regio van vertrek", "GeoDimension"),
                                    ("RegioVanVestiging", "Regio van vestiging", "GeoDimension"),
                                    ("Perioden", "Perioden", "TimeDimension")], catalog_topics(tabel))
    records, rid = [], 0
    for jaar in JAREN:
        for gm, _naam, weg, naar in STROMEN:
            for vertrek, vestiging, n in (("GM0262", gm, weg), (gm, "GM0262", naar)):
                rid += 1
                records.append({"ID": 7000 + rid, "RegioVanVertrek": vertrek, "RegioVanVestiging": vestiging,
                                "Perioden": f"{jaar}JJ00",
                                "TussenGemeentenVerhuisdePersonen_1": max(0, n + rng.randint(-n // 5, n // 5))})
    gemeenten = sorted([("GM0262", "Lochem")] + [(gm, naam) for gm, naam, _a, _b in STROMEN])
    code_lists = {"RegioVanVertrek": [code(*g) for g in gemeenten], "RegioVanVestiging": [code(*g) for g in gemeenten],
                  "Perioden": perioden([f"{j}JJ00" for j in JAREN])}
    write_table(tabel, props, code_lists, {"GM0262": records})


# ------------------------------------------------------------------------------------------ 81955NED

#: dwellings: begin, new-built, other additions, demolished, other withdrawals, correction per year
WONINGVOORRAAD = {
    2015: (14531, 86, 14, 5, 2, 0), 2016: (14624, 107, 52, 4, 1, 0), 2017: (14778, 92, 18, 6, 2, 0),
    2018: (14880, 98, 16, 7, 3, 2), 2019: (14986, 94, 21, 4, 1, 0), 2020: (15096, 75, 3, 8, 1, 0),
    2021: (15165, 118, 22, 9, 2, 0), 2022: (15294, 131, 17, 5, 3, 0), 2023: (15434, 112, 27, 4, 2, 0),
    2024: (15567, 71, 29, 6, 2, 0), 2025: (15659, 104, 19, 5, 1, 0),
}


def t81955ned() -> None:
    tabel = "81955NED"
    props = data_properties(tabel, [("Gebruiksfunctie", "Gebruiksfunctie", "Dimension"),
                                    ("RegioS", "Regio's", "GeoDimension"), ("Perioden", "Perioden", "TimeDimension")],
                            catalog_topics(tabel))
    records, vorige_eind = [], None
    for i, jaar in enumerate(JAREN):
        begin, nieuw, toev, sloop, ontt, corr = WONINGVOORRAAD[jaar]
        assert vorige_eind in (None, begin), jaar
        saldo = nieuw + toev - sloop - ontt + corr
        vorige_eind = begin + saldo
        records.append({"ID": 6100 + i, "Gebruiksfunctie": cat.GEBRUIKSFUNCTIE_WONINGEN, "RegioS": "GM0262",
                        "Perioden": f"{jaar}JJ00", "BeginstandVoorraad_1": begin, "Nieuwbouw_2": nieuw,
                        "OverigeToevoeging_3": toev, "Sloop_4": sloop, "OverigeOnttrekking_5": ontt, "Correctie_6": corr,
                        "SaldoVoorraad_7": saldo, "EindstandVoorraad_8": begin + saldo})
    code_lists = {"Gebruiksfunctie": [code(cat.GEBRUIKSFUNCTIE_WONINGEN, "Woningen")],
                  "RegioS": [code(*REGIO["GM0262"])], "Perioden": perioden([f"{j}JJ00" for j in JAREN])}
    write_table(tabel, props, code_lists, {"GM0262": records})


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(262)
    componenten = bevolking_componenten(rng)
    t37230ned(componenten)
    t84547ned(componenten, rng)
    t81528ned()
    t85005ned()
    t81734ned(rng)
    t81955ned()


if __name__ == "__main__":
    main()
