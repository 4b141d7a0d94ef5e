"""Consistency across the person and household gold tables, on one small silver world through the chain:
household types add up to the households (where nothing is suppressed), and the persons living in the
counted households add up to the population of gold.brp for the same peildatum and woonplaats."""

from pyspark.sql import functions as F

from bewoning_silver import D, obj, person, silver
from woonmonitor.gold import _bewoning as B
from woonmonitor.gold import brp, huishouden, huishoudtypes_per_woonplaats, woningtypes_huishoudtypes

P1, P2 = D(2023, 1, 1), D(2024, 1, 1)


def world(spark):
    persons, objects, types = [], [], {}
    for i in range(6):  # Lochem: 6 singles, 5 couples
        persons.append(person(f"LS{i}", f"LS{i}")); objects.append(obj(f"LS{i}")); types[f"LS{i}"] = "eenpersoons"
    for i in range(5):
        persons += [person(f"LC{i}a", f"LC{i}"), person(f"LC{i}b", f"LC{i}", geslacht="V")]
        objects.append(obj(f"LC{i}")); types[f"LC{i}"] = "paar_zonder_kinderen"
    for i in range(6):  # Barchem: 6 singles, 6 families of 3 (one arrives on 1 January 2024)
        persons.append(person(f"BS{i}", f"BS{i}", geslacht="V")); objects.append(obj(f"BS{i}", "3002"))
        types[f"BS{i}"] = "eenpersoons"
    for i in range(6):
        start = P2 if i == 5 else D(2000, 1, 1)
        persons += [person(f"BF{i}{k}", f"BF{i}", aanvang=start) for k in "abc"]
        objects.append(obj(f"BF{i}", "3002")); types[f"BF{i}"] = "paar_met_kinderen"
    return silver(spark, [P1, P2], persons, objects, types)


def test_households_and_persons_add_up(spark, settings):
    base = B.basis(world(spark), settings)
    pop = brp.build_from(base["bewoners"], settings)
    per_place = huishoudtypes_per_woonplaats.build_from(base["huishoudens"], base["bewoners"], settings)
    wt = woningtypes_huishoudtypes.build_from_huishoudens(base["huishoudens"], settings)
    mart = huishouden.build(per_place, pop)

    # 1. types add up to the total, per woonplaats and for the gemeente (nothing suppressed in this world)
    assert per_place.where("onderdrukt").count() == 0
    place = ["peildatum", "niveau", "woonplaats"]
    sums = per_place.groupBy(*place).agg(
        F.sum(F.when(F.col("huishoudtype") != "totaal", F.col("aantal_huishoudens"))).alias("parts"),
        F.max(F.when(F.col("huishoudtype") == "totaal", F.col("aantal_huishoudens"))).alias("total"),
    ).collect()
    assert {(r.peildatum, r.woonplaats): r.total for r in sums} == {
        (P1, "Lochem"): 11, (P1, "Barchem"): 11, (P1, None): 22, (P2, "Lochem"): 11, (P2, "Barchem"): 12, (P2, None): 23,
    }
    assert all(r.parts == r.total for r in sums)
    assert wt.where("onderdrukt").count() == 0
    wt_sums = wt.groupBy("peildatum", "woningtype").agg(
        F.sum(F.when(F.col("huishoudtype") != "totaal", F.col("aantal_huishoudens"))).alias("parts"),
        F.max(F.when(F.col("huishoudtype") == "totaal", F.col("aantal_huishoudens"))).alias("total"),
    ).collect()
    assert all(r.parts == r.total for r in wt_sums) and len(wt_sums) == 4
    # the mart's per-type columns add up too
    for r in mart.collect():
        assert r.aantal_eenpersoons + r.aantal_paar_zonder_kinderen + r.aantal_paar_met_kinderen + r.aantal_eenouder + r.aantal_overig == r.aantal_huishoudens

    # 2. persons in the counted households = the population of gold.brp, per peildatum and woonplaats
    in_households = (
        base["bewoners"].join(base["huishoudens"].select("peildatum", "adresseerbaar_object_identificatie"),
                              on=["peildatum", "adresseerbaar_object_identificatie"], how="inner")
        .groupBy("peildatum", "woonplaats").count().collect()
    )
    population = {
        (r.peildatum, r.woonplaats): r.aantal_personen
        for r in pop.where("geslacht = 'totaal' AND leeftijdsgroep = 'totaal' AND niveau = 'woonplaats'").collect()
    }
    assert {(r.peildatum, r.woonplaats): r["count"] for r in in_households} == population == {
        (P1, "Lochem"): 16, (P1, "Barchem"): 21, (P2, "Lochem"): 16, (P2, "Barchem"): 24,
    }
    # and the mart carries the same persons, with the mean size persons / households
    got = {(r.peildatum, r.woonplaats): (r.aantal_personen, r.gemiddelde_huishoudensgrootte) for r in mart.collect()}
    assert got == {
        (P1, "Lochem"): (16, 1.45), (P1, "Barchem"): (21, 1.91), (P1, None): (37, 1.68),
        (P2, "Lochem"): (16, 1.45), (P2, "Barchem"): (24, 2.0), (P2, None): (40, 1.74),
    }
