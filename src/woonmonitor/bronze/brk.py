"""BRK (Basisregistratie Kadaster) deliveries into bronze: Haal Centraal BRK bevragen 2.0 JSON.

Landing files: ``<landing>/brk/*.json`` (UTF-8). The real delivery of the current monitor (a zip) has never been
seen; the landing format is therefore the API's own JSON, as the acquisition step or a generator writes it.

Accepted document shapes (``KadastraalOnroerendeZaakHal`` objects as in the spec
``brk_bevragen_openapi_genereervariant.yaml``):

1. the response of ``GET /kadastraalonroerendezaken?expand=zakelijkGerechtigden`` (``KadastraalOnroerendeZaakHalCollectie``)::

       {"_links": {...},
        "_embedded": {"kadastraalOnroerendeZaken": [ <KadastraalOnroerendeZaakHal>, ... ]}}

2. one ``KadastraalOnroerendeZaakHal`` (the response of ``GET /kadastraalonroerendezaken/{id}?expand=zakelijkGerechtigden``);
3. a JSON list of ``KadastraalOnroerendeZaakHal`` (pages or single responses concatenated).

A ``KadastraalOnroerendeZaakHal`` as read here::

       {"identificatie": "26210123470000",            # required, string
        "type": "perceel" | "appartementsrecht",       # required
        "kadastraleAanduiding": "Lochem K 1234",
        "indicatieVervallen": false,
        "koopsom": {"koopsom": 325000, "koopjaar": 2019, "indicatieMetMeerObjectenVerkregen": false},
        "adressen": [{"adresseerbaarObjectIdentificatie": "0262010000010001",   # 16 digits when present
                      "nummeraanduidingIdentificatie": "0262200000010001",
                      "straat": ..., "huisnummer": 12, "huisletter": ..., "huisnummertoevoeging": ...,
                      "postcode": "7241EW", "woonplaats": "Lochem", "koppelingswijze": {"code": "ADM_GEO", ...}}],
        "_embedded": {"zakelijkGerechtigden": [
            {"identificatie": "1000001",
             "type": "eigenaar" | "erfpachter" | "opstalhouder" | "vruchtgebruiker" | ...,   # TypeGerechtigdeEnum
             "aanvangsdatum": "2019-06-14",
             "tenaamstelling": {"aandeel": {"teller": 1, "noemer": 2}, ...},
             "persoon": {"identificatie": "<BSN | RSIN | kadaster id>", "omschrijving": "...",
                         "type": "ingeschreven_natuurlijk_persoon" | "kadaster_natuurlijk_persoon"
                               | "ingeschreven_niet_natuurlijk_persoon" | "kadaster_niet_natuurlijk_persoon"},
             "_embedded": {"persoon": {"statutaireNaam": ..., "kvkNummer": ..., "rsin": ...}}   # optional
            }, ...]}}

``_embedded.zakelijkGerechtigden`` is what ``expand=zakelijkGerechtigden`` returns. ``persoon`` is the spec's
``PersoonBeperkt`` (its ``identificatie`` is the BSN of an ingeschreven natuurlijk persoon and the RSIN of an
ingeschreven niet-natuurlijk persoon). The spec has no KvK number or statutaire naam there, so a zakelijk
gerechtigde may carry, as a landing-format extension, ``_embedded.persoon``: the ``KadasterNietNatuurlijkPersoon``
resource its ``_links.persoon`` points to (``statutaireNaam``, ``kvkNummer``, ``rsin``). Without it the
statutaire naam is taken from ``persoon.omschrijving`` and the RSIN from ``persoon.identificatie``.
A zaak without ``_embedded.zakelijkGerechtigden`` (fetched without expand) is loaded with
``aantal_zakelijk_gerechtigden`` null.

Personal data: for a natural person only the type and ``persoon_id`` are kept: HMAC-SHA256 of the BSN with
the pseudonymisation key (the same function and key as the BRP reader, so it joins with
``silver.brp_verblijf.persoon_id``); for a ``kadaster_natuurlijk_persoon`` (not in the BRP) the HMAC of
``"kadaster:" + identificatie``. Names, birth data, addresses of persons, partners (``betrokkenPartner``) and
``_links`` are not stored. For non-natural persons RSIN, KvK number and statutaire naam are kept (not
personal data). Note that an RSIN passes the same 11-proef as a BSN.

One kadastraal onroerende zaak is one record. It goes to quarantine (redacted: persons reduced to their type,
links dropped) when: it is not an object, ``identificatie`` is missing, ``type`` is not perceel or
appartementsrecht, an ``adresseerbaarObjectIdentificatie`` is not 16 digits, ``koopsom`` is not an integer,
a zakelijk gerechtigde has an unknown ``type``, a bad ``aanvangsdatum`` or ``aandeel`` (teller and noemer
positive integers, teller <= noemer), a ``persoon`` without a known ``type``, or an ingeschreven natuurlijk
persoon whose identificatie is not 9 digits.

Bronze tables: ``brk_kadastraal_onroerende_zaak`` (one row per zaak: the records) and
``brk_zakelijk_gerechtigde`` (one row per zakelijk gerechtigde of a loaded zaak, with the zaak's
``_record_position``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from pyspark.sql import SparkSession
from pyspark.sql import types as T

from woonmonitor.bronze.ingest import QUARANTINE_INPUT_SCHEMA, Parsed, UnreadableFile
from woonmonitor.bronze.woz import scrub
from woonmonitor.config import Settings
from woonmonitor.privacy import hmac_sha256_py, load_key

KOZ_TYPES = ("perceel", "appartementsrecht")
#: TypeGerechtigdeEnum of the spec
GERECHTIGDE_TYPES = (
    "beklemrechthouder", "eigenaar", "erfpachter", "gebruik_bewoning", "grondrente", "opstalhouder",
    "vaderlandsrecht", "artikel5_3b_geheel", "stadsmeierrecht", "vruchtgebruiker", "erfpachter_opstalhouder",
    "nutsvoorzieningen", "brondocument", "twee_belastingen", "belasting_derde", "bp_recht",
    "nutsvoorzieningen_gedeelte", "artikel5_3b",
)
NATUURLIJK = ("ingeschreven_natuurlijk_persoon", "kadaster_natuurlijk_persoon")
NIET_NATUURLIJK = ("ingeschreven_niet_natuurlijk_persoon", "kadaster_niet_natuurlijk_persoon")

ADRES = T.StructType(
    [
        T.StructField("adresseerbaar_object_identificatie", T.StringType(), True),
        T.StructField("nummeraanduiding_identificatie", T.StringType(), True),
        T.StructField("straat", T.StringType(), True),
        T.StructField("huisnummer", T.IntegerType(), True),
        T.StructField("huisletter", T.StringType(), True),
        T.StructField("huisnummertoevoeging", T.StringType(), True),
        T.StructField("postcode", T.StringType(), True),
        T.StructField("woonplaats", T.StringType(), True),
        T.StructField("koppelingswijze", T.StringType(), True),
    ]
)

KADASTRAAL_ONROERENDE_ZAAK = T.StructType(
    [
        T.StructField("identificatie", T.StringType(), False),
        T.StructField("type", T.StringType(), False),
        T.StructField("kadastrale_aanduiding", T.StringType(), True),
        T.StructField("indicatie_vervallen", T.BooleanType(), True),
        T.StructField("koopsom", T.LongType(), True),
        T.StructField("koopjaar", T.IntegerType(), True),
        T.StructField("koopsom_meer_objecten", T.BooleanType(), True),
        T.StructField("adressen", T.ArrayType(ADRES), False),
        #: null when the zaak was delivered without _embedded.zakelijkGerechtigden
        T.StructField("aantal_zakelijk_gerechtigden", T.IntegerType(), True),
    ]
)

ZAKELIJK_GERECHTIGDE = T.StructType(
    [
        T.StructField("kadastraal_onroerende_zaak_identificatie", T.StringType(), False),
        T.StructField("identificatie", T.StringType(), True),
        T.StructField("type", T.StringType(), False),
        T.StructField("aanvangsdatum", T.DateType(), True),
        T.StructField("aandeel_teller", T.IntegerType(), True),
        T.StructField("aandeel_noemer", T.IntegerType(), True),
        T.StructField("persoon_type", T.StringType(), True),
        #: natural persons only: HMAC-SHA256 of the BSN (kadaster persons: of "kadaster:" + id)
        T.StructField("persoon_id", T.StringType(), True),
        #: non-natural persons only: persoon.identificatie (RSIN, or the Kadaster's id)
        T.StructField("niet_natuurlijk_persoon_identificatie", T.StringType(), True),
        T.StructField("rsin", T.StringType(), True),
        T.StructField("kvk_nummer", T.StringType(), True),
        T.StructField("statutaire_naam", T.StringType(), True),
    ]
)

_POSITION = T.StructField("_record_position", T.LongType(), False)
_BAG_ID = re.compile(r"^\d{16}$")
_BSN = re.compile(r"^\d{9}$")


def zaken(path: str, document: Any) -> list[Any]:
    """The kadastraal onroerende zaken of a document (see the module docstring for the three shapes)."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        embedded = document.get("_embedded")
        if "identificatie" not in document and isinstance(embedded, dict):
            found = embedded.get("kadastraalOnroerendeZaken")
            if not isinstance(found, list):
                raise UnreadableFile(path, f"_embedded has no kadastraalOnroerendeZaken list (keys {sorted(embedded)})")
            return found
        if "identificatie" in document:
            return [document]
    raise UnreadableFile(
        path,
        "not a BRK bevragen document: expected {_embedded: {kadastraalOnroerendeZaken: [...]}}, "
        "one kadastraal onroerende zaak or a list of them",
    )


def redact(obj: Any) -> Any:
    """A copy without personal data: persons keep only their type, partners and links are dropped."""
    if isinstance(obj, list):
        return [redact(v) for v in obj]
    if not isinstance(obj, dict):
        return obj
    out = {}
    for key, value in obj.items():
        if key in ("_links", "betrokkenPartner"):
            continue
        if key == "persoon" and isinstance(value, dict):
            # the embedded detail of a non-natural person has no type, only statutaire data
            non_natural = value.get("type") in NIET_NATUURLIJK or (
                value.get("type") is None and any(k in value for k in ("statutaireNaam", "kvkNummer", "rsin"))
            )
            out[key] = redact(value) if non_natural else {"type": value.get("type")}
            continue
        out[key] = redact(value)
    return out


def _opt_str(value: Any, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list, bool)):
        raise ValueError(f"{what} {value!r} is not a string")
    return str(value)


def _opt_int(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} {value!r} is not an integer")
    return value


def _waarde(value: Any) -> str | None:
    return value.get("code") if isinstance(value, dict) else None


def _adres(a: Any, i: int) -> tuple:
    if not isinstance(a, dict):
        raise ValueError(f"adressen[{i}] is not an object")
    aoid = a.get("adresseerbaarObjectIdentificatie")
    if aoid is not None and (not isinstance(aoid, str) or not _BAG_ID.match(aoid)):
        raise ValueError(f"adressen[{i}].adresseerbaarObjectIdentificatie {aoid!r} is not a 16-digit BAG id")
    return (
        aoid,
        _opt_str(a.get("nummeraanduidingIdentificatie"), f"adressen[{i}].nummeraanduidingIdentificatie"),
        _opt_str(a.get("straat"), "straat"),
        _opt_int(a.get("huisnummer"), f"adressen[{i}].huisnummer"),
        _opt_str(a.get("huisletter"), "huisletter"),
        _opt_str(a.get("huisnummertoevoeging"), "huisnummertoevoeging"),
        _opt_str(a.get("postcode"), "postcode"),
        _opt_str(a.get("woonplaats"), "woonplaats"),
        _waarde(a.get("koppelingswijze")),
    )


def _gerechtigde(zaak_id: str, g: Any, i: int, key: bytes) -> tuple:
    where = f"zakelijkGerechtigden[{i}]"
    if not isinstance(g, dict):
        raise ValueError(f"{where} is not an object")
    gtype = g.get("type")
    if gtype not in GERECHTIGDE_TYPES:
        raise ValueError(f"{where}.type {gtype!r} is not a TypeGerechtigde")
    aanvang = None
    if g.get("aanvangsdatum") is not None:
        try:
            aanvang = dt.date.fromisoformat(str(g["aanvangsdatum"]))
        except ValueError as exc:
            raise ValueError(f"{where}.aanvangsdatum {g['aanvangsdatum']!r} is not an ISO date") from exc
    teller = noemer = None
    tenaamstelling = g.get("tenaamstelling") or {}
    aandeel = tenaamstelling.get("aandeel") if isinstance(tenaamstelling, dict) else None
    if aandeel is not None:
        teller = aandeel.get("teller") if isinstance(aandeel, dict) else None
        noemer = aandeel.get("noemer") if isinstance(aandeel, dict) else None
        if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in (teller, noemer)) or teller > noemer:
            raise ValueError(f"{where}.tenaamstelling.aandeel {aandeel!r} is not a fraction teller/noemer <= 1")
    persoon = g.get("persoon")
    embedded = g.get("_embedded") if isinstance(g.get("_embedded"), dict) else {}
    detail = embedded.get("persoon") if isinstance(embedded.get("persoon"), dict) else {}
    ptype = persoon_id = nnp_id = rsin = kvk = naam = None
    if persoon is not None:
        if not isinstance(persoon, dict) or persoon.get("type") not in NATUURLIJK + NIET_NATUURLIJK:
            ptype_in = persoon.get("type") if isinstance(persoon, dict) else persoon
            raise ValueError(f"{where}.persoon.type {ptype_in!r} is not a PersoonType")
        ptype = persoon["type"]
        ident = _opt_str(persoon.get("identificatie") or detail.get("identificatie"), f"{where}.persoon.identificatie")
        if ptype == "ingeschreven_natuurlijk_persoon":
            if not ident or not _BSN.match(ident.strip()):
                raise ValueError(f"{where}.persoon: an ingeschreven natuurlijk persoon needs a 9-digit BSN as identificatie")
            persoon_id = hmac_sha256_py(ident, key)
        elif ptype == "kadaster_natuurlijk_persoon":
            persoon_id = hmac_sha256_py(f"kadaster:{ident.strip()}", key) if ident else None
        else:
            nnp_id = ident
            rsin = _opt_str(detail.get("rsin"), "rsin") or (ident if ptype == "ingeschreven_niet_natuurlijk_persoon" else None)
            kvk = _opt_str(detail.get("kvkNummer"), "kvkNummer")
            naam = _opt_str(detail.get("statutaireNaam"), "statutaireNaam") or _opt_str(persoon.get("omschrijving"), "omschrijving")
    return (
        zaak_id,
        _opt_str(g.get("identificatie"), f"{where}.identificatie"),
        gtype,
        aanvang,
        teller,
        noemer,
        ptype,
        persoon_id,
        nnp_id,
        rsin,
        kvk,
        naam,
    )


def parse_zaak(z: Any, key: bytes) -> tuple[tuple, list[tuple]]:
    if not isinstance(z, dict):
        raise ValueError(f"a kadastraal onroerende zaak must be a JSON object, found {type(z).__name__}")
    ident = z.get("identificatie")
    if not isinstance(ident, str) or not ident.strip():
        raise ValueError(f"identificatie {ident!r} is missing or not a string")
    ztype = z.get("type")
    if ztype not in KOZ_TYPES:
        raise ValueError(f"type {ztype!r} is not perceel or appartementsrecht")
    koopsom = z.get("koopsom") if isinstance(z.get("koopsom"), dict) else {}
    adressen_in = z.get("adressen") or []
    if not isinstance(adressen_in, list):
        raise ValueError("adressen is not a list")
    adressen = [_adres(a, i) for i, a in enumerate(adressen_in)]
    embedded = z.get("_embedded") if isinstance(z.get("_embedded"), dict) else {}
    gerechtigden_in = embedded.get("zakelijkGerechtigden")
    if gerechtigden_in is not None and not isinstance(gerechtigden_in, list):
        raise ValueError("_embedded.zakelijkGerechtigden is not a list")
    gerechtigden = [_gerechtigde(ident, g, i, key) for i, g in enumerate(gerechtigden_in or [])]
    vervallen = z.get("indicatieVervallen")
    meer = koopsom.get("indicatieMetMeerObjectenVerkregen")
    row = (
        ident,
        ztype,
        _opt_str(z.get("kadastraleAanduiding"), "kadastraleAanduiding"),
        vervallen if isinstance(vervallen, bool) else None,
        _opt_int(koopsom.get("koopsom"), "koopsom.koopsom"),
        _opt_int(koopsom.get("koopjaar"), "koopsom.koopjaar"),
        meer if isinstance(meer, bool) else None,
        adressen,
        None if gerechtigden_in is None else len(gerechtigden),
    )
    return row, gerechtigden


def parse_file(path: str, key: bytes) -> tuple[list[tuple], list[tuple], list[tuple], int]:
    """(zaak rows, gerechtigde rows, quarantined, records read); positions are 1-based zaak indexes."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            document = json.load(handle)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise UnreadableFile(path, f"broken JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    items = zaken(path, document)
    rows, gerechtigden, bad = [], [], []
    for position, z in enumerate(items, start=1):
        try:
            row, zg = parse_zaak(z, key)
        except ValueError as exc:
            bad.append((position, scrub(json.dumps(redact(z), ensure_ascii=False, sort_keys=True)), str(exc)))
            continue
        rows.append((*row, position))
        gerechtigden.extend((*g, position) for g in zg)
    return rows, gerechtigden, bad, len(items)


class BrkReader:
    source = "brk"
    tables = {"brk_kadastraal_onroerende_zaak": KADASTRAAL_ONROERENDE_ZAAK, "brk_zakelijk_gerechtigde": ZAKELIJK_GERECHTIGDE}

    def accepts(self, filename: str) -> bool:
        return filename.lower().endswith(".json")

    def parse(self, spark: SparkSession, path: str, settings: Settings) -> Parsed:
        rows, gerechtigden, bad, n = parse_file(path, load_key(settings))
        return Parsed(
            tables={
                "brk_kadastraal_onroerende_zaak": spark.createDataFrame(
                    rows, T.StructType(list(KADASTRAAL_ONROERENDE_ZAAK.fields) + [_POSITION])
                ),
                "brk_zakelijk_gerechtigde": spark.createDataFrame(
                    gerechtigden, T.StructType(list(ZAKELIJK_GERECHTIGDE.fields) + [_POSITION])
                ),
            },
            records_read=n,
            quarantine=spark.createDataFrame(bad, QUARANTINE_INPUT_SCHEMA) if bad else None,
            counted_tables=("brk_kadastraal_onroerende_zaak",),
        )


READER = BrkReader()
