"""gold.woningbezetting from hand-written residents, dwellings and the linked gold totals."""

import datetime as dt

from chispa import assert_df_equality
from pyspark.sql import types as T

from test_gold_brp import SCHEMA as BRP
from test_gold_huishoudtypes_per_woonplaats import SCHEMA as PER_WOONPLAATS
from woonmonitor.gold import woningbezetting as W

P1, P2 = dt.date(2024, 1, 1), dt.date(2025, 1, 1)
NAMES = {"3001": "Lochem", "3002": "Barchem", "3003": "Almen", "3004": "Gorssel", "3005": "Eefde"}
#: woonplaats -> [(persons, oppervlakte) per woning]
DWELLINGS = {
    "3001": [(2, 100), (2, 100), (1, 100), (1, 100), (0, 100), (1, None)],  # 5 occupied, 7 persons, 1 empty
    "3003": [(1, 50)] * 6,
    "3005": [(1, 80)] * 8,
    "3002": [(2, 100), (1, 100), (0, 100)],  # 2 occupied, 3 persons: primary
    "3004": [(0, 70), (0, 70)],  # nobody: zeros are shown
}
SCHEMA = T.StructType(
    [
        T.StructField("peildatum", T.DateType()),
        T.StructField("gemeentecode", T.StringType()),
        T.StructField("niveau", T.StringType()),
        T.StructField("woonplaats_identificatie", T.StringType()),
        T.StructField("woonplaats", T.StringType()),
        T.StructField("aantal_woningen", T.LongType()),
        T.StructField("aantal_bewoonde_woningen", T.LongType()),
        T.StructField("aantal_leegstand_brp", T.LongType()),
        T.StructField("aantal_personen", T.LongType()),
        T.StructField("gemiddelde_woningbezetting", T.DoubleType()),
        T.StructField("m2_per_persoon", T.DoubleType()),
        T.StructField("onderdrukt", T.BooleanType()),
    ]
)


def inputs(spark):
    woningen, bewoners = [], []
    for p in (P1, P2):
        for w, dwellings in DWELLINGS.items():
            for i, (n, m2) in enumerate(dwellings):
                vbo = f"{w}-{i}"
                woningen.append((p, vbo, w, NAMES[w], m2))
                bewoners += [(p, vbo)] * n
    woningen_df = spark.createDataFrame(
        woningen, "peildatum date, adresseerbaar_object_identificatie string, woonplaats_identificatie string, "
                  "woonplaats string, oppervlakte int")
    bewoners_df = spark.createDataFrame(bewoners, "peildatum date, adresseerbaar_object_identificatie string")
    # linked totals: Barchem suppressed in both; Eefde's population suppressed in gold.brp on P2 only
    brp = spark.createDataFrame(
        [(p, "GM0262", "woonplaats", w, NAMES[w], "totaal", "totaal", None, None, (w == "3002") or (w == "3005" and p == P2))
         for p in (P1, P2) for w in NAMES],
        BRP,
    )
    hh = spark.createDataFrame(
        [(p, "GM0262", "woonplaats", w, NAMES[w], "totaal", "Totaal huishoudens", None, None, w == "3002")
         for p in (P1, P2) for w in NAMES],
        PER_WOONPLAATS,
    )
    return bewoners_df, woningen_df, brp, hh


def test_occupancy_and_row_suppression(spark, settings):
    got = W.build_from(*inputs(spark), settings)

    def row(p, w, woningen, bewoond=None, leeg=None, personen=None, bezetting=None, m2=None):
        niveau = "gemeente" if w is None else "woonplaats"
        return (p, "GM0262", niveau, w, NAMES.get(w), woningen, bewoond, leeg, personen, bezetting, m2, bewoond is None)

    gemeente = dict(bewoond=21, leeg=4, personen=24, bezetting=1.14, m2=67.0)  # 24/21; 1540 m² / 23 persons
    expected = [
        # P1: Barchem (2 occupied, 3 persons) hidden; alone it would be revealed by the gemeente row, so the
        # smallest other row (Lochem, 5 occupied) is hidden too. Gorssel's zeros show.
        row(P1, "3001", 6), row(P1, "3002", 3), row(P1, "3003", 6, 6, 0, 6, 1.0, 50.0),
        row(P1, "3005", 8, 8, 0, 8, 1.0, 80.0), row(P1, "3004", 2, 0, 2, 0, None, None), row(P1, None, 25, **gemeente),
        # P2: Eefde's population is suppressed in gold.brp, so its row is hidden here as well; with Barchem
        # that makes two hidden rows and Lochem shows: 7 persons / 5 occupied, 400 m² / 6 persons of known area
        row(P2, "3001", 6, 5, 1, 7, 1.4, 66.7), row(P2, "3002", 3), row(P2, "3003", 6, 6, 0, 6, 1.0, 50.0),
        row(P2, "3005", 8), row(P2, "3004", 2, 0, 2, 0, None, None), row(P2, None, 25, **gemeente),
    ]
    assert_df_equality(got, spark.createDataFrame(expected, SCHEMA), ignore_row_order=True, ignore_nullable=True)
