"""The synthetic world: Lochem's dwellings, buildings, addresses and people from 2015 to the delivery date.

The world is built in *chunks*: each chunk is a slice of the municipality (dwellings in every woonplaats, in
proportion) with its own residents, simulated from 1 January 2015 to the delivery date. A chunk only refers
to its own objects, so the writers can stream it out and forget it: memory stays bounded by one chunk at
any scale. Global state shared by chunks (identifier counters, streets, postcodes) is small.

Everything is drawn from ``random.Random`` instances seeded with strings derived from the seed, so the same
seed gives the same world, byte for byte, whatever the Python hash seed.

Known simplifications (documented for the users of the fixtures):
- moves within the municipality stay inside one chunk (at scale <= ~0.13 there is one chunk);
- unmarried couples have no BRP link (like the real BRP), so BRP-derived households show them as two
  one-person households;
- the BAG registration of the existing stock starts in 2009-2011 (the BAG conversion), while residents
  may have lived there for decades (also like the real registers).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from woonmonitor.sources.synthetic import names

D = dt.date

#: (naam, plausible 4-digit woonplaatscode, postcode4s, RD centre x, y, spread m, share of dwellings, WOZ factor,
#:  kadastrale gemeente)
#: The woonplaats codes are plausible, NOT the real BAG codes (not found in the reference material).
WOONPLAATSEN = (
    ("Lochem", "2744", ("7241", "7242"), 226400, 465600, 900, 0.36, 1.00, "Lochem"),
    ("Gorssel", "2745", ("7213",), 210300, 466900, 450, 0.12, 1.20, "Gorssel"),
    ("Eefde", "2746", ("7211",), 211700, 463300, 500, 0.11, 1.05, "Gorssel"),
    ("Laren", "2747", ("7245",), 225300, 470700, 450, 0.10, 1.00, "Laren"),
    ("Epse", "2748", ("7214",), 212500, 471000, 450, 0.08, 1.20, "Gorssel"),
    ("Harfsen", "2749", ("7217",), 219900, 469500, 400, 0.06, 1.05, "Gorssel"),
    ("Almen", "2750", ("7218",), 216400, 463000, 350, 0.05, 1.10, "Gorssel"),
    ("Barchem", "2751", ("7244",), 231000, 461600, 350, 0.05, 1.05, "Lochem"),
    ("Joppe", "2752", ("7215",), 210600, 468600, 300, 0.03, 1.20, "Gorssel"),
    ("Kring van Dorth", "2753", ("7216",), 216100, 468100, 500, 0.015, 1.15, "Gorssel"),
    ("Exel", "2754", ("7242",), 222600, 466000, 500, 0.015, 1.10, "Laren"),
    ("Zwiep", "2755", ("7241",), 230900, 463600, 500, 0.01, 1.10, "Lochem"),
)
KADASTRALE_GEMEENTEN = {"Lochem": ("LCM00", 10101), "Gorssel": ("GSL00", 10102), "Laren": ("LRN00", 10103)}

T0 = D(2015, 1, 1)
#: new-built dwellings completed per year at scale 1 (2024: 71 per CBS 81955NED); 2026 partial
NIEUWBOUW = {2015: 45, 2016: 50, 2017: 60, 2018: 70, 2019: 55, 2020: 80, 2021: 75, 2022: 90, 2023: 85,
             2024: 71, 2025: 80, 2026: 60}
SLOOP = {y: 8 for y in NIEUWBOUW}
#: other additions: non-residential objects converted to dwellings ("transformatie")
TRANSFORMATIE = {y: (29 if y == 2024 else 10) for y in NIEUWBOUW}
#: dwellings at 1 January 2015 such that the stock on 1 January 2024 is 15,567 (CBS) at scale 1
STOCK_2015 = 15567 - sum(NIEUWBOUW[y] - SLOOP[y] + TRANSFORMATIE[y] for y in range(2015, 2024))
NIET_WONING_2015 = 1900
LIGPLAATSEN = 8
STANDPLAATSEN = 30
#: new-built dwellings still under construction on the delivery date, per scale-1 world
IN_AANBOUW = 40
CHUNK_DWELLINGS = 2000

WONINGTYPES = (("vrijstaand", 0.30), ("twee_onder_een_kap", 0.25), ("hoekwoning", 0.09),
               ("tussenwoning", 0.18), ("appartement", 0.18))
APP_UNITS = (4, 6, 8, 8, 12, 16, 24)
APP_UNITS_MEAN = sum(APP_UNITS) / len(APP_UNITS)
#: pand construction-year classes (from, to, weight); Lochem has much pre-1945 and 1960-1990 stock
BOUWJAREN = ((1600, 1899, 5), (1900, 1944, 17), (1945, 1959, 8), (1960, 1969, 12), (1970, 1979, 16),
             (1980, 1989, 13), (1990, 1999, 11), (2000, 2009, 10), (2010, 2014, 4))
NIET_WONING_DOELEN = (
    (("winkelfunctie",), 30), (("kantoorfunctie",), 20), (("industriefunctie",), 18),
    (("bijeenkomstfunctie",), 8), (("logiesfunctie",), 6), (("gezondheidszorgfunctie",), 4),
    (("onderwijsfunctie",), 3), (("sportfunctie",), 3), (("overige gebruiksfunctie",), 10),
    (("kantoorfunctie", "industriefunctie"), 3), (("winkelfunctie", "kantoorfunctie"), 2),
)
WOZ_INDEX = {2019: 1.00, 2020: 1.07, 2021: 1.15, 2022: 1.33, 2023: 1.52, 2024: 1.53, 2025: 1.63}
WOZ_BASIS = {"vrijstaand": 430000, "twee_onder_een_kap": 335000, "hoekwoning": 272000, "tussenwoning": 255000,
             "appartement": 212000}
#: plausible WOZ soort-objectcodes (Waarderingskamer uniform list style; 1111/1121/1131 as published,
#: the others unconfirmed)
SOORT_OBJECT = {"vrijstaand": "1111", "twee_onder_een_kap": "1121", "tussenwoning": "1131", "hoekwoning": "1141",
                "appartement": "1210", "ligplaats": "1910", "standplaats": "1920"}
CORPORATIES = (
    # statutaire naam, KvK (fictitious 8 digits), RSIN (fictitious, 9 digits, deliberately NOT 11-proef valid)
    ("Stichting Viverion", "08123456", "812345670", "Lochem"),
    ("Stichting Woonbedrijf ieder1", "38123457", "812345680", "Deventer"),
)
OVERIGE_RECHTSPERSONEN = (
    ("Berkel Vastgoed B.V.", "08234561", "823456120", "Lochem"),
    ("Sallandse Woningbeleggingen B.V.", "05234562", "823456130", "Deventer"),
    ("Graafschap Beheer B.V.", "09234563", "823456140", "Zutphen"),
    ("Achterhoekse Bedrijfspanden B.V.", "09234564", "823456150", "Borculo"),
)


# ---------------------------------------------------------------------------------------------------------
# identifiers


def elfproef_ok(bsn: str) -> bool:
    digits = [int(c) for c in bsn]
    return len(digits) == 9 and (sum(d * w for d, w in zip(digits, range(9, 1, -1))) - digits[8]) % 11 == 0


class Ids:
    """Global identifier counters. BSNs come from an affine permutation of 8-digit bases (unique, spread out,
    first digit 1-6), completed with the check digit that makes them pass the 11-proef."""

    def __init__(self, seed: int, gemeente: str):
        self.gemeente = gemeente
        self.serial = {"01": 0, "02": 0, "03": 0, "10": 0, "20": 0, "30": 0}
        self._bsn_n = 0
        self._anr_n = 0
        self._a = 71234567  # odd, not a multiple of 5: a unit mod 10**8
        self._b = (seed * 7919) % 10**8
        self.woz = 0
        self.perceel = {}
        self.other = {}

    def bag(self, typecode: str) -> str:
        self.serial[typecode] += 1
        return f"{self.gemeente}{typecode}{self.serial[typecode] + 10000:010d}"

    def other_bag(self, gemeente: str, typecode: str) -> str:
        n = self.other.get((gemeente, typecode), 0) + 1
        self.other[(gemeente, typecode)] = n
        return f"{gemeente}{typecode}{n + 5000000:010d}"

    def bsn(self) -> str:
        while True:
            self._bsn_n += 1
            base = (self._a * self._bsn_n + self._b) % 10**8
            base = 10**7 + base % (6 * 10**7)  # first digit 1..6
            digits = [int(c) for c in f"{base:08d}"]
            check = sum(d * w for d, w in zip(digits, range(9, 1, -1))) % 11
            if check < 10:
                return f"{base:08d}{check}"

    def anummer(self) -> str:
        """A-nummer: 10 digits, no two equal adjacent digits, and the LO GBA checks
        (digit sum % 11 == 5, sum of digit * 2**position % 11 == 0): the last two digits follow from the
        first eight."""
        while True:
            self._anr_n += 1
            base = (97 * 7919 * self._anr_n + self._b) % (9 * 10**7)
            stem = [int(c) for c in f"{10**7 + base:08d}"]
            if any(stem[i] == stem[i + 1] for i in range(7)):
                continue
            u = (5 - sum(stem)) % 11  # d8 + d9
            v = -sum(x * 2 ** (9 - i) for i, x in enumerate(stem)) % 11  # 2*d8 + d9
            d8 = (v - u) % 11
            d9 = (u - d8) % 11
            if d8 < 10 and d9 < 10 and d8 != stem[7] and d9 != d8:
                return "".join(map(str, stem)) + f"{d8}{d9}"

    def wozobject(self) -> str:
        self.woz += 1
        return f"{self.gemeente}{self.woz + 10000:08d}"

    def perceel_nr(self, kg: str) -> int:
        self.perceel[kg] = self.perceel.get(kg, 100) + 1 + (self.perceel.get(kg, 100) % 3)
        return self.perceel[kg]


# ---------------------------------------------------------------------------------------------------------
# objects


@dataclass(eq=False)
class Woonplaats:
    naam: str
    code: str
    postcodes: tuple
    x: float
    y: float
    spread: float
    share: float
    woz_factor: float
    kad_gemeente: str
    streets: list = field(default_factory=list)


@dataclass(eq=False)
class Street:
    id: str
    naam: str
    wpl: Woonplaats
    postcode4: str
    begin: D
    type: str = "Weg"
    next_nr: int = 1
    letters: list = field(default_factory=list)


@dataclass(eq=False)
class Num:
    id: str
    street: Street
    huisnummer: int
    huisletter: str | None
    toevoeging: str | None
    postcode: str
    type_ao: str
    begin: D
    registered: dt.datetime
    #: a second voorkomen (postcode correction) or withdrawal: list of (date, status, postcode)
    later: list = field(default_factory=list)


@dataclass(eq=False)
class Voorkomen:
    begin: D
    status: str
    doelen: tuple = ()
    oppervlakte: int | None = None
    registered: dt.datetime | None = None
    bouwjaar: int | None = None
    docnr: str = ""


@dataclass(eq=False)
class Pand:
    id: str
    bouwjaar: int
    x: float
    y: float
    w: float
    h: float
    voorkomens: list = field(default_factory=list)


@dataclass(eq=False)
class AO:
    """Adresseerbaar object: verblijfsobject, ligplaats or standplaats."""

    id: str
    kind: str  # VBO, LIG, STA
    num: Num
    wpl: Woonplaats
    x: float
    y: float
    panden: list = field(default_factory=list)
    nevens: list = field(default_factory=list)
    voorkomens: list = field(default_factory=list)
    woningtype: str | None = None
    bouwjaar: int = 0
    oppervlakte: int = 0
    completed: D | None = None  # in use (as a dwelling) from
    demolished: D | None = None
    transformed: D | None = None  # became a dwelling on
    hh: object = None
    woz_nrs: list = field(default_factory=list)
    woz_base: int = 0
    soort: str = ""
    gebruikscode: str = "10"
    eigenaar: str = ""  # corporatie:<i>, eigenaar_bewoner, particulier, rechtspersoon:<i>

    def is_woning(self, on: D) -> bool:
        """Counted as a dwelling on a date (in use, residential)."""
        if self.kind != "VBO":
            return (self.completed or T0) <= on and (self.demolished is None or on < self.demolished)
        if self.completed is None or on < self.completed:
            return False
        if self.demolished is not None and on >= self.demolished:
            return False
        return self.transformed is None or on >= self.transformed


@dataclass(eq=False)
class Addr:
    gemeente: str
    inschrijving: D  # 08.09.20
    aanvang: D  # 08.10.30
    ao: AO | None = None
    #: outside the municipality (or before BAG): straat, huisnummer, postcode, woonplaats, vbo id, num id
    ext: dict | None = None
    aangifte: str = "I"


@dataclass(eq=False)
class Partnership:
    partner: object  # Person or dict (external)
    start: D
    soort: str = "H"
    plaats: str = "0262"
    end: D | None = None
    reden: str | None = None


@dataclass(eq=False)
class Person:
    bsn: str
    anr: str
    sex: str
    birth: D
    voornamen: str
    voorvoegsel: str
    naam: str
    geboorteplaats: str = "0262"
    geboorteland: str = names.NEDERLAND
    birth_str: str | None = None  # birth date with 00 parts (born abroad, date partly unknown)
    parents: list = field(default_factory=list)
    children: list = field(default_factory=list)
    partnerships: list = field(default_factory=list)
    addrs: list = field(default_factory=list)
    death: D | None = None
    emigratie: tuple | None = None  # (date, land)
    immigratie: tuple | None = None  # (land, date)
    hh: object = None
    cohab: object = None  # unmarried partner (invisible in the BRP)
    gone: bool = False  # left the municipality
    pl_nr: int = 0

    def age(self, on: D) -> int:
        return on.year - self.birth.year - ((on.month, on.day) < (self.birth.month, self.birth.day))

    @property
    def last_date(self) -> D:
        last = self.addrs[-1].aanvang if self.addrs else self.birth
        for p in self.partnerships:
            last = max(last, p.start, p.end or p.start)
        return last

    def address_on(self, on: D) -> Addr | None:
        """The address the person is registered at on a date in the municipality (None: not a resident)."""
        if self.birth > on or (self.death is not None and self.death <= on):
            return None
        if self.emigratie is not None and self.emigratie[0] <= on:
            return None
        current = None
        for a in self.addrs:
            if a.aanvang <= on:
                current = a
        return current if current is not None and current.ao is not None else None

    def current_partner(self):
        for p in reversed(self.partnerships):
            if p.end is None:
                return p
        return None


@dataclass(eq=False)
class Household:
    members: list
    ao: AO | None = None


@dataclass(eq=False)
class Chunk:
    index: int
    aos: list = field(default_factory=list)
    panden: list = field(default_factory=list)
    nums: list = field(default_factory=list)
    persons: list = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------------
# helpers


def _day(rng: random.Random, start: D, end: D) -> D:
    """A random date in [start, end] (end >= start)."""
    span = (end - start).days
    return start + dt.timedelta(days=rng.randint(0, max(span, 0)))


def _stamp(rng: random.Random, day: D) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, rng.randint(8, 16), rng.randint(0, 59), rng.randint(0, 59))


def _weighted(rng: random.Random, items):
    total = sum(w for _, w in items)
    r = rng.random() * total
    for item, w in items:
        r -= w
        if r < 0:
            return item
    return items[-1][0]


def _spread(total: int, parts: int, index: int, offset: int = 0) -> int:
    """The share of ``total`` for part ``index`` out of ``parts`` (rotating remainder)."""
    base, rest = divmod(total, parts)
    return base + (1 if (index - offset) % parts < rest else 0)


def _cumround(series: dict, scale: float) -> dict:
    out, cum, done = {}, 0.0, 0
    for k in sorted(series):
        cum += series[k] * scale
        n = int(math.floor(cum + 0.5))
        out[k] = n - done
        done = n
    return out


# ---------------------------------------------------------------------------------------------------------
# the world


class World:
    """Plans the world for a scale and generates it chunk by chunk (:meth:`chunks`)."""

    def __init__(self, scale: float, seed: int, gemeentecode: str, stand: D):
        if scale <= 0:
            raise ValueError("scale must be positive")
        self.scale = scale
        self.seed = seed
        self.gm = gemeentecode[2:]
        self.stand = stand
        self.ids = Ids(seed, self.gm)
        rng = random.Random(f"{seed}:global")
        self.woonplaatsen = [Woonplaats(*w[:9]) for w in WOONPLAATSEN]
        self.stock0 = max(len(self.woonplaatsen) * 2, round(STOCK_2015 * scale))
        self.niet_woning0 = max(6, round(NIET_WONING_2015 * scale))
        self.n_lig = max(2, round(LIGPLAATSEN * scale))
        self.n_sta = max(2, round(STANDPLAATSEN * scale))
        self.in_aanbouw = max(1, round(IN_AANBOUW * scale))
        years = [y for y in NIEUWBOUW if y <= stand.year]
        self.nieuwbouw = {y: n for y, n in _cumround(NIEUWBOUW, scale).items() if y in years}
        self.sloop = {y: n for y, n in _cumround(SLOOP, scale).items() if y in years}
        self.transformatie = {y: n for y, n in _cumround(TRANSFORMATIE, scale).items() if y in years}
        # at least one of each kind of change, so that every edge case exists in small deliveries
        for plan in (self.nieuwbouw, self.sloop, self.transformatie):
            if sum(plan.values()) == 0 and 2020 in plan:
                plan[2020] = 1
        self.n_chunks = max(1, math.ceil(self.stock0 / CHUNK_DWELLINGS))
        # streets: global, per woonplaats, about 30 addresses per street
        self.streets: list[Street] = []
        pc_letters: dict[str, int] = {}
        self._pc_letters = pc_letters
        street_names = list(names.STRAATNAMEN)
        for w in self.woonplaatsen:
            n = max(2, round(self.stock0 * w.share * 1.15 / 30))
            rng.shuffle(street_names)
            for i in range(n):
                base = street_names[i % len(street_names)]
                naam = base if i < len(street_names) else f"{base} {'Noord Zuid Oost West'.split()[(i // len(street_names)) % 4]}"
                st = Street(self.ids.bag("30"), naam, w, w.postcodes[i % len(w.postcodes)],
                            _day(rng, D(2009, 1, 20), D(2010, 6, 30)))
                w.streets.append(st)
                self.streets.append(st)
        # water for the ligplaatsen (Twentekanaal at Eefde, Berkel at Lochem)
        for naam, wi in (("Twentekanaal", 2), ("Berkel", 0)):
            w = self.woonplaatsen[wi]
            st = Street(self.ids.bag("30"), naam, w, w.postcodes[0], D(2009, 1, 20), type="Water")
            w.streets.append(st)
            self.streets.append(st)
        self.chunk_count = 0
        self.counts = {"persons": 0, "pl": 0, "dwellings_2024": 0, "dwellings_2025": 0}

    # -- addresses ---------------------------------------------------------------------------------------
    def postcode(self, st: Street, nr: int) -> str:
        block = (nr - 1) // 16
        while len(st.letters) <= block:
            n = self._pc_letters.get(st.postcode4, 0)
            self._pc_letters[st.postcode4] = n + 1
            a, b = divmod(n * 7 % 676, 26)  # spread letter pairs, skip none: 676 per postcode4
            st.letters.append("ABCDEFGHJKLMNPRSTVWXZABCDE"[a] + "ABCDEFGHJKLMNPRSTVWXZABCDE"[b])
        return st.postcode4 + st.letters[block]

    def new_num(self, rng, st: Street, begin: D, type_ao: str = "Verblijfsobject", nr: int | None = None,
                letter: str | None = None, toev: str | None = None) -> Num:
        if nr is None:
            nr = st.next_nr
            st.next_nr += 1 if rng.random() < 0.8 else 2
        return Num(self.ids.bag("20"), st, nr, letter, toev, self.postcode(st, nr), type_ao, begin,
                   _stamp(rng, begin))

    # -- chunks ------------------------------------------------------------------------------------------
    def chunks(self):
        for i in range(self.n_chunks):
            yield ChunkBuilder(self, i).build()


class ChunkBuilder:
    def __init__(self, world: World, index: int):
        self.w = world
        self.i = index
        self.rng = random.Random(f"{world.seed}:chunk:{index}")
        self.c = Chunk(index)
        self.vacant: list[AO] = []
        self.woningen: list[AO] = []
        self.niet_woningen: list[AO] = []
        self.residents: list[Person] = []
        # counters that guarantee every edge case in every chunk, however small
        self.n_pand = 0
        self.n_house = 0

    # ---------------------------------------------------------------------------------------------------
    def build(self) -> Chunk:
        w, n, i = self.w, self.w.n_chunks, self.i
        stock = _spread(w.stock0, n, i)
        self._existing_dwellings(stock)
        self._niet_woningen(_spread(w.niet_woning0, n, i))
        self._lig_sta(_spread(w.n_lig, n, i), _spread(w.n_sta, n, i))
        self._populate()
        for year in range(2015, w.stand.year + 1):
            self._simulate_year(year)
        self._under_construction(_spread(w.in_aanbouw, n, i))
        self._owners_and_woz()
        return self.c

    # -- BAG stock ---------------------------------------------------------------------------------------
    def _conversion_date(self) -> D:
        return _day(self.rng, D(2009, 6, 1), D(2011, 12, 31))

    def _pick_wpl(self, weights=None) -> Woonplaats:
        wpls = self.w.woonplaatsen
        return _weighted(self.rng, [(p, weights(p) if weights else p.share) for p in wpls])

    def _pand(self, wpl: Woonplaats, bouwjaar: int, begin: D, size=(9.0, 11.0), history=True) -> Pand:
        r = self.rng
        x = wpl.x + r.gauss(0, wpl.spread)
        y = wpl.y + r.gauss(0, wpl.spread)
        p = Pand(self.w.ids.bag("10"), bouwjaar, round(x, 3), round(y, 3), size[0], size[1])
        if history:
            bj = bouwjaar
            self.n_pand += 1
            if r.random() < 0.01 or self.n_pand == 2:
                # construction year unknown at conversion, corrected later (like the real Doesburg sample)
                p.voorkomens.append(Voorkomen(begin, "Pand in gebruik", registered=_stamp(r, begin), bouwjaar=9999))
                fix = _day(r, begin + dt.timedelta(days=30), D(2024, 12, 31))
                p.voorkomens.append(Voorkomen(fix, "Pand in gebruik", registered=_stamp(r, fix), bouwjaar=bj))
            elif r.random() < 0.004 or self.n_pand == 1:
                p.voorkomens.append(Voorkomen(begin, "Pand in gebruik", registered=_stamp(r, begin), bouwjaar=9999))
                p.bouwjaar = 9999
            else:
                p.voorkomens.append(Voorkomen(begin, "Pand in gebruik", registered=_stamp(r, begin), bouwjaar=bj))
        self.c.panden.append(p)
        return p

    def _vbo(self, wpl: Woonplaats, pand: Pand, doelen: tuple, opp: int, begin: D, status="Verblijfsobject in gebruik",
             street: Street | None = None, nr=None, letter=None, toev=None) -> AO:
        r = self.rng
        st = street or r.choice([s for s in wpl.streets if s.type == "Weg"])
        num = self.w.new_num(r, st, begin, nr=nr, letter=letter, toev=toev)
        x = pand.x + r.uniform(-pand.w / 3, pand.w / 3)
        y = pand.y + r.uniform(-pand.h / 3, pand.h / 3)
        ao = AO(self.w.ids.bag("01"), "VBO", num, wpl, round(x, 3), round(y, 3), panden=[pand])
        ao.voorkomens.append(Voorkomen(begin, status, doelen, opp, _stamp(r, begin)))
        ao.oppervlakte = opp
        ao.bouwjaar = pand.bouwjaar if pand.bouwjaar != 9999 else 1930
        self.c.aos.append(ao)
        self.c.nums.append(num)
        return ao

    def _bouwjaar(self) -> int:
        lo, hi = _weighted(self.rng, [((a, b), wt) for a, b, wt in BOUWJAREN])
        return self.rng.randint(lo, hi)

    def _opp(self, woningtype: str) -> int:
        mean = {"vrijstaand": 165, "twee_onder_een_kap": 135, "hoekwoning": 118, "tussenwoning": 108,
                "appartement": 78}[woningtype]
        return max(25, int(self.rng.gauss(mean, mean * 0.22)))

    def _area_history(self, ao: AO):
        """Some objects get later voorkomens: area corrections, a renovation period."""
        r = self.rng
        if r.random() < 0.10:
            d = _day(r, D(2012, 1, 1), D(2025, 12, 31))
            if d > ao.voorkomens[-1].begin and d < self.w.stand:
                last = ao.voorkomens[-1]
                opp = max(20, last.oppervlakte + r.choice((-12, -5, -2, 3, 6, 15, 24)))
                ao.voorkomens.append(Voorkomen(d, "Verblijfsobject in gebruik", last.doelen, opp, _stamp(r, d)))
                ao.oppervlakte = opp
        if r.random() < 0.01:
            d = _day(r, D(2016, 1, 1), D(2025, 6, 30))
            if d > ao.voorkomens[-1].begin:
                last = ao.voorkomens[-1]
                ao.voorkomens.append(Voorkomen(d, "Verbouwing verblijfsobject", last.doelen, last.oppervlakte,
                                               _stamp(r, d)))
                d2 = d + dt.timedelta(days=r.randint(60, 200))
                if d2 < self.w.stand:
                    ao.voorkomens.append(Voorkomen(d2, "Verblijfsobject in gebruik", last.doelen,
                                                   last.oppervlakte + 10, _stamp(r, d2)))
                    ao.oppervlakte = last.oppervlakte + 10

    def _existing_dwellings(self, stock: int):
        r = self.rng
        # allocate the chunk's stock to woonplaatsen by largest remainder
        wpls = self.w.woonplaatsen
        exact = [stock * p.share for p in wpls]
        alloc = [int(e) for e in exact]
        for k in sorted(range(len(wpls)), key=lambda k: (alloc[k] - exact[k], k))[: stock - sum(alloc)]:
            alloc[k] += 1
        for wpl, count in zip(wpls, alloc):
            made = 0
            while made < count:
                # flats come in buildings of ~11 units: draw buildings so that dwellings follow WONINGTYPES
                wt = _weighted(r, [(t, wt_ / (APP_UNITS_MEAN if t == "appartement" else 1)) for t, wt_ in WONINGTYPES])
                if wpl.share < 0.05 and wt == "appartement":
                    wt = "vrijstaand"  # the hamlets have no flats
                bj = self._bouwjaar()
                begin = self._conversion_date()
                if wt == "appartement":
                    units = min(count - made, r.choice(APP_UNITS))
                    bj = max(bj, 1955) if r.random() < 0.8 else bj
                    pand = self._pand(wpl, bj, begin, size=(18.0, 12.0 + units))
                    st = r.choice([s for s in wpl.streets if s.type == "Weg"])
                    nr = st.next_nr
                    st.next_nr += 1
                    shop = units >= 8 and r.random() < 0.5
                    for u in range(units):
                        if r.random() < 0.5:
                            ao = self._vbo(wpl, pand, ("woonfunctie",), self._opp(wt), begin, street=st, nr=nr,
                                           letter=None, toev=str(u + 1))
                        else:
                            ao = self._vbo(wpl, pand, ("woonfunctie",), self._opp(wt), begin, street=st, nr=nr + u)
                        self._finish_woning(ao, wt, begin)
                    if units and st.next_nr <= nr + units:
                        st.next_nr = nr + units + 1
                    if shop:
                        ao = self._vbo(wpl, pand, ("winkelfunctie",), r.randint(60, 300), begin, street=st,
                                       nr=nr, letter="A")
                        self._finish_niet_woning(ao, begin)
                    made += units
                else:
                    size = {"vrijstaand": (10.0, 12.0), "twee_onder_een_kap": (8.0, 11.0)}.get(wt, (6.0, 10.0))
                    pand = self._pand(wpl, bj, begin, size=size)
                    doelen = ("woonfunctie",)
                    self.n_house += 1
                    if r.random() < 0.012 or self.n_house == 3:
                        doelen = ("woonfunctie", "winkelfunctie") if r.random() < 0.6 else ("woonfunctie", "kantoorfunctie")
                    ao = self._vbo(wpl, pand, doelen, self._opp(wt), begin)
                    if (wt == "vrijstaand" and r.random() < 0.01) or self.n_house == 1:
                        # a dwelling in two panden (house and attached barn registered separately)
                        ao.panden.append(self._pand(wpl, bj, begin, size=(6.0, 8.0)))
                    if r.random() < 0.006 or self.n_house == 2:
                        # nevenadres(sen)
                        for _ in range(2 if self.n_house == 2 else r.choice((1, 1, 2))):
                            nn = self.w.new_num(r, ao.num.street, begin, nr=ao.num.huisnummer,
                                                letter=r.choice("BCD"))
                            ao.nevens.append(nn)
                            self.c.nums.append(nn)
                    self._finish_woning(ao, wt, begin)
                    made += 1

    def _finish_woning(self, ao: AO, wt: str, begin: D):
        ao.woningtype = wt
        ao.completed = T0 if begin < T0 else begin
        if self.rng.random() < 0.03:
            ao.voorkomens[0].status = "Verblijfsobject in gebruik (niet ingemeten)"
            d = _day(self.rng, D(2012, 1, 1), D(2014, 12, 31))
            ao.voorkomens.append(Voorkomen(d, "Verblijfsobject in gebruik", ao.voorkomens[0].doelen,
                                           ao.voorkomens[0].oppervlakte, _stamp(self.rng, d)))
        self._area_history(ao)
        self.woningen.append(ao)

    def _finish_niet_woning(self, ao: AO, begin: D):
        ao.completed = None
        ao.gebruikscode = "20"
        self._area_history(ao)
        self.niet_woningen.append(ao)

    def _niet_woningen(self, count: int):
        r = self.rng
        for _ in range(count):
            wpl = self._pick_wpl()
            doelen = _weighted(r, NIET_WONING_DOELEN)
            begin = self._conversion_date()
            pand = self._pand(wpl, self._bouwjaar(), begin, size=(20.0, 25.0))
            ao = self._vbo(wpl, pand, doelen, r.randint(25, 1500), begin)
            self._finish_niet_woning(ao, begin)

    def _lig_sta(self, n_lig: int, n_sta: int):
        r = self.rng
        for kind, count in (("LIG", n_lig), ("STA", n_sta)):
            for _ in range(count):
                if kind == "LIG":
                    wpl = r.choice([self.w.woonplaatsen[0], self.w.woonplaatsen[2]])
                    st = next(s for s in wpl.streets if s.type == "Water")
                else:
                    wpl = r.choice([p for p in self.w.woonplaatsen if p.naam in ("Barchem", "Lochem", "Harfsen")])
                    st = r.choice([s for s in wpl.streets if s.type == "Weg"])
                begin = _day(r, D(2010, 1, 1), D(2010, 12, 31))
                num = self.w.new_num(r, st, begin, type_ao="Ligplaats" if kind == "LIG" else "Standplaats")
                x, y = wpl.x + r.gauss(0, wpl.spread), wpl.y + r.gauss(0, wpl.spread)
                ao = AO(self.w.ids.bag("02" if kind == "LIG" else "03"), kind, num, wpl, round(x, 3), round(y, 3))
                ao.voorkomens.append(Voorkomen(begin, "Plaats aangewezen", registered=_stamp(r, begin)))
                ao.completed = T0
                ao.woningtype = "ligplaats" if kind == "LIG" else "standplaats"
                ao.oppervlakte = r.randint(60, 140)
                self.c.aos.append(ao)
                self.c.nums.append(num)
                self.woningen.append(ao)

    # -- people ------------------------------------------------------------------------------------------
    def _person(self, sex: str, birth: D, naam=None, geboorteplaats="0262") -> Person:
        r, ids = self.rng, self.w.ids
        vv, an = naam or r.choice(names.ACHTERNAMEN)
        first = r.choice(names.VOORNAMEN_M if sex == "M" else names.VOORNAMEN_V)
        if r.random() < 0.4:
            first += " " + r.choice(names.VOORNAMEN_M if sex == "M" else names.VOORNAMEN_V)
        p = Person(ids.bsn(), ids.anummer(), sex, birth, first, vv, an, geboorteplaats=geboorteplaats)
        self.c.persons.append(p)
        return p

    def _ext_parent(self, child: Person, sex: str) -> dict:
        r = self.rng
        vv, an = (child.voorvoegsel, child.naam) if sex == "M" else r.choice(names.ACHTERNAMEN)
        age = r.randint(22, 38)
        by = child.birth.year - age
        birth = f"{by}{r.randint(1, 12):02d}{r.randint(1, 28):02d}" if r.random() > 0.03 else f"{by}0000"
        return {"voornamen": r.choice(names.VOORNAMEN_M if sex == "M" else names.VOORNAMEN_V), "voorvoegsel": vv,
                "naam": an, "birth": birth, "sex": sex}

    def _adult(self, sex: str, age_lo: int, age_hi: int, on: D, naam=None) -> Person:
        r = self.rng
        age = r.randint(age_lo, age_hi)
        birth = _day(r, D(on.year - age - 1, on.month, 1), D(on.year - age, on.month, 1) - dt.timedelta(days=1))
        birthplace = _weighted(r, [("0262", 25), ("0150", 15), ("0301", 15), ("0200", 6), ("0153", 5),
                                   ("0344", 4), ("0363", 4), ("1876", 4), ("1859", 4), ("abroad", 3)])
        p = self._person(sex, birth, naam, geboorteplaats=birthplace if birthplace != "abroad" else "Aachen")
        if birthplace == "abroad":
            p.geboorteland = "6029"
            if r.random() < 0.3:
                p.birth_str = f"{birth.year}0000"
            p.immigratie = ("6029", _day(r, D(birth.year + 18, 1, 1), min(on, D(birth.year + 30, 12, 31))))
        p.parents = [self._ext_parent(p, "V"), self._ext_parent(p, "M")]
        return p

    def _child(self, mother: Person, father, birth: D, naam) -> Person:
        r = self.rng
        place = _weighted(self.rng, [("0301", 45), ("0150", 35), ("0262", 20)])  # hospitals in Zutphen/Deventer
        p = self._person(r.choice("MV"), birth, naam, geboorteplaats=place)
        p.parents = [mother, father if father is not None else self._ext_parent(p, "M")]
        mother.children.append(p)
        if isinstance(father, Person):
            father.children.append(p)
        return p

    def _history_before(self, p: Person, ao: AO, since: D):
        """Address rows of someone living at ``ao`` since ``since`` (before 2015)."""
        r = self.rng
        prev_start = None
        if p.age(since) >= 20 and r.random() < 0.55:
            prev_start = _day(r, max(D(p.birth.year + 18, 1, 1), since - dt.timedelta(days=365 * 15)),
                              since - dt.timedelta(days=30))
            if prev_start <= p.birth:
                prev_start = None
        in_gemeente_since = since
        if prev_start is not None:
            if r.random() < 0.45:
                # an earlier address in the municipality, before the BAG existed: no ids (like real older rows)
                st = r.choice(self.w.streets[:-2])
                p.addrs.append(Addr(self.w.gm, prev_start, prev_start,
                                    ext={"straat": st.naam, "nr": r.randint(1, 80), "postcode": self.w.postcode(st, 1),
                                         "wpl": st.wpl.naam, "vbo": None, "num": None}))
                in_gemeente_since = prev_start
            else:
                g = self._other_gemeente()
                p.addrs.append(Addr(g, prev_start, prev_start, ext=self._ext_address(g, with_ids=False)))
        elif p.immigratie:
            pass
        p.addrs.append(Addr(self.w.gm, in_gemeente_since, since, ao=ao, aangifte="I"))

    def _other_gemeente(self) -> str:
        return _weighted(self.rng, [(g, v[3]) for g, v in names.ANDERE_GEMEENTEN.items()])

    def _ext_address(self, gemeente: str, with_ids: bool = True) -> dict:
        r = self.rng
        naam, wpl, pc4, _ = names.ANDERE_GEMEENTEN[gemeente]
        return {"straat": r.choice(names.STRAATNAMEN), "nr": r.randint(1, 160),
                "postcode": pc4 + r.choice("ABCDEGHJKLMNPRSTVWXZ") + r.choice("ABCDEGHJKLMNPRSTVWXZ"), "wpl": wpl,
                "vbo": self.w.ids.other_bag(gemeente, "01") if with_ids else None,
                "num": self.w.ids.other_bag(gemeente, "20") if with_ids else None}

    def _household(self, ao: AO, on: D, kind: str, since_lo: D | None = None, arriving=False) -> Household:
        """Create a household of a type at ``ao`` on ``on``; ``arriving``: they move in from elsewhere."""
        r = self.rng
        members: list[Person] = []
        since = on
        if not arriving:
            since = _day(r, since_lo or D(1975, 1, 1), on - dt.timedelta(days=1))
        if kind == "eenpersoons":
            if arriving:
                lo, hi = r.choice(((19, 30), (30, 60), (60, 90), (65, 92)))
            else:
                lo, hi = r.choice(((20, 34), (35, 64), (65, 95), (65, 95), (70, 98), (75, 99)))
            a = self._adult(r.choice("MV"), lo, hi, on)
            members.append(a)
            if a.age(on) >= 70 and r.random() < 0.6:
                # widowed: an earlier marriage ended by the partner's death
                start = D(a.birth.year + r.randint(21, 30), r.randint(1, 12), r.randint(1, 28))
                end = _day(r, start + dt.timedelta(days=3650), on - dt.timedelta(days=30))
                ex = self._ext_parent(a, "M" if a.sex == "V" else "V")
                ex["birth"] = f"{a.birth.year + r.randint(-4, 2)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
                a.partnerships.append(Partnership(ex, start, end=end, reden="O"))
        elif kind in ("paar", "paar_kinderen"):
            if kind == "paar":
                lo, hi = r.choice(((24, 38), (50, 70), (60, 80), (62, 88), (65, 85), (70, 92))) if not arriving else r.choice(((24, 36), (55, 75), (60, 78)))
            else:
                lo, hi = (31, 56)
            man = self._adult("M", lo, hi, on)
            vrouw = self._adult("V", max(18, man.age(on) - 6), man.age(on) + 2, on)
            members += [man, vrouw]
            married_on = D(min(man.birth.year, vrouw.birth.year) + r.randint(22, 33), r.randint(1, 12), r.randint(1, 28))
            if married_on >= on:
                married_on = on - dt.timedelta(days=r.randint(30, 400))
            if r.random() < 0.82:
                man.partnerships.append(Partnership(vrouw, married_on, soort="H" if r.random() < 0.9 else "P"))
                vrouw.partnerships.append(Partnership(man, married_on, soort=man.partnerships[-1].soort))
            else:
                man.cohab, vrouw.cohab = vrouw, man
            if kind == "paar_kinderen":
                k = _weighted(r, [(1, 28), (2, 45), (3, 21), (4, 6)])
                for _ in range(k):
                    age = r.randint(0, min(24, vrouw.age(on) - 20))
                    birth = _day(r, D(on.year - age - 1, on.month, 1), D(on.year - age, on.month, 1) - dt.timedelta(days=1))
                    members.append(self._child(vrouw, man, birth, (man.voorvoegsel, man.naam)))
            elif man.age(on) >= 55 and r.random() < 0.8:
                # adult children who left home long ago: known in cat 09, not in the world
                for _ in range(r.choice((1, 2, 2, 3))):
                    vrouw.children.append(self._ext_child(vrouw, man))
                    man.children.append(vrouw.children[-1])
        elif kind == "eenouder":
            ouder = self._adult("V" if r.random() < 0.8 else "M", 28, 55, on)
            members.append(ouder)
            for _ in range(_weighted(r, [(1, 55), (2, 35), (3, 10)])):
                age = r.randint(0, min(21, ouder.age(on) - 20))
                birth = _day(r, D(on.year - age - 1, on.month, 1), D(on.year - age, on.month, 1) - dt.timedelta(days=1))
                if ouder.sex == "V":
                    members.append(self._child(ouder, None, birth, r.choice(names.ACHTERNAMEN)))
                else:
                    kid = self._person(r.choice("MV"), birth, (ouder.voorvoegsel, ouder.naam))
                    kid.parents = [self._ext_parent(kid, "V"), ouder]
                    ouder.children.append(kid)
                    members.append(kid)
            # a divorce in the past
            if r.random() < 0.7:
                start = D(ouder.birth.year + r.randint(23, 30), r.randint(1, 12), r.randint(1, 28))
                end = _day(r, min(start + dt.timedelta(days=1500), on - dt.timedelta(days=60)), on - dt.timedelta(days=30))
                ex = self._ext_parent(ouder, "M" if ouder.sex == "V" else "V")
                ex["birth"] = f"{ouder.birth.year + r.randint(-3, 3)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
                if end > start:
                    ouder.partnerships.append(Partnership(ex, start, end=end, reden="S"))
        else:  # overig: two young unrelated adults sharing
            for _ in range(2):
                members.append(self._adult(r.choice("MV"), 19, 29, on))
        hh = Household(members)
        for m in members:
            m.hh = hh
            if arriving:
                if m.immigratie and m.immigratie[1] >= on - dt.timedelta(days=2):
                    m.immigratie = None
                g = self._other_gemeente()
                if m.age(on) >= 1:
                    prev = max(m.birth, on - dt.timedelta(days=r.randint(400, 4000)))
                    if r.random() < 0.06 and m.age(on) >= 18:
                        # settling from abroad
                        m.immigratie = (r.choice(names.LANDEN), on)
                    else:
                        m.addrs.append(Addr(g, prev, prev, ext=self._ext_address(g, with_ids=prev.year >= 2010)))
                m.addrs.append(Addr(self.w.gm, on, on, ao=ao, aangifte="I"))
            else:
                msince = max(since, m.birth)
                if m.birth > since:
                    m.addrs.append(Addr(self.w.gm, m.birth, m.birth, ao=ao, aangifte="G"))
                else:
                    self._history_before(m, ao, msince)
        self._move_in(hh, ao)
        return hh

    def _ext_child(self, mother: Person, father: Person) -> dict:
        r = self.rng
        by = mother.birth.year + r.randint(24, 36)
        return {"voornamen": r.choice(names.VOORNAMEN_M + names.VOORNAMEN_V), "voorvoegsel": father.voorvoegsel,
                "naam": father.naam, "birth": f"{by}{r.randint(1, 12):02d}{r.randint(1, 28):02d}",
                "bsn": self.w.ids.bsn()}

    def _hh_kind(self, ao: AO, arriving=False) -> str:
        if ao.woningtype in ("appartement", "ligplaats", "standplaats"):
            mix = [("eenpersoons", 55), ("paar", 35), ("paar_kinderen", 4), ("eenouder", 5), ("overig", 1)]
        else:
            mix = [("eenpersoons", 20), ("paar", 40), ("paar_kinderen", 31), ("eenouder", 6.2), ("overig", 1)]
        if arriving:
            mix = [(k, wt * (1.5 if k == "paar_kinderen" else 1)) for k, wt in mix]
        return _weighted(self.rng, mix)

    def _populate(self):
        for ao in self.woningen:
            if self.rng.random() < 0.975:
                self._household(ao, T0, self._hh_kind(ao))
            else:
                self.vacant.append(ao)

    def _move_in(self, hh: Household, ao: AO):
        hh.ao = ao
        ao.hh = hh
        if ao in self.vacant:
            self.vacant.remove(ao)

    def _move_out_of(self, hh: Household):
        ao = hh.ao
        if ao is not None:
            ao.hh = None
            if ao.demolished is None and ao not in self.vacant:
                self.vacant.append(ao)
        hh.ao = None

    # -- simulation --------------------------------------------------------------------------------------
    def _simulate_year(self, year: int):
        r, w = self.rng, self.w
        start, end = D(year, 1, 1), min(D(year, 12, 31), w.stand - dt.timedelta(days=1))
        if end < start:
            return
        events = []
        seq = 0

        def add(day, kind, obj):
            nonlocal seq
            seq += 1
            events.append((day, seq, kind, obj))

        n, i = w.n_chunks, self.i
        for _ in range(_spread(w.nieuwbouw.get(year, 0), n, i, offset=year)):
            add(_day(r, start, end), "nieuwbouw", None)
        for _ in range(_spread(w.sloop.get(year, 0), n, i, offset=year + 1)):
            add(_day(r, start, end), "sloop", None)
        for _ in range(_spread(w.transformatie.get(year, 0), n, i, offset=year + 2)):
            add(_day(r, start, end), "transformatie", None)
        alive = [p for p in self.residents_now()]
        for p in alive:
            age = p.age(start)
            q = min(0.5, 0.045 * math.exp(0.095 * (age - 80))) if age >= 1 else 0.003
            if r.random() < q:
                add(_day(r, start, end), "dood", p)
            if p.sex == "V" and 24 <= age <= 42 and (p.current_partner() or p.cohab) and len(p.children) < 4:
                if r.random() < (0.085 if age < 36 else 0.03):
                    add(_day(r, start, end), "geboorte", p)
            if 18 <= age <= 30 and any(isinstance(par, Person) and par.hh is p.hh for par in p.parents):
                if r.random() < (0.12 if age < 21 else 0.28):
                    add(_day(r, start, end), "uit_huis", p)
            cp = p.current_partner()
            if cp and isinstance(cp.partner, Person) and p.sex == "M" and age < 65 and r.random() < 0.007:
                add(_day(r, start, end), "scheiding", p)
            if p.cohab is not None and p.sex == "M" and r.random() < 0.04:
                add(_day(r, start, end), "huwelijk", p)
        hhs = []
        for p in alive:
            if p.hh is not None and p.hh.members and p.hh.members[0] is p:
                hhs.append(p.hh)
        for hh in hhs:
            if r.random() < 0.062:
                add(_day(r, start, end), "verhuizing", hh)
        n_in = int(len(self.woningen) * 0.06 + 0.5)
        for _ in range(n_in):
            add(_day(r, start, end), "vestiging", None)
        events.sort(key=lambda e: (e[0], e[1]))
        for day, _, kind, obj in events:
            getattr(self, f"_ev_{kind}")(day, obj)

    def residents_now(self):
        for p in self.c.persons:
            if p.death is None and not p.gone and p.hh is not None:
                yield p

    def _free_day(self, people, day: D) -> D | None:
        last = max(p.last_date for p in people)
        if day <= last:
            day = last + dt.timedelta(days=1)
        return day if day < self.w.stand else None

    def _relocate(self, people: list, day: D, within: bool, aangifte="I"):
        """Move ``people`` (a whole or part household) on ``day``: within the municipality to a vacant
        dwelling, else out of it."""
        r = self.rng
        day = self._free_day(people, day)
        if day is None:
            return False
        old = people[0].hh
        target = None
        if within:
            options = [a for a in self.vacant if a.is_woning(day) and (old is None or a is not old.ao)]
            if options:
                target = r.choice(options)
        if old is not None:
            for p in people:
                if p in old.members:
                    old.members.remove(p)
            if not old.members:
                self._move_out_of(old)
        if target is not None:
            hh = Household(list(people))
            for p in people:
                p.hh = hh
                p.addrs.append(Addr(self.w.gm, p.addrs[-1].inschrijving if p.addrs and p.addrs[-1].gemeente == self.w.gm else day,
                                    day, ao=target, aangifte=aangifte))
            self._move_in(hh, target)
        else:
            abroad = r.random() < 0.05
            g = self._other_gemeente()
            ext = self._ext_address(g)
            for p in people:
                p.hh = None
                p.gone = True
                if p.cohab is not None and p.cohab not in people:
                    p.cohab.cohab = None
                    p.cohab = None
                if abroad:
                    p.emigratie = (day, r.choice(names.LANDEN))
                else:
                    p.addrs.append(Addr(g, day, day, ext=dict(ext), aangifte=aangifte))
        return True

    def _ev_dood(self, day, p: Person):
        if p.death or p.gone or p.hh is None:
            return
        day = self._free_day([p], day)
        if day is None:
            return
        p.death = day
        hh = p.hh
        hh.members.remove(p)
        p.hh = None
        cp = p.current_partner()
        if cp is not None:
            cp.end, cp.reden = day, "O"
            if isinstance(cp.partner, Person):
                for q in cp.partner.partnerships:
                    if q.partner is p and q.end is None:
                        q.end, q.reden = day, "O"
        if p.cohab is not None:
            p.cohab.cohab = None
            p.cohab = None
        if not hh.members:
            self._move_out_of(hh)
        elif all(m.age(day) < 16 for m in hh.members):
            self._relocate(list(hh.members), day, within=False)

    def _ev_geboorte(self, day, mother: Person):
        if mother.death or mother.gone or mother.hh is None:
            return
        day = self._free_day([mother], day)
        if day is None:
            return
        cp = mother.current_partner()
        father = cp.partner if cp else mother.cohab
        naam = (father.voorvoegsel, father.naam) if isinstance(father, Person) else (mother.voorvoegsel, mother.naam)
        kid = self._child(mother, father if isinstance(father, Person) else None, day, naam)
        kid.addrs.append(Addr(self.w.gm, day, day, ao=mother.hh.ao, aangifte="G"))
        kid.hh = mother.hh
        mother.hh.members.append(kid)

    def _ev_uit_huis(self, day, p: Person):
        if p.death or p.gone or p.hh is None:
            return
        self._relocate([p], day, within=self.rng.random() < 0.4)

    def _ev_verhuizing(self, day, hh: Household):
        members = [m for m in hh.members if m.death is None and not m.gone]
        if not members:
            return
        self._relocate(members, day, within=self.rng.random() < 0.55)

    def _ev_scheiding(self, day, man: Person):
        cp = man.current_partner()
        if man.death or man.gone or cp is None or not isinstance(cp.partner, Person) or cp.partner.hh is not man.hh:
            return
        vrouw = cp.partner
        day = self._free_day([man, vrouw], day)
        if day is None:
            return
        cp.end, cp.reden = day, "S"
        for q in vrouw.partnerships:
            if q.partner is man and q.end is None:
                q.end, q.reden = day, "S"
        self._relocate([man], day + dt.timedelta(days=1), within=self.rng.random() < 0.5)

    def _ev_huwelijk(self, day, man: Person):
        vrouw = man.cohab
        if vrouw is None or man.death or man.gone or vrouw.death or vrouw.gone:
            return
        day = self._free_day([man, vrouw], day)
        if day is None:
            return
        man.partnerships.append(Partnership(vrouw, day))
        vrouw.partnerships.append(Partnership(man, day))
        man.cohab = vrouw.cohab = None

    def _ev_vestiging(self, day, _):
        options = [a for a in self.vacant if a.is_woning(day) and a.hh is None]
        if not options:
            return
        ao = self.rng.choice(options)
        self._household(ao, day, self._hh_kind(ao, arriving=True), arriving=True)

    def _ev_nieuwbouw(self, day, _):
        r = self.rng
        wpl = self._pick_wpl(lambda p: p.share * (1.6 if p.naam in ("Lochem", "Gorssel", "Eefde") else 1))
        permit = day - dt.timedelta(days=r.randint(300, 500))
        started = day - dt.timedelta(days=r.randint(150, 290))
        wt = _weighted(r, [("vrijstaand", 15), ("twee_onder_een_kap", 30), ("hoekwoning", 15),
                           ("tussenwoning", 20), ("appartement", 20)])
        ao = self._new_built(wpl, wt, permit, started, day)
        self.vacant.append(ao)
        self.woningen.append(ao)

    def _new_built(self, wpl, wt, permit, started, done, street=None) -> AO:
        r = self.rng
        pand = self._pand(wpl, done.year if done else started.year, permit, history=False)
        pand.voorkomens.append(Voorkomen(permit, "Bouwvergunning verleend", registered=_stamp(r, permit),
                                         bouwjaar=pand.bouwjaar))
        pand.voorkomens.append(Voorkomen(started, "Bouw gestart", registered=_stamp(r, started), bouwjaar=pand.bouwjaar))
        ao = self._vbo(wpl, pand, ("woonfunctie",), self._opp(wt), permit, status="Verblijfsobject gevormd",
                       street=street)
        ao.woningtype = wt
        if done is not None:
            status = "Pand in gebruik (niet ingemeten)" if r.random() < 0.5 else "Pand in gebruik"
            pand.voorkomens.append(Voorkomen(done, status, registered=_stamp(r, done), bouwjaar=pand.bouwjaar))
            if status.endswith("(niet ingemeten)"):
                later = done + dt.timedelta(days=r.randint(60, 300))
                if later < self.w.stand:
                    pand.voorkomens.append(Voorkomen(later, "Pand in gebruik", registered=_stamp(r, later),
                                                     bouwjaar=pand.bouwjaar))
            ao.voorkomens.append(Voorkomen(done, "Verblijfsobject in gebruik", ("woonfunctie",), ao.oppervlakte,
                                           _stamp(r, done)))
            ao.completed = done
        return ao

    def _ev_sloop(self, day, _):
        r = self.rng
        options = [a for a in self.woningen if a.kind == "VBO" and a.woningtype != "appartement"
                   and a.demolished is None and a.completed and a.completed <= T0 and 1900 <= a.bouwjaar < 1975
                   and len(a.panden) == 1 and a.voorkomens[-1].begin < day - dt.timedelta(days=200)]
        if not options:
            return
        ao = r.choice(options)
        if ao.hh is not None:
            if not self._relocate(list(ao.hh.members), day - dt.timedelta(days=r.randint(30, 120)), within=True):
                return
        day = max(day, ao.voorkomens[-1].begin + dt.timedelta(days=1))
        if day >= self.w.stand:
            return
        ao.demolished = day
        if ao in self.vacant:
            self.vacant.remove(ao)
        last = ao.voorkomens[-1]
        ao.voorkomens.append(Voorkomen(day, "Verblijfsobject ingetrokken", last.doelen, last.oppervlakte, _stamp(r, day)))
        pand = ao.panden[0]
        permit = day - dt.timedelta(days=r.randint(20, 90))
        if permit > pand.voorkomens[-1].begin:
            pand.voorkomens.append(Voorkomen(permit, "Sloopvergunning verleend", registered=_stamp(r, permit),
                                             bouwjaar=pand.voorkomens[-1].bouwjaar))
        pand.voorkomens.append(Voorkomen(day, "Pand gesloopt", registered=_stamp(r, day),
                                         bouwjaar=pand.voorkomens[-1].bouwjaar))
        ao.num.later.append((day, "Naamgeving ingetrokken", ao.num.postcode))

    def _ev_transformatie(self, day, _):
        r = self.rng
        options = [a for a in self.niet_woningen if a.transformed is None and a.voorkomens[-1].doelen
                   in (("kantoorfunctie",), ("winkelfunctie",), ("overige gebruiksfunctie",))
                   and a.voorkomens[-1].begin < day - dt.timedelta(days=200)]
        if not options:
            return
        ao = r.choice(options)
        verbouw = day - dt.timedelta(days=r.randint(60, 200))
        last = ao.voorkomens[-1]
        ao.voorkomens.append(Voorkomen(verbouw, "Verbouwing verblijfsobject", last.doelen, last.oppervlakte,
                                       _stamp(r, verbouw)))
        opp = max(40, min(last.oppervlakte, 140))
        ao.voorkomens.append(Voorkomen(day, "Verblijfsobject in gebruik", ("woonfunctie",), opp, _stamp(r, day)))
        ao.oppervlakte = opp
        ao.transformed = day
        ao.completed = D(2009, 1, 1)
        ao.woningtype = "appartement"
        ao.gebruikscode = "10"
        self.niet_woningen.remove(ao)
        self.woningen.append(ao)
        self.vacant.append(ao)

    def _under_construction(self, count: int):
        """A new-built project still under construction on the delivery date (status 'Bouw gestart')."""
        r = self.rng
        stand = self.w.stand
        wpl = self.w.woonplaatsen[0]
        for k in range(count):
            permit = stand - dt.timedelta(days=r.randint(250, 400))
            started = stand - dt.timedelta(days=r.randint(30, 200))
            ao = self._new_built(wpl, "tussenwoning", permit, started, None)
            self.woningen.append(ao)

    # -- ownership and WOZ -------------------------------------------------------------------------------
    def _owners_and_woz(self):
        r = self.rng
        for ao in self.c.aos:
            wt = ao.woningtype
            if ao.transformed is None and ao in self.niet_woningen or (ao.kind == "VBO" and wt is None):
                ao.eigenaar = f"rechtspersoon:{r.randrange(len(OVERIGE_RECHTSPERSONEN))}"
                ao.soort = "2110" if "winkelfunctie" in ao.voorkomens[-1].doelen else "2210"
                ao.gebruikscode = "20"
                ao.woz_base = int(ao.oppervlakte * r.uniform(600, 1100))
            else:
                p_corp = {"appartement": 0.55, "tussenwoning": 0.45, "hoekwoning": 0.35, "twee_onder_een_kap": 0.12,
                          "vrijstaand": 0.02, "ligplaats": 0.0, "standplaats": 0.3}[wt]
                if ao.transformed is not None:
                    p_corp = 0.2
                x = r.random()
                if x < p_corp:
                    gorssel_area = ao.wpl.naam in ("Gorssel", "Epse", "Joppe", "Eefde")
                    ao.eigenaar = "corporatie:1" if gorssel_area and r.random() < 0.6 else "corporatie:0"
                elif r.random() < 0.12:
                    ao.eigenaar = "particulier" if r.random() < 0.7 else f"rechtspersoon:{r.randrange(len(OVERIGE_RECHTSPERSONEN))}"
                else:
                    ao.eigenaar = "eigenaar_bewoner"
                ao.soort = SOORT_OBJECT[wt]
                ao.gebruikscode = "11" if len(ao.voorkomens[-1].doelen) > 1 else "10"
                if wt in ("ligplaats", "standplaats"):
                    base = 175000 if wt == "ligplaats" else 65000
                else:
                    base = WOZ_BASIS[wt] * (ao.oppervlakte / {"vrijstaand": 165, "twee_onder_een_kap": 135,
                                                             "hoekwoning": 118, "tussenwoning": 108,
                                                             "appartement": 78}[wt]) ** 0.6
                    if ao.bouwjaar < 1945:
                        base *= 1.05
                    elif 1960 <= ao.bouwjaar < 1990:
                        base *= 0.92
                    elif ao.bouwjaar >= 2015:
                        base *= 1.12
                ao.woz_base = int(base * ao.wpl.woz_factor * math.exp(r.gauss(0, 0.12)))
            ao.woz_nrs = [self.w.ids.wozobject()]
        # a few WOZ objects covering two verblijfsobjecten (n:m), e.g. a dwelling with a shop in one building
        pairs = 0
        for ao in self.c.aos:
            if pairs >= max(1, len(self.c.aos) // 400):
                break
            if ao.kind == "VBO" and ao.woningtype is None and "winkelfunctie" in ao.voorkomens[-1].doelen:
                mates = [b for b in self.c.aos if b.panden and ao.panden and b.panden[0] is ao.panden[0] and b is not ao]
                if mates:
                    ao.woz_nrs = list(mates[0].woz_nrs)
                    pairs += 1
