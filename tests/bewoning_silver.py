"""Tiny hand-written silver inputs for the gold person and household tests (gold._bewoning.lees_silver shape).

A test describes persons (where they live, from when), the households' types and the dwellings; this module
turns that into the silver frames, with only the columns the gold code reads. ``huishouden_lid`` is filled the
way silver builds it (a person is a member on peildatum p when aanvang <= p < einde), for every person whatever
the gemeente of registration: keeping the other gemeente's residents out is the gold code's job.
"""

from __future__ import annotations

import datetime as dt

from woonmonitor.gold import _bewoning as B
from woonmonitor.gold import _voorraad as V

D = dt.date
BEGIN = D(2000, 1, 1)
IN_GEBRUIK = "Verblijfsobject in gebruik"
WOONPLAATSEN = {"3001": "Lochem", "3002": "Barchem"}


def person(pl, vbo, geslacht="M", geboren=D(1990, 6, 1), aanvang=BEGIN, einde=None, gemeente="0262"):
    return dict(pl=pl, vbo=vbo, geslacht=geslacht, geboren=geboren, aanvang=aanvang, einde=einde, gemeente=gemeente)


def obj(vbo, woonplaats="3001", oppervlakte=100, pand=None, woonfunctie=True, status=IN_GEBRUIK):
    return dict(vbo=vbo, woonplaats=woonplaats, oppervlakte=oppervlakte, pand=pand or f"P{vbo}",
                woonfunctie=woonfunctie, status=status)


def silver(spark, peildata, persons, objects, types=None, woonplaatsen=WOONPLAATSEN):
    """The dict gold._bewoning.lees_silver returns. ``types``: {vbo: huishoudtype}; default eenpersoons for one
    member, else paar_zonder_kinderen."""
    types = types or {}
    leden = [
        (p, x["vbo"], x["pl"])
        for p in peildata
        for x in persons
        if x["aanvang"] <= p and (x["einde"] is None or p < x["einde"])
    ]
    members: dict = {}
    for p, vbo, _ in leden:
        members[(p, vbo)] = members.get((p, vbo), 0) + 1
    huishouden = [
        (p, vbo, types.get(vbo, "eenpersoons" if n == 1 else "paar_zonder_kinderen")) for (p, vbo), n in members.items()
    ]
    verblijf = [(x["pl"], x["vbo"], x["gemeente"], x["aanvang"], x["einde"]) for x in persons]
    persoon = [(x["pl"], x["geslacht"], x["geboren"]) for x in persons]
    vbo = [
        (o["vbo"], 1, BEGIN, None, o["status"], ["woonfunctie"] if o["woonfunctie"] else ["winkelfunctie"],
         o["oppervlakte"], f"NA{o['vbo']}", [o["pand"]])
        for o in objects
    ]
    panden = sorted({o["pand"] for o in objects})
    pand = [(p, 1, BEGIN, None, "Pand in gebruik", 1980) for p in panden]
    num = [(f"NA{o['vbo']}", 1, BEGIN, None, "Naamgeving uitgegeven", "7241AA", "Verblijfsobject", f"OR{o['woonplaats']}", None)
           for o in objects]
    opr = [(f"OR{w}", 1, BEGIN, None, "Naamgeving uitgegeven", w) for w in woonplaatsen]
    wpl = [(w, 1, BEGIN, None, "Woonplaats aangewezen", naam) for w, naam in woonplaatsen.items()]
    return {
        "leden": spark.createDataFrame(leden, B.LEDEN),
        "huishouden": spark.createDataFrame(huishouden, B.HUISHOUDEN),
        "verblijf": spark.createDataFrame(verblijf, B.VERBLIJF),
        "persoon": spark.createDataFrame(persoon, B.PERSOON),
        "bag": {
            "vbo": spark.createDataFrame(vbo, V.VBO),
            "pand": spark.createDataFrame(pand, V.PAND),
            "num": spark.createDataFrame(num, V.NUM),
            "opr": spark.createDataFrame(opr, V.OPR),
            "wpl": spark.createDataFrame(wpl, V.WPL),
            "lig": spark.createDataFrame([], B.ADRESOBJECT),
            "stand": spark.createDataFrame([], B.ADRESOBJECT),
        },
        "peil": spark.createDataFrame([(p,) for p in peildata], V.PEILDATA_SCHEMA),
    }


#: one peildatum of households (gold._bewoning.huishoudens rows) for the household table tests:
#: Lochem (3001): 6 eenpersoons (eengezinswoning), 5 paar zonder kinderen (appartement), 3 eenouder
#: (eengezinswoning); Barchem (3002): 7 eenpersoons, 8 paar zonder kinderen (eengezinswoning)
HH_PEIL = D(2024, 1, 1)
HH_MIX = [
    ("3001", "eenpersoons", "eengezinswoning", 6),
    ("3001", "paar_zonder_kinderen", "appartement", 5),
    ("3001", "eenouder", "eengezinswoning", 3),
    ("3002", "eenpersoons", "eengezinswoning", 7),
    ("3002", "paar_zonder_kinderen", "eengezinswoning", 8),
]


def huishoudens(spark, mix=HH_MIX, peildatum=HH_PEIL):
    from pyspark.sql import types as T

    rows = [(peildatum, f"{w}-{t}-{i}", w, t, wt) for w, t, wt, n in mix for i in range(n)]
    schema = T.StructType([T.StructField(c, T.DateType() if c == "peildatum" else T.StringType()) for c in
                           ("peildatum", "adresseerbaar_object_identificatie", "woonplaats_key", "huishoudtype", "woningtype")])
    return spark.createDataFrame(rows, schema)


def namen(spark, peildatum=HH_PEIL):
    """The woonplaats name columns of gold._bewoning.bewoners (all the household tables read from it)."""
    from pyspark.sql import types as T

    schema = T.StructType([T.StructField(c, T.DateType() if c == "peildatum" else T.StringType()) for c in
                           ("peildatum", "woonplaats_key", "woonplaats_identificatie", "woonplaats")])
    return spark.createDataFrame([(peildatum, w, w, n) for w, n in WOONPLAATSEN.items()], schema)
