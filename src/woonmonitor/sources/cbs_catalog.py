"""The CBS StatLine tables the monitor uses, declared once.

For every table: its title, its dimensions (key, meaning, the codes the monitor selects on) and the
measures (``Topic`` properties) the monitor uses, with their real ``DataProperties`` key **including the
version suffix**, title and unit. The suffix (``_1`` in ``BevolkingOp1Januari_1``) changes between table
versions, so gold never uses it: gold selects on :attr:`Maatstaf.maatstaf` (the key without suffix, the
``maatstaf`` column of ``silver.cbs_observatie``), and a measure that CBS renamed between versions lists
its older base keys in :attr:`Maatstaf.aliassen`.

Provenance. ``confirmed=True`` means the key (or code) was seen in a real CBS file or in published code
that reads the live OData API of that table:

- 03759ned: the real "onbewerkte dataset" CSV in ``../shared/reference/cbs/`` (header and codes).
- 37230ned: the current (2021+) DataProperties keys ``BevolkingAanHetBeginVanDePeriode_1`` ...
  ``BevolkingAanHetEindeVanDePeriode_15`` as read from the live API by several public projects; the
  2017 version had other suffixes (``Levendgeborenen_2``, ``Bevolkingsgroei_14``,
  ``BevolkingAanHetEindeVanDePeriode_18``), which is exactly why gold ignores suffixes.
- 84547NED: ``BinnenGemeentenVerhuisdePersonen_1``, ``GevestigdInDeGemeente_2``,
  ``VertrokkenUitDeGemeente_3`` and dimension ``Leeftijd31December`` from code reading the API.
- 81528NED: ``GemiddeldAardgasverbruik_1``, ``GemiddeldeElektriciteitslevering_2`` and the
  ``Woningkenmerken`` dwelling-type codes from code reading the API. The ownership codes of
  ``Woningkenmerken`` were **not** confirmed (``confirmed=False``).
- 85005NED: ``Installaties_1``, ``OpgesteldVermogenVanZonnepanelen_2``, ``OpgesteldVermogenOmvormers_3``,
  ``ProductieVanZonnestroom_4`` and ``SectorEnVermogensklasse`` codes E007161 / E007037 / T001081.
- 81734NED: ``TussenGemeentenVerhuisdePersonen_1`` and dimensions ``RegioVanVertrek`` /
  ``RegioVanVestiging``.
- 81955NED: ``BeginstandVoorraad_1`` ... ``EindstandVoorraad_8`` and ``Gebruiksfunctie`` A045364
  (woningen).

Anything not confirmed is flagged ``confirmed=False`` here; the acquisition step stores the table's real
``DataProperties`` beside the data, and :func:`check_against_data_properties` reports the differences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

ODATA_V3 = "https://opendata.cbs.nl/ODataApi/odata/{tabel}/"
STATLINE = "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{tabel}/table"

_SUFFIX = re.compile(r"_\d+$")


def zonder_suffix(key: str) -> str:
    """``BevolkingOp1Januari_1`` -> ``BevolkingOp1Januari`` (the ``maatstaf`` of silver)."""
    return _SUFFIX.sub("", key.strip())


@dataclass(frozen=True)
class Code:
    """One code of a dimension: ``T001038`` = 'Totaal mannen en vrouwen'."""

    code: str
    titel: str
    confirmed: bool = True


@dataclass(frozen=True)
class Dimensie:
    key: str
    titel: str
    #: ``Dimension``, ``GeoDimension`` or ``TimeDimension`` as in DataProperties
    soort: str = "Dimension"
    #: the codes the monitor selects on or shows (examples, not the full code list)
    codes: tuple[Code, ...] = ()

    def titel_van(self, code: str) -> str | None:
        for c in self.codes:
            if c.code == code.strip():
                return c.titel
        return None


@dataclass(frozen=True)
class Maatstaf:
    """A measure (``Topic``) of a table."""

    key: str
    titel: str
    eenheid: str
    confirmed: bool = True
    #: base keys (without suffix) this measure had in other table versions
    aliassen: tuple[str, ...] = ()

    @property
    def maatstaf(self) -> str:
        """The key without version suffix: what gold selects on."""
        return zonder_suffix(self.key)

    @property
    def basissleutels(self) -> tuple[str, ...]:
        """All base keys that mean this measure (current first)."""
        return (self.maatstaf, *self.aliassen)


@dataclass(frozen=True)
class CbsTabel:
    id: str
    titel: str
    #: period types the table carries (``JJ`` year, ``KW`` quarter, ``MM`` month)
    perioden: tuple[str, ...]
    dimensies: tuple[Dimensie, ...]
    maatstaven: tuple[Maatstaf, ...]
    #: gold tables built from it
    gebruikt_door: tuple[str, ...] = ()
    #: the StatLine selections (dl=...) the previous monitor downloaded
    seed_links: tuple[str, ...] = ()
    opmerking: str = ""

    @property
    def odata_url(self) -> str:
        return ODATA_V3.format(tabel=self.id)

    @property
    def statline_url(self) -> str:
        return STATLINE.format(tabel=self.id)

    def dimensie(self, key: str) -> Dimensie:
        for d in self.dimensies:
            if d.key == key:
                return d
        raise KeyError(f"{self.id} has no dimension {key!r}; it has {[d.key for d in self.dimensies]}")

    def maatstaf(self, base_key: str) -> Maatstaf:
        """The measure whose key without suffix (or one of its aliases) is ``base_key``."""
        for m in self.maatstaven:
            if base_key in m.basissleutels:
                return m
        raise KeyError(f"{self.id} has no measure {base_key!r}; it has {[m.maatstaf for m in self.maatstaven]}")

    @property
    def dimensie_keys(self) -> tuple[str, ...]:
        """Dimension keys in the order CBS puts them in the CSV header (after ``ID``)."""
        return tuple(d.key for d in self.dimensies)

    @property
    def maatstaf_keys(self) -> tuple[str, ...]:
        """Measure keys with suffix, in header order."""
        return tuple(m.key for m in self.maatstaven)

    @property
    def unconfirmed(self) -> list[str]:
        out = [f"{self.id}.{m.key}" for m in self.maatstaven if not m.confirmed]
        out += [f"{self.id}.{d.key}={c.code}" for d in self.dimensies for c in d.codes if not c.confirmed]
        return out


# -- shared dimensions -------------------------------------------------------------------------------

#: Geslacht codes (03759ned, 84547NED)
GESLACHT_TOTAAL = "T001038"
MANNEN = "3000"
VROUWEN = "4000"
GESLACHT = Dimensie(
    "Geslacht",
    "Geslacht",
    codes=(Code(GESLACHT_TOTAAL, "Totaal mannen en vrouwen"), Code(MANNEN, "Mannen"), Code(VROUWEN, "Vrouwen")),
)
NEDERLAND = "NL01"


def regio_dimensie(key: str = "RegioS", titel: str = "Regio's") -> Dimensie:
    return Dimensie(
        key,
        titel,
        soort="GeoDimension",
        codes=(Code(NEDERLAND, "Nederland"), Code("GM0262", "Lochem"), Code("PV25", "Gelderland")),
    )


PERIODEN = Dimensie(
    "Perioden",
    "Perioden",
    soort="TimeDimension",
    codes=(Code("2024JJ00", "2024"), Code("2024KW01", "2024 1e kwartaal"), Code("2024MM01", "2024 januari")),
)

# -- 03759ned: age codes -----------------------------------------------------------------------------

LEEFTIJD_TOTAAL = "10000"
#: 95 jaar of ouder: an aggregate that overlaps the single years 95..104 and 105+
LEEFTIJD_95_PLUS = "22000"
LEEFTIJD_105_PLUS = "22300"
BURGERLIJKE_STAAT_TOTAAL = "T001019"


def leeftijd_uit_code(code: str | None) -> int | None:
    """Age in years from a 03759ned ``Leeftijd`` code; None for the total and for aggregates.

    Verified on the real file: 10010 = 0 years, 10100..19900 step 100 = 1..99 years, 19901..19905 =
    100..104 years, 22300 = 105 and older (returned as 105). 10000 (total) and 22000 (95 and older,
    overlapping the single years) give None, as does any other code.
    """
    if code is None:
        return None
    text = str(code).strip()
    if not text.isdigit():
        return None
    c = int(text)
    if c == 10010:
        return 0
    if 10100 <= c <= 19900 and c % 100 == 0:
        return c // 100 - 100
    if 19901 <= c <= 19905:
        return c - 19900 + 99
    if c == 22300:
        return 105
    return None


def leeftijd_code(leeftijd: int) -> str:
    """The inverse of :func:`leeftijd_uit_code` (for fixtures): 0 -> 10010, 1 -> 10100, 105+ -> 22300."""
    if leeftijd < 0:
        raise ValueError(f"negative age {leeftijd}")
    if leeftijd == 0:
        return "10010"
    if leeftijd <= 99:
        return str(10000 + 100 * leeftijd)
    if leeftijd <= 104:
        return str(19900 + leeftijd - 99)
    return LEEFTIJD_105_PLUS


_LEEFTIJD_CODES = (
    Code(LEEFTIJD_TOTAAL, "Totaal"),
    Code("10010", "0 jaar"),
    Code("10100", "1 jaar"),
    Code("19900", "99 jaar"),
    Code("19901", "100 jaar"),
    Code("19905", "104 jaar"),
    Code(LEEFTIJD_105_PLUS, "105 jaar of ouder"),
    Code(LEEFTIJD_95_PLUS, "95 jaar of ouder"),
)

# -- 81528NED: dwelling characteristics ---------------------------------------------------------------

WONINGKENMERKEN_TOTAAL = "T001100"
WONINGTYPES = (
    Code(WONINGKENMERKEN_TOTAAL, "Totaal woningen"),
    Code("ZW10320", "Vrijstaande woning"),
    Code("ZW10300", "2-onder-1-kapwoning"),
    Code("ZW25806", "Hoekwoning"),
    Code("ZW25805", "Tussenwoning"),
    Code("ZW25810", "Appartement"),
    # ownership breakdown of the same dimension: the codes were not seen in real data
    Code("1014800", "Koopwoning", confirmed=False),
    Code("1014850", "Huurwoning", confirmed=False),
)

# -- 85005NED: sector and capacity class ------------------------------------------------------------

SECTOR_TOTAAL = "E007161"
SECTOR_WONINGEN = "E007037"
SECTOR_BEDRIJVEN = "T001081"
SECTOREN = (
    Code(SECTOR_TOTAAL, "Alle economische activiteit en woningen"),
    Code(SECTOR_WONINGEN, "Woningen"),
    Code(SECTOR_BEDRIJVEN, "A-U Alle economische activiteiten"),
)

# -- 81955NED ---------------------------------------------------------------------------------------

GEBRUIKSFUNCTIE_WONINGEN = "A045364"

# -- the catalog ------------------------------------------------------------------------------------

TABELLEN: tuple[CbsTabel, ...] = (
    CbsTabel(
        id="03759NED",
        titel="Bevolking op 1 januari en gemiddeld; geslacht, leeftijd en regio",
        perioden=("JJ",),
        dimensies=(
            GESLACHT,
            Dimensie("Leeftijd", "Leeftijd", codes=_LEEFTIJD_CODES),
            Dimensie(
                "BurgerlijkeStaat",
                "Burgerlijke staat",
                codes=(
                    Code(BURGERLIJKE_STAAT_TOTAAL, "Totaal burgerlijke staat"),
                    Code("1010", "Ongehuwd", confirmed=False),
                    Code("1020", "Gehuwd", confirmed=False),
                    Code("1050", "Verweduwd", confirmed=False),
                    Code("1080", "Gescheiden", confirmed=False),
                ),
            ),
            regio_dimensie(),
            PERIODEN,
        ),
        maatstaven=(
            Maatstaf("BevolkingOp1Januari_1", "Bevolking op 1 januari", "aantal"),
            Maatstaf("GemiddeldeBevolking_2", "Gemiddelde bevolking", "aantal"),
        ),
        gebruikt_door=("bevolkingsopbouw", "geslachtsopbouw", "reconciliatie"),
        seed_links=(
            "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/03759ned/table?dl=92B17",
            "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/03759ned/table?dl=92B40",
        ),
    ),
    CbsTabel(
        id="37230NED",
        titel="Bevolkingsontwikkeling; regio per maand",
        perioden=("JJ", "MM"),
        dimensies=(regio_dimensie(), PERIODEN),
        maatstaven=(
            Maatstaf("BevolkingAanHetBeginVanDePeriode_1", "Bevolking aan het begin van de periode", "aantal"),
            Maatstaf("LevendGeborenKinderen_2", "Levend geboren kinderen", "aantal", aliassen=("Levendgeborenen",)),
            Maatstaf("Overledenen_3", "Overledenen", "aantal"),
            Maatstaf("TotaleVestiging_4", "Totale vestiging", "aantal"),
            Maatstaf("VestigingVanuitEenAndereGemeente_5", "Vestiging vanuit een andere gemeente", "aantal"),
            Maatstaf("Immigratie_6", "Immigratie", "aantal", aliassen=("VestigingVanuitHetBuitenland",)),
            Maatstaf(
                "TotaalVertrekInclAdmCorrecties_7",
                "Totaal vertrek (inclusief administratieve correcties)",
                "aantal",
                aliassen=("TotaalVertrekInclusiefAdministrat",),
            ),
            Maatstaf("VertrekNaarAndereGemeente_8", "Vertrek naar andere gemeente", "aantal",
                     aliassen=("VertrekNaarEenAndereGemeente",)),
            Maatstaf("EmigratieInclusiefAdmCorrecties_9", "Emigratie (inclusief administratieve correcties)", "aantal",
                     aliassen=("VertrekNaarBuitenlandInclusiefAdm",)),
            Maatstaf("OverigeCorrecties_10", "Overige correcties", "aantal"),
            Maatstaf("Bevolkingsgroei_11", "Bevolkingsgroei", "aantal"),
            Maatstaf("BevolkingsgroeiRelatief_12", "Bevolkingsgroei, relatief", "%"),
            Maatstaf("BevolkingsgroeiSinds1Januari_13", "Bevolkingsgroei sinds 1 januari", "aantal"),
            Maatstaf("BevolkingAanHetEindeVanDePeriode_15", "Bevolking aan het einde van de periode", "aantal"),
        ),
        gebruikt_door=("bevolkingsgroei", "reconciliatie"),
        seed_links=(
            "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/37230ned/table?dl=92B1A",
            "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/37230ned/table?dl=93BE1",
        ),
        opmerking="Year rows (JJ00) and month rows (MM01..MM12); the 2017 version numbered the measures differently.",
    ),
    CbsTabel(
        id="84547NED",
        titel="Verhuisde personen; geslacht, leeftijd en regio per maand",
        perioden=("JJ", "MM"),
        dimensies=(
            GESLACHT,
            Dimensie("Leeftijd31December", "Leeftijd (31 december)", codes=(Code(LEEFTIJD_TOTAAL, "Totaal"),)),
            regio_dimensie(),
            PERIODEN,
        ),
        maatstaven=(
            Maatstaf("BinnenGemeentenVerhuisdePersonen_1", "Binnen gemeenten verhuisde personen", "aantal"),
            Maatstaf("GevestigdInDeGemeente_2", "Gevestigd in de gemeente", "aantal"),
            Maatstaf("VertrokkenUitDeGemeente_3", "Vertrokken uit de gemeente", "aantal"),
        ),
        gebruikt_door=("verhuizingen",),
        seed_links=("https://opendata.cbs.nl/statline/#/CBS/nl/dataset/84547NED/table?dl=930C9",),
    ),
    CbsTabel(
        id="81528NED",
        titel="Energieverbruik particuliere woningen; woningtype en regio's",
        perioden=("JJ",),
        dimensies=(
            Dimensie("Woningkenmerken", "Woningkenmerken (woningtype, eigendom)", codes=WONINGTYPES),
            regio_dimensie(),
            PERIODEN,
        ),
        maatstaven=(
            Maatstaf("GemiddeldAardgasverbruik_1", "Gemiddeld aardgasverbruik", "m3"),
            Maatstaf("GemiddeldeElektriciteitslevering_2", "Gemiddelde elektriciteitslevering", "kWh"),
        ),
        gebruikt_door=("aardgas", "elektriciteit", "gemeente_nederland"),
        seed_links=("https://opendata.cbs.nl/statline/#/CBS/nl/dataset/81528NED/table?dl=92E1F",),
        opmerking="Averages per dwelling per year; the ownership codes of Woningkenmerken are unconfirmed.",
    ),
    CbsTabel(
        id="85005NED",
        titel="Zonnestroom; vermogen en vermogensklasse, bedrijven en woningen, regio",
        perioden=("JJ",),
        dimensies=(
            Dimensie("SectorEnVermogensklasse", "Sector en vermogensklasse", codes=SECTOREN),
            regio_dimensie(),
            PERIODEN,
        ),
        maatstaven=(
            Maatstaf("Installaties_1", "Installaties", "aantal"),
            Maatstaf("OpgesteldVermogenVanZonnepanelen_2", "Opgesteld vermogen van zonnepanelen", "kWp"),
            Maatstaf("OpgesteldVermogenOmvormers_3", "Opgesteld vermogen omvormers", "kW"),
            Maatstaf("ProductieVanZonnestroom_4", "Productie van zonnestroom", "mln kWh"),
        ),
        gebruikt_door=("opgesteld_vermogen", "opgesteld_vermogen_gemeente"),
        seed_links=("https://opendata.cbs.nl/statline/#/CBS/nl/dataset/85005NED/table?dl=9340C",),
    ),
    CbsTabel(
        id="81734NED",
        titel="Tussen gemeenten verhuisde personen",
        perioden=("JJ",),
        dimensies=(
            regio_dimensie("RegioVanVertrek", "Regio van vertrek"),
            regio_dimensie("RegioVanVestiging", "Regio van vestiging"),
            PERIODEN,
        ),
        maatstaven=(Maatstaf("TussenGemeentenVerhuisdePersonen_1", "Tussen gemeenten verhuisde personen", "aantal"),),
        gebruikt_door=("gevestigd", "vertrokken"),
        seed_links=("https://opendata.cbs.nl/statline/#/CBS/nl/dataset/81734NED/table?dl=935D5",),
        opmerking="Two region dimensions and no RegioS: silver's regio is null, the flow's ends are in dimensies.",
    ),
    CbsTabel(
        id="81955NED",
        titel="Voorraad woningen en niet-woningen; mutaties, gebruiksfunctie, regio",
        perioden=("JJ", "KW"),
        dimensies=(
            Dimensie(
                "Gebruiksfunctie",
                "Gebruiksfunctie",
                codes=(Code(GEBRUIKSFUNCTIE_WONINGEN, "Woningen"),),
            ),
            regio_dimensie(),
            PERIODEN,
        ),
        maatstaven=(
            Maatstaf("BeginstandVoorraad_1", "Beginstand voorraad", "aantal"),
            Maatstaf("Nieuwbouw_2", "Nieuwbouw", "aantal"),
            Maatstaf("OverigeToevoeging_3", "Overige toevoeging", "aantal"),
            Maatstaf("Sloop_4", "Sloop", "aantal"),
            Maatstaf("OverigeOnttrekking_5", "Overige onttrekking", "aantal"),
            Maatstaf("Correctie_6", "Correctie", "aantal"),
            Maatstaf("SaldoVoorraad_7", "Saldo voorraad", "aantal"),
            Maatstaf("EindstandVoorraad_8", "Eindstand voorraad", "aantal"),
        ),
        gebruikt_door=("reconciliatie", "programma_woningbouw"),
        opmerking="Not in the previous monitor: CBS's dwelling stock, to reconcile with our own BAG count.",
    ),
)

CATALOG: Mapping[str, CbsTabel] = {t.id: t for t in TABELLEN}


def tabel(tabel_id: str) -> CbsTabel:
    """The catalog entry for a table id, case-insensitively (``03759ned`` -> ``03759NED``)."""
    try:
        return CATALOG[tabel_id.strip().upper()]
    except KeyError:
        raise KeyError(f"unknown CBS table {tabel_id!r}; the monitor uses {sorted(CATALOG)}") from None


def unconfirmed() -> list[str]:
    """Everything in the catalog that was not seen in real CBS data or metadata."""
    return [item for t in TABELLEN for item in t.unconfirmed]


def check_against_data_properties(tabel_id: str, data_properties: Iterable[Mapping]) -> list[str]:
    """Differences between the catalog and a table's real ``DataProperties`` (empty list: all good).

    Compares measures by key without suffix (a changed suffix is reported, not an error for gold) and
    dimensions by key.
    """
    t = tabel(tabel_id)
    props = list(data_properties)
    topics = {zonder_suffix(p["Key"]): p["Key"] for p in props if p.get("Type") == "Topic"}
    dims = {p["Key"] for p in props if p.get("Type") in ("Dimension", "GeoDimension", "TimeDimension")}
    problems: list[str] = []
    for m in t.maatstaven:
        real = next((topics[k] for k in m.basissleutels if k in topics), None)
        if real is None:
            problems.append(f"{t.id}: measure {m.maatstaf} not in DataProperties")
        elif real != m.key:
            problems.append(f"{t.id}: measure {m.maatstaf} has key {real}, catalog says {m.key}")
    for d in t.dimensies:
        if d.key not in dims:
            problems.append(f"{t.id}: dimension {d.key} not in DataProperties")
    return problems


__all__ = [
    "CATALOG",
    "TABELLEN",
    "CbsTabel",
    "Code",
    "Dimensie",
    "Maatstaf",
    "check_against_data_properties",
    "leeftijd_code",
    "leeftijd_kolom",
    "leeftijd_uit_code",
    "tabel",
    "unconfirmed",
    "zonder_suffix",
]


def leeftijd_kolom(code):
    """:func:`leeftijd_uit_code` as a Spark column expression (no UDF)."""
    from pyspark.sql import functions as F

    text = F.trim(code)
    c = F.when(text.rlike(r"^\d+$"), text.cast("int"))
    return (
        F.when(c == 10010, F.lit(0))
        .when((c >= 10100) & (c <= 19900) & (c % 100 == 0), (c / 100).cast("int") - 100)
        .when((c >= 19901) & (c <= 19905), c - 19900 + 99)
        .when(c == 22300, F.lit(105))
        .cast("int")
    )
