from chispa import assert_df_equality
from pyspark.sql import types as T

from cbs_silver import obs, silver
from woonmonitor.gold import elektriciteit

GM = "GM0262"


def e(maatstaf, regio, periode, woning, waarde):
    return obs("81528NED", maatstaf, regio, periode, waarde, Woningkenmerken=woning)


def test_electricity_per_year_and_dwelling_type(spark, settings):
    rows = [
        # an older table version with another suffix is the same measure
        e("GemiddeldeElektriciteitslevering_5", GM, "2021JJ00", "T001100", 2710),
        e("GemiddeldeElektriciteitslevering_2", GM, "2022JJ00", "T001100", 2650),
        e("GemiddeldeElektriciteitslevering_2", GM, "2022JJ00", "ZW25805", 0),
        e("GemiddeldAardgasverbruik_1", GM, "2022JJ00", "T001100", 1250),
        e("GemiddeldeElektriciteitslevering_2", "GM1859", "2022JJ00", "T001100", 2900),
    ]
    got = elektriciteit.build(silver(spark, rows), settings)
    schema = T.StructType(
        [T.StructField("jaar", T.IntegerType()), T.StructField("gemeentecode", T.StringType()),
         T.StructField("woningkenmerk_code", T.StringType()), T.StructField("woningkenmerk", T.StringType()),
         T.StructField("gemiddelde_elektriciteitslevering_kwh", T.DoubleType())]
    )
    expected = spark.createDataFrame(
        [
            (2021, GM, "T001100", "Totaal woningen", 2710.0),
            (2022, GM, "T001100", "Totaal woningen", 2650.0),
            (2022, GM, "ZW25805", "Tussenwoning", 0.0),
        ],
        schema,
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
