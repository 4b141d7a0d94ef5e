"""gold.woningtypes_huishoudtypes: households per woningtype x huishoudtype, suppressed together with the
woonplaats face (gold.huishoudtypes_per_woonplaats) because both publish the gemeente's totals per type."""

from chispa import assert_df_equality
from pyspark.sql import types as T

from bewoning_silver import HH_PEIL, D, huishoudens, obj, person, silver
from woonmonitor.gold import woningtypes_huishoudtypes as W

SCHEMA = T.StructType(
    [
        T.StructField("peildatum", T.DateType()),
        T.StructField("gemeentecode", T.StringType()),
        T.StructField("woningtype", T.StringType()),
        T.StructField("huishoudtype", T.StringType()),
        T.StructField("huishoudtype_omschrijving", T.StringType()),
        T.StructField("aantal_huishoudens", T.LongType()),
        T.StructField("onderdrukt", T.BooleanType()),
    ]
)
LABEL = {"eenpersoons": "Eenpersoonshuishouden", "paar_zonder_kinderen": "Paar zonder kinderen",
         "eenouder": "Eenouderhuishouden", "totaal": "Totaal huishoudens"}


def rows(cells):
    return [(HH_PEIL, "GM0262", wt, ht, LABEL[ht], n, n is None) for wt, ht, n in cells]


def test_linked_faces_secondary_suppression(spark, settings):
    got = W.build_from_huishoudens(huishoudens(spark), settings)
    # By hand (see bewoning_silver.HH_MIX). Primary: the 3 eenouder households (Lochem, gemeente,
    # eengezinswoning). Rounds of secondary suppression over types, woningtypes and woonplaatsen:
    #  1: Lochem paar (5), gemeente eenpersoons (13; tie with paar 13 broken by name), eengezinswoning paar (8)
    #  2: Barchem paar (8), Lochem eenpersoons (6), eengezinswoning eenpersoons (13), appartement paar (5),
    #     Barchem eenpersoons (7), appartement totaal (5)
    #  3: eengezinswoning totaal (24); 4: nothing new.
    expected = rows([
        ("eengezinswoning", "eenpersoons", None), ("eengezinswoning", "paar_zonder_kinderen", None),
        ("eengezinswoning", "eenouder", None), ("eengezinswoning", "totaal", None),
        ("appartement", "paar_zonder_kinderen", None), ("appartement", "totaal", None),
        ("totaal", "eenpersoons", None), ("totaal", "paar_zonder_kinderen", 13),
        ("totaal", "eenouder", None), ("totaal", "totaal", 29),
    ])
    assert_df_equality(got, spark.createDataFrame(expected, SCHEMA), ignore_row_order=True, ignore_nullable=True)


def test_from_silver_geen_woning_and_other_gemeente(spark, settings):
    p = D(2024, 1, 1)
    # 5 one-person households in woningen, 5 at a shop (no woonfunctie: 'geen woning'), one household
    # of a person registered elsewhere (left out)
    persons = ([person(f"A{i}", f"A{i}") for i in range(5)] + [person(f"S{i}", f"S{i}") for i in range(5)]
               + [person("X", "A9", gemeente="0263")])
    objects = [obj(f"A{i}") for i in range(5)] + [obj(f"S{i}", woonfunctie=False) for i in range(5)] + [obj("A9")]
    got = W.build(silver(spark, [p], persons, objects), settings)
    expected = rows([
        ("eengezinswoning", "eenpersoons", 5), ("eengezinswoning", "totaal", 5),
        ("geen woning", "eenpersoons", 5), ("geen woning", "totaal", 5),
        ("totaal", "eenpersoons", 10), ("totaal", "totaal", 10),
    ])
    assert_df_equality(got, spark.createDataFrame(expected, SCHEMA), ignore_row_order=True, ignore_nullable=True)
