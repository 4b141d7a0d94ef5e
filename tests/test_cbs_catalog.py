import csv

import pytest
from pyspark.sql import functions as F

from woonmonitor.sources import cbs_catalog as cat


def test_leeftijd_uit_code_boundaries():
    cases = {
        "10000": None, "10010": 0, "10100": 1, "10200": 2, "19900": 99, "19901": 100, "19905": 104,
        "22300": 105, "22000": None, " 10500 ": 5, "10150": None, "T001038": None, "": None, None: None,
    }
    assert {c: cat.leeftijd_uit_code(c) for c in cases} == cases
    assert all(cat.leeftijd_uit_code(cat.leeftijd_code(a)) == a for a in range(106))


def test_leeftijd_kolom_matches_python(spark):
    codes = ["10000", "10010", "10100", "19900", "19901", "19905", "22300", "22000", "10150", "T001038", None]
    df = spark.createDataFrame([(c,) for c in codes], "code string")
    got = {r.code: r.leeftijd for r in df.select("code", cat.leeftijd_kolom(F.col("code")).alias("leeftijd")).collect()}
    assert got == {c: cat.leeftijd_uit_code(c) for c in codes}


def test_catalog_matches_the_real_03759ned_file(reference):
    path = reference / "cbs" / "03759ned_raw_onbewerkt_GM0363_2019.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    t = cat.tabel("03759ned")
    assert tuple(rows[0]) == ("ID", *t.dimensie_keys, *t.maatstaf_keys)
    geslacht = {r[1].strip() for r in rows[1:]}
    assert geslacht == {c.code for c in t.dimensie("Geslacht").codes}
    ages = [cat.leeftijd_uit_code(r[2]) for r in rows[1:] if r[1].strip() == "T001038"]
    # 0..104 single years and 105+, each once; the total and 95+ give None
    assert sorted(a for a in ages if a is not None) == list(range(106))
    assert ages.count(None) == 2


def test_all_seven_tables_and_suffix_free_measures():
    assert sorted(cat.CATALOG) == ["03759NED", "37230NED", "81528NED", "81734NED", "81955NED", "84547NED", "85005NED"]
    for t in cat.TABELLEN:
        assert t.maatstaven and "Perioden" in t.dimensie_keys
        for m in t.maatstaven:
            assert m.key != m.maatstaf and m.key.startswith(m.maatstaf + "_")
    assert cat.tabel("37230ned").maatstaf("Levendgeborenen").key == "LevendGeborenKinderen_2"
    assert cat.zonder_suffix("BevolkingAanHetEindeVanDePeriode_15") == "BevolkingAanHetEindeVanDePeriode"
    with pytest.raises(KeyError, match="unknown CBS table"):
        cat.tabel("99999NED")


def test_check_against_data_properties_reports_changes():
    props = [
        {"Key": "Woningkenmerken", "Type": "Dimension"},
        {"Key": "RegioS", "Type": "GeoDimension"},
        {"Key": "Perioden", "Type": "TimeDimension"},
        {"Key": "GemiddeldAardgasverbruik_1", "Type": "Topic"},
        {"Key": "GemiddeldeElektriciteitslevering_3", "Type": "Topic"},
    ]
    assert cat.check_against_data_properties("81528NED", props) == [
        "81528NED: measure GemiddeldeElektriciteitslevering has key GemiddeldeElektriciteitslevering_3, "
        "catalog says GemiddeldeElektriciteitslevering_2"
    ]
    assert cat.check_against_data_properties("81528NED", props[:3]) == [
        "81528NED: measure GemiddeldAardgasverbruik not in DataProperties",
        "81528NED: measure GemiddeldeElektriciteitslevering not in DataProperties",
    ]
