"""gold.reconciliatie: own BAG stock and BRP population beside CBS, with suppression of small person counts."""

from __future__ import annotations

from chispa import assert_approx_df_equality

from bag_silver import D, frames
from cbs_silver import obs, silver
from woonmonitor.gold import reconciliatie
from woonmonitor.gold._voorraad import woningen_op_peildata

J23, J24, J25 = D(2023, 1, 1), D(2024, 1, 1), D(2025, 1, 1)
T = {"Geslacht": "T001038", "Leeftijd": "10000", "BurgerlijkeStaat": "T001019"}


def test_reconciliation(spark, make_settings):
    settings = make_settings()  # GM0262, onderdrukken_tot 4
    verblijf = spark.createDataFrame([
        ("P1", "0262", D(2020, 1, 1), None, None),
        ("P2", "262", J23, J24, None),                    # counted on 2023-01-01, not on 2024-01-01
        ("P3", "0262", D(2010, 1, 1), None, None),         # died 2024-06-01
        ("P4", "0200", D(2010, 1, 1), None, None),         # another gemeente
        ("P5", "0262", D(2015, 1, 1), D(2024, 5, 1), None),
        ("P5", None, D(2024, 5, 1), None, "6030"),         # emigrated
        ("P6", "0262", D(2015, 1, 1), D(2023, 6, 1), None),  # moved within the gemeente: counted once
        ("P6", "0262", D(2023, 6, 1), None, None),
    ], reconciliatie.BRP_VERBLIJF)
    persoon = spark.createDataFrame([("P3", D(2024, 6, 1))], reconciliatie.BRP_PERSOON)
    cbs = silver(spark, [
        obs("81955NED", "BeginstandVoorraad_1", "GM0262", "2023JJ00", 5, Gebruiksfunctie="A045364"),
        obs("81955NED", "EindstandVoorraad_8", "GM0262", "2023JJ00", 6, Gebruiksfunctie="A045364"),
        obs("81955NED", "BeginstandVoorraad_1", "GM0262", "2024JJ00", None, Gebruiksfunctie="A045364"),  # '.'
        obs("81955NED", "BeginstandVoorraad_1", "GM0200", "2023JJ00", 999, Gebruiksfunctie="A045364"),
        obs("81955NED", "BeginstandVoorraad_1", "GM0262", "2023JJ00", 777, Gebruiksfunctie="A000000"),
        obs("81955NED", "BeginstandVoorraad_1", "GM0262", "2023KW01", 555, Gebruiksfunctie="A045364"),
        obs("03759NED", "BevolkingOp1Januari_1", "GM0262", "2023JJ00", 5, **T),
        obs("03759NED", "BevolkingOp1Januari_1", "GM0262", "2024JJ00", 7, **T),
        obs("03759NED", "BevolkingOp1Januari_1", "GM0262", "2024JJ00", 3, **{**T, "Geslacht": "3000"}),
        obs("37230NED", "BevolkingAanHetBeginVanDePeriode_1", "GM0262", "2023JJ00", 6),
        obs("37230NED", "BevolkingAanHetEindeVanDePeriode_15", "GM0262", "2023JJ00", 8),
        obs("37230NED", "BevolkingAanHetBeginVanDePeriode_1", "GM0262", "2024JJ00", 9),
        obs("37230NED", "BevolkingAanHetEindeVanDePeriode_15", "GM0262", "2024JJ00", 10),
        obs("37230NED", "BevolkingAanHetBeginVanDePeriode_1", "GM0262", "2024MM02", 11),
    ])
    vbo, pand, num, opr, wpl, peil = frames(spark)
    got = reconciliatie.build(woningen_op_peildata(vbo, pand, num, opr, wpl, peil), verblijf, persoon, cbs, peil, settings)
    w = ("woningvoorraad", "BAG", "81955NED", "BeginstandVoorraad")
    b1 = ("bevolking", "BRP", "03759NED", "BevolkingOp1Januari")
    b2 = ("bevolking", "BRP", "37230NED", "BevolkingAanHetBeginVanDePeriode")
    expected = spark.createDataFrame([
        (J23, *w, 4, 5, -1, -0.2, False),
        (J24, *w, 4, 6, -2, -0.333333, False),     # beginstand 2024 unknown: eindstand 2023
        (J25, *w, 5, None, None, None, False),
        (J23, *b1, 5, 5, 0, 0.0, False),           # P1 P2 P3 P5 P6
        (J24, *b1, None, 7, None, None, True),     # 4 persons (P1 P3 P5 P6): suppressed
        (J25, *b1, None, None, None, None, True),  # 2 persons (P1 P6): suppressed
        (J23, *b2, 5, 6, -1, -0.166667, False),
        (J24, *b2, None, 9, None, None, True),     # begin of 2024 preferred over the end of 2023 (8)
        (J25, *b2, None, 10, None, None, True),    # end of 2024
    ], "peildatum date, onderwerp string, eigen_bron string, cbs_tabel string, cbs_maatstaf string, "
       "eigen_waarde long, cbs_waarde long, verschil long, verschil_relatief double, onderdrukt boolean")
    assert_approx_df_equality(got, expected, 1e-9, ignore_row_order=True, ignore_nullable=True)
