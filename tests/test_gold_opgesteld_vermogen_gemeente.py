from chispa import assert_df_equality
from pyspark.sql import types as T

from cbs_silver import obs, silver
from woonmonitor.gold import opgesteld_vermogen_gemeente

GM = "GM0262"
I, V = "Installaties_1", "OpgesteldVermogenVanZonnepanelen_2"


def z(maatstaf, periode, sector, waarde, regio=GM):
    return obs("85005NED", maatstaf, regio, periode, waarde, SectorEnVermogensklasse=sector)


def test_increase_against_previous_year_without_bridging_gaps(spark, settings):
    rows = [
        z(I, "2020JJ00", "E007037", 3000), z(V, "2020JJ00", "E007037", 12000),
        z(I, "2021JJ00", "E007037", 3400), z(V, "2021JJ00", "E007037", 14000.5),
        # 2022 missing: 2023's increase is not against 2021
        z(I, "2023JJ00", "E007037", 4100), z(V, "2023JJ00", "E007037", None),
        z(I, "2021JJ00", "T001081", 120), z(V, "2021JJ00", "T001081", 9000),
        z(I, "2021JJ00", "E007037", 999999, regio="NL01"),
    ]
    got = opgesteld_vermogen_gemeente.build(silver(spark, rows), settings)
    schema = T.StructType(
        [T.StructField("jaar", T.IntegerType()), T.StructField("gemeentecode", T.StringType()),
         T.StructField("sector_code", T.StringType()), T.StructField("sector", T.StringType()),
         T.StructField("installaties", T.LongType()), T.StructField("opgesteld_vermogen_kwp", T.DoubleType()),
         T.StructField("vermogen_omvormers_kw", T.DoubleType()), T.StructField("productie_mln_kwh", T.DoubleType()),
         T.StructField("toename_installaties", T.LongType()), T.StructField("toename_vermogen_kwp", T.DoubleType())]
    )
    bedrijven = "A-U Alle economische activiteiten"
    expected = spark.createDataFrame(
        [
            (2020, GM, "E007037", "Woningen", 3000, 12000.0, None, None, None, None),
            (2021, GM, "E007037", "Woningen", 3400, 14000.5, None, None, 400, 2000.5),
            (2023, GM, "E007037", "Woningen", 4100, None, None, None, None, None),
            (2021, GM, "T001081", bedrijven, 120, 9000.0, None, None, None, None),
        ],
        schema,
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
