"""silver.huishouden / huishouden_lid: households per verblijfsobject and peildatum, typed as CBS."""

from __future__ import annotations

import datetime as dt

from chispa import assert_df_equality
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.silver import huishouden

D = dt.date
PARTNER = T.StructType([T.StructField("partner_id", T.StringType()), T.StructField("soort_verbintenis", T.StringType()),
                        T.StructField("datum_aanvang", T.DateType()), T.StructField("datum_ontbinding", T.DateType())])
PERSOON = T.StructType([
    T.StructField("persoonslijst_id", T.StringType()), T.StructField("persoon_id", T.StringType()),
    T.StructField("overlijdensdatum", T.DateType()), T.StructField("ouder1_id", T.StringType()),
    T.StructField("ouder2_id", T.StringType()), T.StructField("partners", T.ArrayType(PARTNER)),
    T.StructField("kind_ids", T.ArrayType(T.StringType())),
])
VERBLIJF = T.StructType([
    T.StructField("persoonslijst_id", T.StringType()), T.StructField("persoon_id", T.StringType()),
    T.StructField("volgnummer", T.IntegerType()), T.StructField("adresseerbaar_object_identificatie", T.StringType()),
    T.StructField("functie_adres", T.StringType()), T.StructField("datum_aanvang", T.DateType()),
    T.StructField("datum_einde", T.DateType()),
])


def test_peildata(make_settings):
    s = make_settings(eerste_jaar=2022, laatste_peildatum=D(2024, 1, 1))
    assert huishouden.peildata(s) == [D(2022, 1, 1), D(2023, 1, 1), D(2024, 1, 1)]
    assert huishouden.peildata(s, D(2024, 5, 2)) == [D(2022, 1, 1), D(2023, 1, 1), D(2024, 1, 1), D(2024, 5, 2)]


def test_household_types(spark):
    persons = [
        ("A", "a", None, None, None, [("b", "H", D(2010, 1, 1), None)], ["c"]),
        ("B", "b", None, None, None, [], []),
        ("C", "c", None, None, None, [], []),  # child of A (known from A's category 09)
        ("D", "d", D(2023, 6, 1), None, None, [], []),  # dies in 2023
        ("E", "e", None, None, None, [], []),
        ("F", "f", None, "e", None, [], []),  # child of E (known from F's category 02)
        ("G", "g", None, None, None, [], []),
        ("H", "h", None, None, None, [], []),
        ("I", "i", None, None, None, [("j", "P", None, D(2020, 5, 1))], []),  # partnership dissolved in 2020
        ("J", "j", None, None, None, [], []),
        ("L", "l", None, None, None, [], []),  # briefadres only
    ]
    since = D(2015, 1, 1)
    stays = [
        ("A", "a", 0, "V1", "W", since, None), ("B", "b", 0, "V1", "W", since, None), ("C", "c", 0, "V1", None, since, None),
        ("D", "d", 0, "V2", "W", since, None), ("L", "l", 0, "V2", "B", since, None),
        ("E", "e", 0, "V3", "W", since, None), ("F", "f", 0, "V3", "W", since, None),
        ("G", "g", 0, "V4", "W", since, D(2024, 1, 1)),  # leaves on the peildatum itself: not counted then
        ("H", "h", 0, "V4", "W", since, None),
        ("I", "i", 0, "V5", "W", since, None), ("J", "j", 0, "V5", "W", since, None),
        ("A", "a", 1, "V9", "W", D(2000, 1, 1), since),  # an older address
    ]
    persoon = spark.createDataFrame(persons, PERSOON)
    verblijf = spark.createDataFrame(stays, VERBLIJF)
    leden = huishouden.build_leden(verblijf, persoon, [D(2019, 1, 1), D(2024, 1, 1)]).cache()
    got = huishouden.build(leden).drop("huishouden_id")
    rows = [
        (D(2019, 1, 1), "V1", "paar_met_kinderen", "Paar met kinderen", 3, 1),
        (D(2019, 1, 1), "V2", "eenpersoons", "Eenpersoonshuishouden", 1, 0),
        (D(2019, 1, 1), "V3", "eenouder", "Eenouderhuishouden", 2, 1),
        (D(2019, 1, 1), "V4", "overig", "Overig meerpersoonshuishouden", 2, 0),
        (D(2019, 1, 1), "V5", "paar_zonder_kinderen", "Paar zonder kinderen", 2, 0),
        (D(2024, 1, 1), "V1", "paar_met_kinderen", "Paar met kinderen", 3, 1),
        (D(2024, 1, 1), "V3", "eenouder", "Eenouderhuishouden", 2, 1),
        (D(2024, 1, 1), "V4", "eenpersoons", "Eenpersoonshuishouden", 1, 0),
        (D(2024, 1, 1), "V5", "overig", "Overig meerpersoonshuishouden", 2, 0),
    ]
    schema = T.StructType([
        T.StructField("peildatum", T.DateType()), T.StructField("adresseerbaar_object_identificatie", T.StringType()),
        T.StructField("huishoudtype", T.StringType()), T.StructField("huishoudtype_omschrijving", T.StringType()),
        T.StructField("aantal_personen", T.IntegerType()), T.StructField("aantal_kinderen", T.IntegerType()),
    ])
    assert_df_equality(got, spark.createDataFrame(rows, schema), ignore_row_order=True, ignore_nullable=True)
    roles = {(r.peildatum.year, r.persoonslijst_id): r.rol for r in leden.collect()}
    assert roles[(2024, "A")] == "partner" and roles[(2024, "C")] == "kind" and roles[(2024, "E")] == "ouder"
    assert roles[(2019, "D")] == "alleenstaand" and roles[(2019, "G")] == "overig"
    assert (2024, "D") not in roles and (2019, "L") not in roles
    ids = leden.where(F.col("peildatum") == D(2024, 1, 1)).where(F.col("adresseerbaar_object_identificatie") == "V1")
    assert ids.select("huishouden_id").distinct().count() == 1
