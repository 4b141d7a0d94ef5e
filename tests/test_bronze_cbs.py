"""bronze.cbs_waarneming: the CBS onbewerkte CSV as delivered, and the ingestion framework around it."""

from __future__ import annotations

import shutil

import pytest
from pyspark.sql import functions as F

from woonmonitor.bronze.cbs import READER, table_id
from woonmonitor.bronze.ingest import run_bronze

REAL = "cbs/03759ned_raw_onbewerkt_GM0363_2019.csv"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("03759ned_GM0262_2024.csv", "03759NED"),
        ("84547NED_export.CSV", "84547NED"),
        ("81955ned.csv", "81955NED"),
        ("notes.csv", None),
        ("03759ned_DataProperties.json", None),
    ],
)
def test_table_id_from_file_name(name, expected):
    assert table_id(name) == expected


def test_real_cbs_file_loads_every_record(spark, settings, reference):
    """The real Amsterdam 2019 file: 324 records; the first is the total population 862,965."""
    cbs = settings.source_landing("cbs")
    shutil.os.makedirs(cbs)
    shutil.copy(reference / REAL, cbs)
    [entry] = run_bronze(spark, settings, [READER])
    assert (entry.status, entry.records_read, entry.loaded, entry.quarantined) == ("loaded", 324, 324, 0)
    rows = spark.table(settings.table("bronze", "cbs_waarneming"))
    first = rows.where(F.col("record_id") == "3041").collect()[0]
    assert first.tabel == "03759NED"
    assert first.dimensies == {"Geslacht": "T001038", "Leeftijd": "10000", "BurgerlijkeStaat": "T001019",
                               "RegioS": "GM0363", "Perioden": "2019JJ00"}
    # as delivered, only the space padding trimmed: the measure keys keep their version suffix
    assert first.waarden == {"BevolkingOp1Januari_1": "862965", "GemiddeldeBevolking_2": "867861.0"}
    assert first._record_position == 1
    assert first._source_file == f"cbs/{REAL.split('/')[1]}"
    # the trailing spaces of codes are gone ("3000   " in the file)
    assert rows.where(F.col("dimensies")["Geslacht"] == "3000").count() == 108


def test_second_run_skips_loaded_content_and_loads_changed_file(spark, settings, reference):
    cbs = settings.source_landing("cbs")
    shutil.os.makedirs(cbs)
    target = f"{cbs}/03759ned_GM0363.csv"
    shutil.copy(reference / REAL, target)
    run_bronze(spark, settings, [READER])
    [again] = run_bronze(spark, settings, [READER])
    assert again.status == "skipped"
    # a changed file of the same name is a new delivery
    with open(target, "a", encoding="utf-8") as handle:
        handle.write('"999999";"T001038";"10000";"T001019";"GM0363";"2020JJ00";"  872680";"."\n')
    [changed] = run_bronze(spark, settings, [READER])
    assert (changed.status, changed.loaded) == ("loaded", 325)
    assert spark.table(settings.table("bronze", "cbs_waarneming")).count() == 324 + 325
    log = spark.table(settings.table("bronze", "ingest_log")).orderBy("logged_at").select("status", "skipped", "loaded").collect()
    assert [(r.status, r.skipped, r.loaded) for r in log] == [("loaded", False, 324), ("skipped", True, None), ("loaded", False, 325)]


def test_malformed_record_goes_to_quarantine_with_reason(spark, settings):
    cbs = settings.source_landing("cbs")
    shutil.os.makedirs(cbs)
    with open(f"{cbs}/37230ned_test.csv", "w", encoding="utf-8-sig") as handle:
        handle.write('"ID";"RegioS";"Perioden";"BevolkingAanBeginVanDePeriode_1"\n')
        handle.write('"0";"GM0262  ";"2024MM01";"   34292"\n')
        handle.write('"1";"GM0262  ";"2024MM02"\n')
        handle.write('"2";"GM0262  ";"2024MM03";"."\n')
    [entry] = run_bronze(spark, settings, [READER])
    assert (entry.records_read, entry.loaded, entry.quarantined) == (3, 2, 1)
    [q] = spark.table(settings.table("bronze", "quarantine")).collect()
    assert (q.source, q.source_file, q.record_position) == ("cbs", "cbs/37230ned_test.csv", 2)
    assert q.reason == "expected 4 fields, found 3"
    assert q.record == "1;GM0262  ;2024MM02"


def test_unreadable_file_fails_its_source_and_keeps_earlier_deliveries(spark, settings, reference):
    cbs = settings.source_landing("cbs")
    shutil.os.makedirs(cbs)
    shutil.copy(reference / REAL, cbs)
    run_bronze(spark, settings, [READER])
    with open(f"{cbs}/84547NED_broken.csv", "w", encoding="utf-8") as handle:
        handle.write("Regio's,Perioden,Verhuisde personen\nLochem,2024,1234\n")
    entries = run_bronze(spark, settings, [READER], raise_on_failure=False)
    failed = [e for e in entries if e.status == "failed"]
    assert [e.file for e in failed] == ["cbs/84547NED_broken.csv"]
    assert failed[0].message == ("cbs/84547NED_broken.csv: not a CBS onbewerkte dataset: first column is "
                                 "[\"Regio's,Perioden,Verhuisde personen\"], expected 'ID'")
    assert spark.table(settings.table("bronze", "cbs_waarneming")).count() == 324
    logged = spark.table(settings.table("bronze", "ingest_log")).where("status = 'failed'").select("file", "message").collect()
    assert logged[0].file == "cbs/84547NED_broken.csv" and "expected 'ID'" in logged[0].message
