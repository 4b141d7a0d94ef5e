"""WOZ values: the municipality's CSV export in layout "voorbeeld" and a small Haal Centraal WOZ bevragen file.

CSV ``woz_<yyyymmdd>.csv``: UTF-8, ``;``, header
``WOZOBJECTNUMMER;ADRESSEERBAAROBJECTID;WAARDEPEILDATUM;VASTGESTELDEWAARDE;GEBRUIKSCODE;SOORTOBJECTCODE``,
dates DD-MM-YYYY, whole euros, one row per (WOZ object, verblijfsobject, waardepeildatum) for waardepeildata
1 January 2019..2025 (an object is valued for the WOZ year after the peildatum, in its state of 1 January of
that year). JSON ``woz_bevragen_<yyyymmdd>.json``: a list of WOZ objects shaped like the mock test data of
Haal Centraal WOZ bevragen.
"""

from __future__ import annotations

import datetime as dt
import json
import random

from woonmonitor.sources.synthetic.world import AO, CORPORATIES, KADASTRALE_GEMEENTEN, WOZ_INDEX, T0

HEADER = "WOZOBJECTNUMMER;ADRESSEERBAAROBJECTID;WAARDEPEILDATUM;VASTGESTELDEWAARDE;GEBRUIKSCODE;SOORTOBJECTCODE"


def _exists(ao: AO, on: dt.date) -> bool:
    first = ao.voorkomens[0].begin if ao.voorkomens else T0
    if ao.kind == "VBO" and ao.woningtype is not None and ao.transformed is None:
        return ao.is_woning(on)
    return first <= on and (ao.demolished is None or on < ao.demolished)


class WozWriter:
    def __init__(self, csv_path: str, json_path: str, seed: int, gm: str, gemeentenaam: str, n_json: int = 12):
        self.fh = open(csv_path, "w", encoding="utf-8", newline="\n")
        self.fh.write(HEADER + "\n")
        self.json_path = json_path
        self.seed = seed
        self.gm = gm
        self.naam = gemeentenaam
        self.n_json = n_json
        self.json_objects: list[dict] = []
        self.rows = 0
        self.objects = 0

    def values(self, ao: AO, cache: dict) -> dict:
        """Value per waardepeildatum year for the WOZ object of ``ao`` (shared objects: the first one's)."""
        nr = ao.woz_nrs[0]
        if nr in cache:
            return cache[nr]
        r = random.Random(f"{self.seed}:woz:{nr}")
        out = {}
        for year, index in WOZ_INDEX.items():
            on = dt.date(year + 1, 1, 1)
            if not _exists(ao, on):
                continue
            base = ao.woz_base
            if ao.transformed is not None and on < ao.transformed:
                base = int(ao.oppervlakte * 800)
            value = base * index * (1 + r.gauss(0, 0.02))
            out[year] = int(round(value, -3))
        cache[nr] = out
        return out

    def write_chunk(self, aos: list, chunk_index: int):
        cache: dict = {}
        for ao in aos:
            vals = self.values(ao, cache)
            if not vals:
                continue
            self.objects += 1
            for year, value in vals.items():
                code = ao.gebruikscode
                if ao.transformed is not None:
                    code = "10" if dt.date(year + 1, 1, 1) >= ao.transformed else "20"
                for nr in ao.woz_nrs:
                    self.fh.write(f"{nr};{ao.id};01-01-{year};{value};{code};{ao.soort}\n")
                    self.rows += 1
            if chunk_index == 0 and len(self.json_objects) < self.n_json and ao.kind == "VBO":
                self.json_objects.append(self._json_object(ao, vals))

    def _json_object(self, ao: AO, vals: dict) -> dict:
        n = ao.num
        aanduiding = {"straat": n.street.naam, "huisnummer": n.huisnummer}
        if n.huisletter:
            aanduiding["huisletter"] = n.huisletter
        if n.toevoeging:
            aanduiding["huisnummertoevoeging"] = n.toevoeging
        aanduiding.update({"postcode": n.postcode, "woonplaats": ao.wpl.naam, "nummeraanduidingIdentificatie": n.id})
        nr = ao.woz_nrs[0]
        kg = KADASTRALE_GEMEENTEN[ao.wpl.kad_gemeente][0]
        obj = {
            "aanduiding": aanduiding,
            "adresseerbaarObjectIdentificaties": [ao.id],
        }
        if ao.eigenaar.startswith("corporatie:"):
            naam = CORPORATIES[int(ao.eigenaar.split(":")[1])][0]
            obj["belanghebbendeEigenaar"] = {"naam": naam, "type": "niet_natuurlijk_persoon"}
        obj.update({
            "grondoppervlakte": int(ao.oppervlakte * 2.4),
            "identificatie": nr,
            "kadastraalOnroerendeZaken": [{"identificatie": f"{KADASTRALE_GEMEENTEN[ao.wpl.kad_gemeente][1]:05d}{int(nr[-6:]):06d}0000",
                                           "aanduiding": {"gemeentecode": kg, "sectie": "K", "perceelnummer": str(int(nr[-4:]))}}],
            "pandIdentificaties": [p.id for p in ao.panden],
            "verantwoordelijkeGemeente": {"code": self.gm, "omschrijving": self.naam},
            "waarden": [{"vastgesteldeWaarde": v, "waardepeildatum": f"{y}-01-01", "ingangsdatum": f"{y + 1}-01-01",
                         "beschikkingsStatussen": ["beschikking_genomen"]} for y, v in sorted(vals.items(), reverse=True)],
            "_links": {"self": {"href": f"https://api.kadaster.nl/lvwoz-eto/huidigebevragingen/wozobjecten/{nr}"}},
        })
        return obj

    def close(self):
        self.fh.close()
        with open(self.json_path, "w", encoding="utf-8", newline="\n") as fh:
            json.dump(self.json_objects, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
