"""CBS OData acquisition, replayed from hand-written recorded responses on a loopback server (no internet).

Also covers the bronze side of what the fetch writes: the metadata JSONs load into ``cbs_maatstaf`` and
``cbs_dimensiecode``, and the CSV parses back through the bronze reader into the same values.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from woonmonitor.bronze import cbs as bronze_cbs
from woonmonitor.bronze.ingest import UnreadableFile, landing_files
from woonmonitor.sources import cbs_odata
from woonmonitor.sources.cbs_odata import CbsApiError, ODataClient, fetch_tables, region_filter, write_onbewerkt_csv

DATA = Path(__file__).parent / "data" / "cbs_odata"
REAL_HOST = "https://opendata.cbs.nl"
DATUM = dt.date(2025, 6, 1)


class Recorded:
    """The routes of routes.json plus how often each was requested."""

    def __init__(self) -> None:
        self.routes = json.loads((DATA / "routes.json").read_text(encoding="utf-8"))
        self.hits = [0] * len(self.routes)
        self.unmatched: list[str] = []
        self.lock = threading.Lock()

    def find(self, path: str, query: dict[str, str]) -> int | None:
        for i, route in enumerate(self.routes):
            if route["path"] == path and route.get("query", {}) == query:
                return i
        return None

    def hits_of(self, path: str, **query: str) -> int:
        return self.hits[self.find(path, dict(query))]


@pytest.fixture
def server():
    recorded = Recorded()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            parsed = urllib.parse.urlsplit(self.path)
            query = {k: v for k, v in urllib.parse.parse_qsl(parsed.query) if k != "$format"}
            with recorded.lock:
                index = recorded.find(parsed.path, query)
                if index is None:
                    recorded.unmatched.append(self.path)
                    n = 0
                else:
                    recorded.hits[index] += 1
                    n = recorded.hits[index]
            if index is None:
                return self._send(404, {"odata.error": {"code": "", "message": {"lang": "nl-NL", "value": "Resource not found"}}})
            route = recorded.routes[index]
            if n <= route.get("fail_first", 0):
                return self._send(503, {"odata.error": {"code": "", "message": {"lang": "nl-NL", "value": "Service Unavailable"}}})
            if n == 1 and route.get("delay_first"):
                time.sleep(route["delay_first"])
            body = (DATA / route["file"]).read_text(encoding="utf-8").replace(REAL_HOST, base_host)
            return self._send(200, body)

        def _send(self, status, body):
            raw = (body if isinstance(body, str) else json.dumps(body)).encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json;odata=minimalmetadata;charset=utf-8")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (time-out test)

        def log_message(self, *_args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base_host = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    recorded.base_url = f"{base_host}/ODataApi/odata"
    yield recorded
    httpd.shutdown()
    httpd.server_close()


def client(server, **kw) -> ODataClient:
    sleeps: list[float] = []
    c = ODataClient(base_url=server.base_url, backoff=0.01, timeout=kw.pop("timeout", 5.0), sleep=sleeps.append, **kw)
    c.sleeps = sleeps
    return c


def read_csv_bytes(path: Path) -> str:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM expected"
    return raw[3:].decode("utf-8")


# ---------------------------------------------------------------------------------------------- fetch


def test_fetch_pages_retries_filters_and_writes_onbewerkt_csv(server, tmp_path):
    c = client(server)
    result = fetch_tables(str(tmp_path), ["81955NED"], ["GM0262", "NL01"], server.base_url, datum=DATUM, client=c)

    assert server.unmatched == []
    folder = tmp_path / "cbs"
    assert sorted(p.name for p in folder.iterdir()) == [
        "81955NED_DataProperties.json",
        "81955NED_GM0262_20250601.csv",
        "81955NED_Gebruiksfunctie.json",
        "81955NED_NL01_20250601.csv",
        "81955NED_Perioden.json",
        "81955NED_RegioS.json",
    ]
    assert result[0].rows == {"GM0262": 3, "NL01": 1}
    # the first data page answered 503 once: retried after one back-off of 0.01 s, then both pages read
    assert server.hits_of("/ODataApi/odata/81955NED/TypedDataSet", **{"$filter": "RegioS eq 'GM0262'"}) == 2
    assert server.hits_of("/ODataApi/odata/81955NED/TypedDataSet", **{"$filter": "RegioS eq 'GM0262'", "$skip": "2"}) == 1
    assert c.sleeps == [0.01]
    # NL01 is padded in the code list ('NL01  '): the filter used the exact padded key
    assert server.hits_of("/ODataApi/odata/81955NED/TypedDataSet", **{"$filter": "RegioS eq 'NL01  '"}) == 1

    header = ('"ID";"Gebruiksfunctie";"RegioS";"Perioden";"BeginstandVoorraad_1";"Nieuwbouw_2";"OverigeToevoeging_3";'
              '"Sloop_4";"OverigeOnttrekking_5";"Correctie_6";"SaldoVoorraad_7";"EindstandVoorraad_8"\n')
    # measures right-aligned to the widest value of their column, '.' for null
    assert read_csv_bytes(folder / "81955NED_GM0262_20250601.csv") == header + (
        '"5830";"A045364";"GM0262";"2020JJ00";"15096";"75";" 3";"8";"1";"0";"69";"15165"\n'
        '"5834";"A045364";"GM0262";"2024JJ00";"15567";"71";"29";"6";"2";"0";"92";"15659"\n'
        '"5835";"A045364";"GM0262";"2025KW01";"15659";"18";" 2";"1";"0";".";" .";"    ."\n'
    )
    assert read_csv_bytes(folder / "81955NED_NL01_20250601.csv") == header + (
        '"4";"A045364";"NL01  ";"2024JJ00";"8128296";"82085";"14522";"8956";"2413";"-1198";"84040";"8212336"\n'
    )
    # the code list of two pages is written as one list, in the OData shape
    perioden = json.loads((folder / "81955NED_Perioden.json").read_text(encoding="utf-8"))
    assert [p["Key"] for p in perioden["value"]] == ["2020JJ00", "2024JJ00", "2025KW01"]
    assert perioden["odata.metadata"].endswith("#Cbs.OData.WebAPI.Perioden")
    assert "odata.nextLink" not in perioden


def test_two_geo_dimensions_are_filtered_with_or_and_a_timeout_is_retried(server, tmp_path):
    c = client(server, timeout=0.5)
    result = fetch_tables(str(tmp_path), ["81734NED"], ["GM0262"], server.base_url, datum=DATUM, client=c)

    assert server.unmatched == []
    assert result[0].rows == {"GM0262": 5}
    assert server.hits_of("/ODataApi/odata/81734NED/DataProperties") == 2  # first answer too slow, retried
    text = read_csv_bytes(tmp_path / "cbs" / "81734NED_GM0262_20250601.csv")
    assert text.splitlines()[0] == '"ID";"RegioVanVertrek";"RegioVanVestiging";"Perioden";"TussenGemeentenVerhuisdePersonen_1"'
    assert text.splitlines()[4] == '"104";"GM0262";"GM1859";"2024JJ00";"  ."'


def test_persistent_5xx_gives_up_with_a_clear_error(server, tmp_path):
    c = client(server, retries=2)
    with pytest.raises(CbsApiError, match=r"99999NED/DataProperties.*failed after 3 attempts: HTTP 503 Service Unavailable"):
        fetch_tables(str(tmp_path), ["99999NED"], ["GM0262"], server.base_url, client=c)
    assert c.sleeps == [0.01, 0.02]  # exponential back-off


def test_4xx_is_not_retried(server, tmp_path):
    c = client(server)
    with pytest.raises(CbsApiError, match=r"HTTP 404 Resource not found"):
        fetch_tables(str(tmp_path), ["12345NED"], ["GM0262"], server.base_url, client=c)
    assert c.requests == 1


def test_unknown_region_is_refused(server, tmp_path):
    with pytest.raises(CbsApiError, match=r"81955NED: region 'GM9999' is not in the code list of RegioS"):
        fetch_tables(str(tmp_path), ["81955NED"], ["GM9999"], server.base_url, client=client(server))


# ------------------------------------------------------------------------------------ pure functions


def test_region_filter():
    regio = [{"Key": "NL01  "}, {"Key": "PV25  "}, {"Key": "GM0262"}, {"Key": "GM0301"}]
    assert region_filter("NL01", {"RegioS": regio}, ["RegioS"], "t") == "RegioS eq 'NL01  '"
    assert region_filter("GM", {"RegioS": regio}, ["RegioS"], "t") == "startswith(RegioS,'GM')"
    both = {"A": regio, "B": regio}
    assert region_filter("GM0262", both, ["A", "B"], "t") == "A eq 'GM0262' or B eq 'GM0262'"
    with pytest.raises(CbsApiError):
        region_filter("WK026201", {"RegioS": regio}, ["RegioS"], "t")


def test_geo_dimensions_fall_back_to_regio_keys():
    props = [{"Type": "Dimension", "Key": "RegioS"}, {"Type": "TimeDimension", "Key": "Perioden"}, {"Type": "Topic", "Key": "X_1"}]
    assert cbs_odata.geo_dimensions(props) == ["RegioS"]


def test_csv_writer_formats_decimals_padding_and_nulls(tmp_path):
    props = [
        {"Type": "GeoDimension", "Key": "RegioS"},
        {"Type": "TimeDimension", "Key": "Perioden"},
        {"Type": "Topic", "Key": "Bevolkingsgroei_11", "Datatype": "Long", "Decimals": 0},
        {"Type": "Topic", "Key": "BevolkingsgroeiRelatief_12", "Datatype": "Double", "Decimals": 2},
    ]
    records = [
        {"ID": 7, "RegioS": "GM0262", "Perioden": "2024MM01", "Bevolkingsgroei_11": 12, "BevolkingsgroeiRelatief_12": 0.0712},
        {"ID": 8, "RegioS": "GM0262", "Perioden": "2024MM02", "Bevolkingsgroei_11": -140, "BevolkingsgroeiRelatief_12": None},
    ]
    path = tmp_path / "37230ned_GM0262_20250601.csv"
    write_onbewerkt_csv(str(path), records, props)
    assert read_csv_bytes(path) == (
        '"ID";"RegioS";"Perioden";"Bevolkingsgroei_11";"BevolkingsgroeiRelatief_12"\n'
        '"7";"GM0262";"2024MM01";"  12";"0.07"\n'
        '"8";"GM0262";"2024MM02";"-140";"   ."\n'
    )
    # no records: the header still comes from DataProperties
    empty = tmp_path / "37230ned_NL01_20250601.csv"
    write_onbewerkt_csv(str(empty), [], props)
    assert read_csv_bytes(empty) == '"ID";"RegioS";"Perioden";"Bevolkingsgroei_11";"BevolkingsgroeiRelatief_12"\n'


# --------------------------------------------------------------------------------- bronze round trip


def test_fetched_files_parse_through_bronze_with_conservation(server, spark, settings):
    """Parse only (no Delta writes, to keep the suite fast): the framework's file list and its conservation rule."""
    fetch_tables(settings.landing, ["81955NED"], ["GM0262", "NL01"], server.base_url, datum=DATUM, client=client(server))
    files = landing_files(settings, bronze_cbs.READER)
    assert [Path(f).name for f in files] == [
        "81955NED_DataProperties.json", "81955NED_GM0262_20250601.csv", "81955NED_Gebruiksfunctie.json",
        "81955NED_NL01_20250601.csv", "81955NED_Perioden.json", "81955NED_RegioS.json",
    ]
    tables: dict[str, list] = {}
    read = {}
    for f in files:
        parsed = bronze_cbs.READER.parse(spark, f, settings)
        assert parsed.quarantine is None
        ((name, df),) = parsed.tables.items()
        rows = df.collect()
        assert len(rows) == parsed.records_read  # records read = rows (nothing quarantined)
        read[Path(f).name] = (name, parsed.records_read)
        tables.setdefault(name, []).extend(rows)
    assert read == {
        "81955NED_DataProperties.json": ("cbs_maatstaf", 13),
        "81955NED_GM0262_20250601.csv": ("cbs_waarneming", 3),
        "81955NED_Gebruiksfunctie.json": ("cbs_dimensiecode", 1),
        "81955NED_NL01_20250601.csv": ("cbs_waarneming", 1),
        "81955NED_Perioden.json": ("cbs_dimensiecode", 3),
        "81955NED_RegioS.json": ("cbs_dimensiecode", 5),
    }
    rows = {(r.dimensies["RegioS"], r.dimensies["Perioden"]): r for r in tables["cbs_waarneming"]}
    # the same values the API served; '.' where it served null; codes trimmed of CBS's padding
    assert rows[("GM0262", "2024JJ00")].waarden == {
        "BeginstandVoorraad_1": "15567", "Nieuwbouw_2": "71", "OverigeToevoeging_3": "29", "Sloop_4": "6",
        "OverigeOnttrekking_5": "2", "Correctie_6": "0", "SaldoVoorraad_7": "92", "EindstandVoorraad_8": "15659",
    }
    assert rows[("GM0262", "2025KW01")].waarden["EindstandVoorraad_8"] == "."
    assert rows[("NL01", "2024JJ00")].waarden["Correctie_6"] == "-1198"
    assert rows[("NL01", "2024JJ00")].dimensies == {"Gebruiksfunctie": "A045364", "RegioS": "NL01", "Perioden": "2024JJ00"}
    assert rows[("NL01", "2024JJ00")].record_id == "4"

    maatstaf = {r.key: r for r in tables["cbs_maatstaf"]}
    assert (maatstaf["Nieuwbouw_2"].tabel, maatstaf["Nieuwbouw_2"].titel, maatstaf["Nieuwbouw_2"].eenheid,
            maatstaf["Nieuwbouw_2"].decimalen, maatstaf["Nieuwbouw_2"].type) == ("81955NED", "Nieuwbouw", "aantal", 0, "Topic")
    assert maatstaf["RegioS"].type == "GeoDimension" and maatstaf["RegioS"].eenheid is None
    assert maatstaf["Toevoegingen"].type == "TopicGroup"

    codes = {(r.dimensie, r.code): r for r in tables["cbs_dimensiecode"]}
    assert codes[("RegioS", "NL01")].titel == "Nederland"  # padding 'NL01  ' trimmed
    assert codes[("Perioden", "2025KW01")].status == "Voorlopig"
    assert codes[("Gebruiksfunctie", "A045364")].titel == "Woningen"
    assert len(codes) == 9


# ---------------------------------------------------------------------------------- bronze metadata


def test_metadata_files_are_recognised():
    accepts = bronze_cbs.READER.accepts
    assert accepts("81955NED_DataProperties.json") and accepts("03759ned_RegioS.json")
    assert accepts("81955ned_GM0262_20250601.csv")
    assert not accepts("81955NED_DataProperties.json.part") and not accepts("readme.json")
    assert bronze_cbs.metadata_file("/x/81734ned_RegioVanVertrek.json") == ("81734NED", "RegioVanVertrek")


def test_bad_metadata_entries_are_quarantined_and_foreign_json_refused(spark, settings, tmp_path):
    folder = tmp_path / "cbs"
    folder.mkdir()
    codes = folder / "81955NED_RegioS.json"
    codes.write_text(json.dumps({"value": [{"Key": "GM0262", "Title": "Lochem"}, {"Title": "zonder code"}, "los"]}))
    parsed = bronze_cbs.READER.parse(spark, str(codes), settings)
    assert parsed.records_read == 3
    assert [tuple(r) for r in parsed.tables["cbs_dimensiecode"].collect()] == [("81955NED", "RegioS", "GM0262", "Lochem", None, None, 1)]
    assert sorted((r._record_position, r.reason) for r in parsed.quarantine.collect()) == [
        (2, "metadata entry without 'Key'"), (3, "metadata entry without 'Key'")]

    infos = folder / "81955NED_TableInfos.json"
    infos.write_text(json.dumps({"value": [{"Identifier": "81955NED", "Title": "Voorraad woningen"}]}))
    with pytest.raises(UnreadableFile, match="not a CBS code list of dimension 'TableInfos'"):
        bronze_cbs.READER.parse(spark, str(infos), settings)

    broken = folder / "81955NED_DataProperties.json"
    broken.write_text('{"value": [')
    with pytest.raises(UnreadableFile, match="not valid JSON"):
        bronze_cbs.READER.parse(spark, str(broken), settings)
    data = folder / "81955NED_GM0262_20250601.csv"
    data.write_text('\ufeff"ID";"RegioS";"Perioden";"Nieuwbouw_2"\n"1";"GM0262";"2024JJ00";"71"\n', encoding="utf-8")
    with pytest.raises(UnreadableFile, match="its metadata 81955NED_DataProperties.json is unreadable: not valid JSON"):
        bronze_cbs.READER.parse(spark, str(data), settings)


# ------------------------------------------------------------------------------- committed fixtures

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "landing" / "cbs"
FIXTURE_RECORDS = {
    "37230ned_GM0262_fixture.csv": 143, "84547NED_GM0262_fixture.csv": 33, "81528NED_GM0262_fixture.csv": 60,
    "81528NED_NL01_fixture.csv": 60, "85005NED_GM0262_fixture.csv": 30, "81734NED_GM0262_fixture.csv": 264,
    "81955NED_GM0262_fixture.csv": 11,
}


def test_committed_fixtures_are_accepted_and_parse_without_quarantine(spark, settings):
    from woonmonitor.sources import cbs_catalog

    names = sorted(p.name for p in FIXTURES.iterdir() if not p.name.lower().startswith("03759ned"))
    assert all(bronze_cbs.READER.accepts(n) for n in names)
    for name in names:
        parsed = bronze_cbs.READER.parse(spark, str(FIXTURES / name), settings)  # local rows: no Spark job
        assert parsed.quarantine is None, name
        if name in FIXTURE_RECORDS:
            assert parsed.records_read == FIXTURE_RECORDS[name], name
        if name.endswith("_DataProperties.json"):
            # the delivered metadata agrees with the catalog (keys with suffix, dimensions)
            props = json.loads((FIXTURES / name).read_text(encoding="utf-8"))["value"]
            assert cbs_catalog.check_against_data_properties(name.split("_")[0], props) == [], name
    assert set(FIXTURE_RECORDS) <= set(names)
