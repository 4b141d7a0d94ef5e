from chispa import assert_df_equality
from pyspark.sql import types as T

from cbs_silver import obs, silver
from woonmonitor.gold import gemeente_nederland

GM = "GM0262"
GAS = "GemiddeldAardgasverbruik_1"
EL = "GemiddeldeElektriciteitslevering_2"


def e(maatstaf, regio, periode, woning, waarde):
    return obs("81528NED", maatstaf, regio, periode, waarde, Woningkenmerken=woning)


def test_gemeente_beside_nederland(spark, settings):
    rows = [
        e(GAS, GM, "2022JJ00", "T001100", 1250), e(GAS, "NL01", "2022JJ00", "T001100", 1000),
        e(EL, GM, "2022JJ00", "T001100", 2650), e(EL, "NL01", "2022JJ00", "T001100", 2700),
        e(GAS, GM, "2023JJ00", "T001100", 1100),  # no national figure delivered
        e(GAS, "NL01", "2023JJ00", "ZW25810", 0),  # national zero: no percentage
        e(GAS, "PV25", "2022JJ00", "T001100", 1300),  # a province: not here
    ]
    got = gemeente_nederland.build(silver(spark, rows), settings)
    schema = T.StructType(
        [T.StructField("jaar", T.IntegerType()), T.StructField("gemeentecode", T.StringType()),
         T.StructField("energiedrager", T.StringType()), T.StructField("eenheid", T.StringType()),
         T.StructField("woningkenmerk_code", T.StringType()), T.StructField("woningkenmerk", T.StringType()),
         T.StructField("gemeente", T.DoubleType()), T.StructField("nederland", T.DoubleType()),
         T.StructField("verschil", T.DoubleType()), T.StructField("verschil_pct", T.DoubleType())]
    )
    expected = spark.createDataFrame(
        [
            (2022, GM, "aardgas", "m3", "T001100", "Totaal woningen", 1250.0, 1000.0, 250.0, 25.0),
            (2022, GM, "elektriciteit", "kWh", "T001100", "Totaal woningen", 2650.0, 2700.0, -50.0, -1.9),
            (2023, GM, "aardgas", "m3", "T001100", "Totaal woningen", 1100.0, None, None, None),
            (2023, GM, "aardgas", "m3", "ZW25810", "Appartement", None, 0.0, None, None),
        ],
        schema,
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
