from chispa import assert_df_equality
from pyspark.sql import types as T

from cbs_silver import obs, silver
from woonmonitor.gold import aardgas

GM = "GM0262"


def e(maatstaf, regio, periode, woning, waarde):
    return obs("81528NED", maatstaf, regio, periode, waarde, Woningkenmerken=woning)


def test_gas_per_year_and_dwelling_type(spark, settings):
    rows = [
        e("GemiddeldAardgasverbruik_1", GM, "2022JJ00", "T001100", 1250),
        e("GemiddeldAardgasverbruik_1", GM, "2022JJ00", "ZW10320", 2010),
        e("GemiddeldAardgasverbruik_1", GM, "2023JJ00", "ZW25810", None),  # '.' in the source
        e("GemiddeldAardgasverbruik_1", GM, "2023JJ00", "XX99999", 900),  # unknown code: label = code
        e("GemiddeldeElektriciteitslevering_2", GM, "2022JJ00", "T001100", 2650),  # electricity: not here
        e("GemiddeldAardgasverbruik_1", "NL01", "2022JJ00", "T001100", 1060),  # Nederland: not here
    ]
    got = aardgas.build(silver(spark, rows), settings)
    schema = T.StructType(
        [T.StructField("jaar", T.IntegerType()), T.StructField("gemeentecode", T.StringType()),
         T.StructField("woningkenmerk_code", T.StringType()), T.StructField("woningkenmerk", T.StringType()),
         T.StructField("gemiddeld_aardgasverbruik_m3", T.DoubleType())]
    )
    expected = spark.createDataFrame(
        [
            (2022, GM, "T001100", "Totaal woningen", 1250.0),
            (2022, GM, "ZW10320", "Vrijstaande woning", 2010.0),
            (2023, GM, "ZW25810", "Appartement", None),
            (2023, GM, "XX99999", "XX99999", 900.0),
        ],
        schema,
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
