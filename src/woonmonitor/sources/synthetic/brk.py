"""Ownership as Haal Centraal BRK bevragen 2.0 JSON, in the shape of ``tests/data/brk/brk_voorbeeld.json``.

Each file is a ``GET /kadastraalonroerendezaken?expand=zakelijkGerechtigden`` response
(``{"_links": ..., "_embedded": {"kadastraalOnroerendeZaken": [...]}}``), one zaak per line, split at
``per_file`` zaken: ``brk_kadastraalonroerendezaken_<yyyymmdd>_0001.json``, ... . The state is the one on the
delivery date: owner-occupiers are the adult residents (married couples 1/2 each, with ``betrokkenPartner``),
housing corporations and other legal entities carry the KvK/statutaire naam in ``_embedded.persoon``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random

from woonmonitor.sources.synthetic import names
from woonmonitor.sources.synthetic.world import (AO, CORPORATIES, KADASTRALE_GEMEENTEN, OVERIGE_RECHTSPERSONEN,
                                                 WOZ_INDEX, Ids, Person)

BASE = "https://api.brk.kadaster.nl/esd/bevragen/v2"


def _omschrijving(p) -> str:
    if isinstance(p, Person):
        initials = "".join(f"{part[0]}." for part in p.voornamen.split())
        return f"{initials} {p.voorvoegsel + ' ' if p.voorvoegsel else ''}{p.naam}"
    return p["omschrijving"]


class BrkWriter:
    def __init__(self, out_dir: str, stand: dt.date, seed: int, ids: Ids, per_file: int = 50000):
        self.out_dir, self.stand, self.ids, self.per_file = out_dir, stand, ids, per_file
        self.rng = random.Random(f"{seed}:brk")
        self.fh = None
        self.n_files = 0
        self.in_file = 0
        self.zaken = 0
        self.gerechtigde = 1000000
        self.files: list[str] = []

    # -- files -----------------------------------------------------------------------------------------
    def _emit(self, zaak: dict):
        if self.fh is None or self.in_file >= self.per_file:
            self._close_file()
            self.n_files += 1
            name = f"brk_kadastraalonroerendezaken_{self.stand.strftime('%Y%m%d')}_{self.n_files:04d}.json"
            self.files.append(name)
            self.fh = open(os.path.join(self.out_dir, name), "w", encoding="utf-8", newline="\n")
            self.fh.write('{"_links": {"self": {"href": "' + BASE + '/kadastraalonroerendezaken?expand=zakelijkGerechtigden&page='
                          + str(self.n_files) + '"}},\n "_embedded": {"kadastraalOnroerendeZaken": [\n')
            self.in_file = 0
        if self.in_file:
            self.fh.write(",\n")
        self.fh.write(json.dumps(zaak, ensure_ascii=False, separators=(",", ":")))
        self.in_file += 1
        self.zaken += 1

    def _close_file(self):
        if self.fh is not None:
            self.fh.write("\n]}}\n")
            self.fh.close()
            self.fh = None

    def close(self) -> list[str]:
        self._close_file()
        return self.files

    # -- content ---------------------------------------------------------------------------------------
    def _gerechtigde(self, persoon, aandeel: tuple, aanvang: dt.date | None, partner=None, embedded=None) -> dict:
        self.gerechtigde += 1
        g = {"identificatie": str(self.gerechtigde), "type": "eigenaar"}
        if aanvang is not None:
            g["aanvangsdatum"] = aanvang.isoformat()
        ten = {"aandeel": {"teller": aandeel[0], "noemer": aandeel[1]}}
        if partner is not None:
            ten["burgerlijkeStaatTenTijdeVanVerkrijging"] = {"code": "2", "waarde": "Gehuwd"}
            ten["betrokkenPartner"] = {"identificatie": partner.bsn, "omschrijving": _omschrijving(partner),
                                       "type": "ingeschreven_natuurlijk_persoon"}
        g["tenaamstelling"] = ten
        if isinstance(persoon, Person):
            g["persoon"] = {"identificatie": persoon.bsn, "omschrijving": _omschrijving(persoon),
                            "type": "ingeschreven_natuurlijk_persoon"}
            g["_links"] = {"persoon": {"href": f"https://api.brp.example.nl/haalcentraal/api/brp/ingeschrevenpersonen/{persoon.bsn}"}}
        else:
            g["persoon"] = {"identificatie": persoon["identificatie"], "omschrijving": persoon["omschrijving"],
                            "type": persoon["type"]}
            if embedded:
                g["_embedded"] = {"persoon": embedded}
        return g

    def _legal(self, entry: tuple, rechtsvorm: tuple) -> tuple[dict, dict]:
        naam, kvk, rsin, zetel = entry
        persoon = {"identificatie": rsin, "omschrijving": naam, "type": "ingeschreven_niet_natuurlijk_persoon"}
        embedded = {"identificatie": rsin, "domein": "NL.IMKAD.Persoon", "statutaireNaam": naam,
                    "statutaireZetel": zetel, "rechtsvorm": {"code": rechtsvorm[0], "waarde": rechtsvorm[1]},
                    "kvkNummer": kvk, "rsin": rsin}
        return persoon, embedded

    def _outsider(self) -> dict:
        """A natural person who does not live in the municipality (private landlord, owner of a vacant home)."""
        r = self.rng
        vv, naam = r.choice(names.ACHTERNAMEN)
        first = r.choice(names.VOORNAMEN_M + names.VOORNAMEN_V)
        return {"identificatie": self.ids.bsn(), "type": "ingeschreven_natuurlijk_persoon",
                "omschrijving": f"{first[0]}. {vv + ' ' if vv else ''}{naam}"}

    def _owners(self, ao: AO, residents_elsewhere: list) -> list[dict]:
        r = self.rng
        kind = ao.eigenaar
        if kind.startswith("corporatie:"):
            persoon, emb = self._legal(CORPORATIES[int(kind.split(":")[1])], ("STI", "Stichting"))
            return [self._gerechtigde(persoon, (1, 1), dt.date(r.randint(1985, 2012), r.randint(1, 12), 1), embedded=emb)]
        if kind.startswith("rechtspersoon:"):
            persoon, emb = self._legal(OVERIGE_RECHTSPERSONEN[int(kind.split(":")[1])], ("BV", "Besloten vennootschap"))
            return [self._gerechtigde(persoon, (1, 1), dt.date(r.randint(1995, 2024), r.randint(1, 12), 1), embedded=emb)]
        if kind == "eigenaar_bewoner" and ao.hh is not None:
            adults = [p for p in ao.hh.members if p.age(self.stand) >= 18 and p.death is None]
            adults.sort(key=lambda p: p.birth)
            if adults:
                head = adults[0]
                since = head.addrs[-1].aanvang
                cp = head.current_partner()
                if cp is not None and isinstance(cp.partner, Person) and cp.partner in adults:
                    other = cp.partner
                    return [self._gerechtigde(head, (1, 2), since, partner=other),
                            self._gerechtigde(other, (1, 2), since, partner=head)]
                return [self._gerechtigde(head, (1, 1), since)]
        if kind == "particulier" and residents_elsewhere and r.random() < 0.6:
            landlord = r.choice(residents_elsewhere)
            return [self._gerechtigde(landlord, (1, 1), dt.date(r.randint(1995, 2024), r.randint(1, 12), 1))]
        return [self._gerechtigde(self._outsider(), (1, 1), dt.date(r.randint(1990, 2024), r.randint(1, 12), 1))]

    def write_chunk(self, aos: list, persons: list):
        r, stand = self.rng, self.stand
        residents = [p for p in persons if p.hh is not None and p.death is None and not p.gone
                     and p.age(stand) >= 30]
        apartment_perceel: dict[int, tuple[int, int]] = {}
        for ao in aos:
            if ao.completed is None and ao.woningtype is not None:
                continue  # under construction
            if ao.demolished is not None and ao.demolished <= stand:
                continue
            kg_name = ao.wpl.kad_gemeente
            kg, kg_num = KADASTRALE_GEMEENTEN[kg_name]
            sectie = "ABCDEFGHKLMN"[int(ao.wpl.code) % 12]
            if ao.woningtype == "appartement" and ao.panden:
                key = id(ao.panden[0])
                perceel, idx = apartment_perceel.get(key, (self.ids.perceel_nr(kg), 0))
                idx += 1
                apartment_perceel[key] = (perceel, idx)
                ident = f"{kg_num:05d}{perceel:05d}{idx:04d}"
                typ, aand = "appartementsrecht", f"{kg_name} {sectie} {perceel} A{idx}"
            else:
                perceel = self.ids.perceel_nr(kg)
                ident = f"{kg_num:05d}{perceel:05d}0000"
                typ, aand = "perceel", f"{kg_name} {sectie} {perceel}"
            n = ao.num
            adres = {"straat": n.street.naam, "huisnummer": n.huisnummer}
            if n.huisletter:
                adres["huisletter"] = n.huisletter
            if n.toevoeging:
                adres["huisnummertoevoeging"] = n.toevoeging
            adres.update({"postcode": n.postcode, "woonplaats": ao.wpl.naam, "nummeraanduidingIdentificatie": n.id,
                          "adresseerbaarObjectIdentificatie": ao.id,
                          "koppelingswijze": {"code": "ADM_GEO", "waarde": "administratief en geometrisch"}})
            zaak = {"identificatie": ident, "domein": "NL.IMKAD.KadastraalObject", "type": typ,
                    "kadastraleAanduiding": aand}
            if typ == "perceel":
                zaak["kadastraleGrootte"] = {"waarde": int(ao.oppervlakte * r.uniform(2.0, 6.0)),
                                             "soortGrootte": {"code": "1", "waarde": "Vastgesteld"}}
                zaak["aardCultuurBebouwd"] = {"code": "11", "waarde": "Wonen"} if ao.woningtype else {"code": "14", "waarde": "Bedrijf"}
            gerechtigden = self._owners(ao, residents)
            aanvang = gerechtigden[0].get("aanvangsdatum")
            if aanvang and ao.eigenaar == "eigenaar_bewoner" and int(aanvang[:4]) >= 1993:
                year = int(aanvang[:4])
                index = WOZ_INDEX.get(year, 0.55 + 0.45 * max(0, year - 1993) / 26 if year < 2019 else 1.63)
                zaak["koopsom"] = {"koopsom": int(round(ao.woz_base * index, -3)), "koopjaar": year,
                                   "indicatieMetMeerObjectenVerkregen": False}
            zaak["adressen"] = [adres]
            zaak["zakelijkGerechtigdeIdentificaties"] = [g["identificatie"] for g in gerechtigden]
            zaak["_links"] = {"self": {"href": f"{BASE}/kadastraalonroerendezaken/{ident}"}}
            zaak["_embedded"] = {"zakelijkGerechtigden": gerechtigden}
            self._emit(zaak)
