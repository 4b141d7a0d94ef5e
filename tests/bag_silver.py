"""Tiny hand-written silver BAG rows (only the columns gold uses) for the dwelling gold tests.

A small world used by several tests (peildata 2023-01-01, 2024-01-01, 2025-01-01):

* woonplaats 1000 Lochem; woonplaats 2000 named 'Laeren' until 2024-06-01, then 'Laren'.
* openbare ruimte O1 in 1000, O2 in 2000.
* V1 woning in gebruik since 2020, panden P1 (1930) and P5 (1920), address N1 (O1, 7241AA).
* V2 woning in gebruik from 2024-01-01 (boundary: counted on that day), pand P2 (2024), N2 (O1 but ligtIn 2000).
* V3 gevormd 2023-06-01, in gebruik from 2024-06-01, pand P2, N3 (O2).
* V4 woning in gebruik 2010 until exactly 2024-01-01, then ingetrokken; pand P3 (bouwjaar unknown), N4 (O1).
* V5 kantoor in gebruik (no woning), pand P1, N5 (O1).
* V6 woning buiten gebruik since 2000 without pand nor hoofdadres.
* V7 woning with two overlapping voorkomens (area 50, then 60: the newer wins), pand P4 whose only
  voorkomen ended in 2020 (bouwjaar 1950 taken from it), N7 (O2, postcode null).
"""

from __future__ import annotations

import datetime as dt

from woonmonitor.gold._voorraad import NUM, OPR, PAND, PEILDATA_SCHEMA, VBO, WPL

D = dt.date


def d(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def vbo(ident, vk, begin, eind, status, doelen=("woonfunctie",), opp=80, adres=None, panden=()):
    return (ident, vk, d(begin), d(eind), status, list(doelen), opp, adres, list(panden))


def pand(ident, vk, begin, eind, bouwjaar, status="Pand in gebruik"):
    return (ident, vk, d(begin), d(eind), status, bouwjaar)


def num(ident, vk, begin, eind, opr, ligt_in=None, postcode=None, status="Naamgeving uitgegeven", type_="Verblijfsobject"):
    return (ident, vk, d(begin), d(eind), status, postcode, type_, opr, ligt_in)


def opr(ident, vk, begin, eind, woonplaats, status="Naamgeving uitgegeven"):
    return (ident, vk, d(begin), d(eind), status, woonplaats)


def wpl(ident, vk, begin, eind, naam, status="Woonplaats aangewezen"):
    return (ident, vk, d(begin), d(eind), status, naam)


IN_GEBRUIK = "Verblijfsobject in gebruik"

VBO_ROWS = [
    vbo("V1", 1, "2020-01-01", None, IN_GEBRUIK, opp=100, adres="N1", panden=("P1", "P5")),
    vbo("V2", 1, "2023-03-01", "2024-01-01", "Verblijfsobject gevormd", opp=70, adres="N2", panden=("P2",)),
    vbo("V2", 2, "2024-01-01", None, IN_GEBRUIK, opp=70, adres="N2", panden=("P2",)),
    vbo("V3", 1, "2023-06-01", "2024-06-01", "Verblijfsobject gevormd", opp=50, adres="N3", panden=("P2",)),
    vbo("V3", 2, "2024-06-01", None, IN_GEBRUIK, opp=50, adres="N3", panden=("P2",)),
    vbo("V4", 1, "2010-01-01", "2024-01-01", IN_GEBRUIK, opp=90, adres="N4", panden=("P3",)),
    vbo("V4", 2, "2024-01-01", None, "Verblijfsobject ingetrokken", opp=90, adres="N4", panden=("P3",)),
    vbo("V5", 1, "2000-01-01", None, IN_GEBRUIK, doelen=("kantoorfunctie",), opp=300, adres="N5", panden=("P1",)),
    vbo("V6", 1, "2000-01-01", None, "Verblijfsobject buiten gebruik", opp=None, adres=None, panden=()),
    vbo("V7", 1, "2000-01-01", None, IN_GEBRUIK, opp=50, adres="N7", panden=("P4",)),
    vbo("V7", 2, "2022-01-01", None, IN_GEBRUIK, opp=60, adres="N7", panden=("P4",)),
]
PAND_ROWS = [
    pand("P1", 1, "1930-01-01", None, 1930),
    pand("P2", 1, "2023-01-01", "2024-01-01", 2024, status="Bouw gestart"),
    pand("P2", 2, "2024-01-01", None, 2024),
    pand("P3", 1, "1970-01-01", "2024-01-01", None),
    pand("P3", 2, "2024-01-01", None, None, status="Pand gesloopt"),
    pand("P4", 1, "1950-01-01", "2020-01-01", 1950),
    pand("P5", 1, "1920-01-01", None, 1920),
]
NUM_ROWS = [
    num("N1", 1, "2000-01-01", None, "O1", postcode="7241AA"),
    num("N2", 1, "2023-03-01", None, "O1", ligt_in="2000", postcode="7245BB"),
    num("N3", 1, "2023-06-01", None, "O2", postcode="7245CC"),
    num("N4", 1, "2000-01-01", "2024-01-01", "O1", postcode="7241AB"),
    num("N4", 2, "2024-01-01", None, "O1", postcode="7241AB", status="Naamgeving ingetrokken"),
    num("N5", 1, "2000-01-01", None, "O1", postcode="7241AA"),
    num("N7", 1, "2000-01-01", None, "O2", postcode=None),
]
OPR_ROWS = [opr("O1", 1, "1990-01-01", None, "1000"), opr("O2", 1, "1990-01-01", None, "2000")]
WPL_ROWS = [
    wpl("1000", 1, "1990-01-01", None, "Lochem"),
    wpl("2000", 1, "1990-01-01", "2024-06-01", "Laeren"),
    wpl("2000", 2, "2024-06-01", None, "Laren"),
]
PEILDATA = [D(2023, 1, 1), D(2024, 1, 1), D(2025, 1, 1)]


def frames(spark, vbo_rows=None, pand_rows=None, num_rows=None, opr_rows=None, wpl_rows=None, peildata=None):
    """(vbo, pand, num, opr, wpl, peildata) DataFrames of the small world, or of the given rows."""
    return (
        spark.createDataFrame(VBO_ROWS if vbo_rows is None else vbo_rows, VBO),
        spark.createDataFrame(PAND_ROWS if pand_rows is None else pand_rows, PAND),
        spark.createDataFrame(NUM_ROWS if num_rows is None else num_rows, NUM),
        spark.createDataFrame(OPR_ROWS if opr_rows is None else opr_rows, OPR),
        spark.createDataFrame(WPL_ROWS if wpl_rows is None else wpl_rows, WPL),
        spark.createDataFrame([(p,) for p in (PEILDATA if peildata is None else peildata)], PEILDATA_SCHEMA),
    )


# -- extra objects for the stock changes (programma_woningbouw), on top of the small world ----------------
# V8  kantoor -> woonfunctie on 2023-06-01 (transformation: overige toevoeging 2023), pand P6 (1960), N8 in 1000
# V9  woning whose address moves from 1000 to 2000 on 2024-03-01 (N9 gets ligtIn 2000)
# V10 woning until 2024-07-01, then 'ten onrechte opgevoerd' (overige onttrekking 2024), N10 in 1000
# V11 woning whose only voorkomen ends on 2024-02-01 without successor (sloop 2024), N11 in 2000
# V12 new object in the old pand P6 from 2024-05-01 (splitting: overige toevoeging 2024), N12 in 2000
# V13 woonfunctie -> kantoor on 2023-09-01 (overige onttrekking 2023), N13 in 1000
EXTRA_VBO_ROWS = [
    vbo("V8", 1, "2000-01-01", "2023-06-01", IN_GEBRUIK, doelen=("kantoorfunctie",), adres="N8", panden=("P6",)),
    vbo("V8", 2, "2023-06-01", None, IN_GEBRUIK, adres="N8", panden=("P6",)),
    vbo("V9", 1, "2000-01-01", None, IN_GEBRUIK, adres="N9", panden=("P6",)),
    vbo("V10", 1, "2000-01-01", "2024-07-01", IN_GEBRUIK, adres="N10", panden=("P6",)),
    vbo("V10", 2, "2024-07-01", None, "Verblijfsobject ten onrechte opgevoerd", adres="N10", panden=("P6",)),
    vbo("V11", 1, "2000-01-01", "2024-02-01", IN_GEBRUIK, adres="N11", panden=("P6",)),
    vbo("V12", 1, "2024-03-01", "2024-05-01", "Verblijfsobject gevormd", adres="N12", panden=("P6",)),
    vbo("V12", 2, "2024-05-01", None, IN_GEBRUIK, adres="N12", panden=("P6",)),
    vbo("V13", 1, "2000-01-01", "2023-09-01", IN_GEBRUIK, adres="N13", panden=("P6",)),
    vbo("V13", 2, "2023-09-01", None, IN_GEBRUIK, doelen=("kantoorfunctie",), adres="N13", panden=("P6",)),
]
EXTRA_PAND_ROWS = [pand("P6", 1, "1960-01-01", None, 1960)]
EXTRA_NUM_ROWS = [
    num("N8", 1, "2000-01-01", None, "O1", postcode="7241AC"),
    num("N9", 1, "2000-01-01", "2024-03-01", "O1", postcode="7241AD"),
    num("N9", 2, "2024-03-01", None, "O1", ligt_in="2000", postcode="7245DD"),
    num("N10", 1, "2000-01-01", None, "O1", postcode="7241AE"),
    num("N11", 1, "2000-01-01", None, "O2", postcode="7245EE"),
    num("N12", 1, "2024-03-01", None, "O2", postcode="7245FF"),
    num("N13", 1, "2000-01-01", None, "O1", postcode="7241AF"),
]


def extended_frames(spark, peildata=None):
    """The small world plus the EXTRA objects."""
    return frames(spark, VBO_ROWS + EXTRA_VBO_ROWS, PAND_ROWS + EXTRA_PAND_ROWS, NUM_ROWS + EXTRA_NUM_ROWS,
                  peildata=peildata)
