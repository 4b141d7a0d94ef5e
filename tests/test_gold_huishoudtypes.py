"""gold.huishoudtypes: the gemeente rows of gold.huishoudtypes_per_woonplaats (hand-written gold input)."""

import datetime as dt

from chispa import assert_df_equality

from test_gold_huishoudtypes_per_woonplaats import SCHEMA as PER_WOONPLAATS
from woonmonitor.gold import huishoudtypes

P = dt.date(2024, 1, 1)


def test_gemeente_rows_only(spark):
    source = spark.createDataFrame(
        [
            (P, "GM0262", "woonplaats", "3001", "Lochem", "eenpersoons", "Eenpersoonshuishouden", None, None, True),
            (P, "GM0262", "gemeente", None, None, "eenpersoons", "Eenpersoonshuishouden", None, None, True),
            (P, "GM0262", "gemeente", None, None, "paar_zonder_kinderen", "Paar zonder kinderen", 13, 44.8, False),
            (P, "GM0262", "gemeente", None, None, "totaal", "Totaal huishoudens", 29, 100.0, False),
        ],
        PER_WOONPLAATS,
    )
    got = huishoudtypes.build(source)
    expected = source.where("niveau = 'gemeente'").drop("niveau", "woonplaats_identificatie", "woonplaats")
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
    assert [r.aantal_huishoudens for r in got.orderBy("huishoudtype").collect()] == [None, 13, 29]
