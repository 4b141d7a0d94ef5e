from chispa import assert_df_equality
from pyspark.sql import types as T

from cbs_silver import obs, silver
from woonmonitor.gold import bevolkingsgroei

GM = "GM0262"


def _rows(regio, periode, begin, geb, overl, vest, vertr, groei, einde, key_suffix="new"):
    # the current table version numbers measures _1.._15; an older one used other names/suffixes
    keys = {
        "new": ["BevolkingAanHetBeginVanDePeriode_1", "LevendGeborenKinderen_2", "Overledenen_3",
                "TotaleVestiging_4", "TotaalVertrekInclAdmCorrecties_7", "Bevolkingsgroei_11",
                "BevolkingAanHetEindeVanDePeriode_15"],
        "old": ["BevolkingAanHetBeginVanDePeriode_1", "Levendgeborenen_2", "Overledenen_3",
                "TotaleVestiging_4", "TotaalVertrekInclusiefAdministrat_7", "Bevolkingsgroei_14",
                "BevolkingAanHetEindeVanDePeriode_18"],
    }[key_suffix]
    values = [begin, geb, overl, vest, vertr, groei, einde]
    return [obs("37230ned", k, regio, periode, v) for k, v in zip(keys, values)]


def test_year_and_month_rows_by_key_not_position(spark, settings):
    rows = (
        _rows(GM, "2023JJ00", 34000, 250, 380, 1700, 1500, 70, 34070)
        # an older table version (other suffixes and names) still lands in the same columns
        + _rows(GM, "2024MM01", 34070, 20, 41, 130, 160, None, 34019, key_suffix="old")
        + _rows("NL01", "2023JJ00", 17811291, 1, 1, 1, 1, 1, 17942942)  # another region: left out
        + [obs("37230ned", "BevolkingAanHetBeginVanDePeriode_1", GM, "2023KW01", 1.0)]  # no quarters
        + [obs("03759ned", "BevolkingOp1Januari_1", GM, "2023JJ00", 5.0, Geslacht="3000")]  # other table
    )
    got = bevolkingsgroei.build(silver(spark, rows), settings)
    cols = ["jaar", "maand", "periode", "gemeentecode", "bevolking_begin", "levend_geborenen", "overledenen",
            "gevestigd", "vertrokken", "bevolkingsgroei", "bevolking_einde", "natuurlijke_aanwas",
            "migratiesaldo", "immigratie"]
    schema = T.StructType(
        [T.StructField("jaar", T.IntegerType()), T.StructField("maand", T.IntegerType()),
         T.StructField("periode", T.StringType()), T.StructField("gemeentecode", T.StringType())]
        + [T.StructField(c, T.LongType()) for c in cols[4:]]
    )
    expected = spark.createDataFrame(
        [
            (2023, None, "2023JJ00", GM, 34000, 250, 380, 1700, 1500, 70, 34070, -130, 200, None),
            # growth not delivered (null) stays null; the derived figures are still computed
            (2024, 1, "2024MM01", GM, 34070, 20, 41, 130, 160, None, 34019, -21, -30, None),
        ],
        schema,
    )
    assert_df_equality(got.select(cols), expected, ignore_row_order=True, ignore_nullable=True)


def test_contract_columns(spark, settings):
    got = bevolkingsgroei.build(silver(spark, []), settings)
    assert got.columns == [
        "jaar", "maand", "periode", "periode_type", "gemeentecode", "bevolking_begin", "levend_geborenen",
        "overledenen", "gevestigd", "gevestigd_uit_andere_gemeente", "immigratie", "vertrokken",
        "vertrokken_naar_andere_gemeente", "bevolkingsgroei", "bevolking_einde", "natuurlijke_aanwas",
        "migratiesaldo",
    ]
    assert got.count() == 0
