"""BAG: the LV-BAG extract 2.0 (Kadaster) into bronze, every voorkomen of every object.

What arrives (see ``shared/notes/sources.md``), all handled by one reader:

* a municipality extract, a zip of zips: ``BAGGEM0262L-15092020.zip`` -> ``0262GEM15092020.zip`` ->
  ``0262VBO15092020.zip`` -> ``0262VBO15092020-000001.xml`` (one zip per object type VBO, PND, NUM, OPR, WPL,
  LIG, STA), plus ``GEM-WPL-RELATIE-*.zip`` and ``Leveringsdocument-BAG-Extract.xml``;
* the national form (``BAGNLDL-…zip`` with ``9999VBO15092020.zip`` etc.) and single object-type zips;
* loose XML part files (``0221VBO15092020-000001.xml``, ``GEM-WPL-RELATIE-…xml``).

One landing file (zip or XML) is one delivery. Zips are extracted to a staging folder first (Spark reads XML
natively but not inside a zip); nested zips are opened as they come. While a part file is copied out of its
zip it is *scanned*: the header gives the namespace prefixes, object type and ``StandTechnischeDatum``, the
``bagObject`` start tags are counted (``records_read``) and the tail must close the root element (a
truncated file is refused). Spark's XML reader (explicit schema, every leaf a string so identifiers never
become numbers) then reads all part files of one object type in one pass, one task per part file.

Records: ``records_read`` counts ``bagObject`` elements (and ``GemeenteWoonplaatsRelatie`` elements of the
GEM-WPL-RELATIE file). Each becomes one bronze row, or a quarantine row with the reason (malformed XML inside
the element, missing identificatie/voorkomen, a number that is not a number, …). The ingest framework checks
that rows + quarantined = records read, so a file Spark reads only partly is refused as a whole.

Refused with :class:`UnreadableFile` (naming the landing file and the inner file): corrupt zips, files that
are not LV-BAG 2.0 (unknown root element or namespace version), truncated XML, and **daily mutation files**
(``BAGNLDM…``, ``…MUT…xml``): this reader does not apply mutations; load a full extract instead.
Deliberately skipped entries of the national extract: ``…InOnderzoek…``, ``…Inactief…``, ``…NietBag…``
(not part of the standard object history the monitor uses).

Bronze keeps values as delivered: dates and times as the delivered strings, ``oorspronkelijk_bouwjaar``
9999 as 9999; silver types them. Geometry (gml, EPSG:28992, 2D or 3D) becomes WKT: ``POINT Z (x y z)``,
``POLYGON [Z] ((…), (…))`` with interior rings, ``MULTIPOLYGON``.

Staging: ``$WOONMONITOR_STAGING`` if set; on Databricks (landing under ``/Volumes/``) a ``_staging`` folder in
the landing Volume (executors must see the files; a driver's local disk is not visible to them); otherwise
the system temp folder. A delivery's staging folder is removed when the next delivery is parsed and at exit
(the DataFrames handed to the framework read from it until their rows are written).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO, Callable

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.bronze.ingest import QUARANTINE_INPUT_SCHEMA, Parsed, UnreadableFile
from woonmonitor.config import Settings

NS_STAND = "http://www.kadaster.nl/schemas/lvbag/extract-deelbestand-lvc/v20200601"
NS_GWR_PRODUCT = "www.kadaster.nl/schemas/lvbag/gem-wpl-rel/gwr-producten-lvc/v20200601"
NS_LEVERING = "http://www.kadaster.nl/schemas/lvbag/extract-levering/v20200601"

_S = T.StringType()
_ARRAY_S = T.ArrayType(T.StringType())

# ---------------------------------------------------------------------------------------------------------------
# Bronze contracts (without lineage columns). Dates/times are the delivered strings; silver types them.
# ---------------------------------------------------------------------------------------------------------------
_HISTORIE = [
    T.StructField("identificatie", _S, False),
    T.StructField("voorkomenidentificatie", T.IntegerType(), False),
    T.StructField("begin_geldigheid", _S, False),
    T.StructField("eind_geldigheid", _S, True),
    T.StructField("tijdstip_registratie", _S, False),
    T.StructField("eind_registratie", _S, True),
    T.StructField("tijdstip_registratie_lv", _S, True),
    T.StructField("tijdstip_eind_registratie_lv", _S, True),
    T.StructField("status", _S, True),
    T.StructField("geconstateerd", _S, True),
    T.StructField("documentdatum", _S, True),
    T.StructField("documentnummer", _S, True),
]
_DELIVERY = [
    #: StandTechnischeDatum of the extract (from the part file's bagInfo): orders deliveries in silver
    T.StructField("stand_technische_datum", T.DateType(), True),
    #: the XML part file inside the delivery the row came from
    T.StructField("deelbestand", _S, False),
]
_ADRES = [
    T.StructField("hoofdadres_identificatie", _S, True),
    T.StructField("nevenadres_identificaties", _ARRAY_S, False),
]
_GEOMETRIE = [T.StructField("geometrie_wkt", _S, True)]


def _contract(*fields: list[T.StructField]) -> T.StructType:
    return T.StructType([f for group in fields for f in group])


CONTRACTS: dict[str, T.StructType] = {
    "bag_verblijfsobject": _contract(_HISTORIE, _ADRES, [
        T.StructField("gebruiksdoelen", _ARRAY_S, False),
        T.StructField("oppervlakte", T.IntegerType(), True),
        T.StructField("pand_identificaties", _ARRAY_S, False),
    ], _GEOMETRIE, _DELIVERY),
    "bag_pand": _contract(_HISTORIE, [T.StructField("oorspronkelijk_bouwjaar", T.IntegerType(), True)], _GEOMETRIE, _DELIVERY),
    "bag_nummeraanduiding": _contract(_HISTORIE, [
        T.StructField("huisnummer", T.IntegerType(), True),
        T.StructField("huisletter", _S, True),
        T.StructField("huisnummertoevoeging", _S, True),
        T.StructField("postcode", _S, True),
        T.StructField("type_adresseerbaar_object", _S, True),
        T.StructField("openbare_ruimte_identificatie", _S, True),
        T.StructField("woonplaats_identificatie", _S, True),
    ], _DELIVERY),
    "bag_openbare_ruimte": _contract(_HISTORIE, [
        T.StructField("naam", _S, True),
        T.StructField("type", _S, True),
        T.StructField("woonplaats_identificatie", _S, True),
        T.StructField("verkorte_naam", _S, True),
    ], _DELIVERY),
    "bag_woonplaats": _contract(_HISTORIE, [T.StructField("naam", _S, True)], _GEOMETRIE, _DELIVERY),
    "bag_ligplaats": _contract(_HISTORIE, _ADRES, _GEOMETRIE, _DELIVERY),
    "bag_standplaats": _contract(_HISTORIE, _ADRES, _GEOMETRIE, _DELIVERY),
    "bag_gemeente_woonplaats": _contract([
        T.StructField("gemeente_identificatie", _S, False),
        T.StructField("woonplaats_identificatie", _S, False),
        T.StructField("begin_geldigheid", _S, False),
        T.StructField("eind_geldigheid", _S, True),
        T.StructField("status", _S, True),
    ], _DELIVERY),
}

# ---------------------------------------------------------------------------------------------------------------
# Spark XML schemas (local names: the reader runs with ignoreNamespace). Every leaf is a string.
# ---------------------------------------------------------------------------------------------------------------


def _struct(**fields: T.DataType) -> T.StructType:
    return T.StructType([T.StructField(name, dtype, True) for name, dtype in fields.items()])


_X_VOORKOMEN = _struct(Voorkomen=_struct(
    voorkomenidentificatie=_S, beginGeldigheid=_S, eindGeldigheid=_S, tijdstipRegistratie=_S, eindRegistratie=_S,
    BeschikbaarLV=_struct(tijdstipRegistratieLV=_S, tijdstipEindRegistratieLV=_S),
))
_X_RING = _struct(LinearRing=_struct(posList=_S))
_X_POLYGON = _struct(_srsDimension=_S, exterior=_X_RING, interior=T.ArrayType(_X_RING))
_X_POINT = _struct(_srsDimension=_S, pos=_S)
_X_MULTISURFACE = _struct(_srsDimension=_S, surfaceMember=T.ArrayType(_struct(Polygon=_X_POLYGON)))
_X_COMMON = dict(identificatie=_S, voorkomen=_X_VOORKOMEN, status=_S, geconstateerd=_S, documentdatum=_S, documentnummer=_S)
_X_ADRES = dict(
    heeftAlsHoofdadres=_struct(NummeraanduidingRef=_S),
    heeftAlsNevenadres=_struct(NummeraanduidingRef=_ARRAY_S),
)

# ---------------------------------------------------------------------------------------------------------------
# gml -> WKT with built-in column functions
# ---------------------------------------------------------------------------------------------------------------


def _dimension(*candidates: Column) -> Column:
    return F.coalesce(*[c.try_cast("int") for c in candidates], F.lit(2))


def _ring_wkt(pos_list: Column, dim: Column) -> Column:
    """``(x y z, x y z, …)`` from a gml posList (whitespace-separated, possibly over several lines)."""
    coords = F.split(F.trim(pos_list), r"\s+")
    points = F.transform(
        F.sequence(F.lit(0), (F.size(coords) / dim).cast("int") - 1),
        lambda i: F.array_join(F.slice(coords, i * dim + 1, dim), " "),
    )
    return F.concat(F.lit("("), F.array_join(points, ", "), F.lit(")"))


def _polygon_body(polygon: Column, dim: Column) -> Column:
    interiors = F.coalesce(
        F.transform(polygon["interior"], lambda ring: _ring_wkt(ring["LinearRing"]["posList"], dim)),
        F.array().cast(_ARRAY_S),
    )
    rings = F.concat(F.array(_ring_wkt(polygon["exterior"]["LinearRing"]["posList"], dim)), interiors)
    return F.concat(F.lit("("), F.array_join(rings, ", "), F.lit(")"))


def _z(dim: Column) -> Column:
    return F.when(dim == 3, F.lit(" Z ")).otherwise(F.lit(" "))


def polygon_wkt(polygon: Column) -> Column:
    dim = _dimension(polygon["_srsDimension"])
    return F.when(
        polygon["exterior"]["LinearRing"]["posList"].isNotNull(),
        F.concat(F.lit("POLYGON"), _z(dim), _polygon_body(polygon, dim)),
    )


def point_wkt(point: Column) -> Column:
    dim = _dimension(point["_srsDimension"])
    return F.when(
        point["pos"].isNotNull(),
        F.concat(F.lit("POINT"), _z(dim), F.lit("("), F.array_join(F.split(F.trim(point["pos"]), r"\s+"), " "), F.lit(")")),
    )


def multipolygon_wkt(multi: Column) -> Column:
    members = multi["surfaceMember"]
    dim = _dimension(members[0]["Polygon"]["_srsDimension"], multi["_srsDimension"])
    bodies = F.transform(members, lambda m: _polygon_body(m["Polygon"], dim))
    return F.when(
        F.size(members) > 0,
        F.concat(F.lit("MULTIPOLYGON"), _z(dim), F.lit("("), F.array_join(bodies, ", "), F.lit(")")),
    )


# ---------------------------------------------------------------------------------------------------------------
# Object types: XML element, Spark schema, and the select that maps it onto the bronze contract
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectType:
    code: str  # VBO, PND, ... (as in the file names)
    element: str  # Verblijfsobject, ...
    table: str
    xml_fields: dict
    columns: Callable[[Column], list[Column]]  # type-specific contract columns from the object struct
    integers: tuple[str, ...] = ()  # contract columns that must hold an integer (raw text checked)
    id_pattern: str = r"^\d{16}$"


def _ids(ref: Column) -> Column:
    return F.coalesce(ref, F.array().cast(_ARRAY_S))


def _int(raw: Column) -> Column:
    return F.trim(raw).try_cast("int")


def _vbo(o: Column) -> list[Column]:
    return [
        o["heeftAlsHoofdadres"]["NummeraanduidingRef"].alias("hoofdadres_identificatie"),
        _ids(o["heeftAlsNevenadres"]["NummeraanduidingRef"]).alias("nevenadres_identificaties"),
        _ids(o["gebruiksdoel"]).alias("gebruiksdoelen"),
        o["oppervlakte"].alias("oppervlakte"),
        _ids(o["maaktDeelUitVan"]["PandRef"]).alias("pand_identificaties"),
        F.coalesce(point_wkt(o["geometrie"]["punt"]["Point"]), polygon_wkt(o["geometrie"]["vlak"]["Polygon"])).alias("geometrie_wkt"),
    ]


def _pnd(o: Column) -> list[Column]:
    return [o["oorspronkelijkBouwjaar"].alias("oorspronkelijk_bouwjaar"), polygon_wkt(o["geometrie"]["Polygon"]).alias("geometrie_wkt")]


def _num(o: Column) -> list[Column]:
    return [
        o["huisnummer"].alias("huisnummer"),
        o["huisletter"].alias("huisletter"),
        o["huisnummertoevoeging"].alias("huisnummertoevoeging"),
        o["postcode"].alias("postcode"),
        o["typeAdresseerbaarObject"].alias("type_adresseerbaar_object"),
        o["ligtAan"]["OpenbareRuimteRef"].alias("openbare_ruimte_identificatie"),
        o["ligtIn"]["WoonplaatsRef"].alias("woonplaats_identificatie"),
    ]


def _opr(o: Column) -> list[Column]:
    return [
        o["naam"].alias("naam"),
        o["type"].alias("type"),
        o["ligtIn"]["WoonplaatsRef"].alias("woonplaats_identificatie"),
        o["verkorteNaam"]["VerkorteNaamOpenbareRuimte"]["verkorteNaam"].alias("verkorte_naam"),
    ]


def _wpl(o: Column) -> list[Column]:
    geometrie = F.coalesce(polygon_wkt(o["geometrie"]["vlak"]["Polygon"]), multipolygon_wkt(o["geometrie"]["multivlak"]["MultiSurface"]))
    return [o["naam"].alias("naam"), geometrie.alias("geometrie_wkt")]


def _plaats(o: Column) -> list[Column]:
    return [
        o["heeftAlsHoofdadres"]["NummeraanduidingRef"].alias("hoofdadres_identificatie"),
        _ids(o["heeftAlsNevenadres"]["NummeraanduidingRef"]).alias("nevenadres_identificaties"),
        polygon_wkt(o["geometrie"]["Polygon"]).alias("geometrie_wkt"),
    ]


OBJECT_TYPES: dict[str, ObjectType] = {
    t.code: t
    for t in [
        ObjectType("VBO", "Verblijfsobject", "bag_verblijfsobject", dict(
            **_X_COMMON, **_X_ADRES, gebruiksdoel=_ARRAY_S, oppervlakte=_S,
            maaktDeelUitVan=_struct(PandRef=_ARRAY_S),
            geometrie=_struct(punt=_struct(Point=_X_POINT), vlak=_struct(Polygon=_X_POLYGON)),
        ), _vbo, integers=("oppervlakte",)),
        ObjectType("PND", "Pand", "bag_pand", dict(
            **_X_COMMON, oorspronkelijkBouwjaar=_S, geometrie=_struct(Polygon=_X_POLYGON),
        ), _pnd, integers=("oorspronkelijk_bouwjaar",)),
        ObjectType("NUM", "Nummeraanduiding", "bag_nummeraanduiding", dict(
            **_X_COMMON, huisnummer=_S, huisletter=_S, huisnummertoevoeging=_S, postcode=_S, typeAdresseerbaarObject=_S,
            ligtAan=_struct(OpenbareRuimteRef=_S), ligtIn=_struct(WoonplaatsRef=_S),
        ), _num, integers=("huisnummer",)),
        ObjectType("OPR", "OpenbareRuimte", "bag_openbare_ruimte", dict(
            **_X_COMMON, naam=_S, type=_S, ligtIn=_struct(WoonplaatsRef=_S),
            verkorteNaam=_struct(VerkorteNaamOpenbareRuimte=_struct(verkorteNaam=_S)),
        ), _opr),
        ObjectType("WPL", "Woonplaats", "bag_woonplaats", dict(
            **_X_COMMON, naam=_S,
            geometrie=_struct(vlak=_struct(Polygon=_X_POLYGON), multivlak=_struct(MultiSurface=_X_MULTISURFACE)),
        ), _wpl, id_pattern=r"^\d{4}$"),
        ObjectType("LIG", "Ligplaats", "bag_ligplaats", dict(**_X_COMMON, **_X_ADRES, geometrie=_struct(Polygon=_X_POLYGON)), _plaats),
        ObjectType("STA", "Standplaats", "bag_standplaats", dict(**_X_COMMON, **_X_ADRES, geometrie=_struct(Polygon=_X_POLYGON)), _plaats),
    ]
}
GWR_TABLE = "bag_gemeente_woonplaats"
_X_GWR = _struct(
    tijdvakgeldigheid=_struct(begindatumTijdvakGeldigheid=_S, einddatumTijdvakGeldigheid=_S),
    gerelateerdeWoonplaats=_struct(identificatie=_S),
    gerelateerdeGemeente=_struct(identificatie=_S),
    status=_S,
)

# ---------------------------------------------------------------------------------------------------------------
# File names
# ---------------------------------------------------------------------------------------------------------------
_OBJECT_FILE = re.compile(r"^\d{4}(?P<code>VBO|PND|NUM|OPR|WPL|LIG|STA)\d{8}(?:-\d+)?\.(?:xml|zip)$", re.IGNORECASE)
_GWR_FILE = re.compile(r"^GEM-WPL-RELATIE-\d{8}(?:-\d+)?\.(?:xml|zip)$", re.IGNORECASE)
_LEVERING_FILE = re.compile(r"^Leveringsdocument-BAG-Extract\.xml$", re.IGNORECASE)
_MUTATION_FILE = re.compile(r"(^\d{4}MUT\d{8}|^BAG(?:NLD|GEM\d{4}|PRV\d{2})M-)", re.IGNORECASE)
_CONTAINER_ZIP = re.compile(r"^(?:\d{4}GEM\d{8}|BAG(?:NLD|GEM\d{4}|PRV\d{2})L-[\d-]+)\.zip$", re.IGNORECASE)
#: entries of the national extract that are not part of the object history the monitor uses
_SKIPPED_FILE = re.compile(r"(InOnderzoek|Inactief|NietBag)", re.IGNORECASE)


def _refuse_mutation(path: str, inner: str | None) -> UnreadableFile:
    where = f" (inner file {inner})" if inner else ""
    return UnreadableFile(
        path,
        f"daily mutation file{where}: this BAG reader does not apply LV-BAG mutations (mutatielevering); "
        "nothing was loaded from it. Deliver a full LV-BAG extract (BAGGEM…L-…zip or BAGNLDL-…zip) instead.",
    )


# ---------------------------------------------------------------------------------------------------------------
# Scanning a part file: header, record count, complete tail
# ---------------------------------------------------------------------------------------------------------------
_HEAD_BYTES = 64 * 1024
_TAIL_BYTES = 512
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ROOT = re.compile(r"<(?![?!])(?:(?P<prefix>[\w.\-]+):)?(?P<name>[\w.\-]+)(?P<attrs>[^>]*)>", re.DOTALL)
_XMLNS = re.compile(r"xmlns(?::(?P<prefix>[\w.\-]+))?\s*=\s*[\"'](?P<uri>[^\"']*)[\"']")
_STAND_DATUM = re.compile(r"StandTechnischeDatum>\s*(\d{4}-\d{2}-\d{2})\s*<")
_OBJECT_TYPE = re.compile(r"objectType>\s*(\w+)\s*<")


@dataclass
class PartFile:
    """One XML part file of a delivery, scanned."""

    path: str  # where Spark reads it (staging copy or the landing file itself)
    name: str  # the part file's own name
    kind: str  # stand | gwr | levering
    row_tag: str | None = None  # qualified element name Spark splits records on
    code: str | None = None  # object type of a stand file
    stand_datum: str | None = None
    records: int = 0


class _Scanner:
    """Reads a part file's bytes once (while it is copied out of its zip, or from disk)."""

    def __init__(self, landing_path: str, name: str):
        self.landing_path = landing_path
        self.name = name
        self.head = b""
        self.tail = b""
        self.carry = b""
        self.needle: bytes | None = None
        self.part: PartFile | None = None

    def _fail(self, problem: str) -> UnreadableFile:
        inner = "" if os.path.basename(self.landing_path) == self.name else f"inner file {self.name}: "
        return UnreadableFile(self.landing_path, inner + problem)

    def _parse_head(self) -> None:
        text = _COMMENT.sub("", self.head.decode("utf-8", errors="replace"))
        root = _ROOT.search(text)
        if not root or not text.lstrip().startswith("<"):
            raise self._fail("not XML: no root element in the first 64 KB")
        name, prefix = root.group("name"), root.group("prefix")
        namespaces = {m.group("prefix"): m.group("uri") for m in _XMLNS.finditer(root.group("attrs"))}
        root_ns = namespaces.get(prefix)
        self.root_tag = f"{prefix}:{name}" if prefix else name
        datum = _STAND_DATUM.search(text)
        part = PartFile(path="", name=self.name, kind="", stand_datum=datum.group(1) if datum else None)
        if name == "bagMutaties":
            raise _refuse_mutation(self.landing_path, self.name)
        if name == "bagStand":
            if root_ns != NS_STAND:
                raise self._fail(f"unsupported LV-BAG extract version: namespace {root_ns!r}; this reader knows {NS_STAND}")
            found = _OBJECT_TYPE.search(text)
            code = (found.group(1).upper() if found else None) or _code_from_name(self.name)
            if code not in OBJECT_TYPES:
                raise self._fail(f"unknown LV-BAG object type {code!r} (expected one of {sorted(OBJECT_TYPES)})")
            part.kind, part.code, part.row_tag = "stand", code, f"{prefix}:bagObject" if prefix else "bagObject"
        elif name == "BAG-GWR-Deelbestand-LVC":
            gwr = [p for p, uri in namespaces.items() if uri == NS_GWR_PRODUCT]
            if not gwr:
                raise self._fail(f"GEM-WPL-RELATIE file without the namespace {NS_GWR_PRODUCT}")
            part.kind = "gwr"
            part.row_tag = f"{gwr[0]}:GemeenteWoonplaatsRelatie" if gwr[0] else "GemeenteWoonplaatsRelatie"
        elif name == "BAG-Extract-Levering":
            part.kind = "levering"
        else:
            raise self._fail(f"not an LV-BAG 2.0 extract file: root element {self.root_tag!r} (namespace {root_ns!r})")
        if part.row_tag:
            self.needle = f"<{part.row_tag}>".encode()
        self.part = part

    def _count(self, data: bytes) -> None:
        if self.needle:
            buffer = self.carry + data
            self.part.records += buffer.count(self.needle)
            self.carry = buffer[-(len(self.needle) - 1):]

    def feed(self, chunk: bytes) -> None:
        if self.part is None:
            self.head += chunk
            if len(self.head) >= _HEAD_BYTES:
                self._parse_head()
                self._count(self.head)
        else:
            self._count(chunk)
        self.tail = (self.tail + chunk)[-_TAIL_BYTES:]

    def finish(self, path: str) -> PartFile:
        if self.part is None:
            self._parse_head()
            self._count(self.head)
        closing = f"</{self.root_tag}>".encode()
        if not self.tail.rstrip().endswith(closing):
            raise self._fail(f"broken XML: the file does not end with {closing.decode()} (truncated?)")
        self.part.path = path
        return self.part


def _code_from_name(name: str) -> str | None:
    match = _OBJECT_FILE.match(name)
    return match.group("code").upper() if match else None


def _scan_stream(source: BinaryIO, landing_path: str, name: str, target: str | None) -> PartFile:
    """Scan ``source``; when ``target`` is given, also copy it there (extraction from a zip)."""
    scanner = _Scanner(landing_path, name)
    out = open(target, "wb") if target else None
    try:
        while chunk := source.read(1 << 20):
            scanner.feed(chunk)
            if out:
                out.write(chunk)
    finally:
        if out:
            out.close()
    return scanner.finish(target or landing_path)


# ---------------------------------------------------------------------------------------------------------------
# Staging and extraction
# ---------------------------------------------------------------------------------------------------------------
_live_staging: list[str] = []


def _cleanup_staging() -> None:
    while _live_staging:
        shutil.rmtree(_live_staging.pop(), ignore_errors=True)


atexit.register(_cleanup_staging)


def staging_root(settings: Settings) -> str:
    configured = os.environ.get("WOONMONITOR_STAGING")
    if configured:
        return os.path.join(configured, "bag")
    if settings.landing.startswith("/Volumes/"):
        return os.path.join(settings.landing, "_staging", "bag")
    return os.path.join(tempfile.gettempdir(), "woonmonitor-staging", "bag")


@dataclass
class _Delivery:
    landing_path: str
    staging: str
    parts: list[PartFile] = field(default_factory=list)
    counter: int = 0

    def classify(self, name: str, inner: str | None) -> str:
        """``object`` | ``gwr`` | ``levering`` | ``container`` | ``skip``; refuses mutations and unknown entries."""
        if _MUTATION_FILE.search(name):
            raise _refuse_mutation(self.landing_path, inner)
        if _OBJECT_FILE.match(name):
            return "object"
        if _GWR_FILE.match(name):
            return "gwr"
        if _LEVERING_FILE.match(name):
            return "levering"
        if _CONTAINER_ZIP.match(name):
            return "container"
        if _SKIPPED_FILE.search(name):
            return "skip"
        where = f"archive entry {inner}" if inner else "file name"
        raise UnreadableFile(self.landing_path, f"unknown {where}: not an LV-BAG 2.0 extract part (refusing rather than skipping it)")

    def add_zip(self, zip_path: str, chain: str) -> None:
        try:
            with zipfile.ZipFile(zip_path) as archive:
                for info in archive.infolist():
                    if info.is_dir():
                        continue
                    name = os.path.basename(info.filename)
                    inner = f"{chain}/{info.filename}" if chain else info.filename
                    lower = name.lower()
                    if not lower.endswith((".xml", ".zip")):
                        continue  # readme's, checksums: no records in them
                    if self.classify(name, inner) == "skip":
                        continue
                    self.counter += 1
                    target = os.path.join(self.staging, f"{self.counter:05d}-{name}")
                    with archive.open(info) as source:
                        if lower.endswith(".zip"):
                            with open(target, "wb") as out:
                                shutil.copyfileobj(source, out, 1 << 20)
                        else:
                            self.parts.append(_scan_stream(source, self.landing_path, inner, target))
                    if lower.endswith(".zip"):
                        self.add_zip(target, inner)
                        os.remove(target)
        except zipfile.BadZipFile as exc:
            where = f" (inner zip {chain})" if chain else ""
            raise UnreadableFile(self.landing_path, f"corrupt zip{where}: {exc}") from exc
        except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
            if isinstance(exc, OSError) and exc.errno is not None:
                raise  # disk full, permissions: not the delivery's fault
            where = f" (inner zip {chain})" if chain else ""
            raise UnreadableFile(self.landing_path, f"unreadable zip{where}: {type(exc).__name__}: {exc}") from exc


def collect_parts(path: str, staging: str) -> list[PartFile]:
    """Every XML part file of one landing file, scanned (zips extracted into ``staging``)."""
    delivery = _Delivery(path, staging)
    name = os.path.basename(path)
    if name.lower().endswith(".zip"):
        # any zip name is accepted at the top (a renamed extract is still an extract), but not a mutation zip
        if _MUTATION_FILE.search(name):
            raise _refuse_mutation(path, None)
        delivery.add_zip(path, "")
    else:
        if delivery.classify(name, None) == "skip":
            return []
        with open(path, "rb") as source:
            delivery.parts.append(_scan_stream(source, path, name, None))
    return delivery.parts


# ---------------------------------------------------------------------------------------------------------------
# Spark: part files -> bronze rows and quarantine
# ---------------------------------------------------------------------------------------------------------------
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"


def _read_xml(spark: SparkSession, paths: list[str], row_tag: str, schema: T.StructType) -> DataFrame:
    return (
        spark.read.format("xml")
        .option("rowTag", row_tag)
        .option("ignoreNamespace", "true")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", "_corrupt_record")
        .schema(T.StructType(list(schema.fields) + [T.StructField("_corrupt_record", _S, True)]))
        .load(paths)
    )


def _with_delivery_columns(df: DataFrame, parts: list[PartFile], type_index: int) -> DataFrame:
    """Part file name, its StandTechnischeDatum and a record position unique within the delivery."""
    names = {p.path: (p.name, p.stand_datum) for p in parts}
    by_file = F.create_map(*[x for file, (name, _d) in names.items() for x in (F.lit(os.path.basename(file)), F.lit(name))])
    datum = F.create_map(*[x for file, (_n, d) in names.items() for x in (F.lit(os.path.basename(file)), F.lit(d))])
    staged_name = F.col("_metadata.file_name")
    return df.select(
        "*",
        F.element_at(by_file, staged_name).alias("deelbestand"),
        F.element_at(datum, staged_name).cast("date").alias("stand_technische_datum"),
        # one XML file is never split across tasks, so ids rise in file order; the type index keeps the seven
        # object types of one delivery apart
        (F.lit(type_index).cast("long") * F.lit(1 << 50) + F.monotonically_increasing_id()).alias("_record_position"),
    )


def _reasons(checks: list[tuple[Column, str | Column]]) -> Column:
    """'; '-joined reasons of the failing checks, '' when the record is fine."""
    return F.concat_ws("; ", *[F.when(failed, reason if isinstance(reason, Column) else F.lit(reason)) for failed, reason in checks])


def _split(df: DataFrame, reason: Column, record: Column, contract: T.StructType) -> tuple[DataFrame, DataFrame]:
    checked = df.withColumn("_reason", reason)
    good = checked.where(F.col("_reason") == "").select(*[f.name for f in contract.fields], "_record_position")
    bad = checked.where(F.col("_reason") != "").select(
        "_record_position",
        F.coalesce(F.col("_corrupt_record"), record).alias("record"),
        F.col("_reason").alias("reason"),
    )
    return good, bad


def _blank(col: Column) -> Column:
    return col.isNull() | (F.trim(col) == "")


def object_rows(spark: SparkSession, parts: list[PartFile], object_type: ObjectType, type_index: int) -> tuple[DataFrame, DataFrame]:
    schema = _struct(**{object_type.element: _struct(**object_type.xml_fields)})
    frames = []
    for row_tag in sorted({p.row_tag for p in parts}):
        group = [p for p in parts if p.row_tag == row_tag]
        frames.append(_with_delivery_columns(_read_xml(spark, [p.path for p in group], row_tag, schema), group, type_index))
    raw = frames[0]
    for frame in frames[1:]:
        raw = raw.unionByName(frame)
    o = F.col(object_type.element)
    vk = o["voorkomen"]["Voorkomen"]
    parsed = raw.select(
        "_corrupt_record", "_record_position", "deelbestand", "stand_technische_datum",
        F.to_json(o).alias("_record_json"),
        o.isNull().alias("_missing"),
        F.trim(o["identificatie"]).alias("identificatie"),
        vk["voorkomenidentificatie"].alias("_voorkomenidentificatie_raw"),
        _int(vk["voorkomenidentificatie"]).alias("voorkomenidentificatie"),
        F.trim(vk["beginGeldigheid"]).alias("begin_geldigheid"),
        F.trim(vk["eindGeldigheid"]).alias("eind_geldigheid"),
        F.trim(vk["tijdstipRegistratie"]).alias("tijdstip_registratie"),
        F.trim(vk["eindRegistratie"]).alias("eind_registratie"),
        F.trim(vk["BeschikbaarLV"]["tijdstipRegistratieLV"]).alias("tijdstip_registratie_lv"),
        F.trim(vk["BeschikbaarLV"]["tijdstipEindRegistratieLV"]).alias("tijdstip_eind_registratie_lv"),
        o["status"].alias("status"),
        o["geconstateerd"].alias("geconstateerd"),
        o["documentdatum"].alias("documentdatum"),
        o["documentnummer"].alias("documentnummer"),
        *object_type.columns(o),
    )
    # integer attributes: keep the raw text beside the typed value, so a non-number is quarantined, not nulled
    integer_raw = {name: f"_{name}_raw" for name in object_type.integers}
    parsed = parsed.withColumns({raw_name: F.col(name) for name, raw_name in integer_raw.items()})
    parsed = parsed.withColumns({name: _int(F.col(raw_name)) for name, raw_name in integer_raw.items()})
    checks: list[tuple[Column, str | Column]] = [
        (F.col("_corrupt_record").isNotNull(), "malformed bagObject: not well-formed XML or not readable with the contract schema"),
        (F.col("_corrupt_record").isNull() & F.col("_missing"), f"bagObject holds no {object_type.element}"),
        (~F.col("_missing") & _blank(F.col("identificatie")), "no identificatie"),
        (~F.col("_missing") & ~_blank(F.col("identificatie")) & ~F.col("identificatie").rlike(object_type.id_pattern),
         F.concat(F.lit("identificatie '"), F.col("identificatie"), F.lit(f"' does not match {object_type.id_pattern}"))),
        (~F.col("_missing") & _blank(F.col("_voorkomenidentificatie_raw")), "no voorkomenidentificatie"),
        (~_blank(F.col("_voorkomenidentificatie_raw")) & F.col("voorkomenidentificatie").isNull(), "voorkomenidentificatie is not an integer"),
        (~F.col("_missing") & ~F.coalesce(F.col("begin_geldigheid").rlike(_DATE), F.lit(False)), "beginGeldigheid missing or not a date"),
        (~_blank(F.col("eind_geldigheid")) & ~F.col("eind_geldigheid").rlike(_DATE), "eindGeldigheid is not a date"),
        (~F.col("_missing") & ~F.coalesce(F.col("tijdstip_registratie").rlike(_TIME), F.lit(False)), "tijdstipRegistratie missing or not a time"),
        (~_blank(F.col("eind_registratie")) & ~F.col("eind_registratie").rlike(_TIME), "eindRegistratie is not a time"),
    ] + [
        (~_blank(F.col(raw_name)) & F.col(name).isNull(), f"{name} is not an integer")
        for name, raw_name in integer_raw.items()
    ]
    return _split(parsed, _reasons(checks), F.col("_record_json"), CONTRACTS[object_type.table])


def gwr_rows(spark: SparkSession, parts: list[PartFile], type_index: int) -> tuple[DataFrame, DataFrame]:
    frames = []
    for row_tag in sorted({p.row_tag for p in parts}):
        group = [p for p in parts if p.row_tag == row_tag]
        frames.append(_with_delivery_columns(_read_xml(spark, [p.path for p in group], row_tag, _X_GWR), group, type_index))
    raw = frames[0]
    for frame in frames[1:]:
        raw = raw.unionByName(frame)
    parsed = raw.select(
        "_corrupt_record", "_record_position", "deelbestand", "stand_technische_datum",
        F.to_json(F.struct(*[F.col(f.name) for f in _X_GWR.fields])).alias("_record_json"),
        F.trim(F.col("gerelateerdeGemeente.identificatie")).alias("gemeente_identificatie"),
        F.trim(F.col("gerelateerdeWoonplaats.identificatie")).alias("woonplaats_identificatie"),
        F.trim(F.col("tijdvakgeldigheid.begindatumTijdvakGeldigheid")).alias("begin_geldigheid"),
        F.trim(F.col("tijdvakgeldigheid.einddatumTijdvakGeldigheid")).alias("eind_geldigheid"),
        F.col("status"),
    )
    ok = F.col("_corrupt_record").isNull()
    checks: list[tuple[Column, str | Column]] = [
        (~ok, "malformed GemeenteWoonplaatsRelatie: not well-formed XML"),
        (ok & ~F.coalesce(F.col("gemeente_identificatie").rlike(r"^\d{4}$"), F.lit(False)), "gemeente identificatie missing or not 4 digits"),
        (ok & ~F.coalesce(F.col("woonplaats_identificatie").rlike(r"^\d{4}$"), F.lit(False)), "woonplaats identificatie missing or not 4 digits"),
        (ok & ~F.coalesce(F.col("begin_geldigheid").rlike(_DATE), F.lit(False)), "begindatumTijdvakGeldigheid missing or not a date"),
        (ok & ~_blank(F.col("eind_geldigheid")) & ~F.col("eind_geldigheid").rlike(_DATE), "einddatumTijdvakGeldigheid is not a date"),
    ]
    return _split(parsed, _reasons(checks), F.col("_record_json"), CONTRACTS[GWR_TABLE])


class BagReader:
    source = "bag"
    tables = CONTRACTS

    def accepts(self, filename: str) -> bool:
        return filename.lower().endswith((".zip", ".xml"))

    def parse(self, spark: SparkSession, path: str, settings: Settings) -> Parsed:
        # the previous delivery's rows are written by now (the framework loads files one after another)
        _cleanup_staging()
        root = staging_root(settings)
        os.makedirs(root, exist_ok=True)
        staging = tempfile.mkdtemp(prefix="delivery-", dir=root)
        _live_staging.append(staging)
        parts = collect_parts(path, staging)
        tables: dict[str, DataFrame] = {}
        quarantines: list[DataFrame] = []
        for index, code in enumerate(OBJECT_TYPES):
            of_type = [p for p in parts if p.kind == "stand" and p.code == code]
            if of_type:
                good, bad = object_rows(spark, of_type, OBJECT_TYPES[code], index)
                tables[OBJECT_TYPES[code].table] = good
                quarantines.append(bad)
        gwr = [p for p in parts if p.kind == "gwr"]
        if gwr:
            good, bad = gwr_rows(spark, gwr, len(OBJECT_TYPES))
            tables[GWR_TABLE] = good
            quarantines.append(bad)
        quarantine = None
        if quarantines:
            quarantine = quarantines[0]
            for frame in quarantines[1:]:
                quarantine = quarantine.unionByName(frame)
            quarantine = quarantine.select(*[F.col(f.name).cast(f.dataType) for f in QUARANTINE_INPUT_SCHEMA.fields])
        return Parsed(tables=tables, records_read=sum(p.records for p in parts), quarantine=quarantine)


READER = BagReader()
