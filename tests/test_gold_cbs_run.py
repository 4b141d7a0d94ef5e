"""The run() of every CBS-only gold table: read silver.cbs_observatie, write gold, return the row count."""

from cbs_silver import obs, silver
from woonmonitor.gold import (
    aardgas,
    bevolkingsgroei,
    elektriciteit,
    gemeente_nederland,
    geslachtsopbouw,
    gevestigd,
    opgesteld_vermogen,
    opgesteld_vermogen_gemeente,
    verhuizingen,
    vertrokken,
)
from woonmonitor.tables import overwrite_table

GM = "GM0262"
MODULES = [aardgas, bevolkingsgroei, elektriciteit, gemeente_nederland, geslachtsopbouw, gevestigd,
           opgesteld_vermogen, opgesteld_vermogen_gemeente, verhuizingen, vertrokken]


def test_run_writes_gold_tables(spark, settings):
    rows = [
        obs("37230ned", "BevolkingAanHetBeginVanDePeriode_1", GM, "2024JJ00", 34292),
        obs("03759ned", "BevolkingOp1Januari_1", GM, "2024JJ00", 17000, Geslacht="3000", Leeftijd="10000",
            BurgerlijkeStaat="T001019"),
        obs("81528NED", "GemiddeldAardgasverbruik_1", GM, "2023JJ00", 1200, Woningkenmerken="T001100"),
        obs("81528NED", "GemiddeldeElektriciteitslevering_2", "NL01", "2023JJ00", 2500, Woningkenmerken="T001100"),
        obs("85005NED", "Installaties_1", GM, "2023JJ00", 4000, SectorEnVermogensklasse="E007161"),
        obs("84547NED", "GevestigdInDeGemeente_2", GM, "2024MM01", 100, Geslacht="T001038", Leeftijd31December="10000"),
        obs("81734NED", "TussenGemeentenVerhuisdePersonen_1", None, "2023JJ00", 120, RegioVanVertrek="GM0301",
            RegioVanVestiging=GM),
    ]
    overwrite_table(silver(spark, rows), settings, "silver", "cbs_observatie")
    # every run() is the same lees -> build -> schrijf; three of them keep the Delta writes few
    counts = {m.NAME: m.run(spark, settings) for m in (gemeente_nederland, geslachtsopbouw, gevestigd)}
    assert counts == {"gemeente_nederland": 2, "geslachtsopbouw": 1, "gevestigd": 1}
    assert spark.table(settings.table("gold", "gevestigd")).first().aantal == 120
    for m in MODULES:
        assert m.SEED_NAME.startswith("dwh_") and len(m.DESCRIPTION) > 100


def test_run_without_silver_writes_empty_tables(spark, settings):
    assert bevolkingsgroei.run(spark, settings) == 0
    assert spark.table(settings.table("gold", "bevolkingsgroei")).columns[0] == "jaar"
