from chispa import assert_df_equality
from pyspark.sql import types as T

from cbs_silver import obs, silver
from woonmonitor.gold import opgesteld_vermogen

GM = "GM0262"


def z(maatstaf, regio, periode, sector, waarde):
    return obs("85005NED", maatstaf, regio, periode, waarde, SectorEnVermogensklasse=sector)


def test_gemeente_and_nederland_by_sector(spark, settings):
    rows = [
        z("Installaties_1", GM, "2023JJ00", "E007161", 4000),
        z("OpgesteldVermogenVanZonnepanelen_2", GM, "2023JJ00", "E007161", 50000),
        z("ProductieVanZonnestroom_4", GM, "2023JJ00", "E007161", 40.5),
        z("Installaties_1", GM, "2023JJ00", "E007037", 0),  # zero installations: no average
        z("OpgesteldVermogenVanZonnepanelen_2", GM, "2023JJ00", "E007037", 0),
        z("Installaties_1", "NL01", "2023JJ00", "E007161", 2000000),
        z("OpgesteldVermogenVanZonnepanelen_2", "NL01", "2023JJ00", "E007161", 30000000),
        z("Installaties_1", "GM1859", "2023JJ00", "E007161", 10),  # another gemeente
    ]
    got = opgesteld_vermogen.build(silver(spark, rows), settings)
    schema = T.StructType(
        [T.StructField("jaar", T.IntegerType()), T.StructField("regio", T.StringType()),
         T.StructField("regio_soort", T.StringType()), T.StructField("sector_code", T.StringType()),
         T.StructField("sector", T.StringType()), T.StructField("installaties", T.LongType()),
         T.StructField("opgesteld_vermogen_kwp", T.DoubleType()),
         T.StructField("vermogen_per_installatie_kwp", T.DoubleType()),
         T.StructField("productie_mln_kwh", T.DoubleType())]
    )
    alle = "Alle economische activiteit en woningen"
    expected = spark.createDataFrame(
        [
            (2023, GM, "gemeente", "E007161", alle, 4000, 50000.0, 12.5, 40.5),
            (2023, GM, "gemeente", "E007037", "Woningen", 0, 0.0, None, None),
            (2023, "NL01", "nederland", "E007161", alle, 2000000, 30000000.0, 15.0, None),
        ],
        schema,
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
