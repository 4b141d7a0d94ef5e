"""Silver BAG: dedupe across deliveries, typing, state on a date, overlaps, and each table's contract.

Inputs are tiny hand-written bronze rows (bronze contract + lineage columns); the real-file facts are in
test_bronze_bag.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from chispa import assert_df_equality
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.bronze.bag import CONTRACTS
from woonmonitor.bronze.ingest import bronze_schema
from woonmonitor.silver import (
    bag_common, bag_gemeente_woonplaats, bag_ligplaats, bag_nummeraanduiding, bag_openbare_ruimte, bag_pand,
    bag_standplaats, bag_verblijfsobject, bag_woonplaats,
)

D = dt.date
LOAD_1 = dt.datetime(2024, 1, 2, 9, 0)
LOAD_2 = dt.datetime(2024, 2, 2, 9, 0)


def bronze_rows(spark, table, rows):
    """Bronze rows from dicts: unspecified contract columns are null (arrays empty), lineage filled in."""
    schema = bronze_schema(CONTRACTS[table])
    defaults = {
        "tijdstip_registratie": "2020-01-01T00:00:00.000", "deelbestand": "x.xml", "_source_file": "bag/x.zip",
        "_content_hash": "h", "_run_id": "r", "_load_time": LOAD_1, "_record_position": 0,
        "stand_technische_datum": D(2024, 1, 1),
    }
    data = []
    for row in rows:
        full = {**defaults, **row}
        data.append(tuple(full.get(f.name, [] if isinstance(f.dataType, T.ArrayType) else None) for f in schema.fields))
    return spark.createDataFrame(data, schema)


# the real verblijfsobject 0221010000330226 (Doesburg): four voorkomens, each closed one with eindRegistratie
VBO_HISTORY = [
    dict(identificatie="0221010000330226", voorkomenidentificatie=1, begin_geldigheid="2011-09-06", eind_geldigheid="2019-01-15",
         tijdstip_registratie="2011-09-06T15:49:09.000", eind_registratie="2019-01-15T15:18:40.000", oppervlakte=306,
         status="Verblijfsobject in gebruik", gebruiksdoelen=["woonfunctie"]),
    dict(identificatie="0221010000330226", voorkomenidentificatie=2, begin_geldigheid="2019-01-15", eind_geldigheid="2019-03-27",
         tijdstip_registratie="2019-01-15T15:18:40.000", eind_registratie="2019-03-29T08:14:36.000", oppervlakte=315,
         status="Verblijfsobject in gebruik", gebruiksdoelen=["woonfunctie"]),
    dict(identificatie="0221010000330226", voorkomenidentificatie=3, begin_geldigheid="2019-03-27", eind_geldigheid="2019-11-19",
         tijdstip_registratie="2019-03-29T08:14:36.000", eind_registratie="2019-11-19T13:14:00.814", oppervlakte=223,
         status="Verblijfsobject in gebruik (niet ingemeten)", gebruiksdoelen=["woonfunctie"]),
    dict(identificatie="0221010000330226", voorkomenidentificatie=4, begin_geldigheid="2019-11-19",
         tijdstip_registratie="2019-11-19T13:14:00.814", oppervlakte=223, status="Verbouwing verblijfsobject",
         gebruiksdoelen=["woonfunctie"]),
]


@pytest.fixture(scope="module")
def vbo_silver(spark):
    return bag_verblijfsobject.build(bronze_rows(spark, "bag_verblijfsobject", VBO_HISTORY)).cache()


def voorkomens_on(df, *args):
    return sorted((r.identificatie, r.voorkomenidentificatie) for r in bag_common.state_on(df, *args).collect())


@pytest.mark.parametrize(
    "peildatum, expected",
    [
        ("2011-09-05", []),  # before the first voorkomen
        ("2011-09-06", [1]),  # begin is inclusive
        ("2019-01-14", [1]),
        ("2019-01-15", [2]),  # end is exclusive: the next voorkomen starts that day
        ("2019-11-18", [3]),
        ("2019-11-19", [4]),
        ("2030-01-01", [4]),  # open end
    ],
)
def test_state_on_boundary_dates(vbo_silver, peildatum, expected):
    assert voorkomens_on(vbo_silver, peildatum) == [("0221010000330226", v) for v in expected]


def test_state_on_as_known_at_an_earlier_moment(vbo_silver):
    # on 1 February 2019 voorkomen 2 was registered and open-ended; voorkomen 3 came only on 29 March 2019
    assert voorkomens_on(vbo_silver, D(2019, 6, 1), "2019-02-01 00:00:00") == [("0221010000330226", 2)]
    # a moment before voorkomen 2 was registered: voorkomen 1 was still open then
    assert voorkomens_on(vbo_silver, D(2019, 6, 1), "2019-01-15 15:00:00") == [("0221010000330226", 1)]
    # before anything was registered, nothing is known
    assert voorkomens_on(vbo_silver, D(2019, 6, 1), "2011-01-01 00:00:00") == []
    # as known now, the date is covered by voorkomen 3
    assert voorkomens_on(vbo_silver, D(2019, 6, 1)) == [("0221010000330226", 3)]


def test_state_on_with_a_date_column(spark, vbo_silver):
    dates = spark.createDataFrame([(D(2019, 1, 15),), (D(2010, 1, 1),)], "peildatum date")
    joined = vbo_silver.crossJoin(dates)
    got = sorted((r.peildatum, r.voorkomenidentificatie) for r in bag_common.state_on(joined, F.col("peildatum")).collect())
    assert got == [(D(2019, 1, 15), 2)]


def test_verblijfsobject_contract_typing_and_is_woning(spark):
    rows = [
        VBO_HISTORY[3],
        dict(identificatie="0262010000000001", voorkomenidentificatie=1, begin_geldigheid="2020-05-01", gebruiksdoelen=["winkelfunctie", "woonfunctie"],
             pand_identificaties=["0262100000000001", "0262100000000002"], nevenadres_identificaties=["0262200000000009"],
             hoofdadres_identificatie="0262200000000001", geconstateerd="J", geometrie_wkt="POINT (1 2)", documentdatum="2020-05-01"),
        dict(identificatie="0262010000000002", voorkomenidentificatie=1, begin_geldigheid="2020-05-01", gebruiksdoelen=["winkelfunctie"],
             geconstateerd="N"),
    ]
    got = bag_verblijfsobject.build(bronze_rows(spark, "bag_verblijfsobject", rows))
    assert got.columns == [
        "identificatie", "voorkomenidentificatie", "begin_geldigheid", "eind_geldigheid", "tijdstip_registratie",
        "eind_registratie", "tijdstip_registratie_lv", "tijdstip_eind_registratie_lv", "status", "geconstateerd",
        "documentdatum", "documentnummer", "gebruiksdoelen", "oppervlakte", "hoofdadres_identificatie",
        "nevenadres_identificaties", "pand_identificaties", "geometrie_wkt", "is_woning", "stand_technische_datum",
    ]
    types = {f.name: f.dataType.simpleString() for f in got.schema.fields}
    assert (types["identificatie"], types["begin_geldigheid"], types["tijdstip_registratie"], types["gebruiksdoelen"]) == (
        "string", "date", "timestamp_ntz", "array<string>")
    result = {r.identificatie: r for r in got.collect()}
    assert result["0221010000330226"].tijdstip_registratie == dt.datetime(2019, 11, 19, 13, 14, 0, 814000)
    assert result["0221010000330226"].eind_geldigheid is None
    assert result["0221010000330226"].is_woning is True
    assert result["0262010000000001"].is_woning is True  # woonfunctie among several gebruiksdoelen
    assert result["0262010000000001"].geconstateerd is True
    assert result["0262010000000001"].pand_identificaties == ["0262100000000001", "0262100000000002"]
    assert result["0262010000000002"].is_woning is False
    assert result["0262010000000002"].begin_geldigheid == D(2020, 5, 1)


def test_latest_delivery_wins(spark):
    old = dict(identificatie="0262010000000001", voorkomenidentificatie=1, begin_geldigheid="2020-05-01", oppervlakte=80,
               stand_technische_datum=D(2024, 1, 1), _load_time=LOAD_2)
    new = dict(old, eind_geldigheid="2024-03-01", oppervlakte=81, stand_technische_datum=D(2024, 4, 1), _load_time=LOAD_1)
    other = dict(old, voorkomenidentificatie=2, begin_geldigheid="2024-03-01", oppervlakte=90)
    same_day_later_load = dict(other, oppervlakte=91, _load_time=LOAD_2 + dt.timedelta(days=1))
    got = bag_verblijfsobject.build(bronze_rows(spark, "bag_verblijfsobject", [old, new, other, same_day_later_load]))
    # the extract of 1 April wins although loaded earlier; for equal extract dates the later load wins
    assert sorted((r.voorkomenidentificatie, r.oppervlakte, r.eind_geldigheid) for r in got.collect()) == [
        (1, 81, D(2024, 3, 1)), (2, 91, None)]


def test_pand_bouwjaar_9999_becomes_null(spark):
    rows = [
        dict(identificatie="0221100000312938", voorkomenidentificatie=1, begin_geldigheid="1995-01-18", oorspronkelijk_bouwjaar=9999),
        dict(identificatie="0221100000312938", voorkomenidentificatie=2, begin_geldigheid="2011-06-30", oorspronkelijk_bouwjaar=1585),
        dict(identificatie="0221100000312939", voorkomenidentificatie=1, begin_geldigheid="2011-06-30", oorspronkelijk_bouwjaar=None),
    ]
    got = bag_pand.build(bronze_rows(spark, "bag_pand", rows)).select("identificatie", "voorkomenidentificatie", "oorspronkelijk_bouwjaar")
    expected = spark.createDataFrame(
        [("0221100000312938", 1, None), ("0221100000312938", 2, 1585), ("0221100000312939", 1, None)],
        "identificatie string, voorkomenidentificatie int, oorspronkelijk_bouwjaar int",
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)


def test_other_object_tables_keep_their_attributes(spark):
    num = bag_nummeraanduiding.build(bronze_rows(spark, "bag_nummeraanduiding", [dict(
        identificatie="0262200000000001", voorkomenidentificatie=1, begin_geldigheid="2009-01-20", huisnummer=12, huisletter="a",
        huisnummertoevoeging="bis", postcode="7241AB", type_adresseerbaar_object="Verblijfsobject",
        openbare_ruimte_identificatie="0262300000000001")]))
    assert num.select("huisnummer", "huisletter", "huisnummertoevoeging", "postcode", "type_adresseerbaar_object",
                      "openbare_ruimte_identificatie", "woonplaats_identificatie").collect() == [
        (12, "a", "bis", "7241AB", "Verblijfsobject", "0262300000000001", None)]
    opr = bag_openbare_ruimte.build(bronze_rows(spark, "bag_openbare_ruimte", [dict(
        identificatie="0262300000000001", voorkomenidentificatie=1, begin_geldigheid="2009-01-20", naam="Markt", type="Weg",
        woonplaats_identificatie="1234")]))
    assert opr.select("naam", "type", "woonplaats_identificatie", "verkorte_naam").collect() == [("Markt", "Weg", "1234", None)]
    wpl = bag_woonplaats.build(bronze_rows(spark, "bag_woonplaats", [dict(
        identificatie="1234", voorkomenidentificatie=1, begin_geldigheid="2009-01-20", naam="Lochem")]))
    assert wpl.select("identificatie", "naam").collect() == [("1234", "Lochem")]
    for module, table in ((bag_ligplaats, "bag_ligplaats"), (bag_standplaats, "bag_standplaats")):
        plaats = module.build(bronze_rows(spark, table, [dict(
            identificatie="0262020000000001", voorkomenidentificatie=1, begin_geldigheid="2010-01-26",
            hoofdadres_identificatie="0262200000000002", geometrie_wkt="POLYGON ((0 0, 1 0, 1 1, 0 0))")]))
        assert plaats.select("identificatie", "hoofdadres_identificatie", "nevenadres_identificaties").collect() == [
            ("0262020000000001", "0262200000000002", [])]


def test_gemeente_woonplaats_and_woonplaatsen_van_gemeente(spark):
    rows = [
        dict(gemeente_identificatie="0262", woonplaats_identificatie="1001", begin_geldigheid="2005-01-01"),
        dict(gemeente_identificatie="0262", woonplaats_identificatie="1002", begin_geldigheid="2005-01-01", eind_geldigheid="2019-01-01"),
        dict(gemeente_identificatie="0262", woonplaats_identificatie="1003", begin_geldigheid="2019-01-01"),
        dict(gemeente_identificatie="0263", woonplaats_identificatie="1002", begin_geldigheid="2019-01-01"),
    ]
    silver = bag_gemeente_woonplaats.build(bronze_rows(spark, "bag_gemeente_woonplaats", rows))
    def on(day):
        return sorted(r.woonplaats_identificatie for r in bag_common.woonplaatsen_van_gemeente(silver, "0262", day).collect())
    assert on("2018-12-31") == ["1001", "1002"]
    assert on("2019-01-01") == ["1001", "1003"]  # 1002 moved to gemeente 0263 that day


def test_overlapping_voorkomens(spark):
    def vk(ident, nr, begin, eind=None):
        return dict(identificatie=ident, voorkomenidentificatie=nr, begin_geldigheid=begin, eind_geldigheid=eind)
    rows = [
        *VBO_HISTORY,  # consecutive: no overlap
        vk("0262010000000001", 1, "2010-01-01"),  # open, never closed ...
        vk("0262010000000001", 2, "2015-01-01", "2016-01-01"),  # ... so this one overlaps
        vk("0262010000000001", 3, "2017-01-01"),  # ... and this one too, two rows after the open one
        vk("0262010000000002", 1, "2010-01-01", "2012-01-01"),
        vk("0262010000000002", 2, "2012-01-01", "2012-01-01"),  # empty same-day voorkomen: no overlap
        vk("0262010000000002", 3, "2011-06-01", "2012-01-01"),  # starts before 1 ends
    ]
    silver = bag_verblijfsobject.build(bronze_rows(spark, "bag_verblijfsobject", rows))
    got = bag_common.overlapping_voorkomens(silver)
    expected = spark.createDataFrame(
        [("0262010000000001", 2, D(2015, 1, 1), D(2016, 1, 1), None),
         ("0262010000000001", 3, D(2017, 1, 1), None, None),
         ("0262010000000002", 3, D(2011, 6, 1), D(2012, 1, 1), D(2012, 1, 1))],
        "identificatie string, voorkomenidentificatie int, begin_geldigheid date, eind_geldigheid date, overlapt_tot date",
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)


def test_run_writes_every_silver_table_from_bronze(spark, settings):
    from woonmonitor.tables import append_table, read_table

    append_table(bronze_rows(spark, "bag_verblijfsobject", VBO_HISTORY + [dict(VBO_HISTORY[0], _load_time=LOAD_2)]),
                 settings, "bronze", "bag_verblijfsobject")
    assert bag_verblijfsobject.run(spark, settings) == 4
    # tables never delivered give empty silver tables with the contract's columns
    assert bag_pand.run(spark, settings) == 0
    assert "oorspronkelijk_bouwjaar" in read_table(spark, settings, "silver", "bag_pand").columns
