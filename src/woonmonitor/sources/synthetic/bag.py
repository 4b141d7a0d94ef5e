"""Write the world as an LV-BAG extract 2.0 municipality delivery, the way Kadaster ships it.

``BAGGEM<gm>L-<ddmmyyyy>.zip`` holds ``<gm>GEM<ddmmyyyy>.zip`` (one zip per object type, each with numbered
XML part files ``<gm><TYPE><ddmmyyyy>-000001.xml`` ...), ``GEM-WPL-RELATIE-<ddmmyyyy>.zip`` and
``Leveringsdocument-BAG-Extract.xml``. The XML copies the structure, namespaces (v20200601), indentation and
element order of the real Doesburg files in the reference folder; every voorkomen is a separate bagObject.
Part files are streamed to a work folder and zipped at the end with fixed timestamps (byte-identical output).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import zipfile

from woonmonitor.sources.synthetic.world import AO, Num, Pand, Street, Voorkomen, Woonplaats

TYPES = ("VBO", "PND", "NUM", "OPR", "WPL", "LIG", "STA")

_HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<sl-bag-extract:bagStand xmlns:DatatypenNEN3610="www.kadaster.nl/schemas/lvbag/imbag/datatypennen3610/v20200601" xmlns:Objecten="www.kadaster.nl/schemas/lvbag/imbag/objecten/v20200601"
                         xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:Historie="www.kadaster.nl/schemas/lvbag/imbag/historie/v20200601"
                         xmlns:Objecten-ref="www.kadaster.nl/schemas/lvbag/imbag/objecten-ref/v20200601" xmlns:nen5825="www.kadaster.nl/schemas/lvbag/imbag/nen5825/v20200601"
                         xmlns:KenmerkInOnderzoek="www.kadaster.nl/schemas/lvbag/imbag/kenmerkinonderzoek/v20200601"
                         xmlns:selecties-extract="http://www.kadaster.nl/schemas/lvbag/extract-selecties/v20200601"
                         xmlns:sl-bag-extract="http://www.kadaster.nl/schemas/lvbag/extract-deelbestand-lvc/v20200601" xmlns:sl="http://www.kadaster.nl/schemas/standlevering-generiek/1.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema"
                         xsi:schemaLocation="http://www.kadaster.nl/schemas/lvbag/extract-deelbestand-lvc/v20200601 http://www.kadaster.nl/schemas/bag-verstrekkingen/extract-deelbestand-lvc/v20200601/BagvsExtractDeelbestandExtractLvc-2.1.0.xsd">
    <sl-bag-extract:bagInfo>
        <selecties-extract:Gebied-Registratief>
            <selecties-extract:Gebied-GEM>
                <selecties-extract:GemeenteCollectie>
                    <selecties-extract:Gemeente>
                        <selecties-extract:GemeenteIdentificatie>{gm}</selecties-extract:GemeenteIdentificatie>
                    </selecties-extract:Gemeente>
                </selecties-extract:GemeenteCollectie>
            </selecties-extract:Gebied-GEM>
        </selecties-extract:Gebied-Registratief>
        <selecties-extract:LVC-Extract>
            <selecties-extract:StandTechnischeDatum>{stand}</selecties-extract:StandTechnischeDatum>
        </selecties-extract:LVC-Extract>
    </sl-bag-extract:bagInfo>
    <sl:standBestand>
        <sl:dataset>LVBAG</sl:dataset>
        <sl:inhoud>
            <sl:gebied>GEMEENTE</sl:gebied>
            <sl:leveringsId>0000000001</sl:leveringsId>
            <sl:objectTypen>
                <sl:objectType>{type}</sl:objectType>
            </sl:objectTypen>
        </sl:inhoud>
"""
_FOOTER = """    </sl:standBestand>
</sl-bag-extract:bagStand>"""

_LEVERINGSDOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<xb:BAG-Extract-Levering
        xsi:schemaLocation="http://www.kadaster.nl/schemas/bag-verstrekkingen/extract-levering/v20200601 http://www.kadaster.nl/schemas/bag-verstrekkingen/extract-levering/v20200601/BagvsExtractLeveringsdocument-2.1.0.xsd"
        xmlns:xb="http://www.kadaster.nl/schemas/lvbag/extract-levering/v20200601" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
        xmlns:selecties-extract="http://www.kadaster.nl/schemas/lvbag/extract-selecties/v20200601">
    <xb:SelectieGegevens>
        <selecties-extract:LVC-Extract>
            <selecties-extract:StandTechnischeDatum>{stand}</selecties-extract:StandTechnischeDatum>
        </selecties-extract:LVC-Extract>
        <selecties-extract:Gebied-Registratief>
            <selecties-extract:Gebied-GEM>
                <selecties-extract:GemeenteCollectie>
                    <selecties-extract:Gemeente>
                        <selecties-extract:GemeenteIdentificatie>{gm}</selecties-extract:GemeenteIdentificatie>
                        <selecties-extract:GemeenteNaam>{naam}</selecties-extract:GemeenteNaam>
                    </selecties-extract:Gemeente>
                </selecties-extract:GemeenteCollectie>
            </selecties-extract:Gebied-GEM>
        </selecties-extract:Gebied-Registratief>
    </xb:SelectieGegevens>
    <xb:SchemaInfo>
        <xb:naam>BagvsExtractDeelbestandExtractLvc-2.1.0.xsd</xb:naam>
        <xb:versie>20200601</xb:versie>
    </xb:SchemaInfo>
</xb:BAG-Extract-Levering>"""

_GWR_HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<gwr-bestand:BAG-GWR-Deelbestand-LVC
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
        xmlns:xs="http://www.w3.org/2001/XMLSchema"
        xmlns:gwr-bestand="www.kadaster.nl/schemas/lvbag/gem-wpl-rel/gwr-deelbestand-lvc/v20200601"
        xmlns:selecties-extract="http://www.kadaster.nl/schemas/lvbag/extract-selecties/v20200601"
        xmlns:bagtypes="www.kadaster.nl/schemas/lvbag/gem-wpl-rel/bag-types/v20200601"
        xmlns:gwr-product="www.kadaster.nl/schemas/lvbag/gem-wpl-rel/gwr-producten-lvc/v20200601" xmlns:DatatypenNEN3610="www.kadaster.nl/schemas/lvbag/imbag/datatypennen3610/v20200601" xsi:schemaLocation="http://www.kadaster.nl/schemas/lvbag/gem-wpl-rel/gwr-deelbestand-lvc/v20200601 http://www.kadaster.nl/schemas/lvbag/gem-wpl-rel/gwr-deelbestand-lvc/v20200601/BagvsGwrDeelbestandLvc-2.1.0.xsd">
  <gwr-bestand:SelectieGegevens>
    <selecties-extract:StandTechnischeDatum>{stand}</selecties-extract:StandTechnischeDatum>
  </gwr-bestand:SelectieGegevens>
  <gwr-bestand:Product>
    <gwr-product:GemeenteWoonplaatsRelatieProduct>
"""
_GWR_ITEM = """      <gwr-product:GemeenteWoonplaatsRelatie>
        <gwr-product:tijdvakgeldigheid>
          <bagtypes:begindatumTijdvakGeldigheid>{begin}</bagtypes:begindatumTijdvakGeldigheid>
        </gwr-product:tijdvakgeldigheid>
        <gwr-product:gerelateerdeWoonplaats>
          <gwr-product:identificatie>{wpl}</gwr-product:identificatie>
        </gwr-product:gerelateerdeWoonplaats>
        <gwr-product:gerelateerdeGemeente>
          <gwr-product:identificatie>{gm}</gwr-product:identificatie>
        </gwr-product:gerelateerdeGemeente>
        <gwr-product:status>definitief</gwr-product:status>
      </gwr-product:GemeenteWoonplaatsRelatie>
"""
_GWR_FOOTER = """    </gwr-product:GemeenteWoonplaatsRelatieProduct>
  </gwr-bestand:Product>
</gwr-bestand:BAG-GWR-Deelbestand-LVC>"""

I5, I6, I7, I8, I9 = (" " * n for n in (20, 24, 28, 32, 36))


def _ts(t: dt.datetime, ms: int = 0) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S") + f".{ms:03d}"


def _pos(x: float, y: float) -> str:
    return f"{x:.3f} {y:.3f}"


class _Part:
    """Numbered part files of one object type, split at ``per_file`` bagObjects."""

    def __init__(self, folder: str, prefix: str, typ: str, header: str, per_file: int):
        self.folder, self.prefix, self.typ, self.header, self.per_file = folder, prefix, typ, header, per_file
        self.n_files = 0
        self.in_file = 0
        self.total = 0
        self.fh = None
        self.files: list[str] = []

    def write(self, text: str):
        if self.fh is None or self.in_file >= self.per_file:
            self.close()
            self.n_files += 1
            name = f"{self.prefix}-{self.n_files:06d}.xml"
            self.files.append(name)
            self.fh = open(os.path.join(self.folder, name), "w", encoding="utf-8", newline="\n")
            self.fh.write(self.header)
            self.in_file = 0
        self.fh.write(text)
        self.in_file += 1
        self.total += 1

    def close(self):
        if self.fh is not None:
            self.fh.write(_FOOTER)
            self.fh.close()
            self.fh = None

    def finish(self):
        if self.n_files == 0:  # an empty type still gets one (empty) part file, as Kadaster delivers
            self.n_files = 1
            name = f"{self.prefix}-000001.xml"
            self.files.append(name)
            with open(os.path.join(self.folder, name), "w", encoding="utf-8", newline="\n") as fh:
                fh.write(self.header + _FOOTER)
        self.close()


class BagWriter:
    def __init__(self, out_dir: str, work_dir: str, gm: str, stand: dt.date, seed: int, gemeentenaam: str,
                 per_file: int = 10000):
        self.out_dir, self.work, self.gm, self.stand, self.naam = out_dir, work_dir, gm, stand, gemeentenaam
        self.dstr = stand.strftime("%d%m%Y")
        self.rng = random.Random(f"{seed}:bag")
        os.makedirs(work_dir, exist_ok=True)
        self.parts = {
            t: _Part(work_dir, f"{gm}{t}{self.dstr}", t,
                     _HEADER.format(gm=gm, stand=stand.isoformat(), type=t), per_file)
            for t in TYPES
        }

    # -- history ---------------------------------------------------------------------------------------
    def _voorkomen(self, vks: list, k: int, indent: str) -> str:
        v: Voorkomen = vks[k]
        nxt = vks[k + 1] if k + 1 < len(vks) else None
        reg = v.registered
        lv_ms = (reg.second * 37 + reg.minute) % 1000
        reg_lv = reg + dt.timedelta(minutes=12 + reg.minute % 20)
        lines = [f"{indent}<Objecten:voorkomen>", f"{indent}    <Historie:Voorkomen>",
                 f"{indent}        <Historie:voorkomenidentificatie>{k + 1}</Historie:voorkomenidentificatie>",
                 f"{indent}        <Historie:beginGeldigheid>{v.begin.isoformat()}</Historie:beginGeldigheid>"]
        if nxt is not None:
            lines.append(f"{indent}        <Historie:eindGeldigheid>{nxt.begin.isoformat()}</Historie:eindGeldigheid>")
        lines.append(f"{indent}        <Historie:tijdstipRegistratie>{_ts(reg)}</Historie:tijdstipRegistratie>")
        if nxt is not None:
            lines.append(f"{indent}        <Historie:eindRegistratie>{_ts(nxt.registered)}</Historie:eindRegistratie>")
        lines.append(f"{indent}        <Historie:BeschikbaarLV>")
        lines.append(f"{indent}            <Historie:tijdstipRegistratieLV>{_ts(reg_lv, lv_ms)}</Historie:tijdstipRegistratieLV>")
        if nxt is not None:
            nreg = nxt.registered
            nlv = nreg + dt.timedelta(minutes=12 + nreg.minute % 20)
            lines.append(f"{indent}            <Historie:tijdstipEindRegistratieLV>{_ts(nlv, (nreg.second * 37 + nreg.minute) % 1000)}</Historie:tijdstipEindRegistratieLV>")
        lines.append(f"{indent}        </Historie:BeschikbaarLV>")
        lines.append(f"{indent}    </Historie:Voorkomen>")
        lines.append(f"{indent}</Objecten:voorkomen>")
        return "\n".join(lines) + "\n"

    @staticmethod
    def _ordered(vks: list) -> list:
        """Voorkomens in time order, with strictly increasing begin dates and registration times."""
        out: list[Voorkomen] = []
        for v in sorted(vks, key=lambda v: v.begin):
            if out and v.begin <= out[-1].begin:
                continue
            if out and v.registered <= out[-1].registered:
                v.registered = out[-1].registered + dt.timedelta(hours=1)
            out.append(v)
        return out

    def _docnr(self, day: dt.date, k: int) -> str:
        return f"{day.year}-{self.gm}-{(day.toordinal() * 31 + k) % 100000:05d}"

    def _stand(self, body: str) -> str:
        return ("        <sl:stand>\n            <sl-bag-extract:bagObject>\n" + body
                + "            </sl-bag-extract:bagObject>\n        </sl:stand>\n")

    @staticmethod
    def _epoch(t: dt.datetime) -> int:
        return int((t - dt.datetime(1970, 1, 1)).total_seconds())

    # -- object types ----------------------------------------------------------------------------------
    def write_ao(self, ao: AO):
        vks = self._ordered(ao.voorkomens)
        ao.voorkomens = vks
        for k, v in enumerate(vks):
            tag = {"VBO": "Verblijfsobject", "LIG": "Ligplaats", "STA": "Standplaats"}[ao.kind]
            dom = {"VBO": "NL.IMBAG.Verblijfsobject", "LIG": "NL.IMBAG.Ligplaats", "STA": "NL.IMBAG.Standplaats"}[ao.kind]
            b = [f"{I5[:16]}<Objecten:{tag}>",
                 f"{I5}<Objecten:heeftAlsHoofdadres>",
                 f'{I6}<Objecten-ref:NummeraanduidingRef domein="NL.IMBAG.Nummeraanduiding">{ao.num.id}</Objecten-ref:NummeraanduidingRef>',
                 f"{I5}</Objecten:heeftAlsHoofdadres>"]
            text = "\n".join(b) + "\n" + self._voorkomen(vks, k, I5)
            b = []
            if ao.nevens:
                b.append(f"{I5}<Objecten:heeftAlsNevenadres>")
                for n in ao.nevens:
                    b.append(f'{I6}<Objecten-ref:NummeraanduidingRef domein="NL.IMBAG.Nummeraanduiding">{n.id}</Objecten-ref:NummeraanduidingRef>')
                b.append(f"{I5}</Objecten:heeftAlsNevenadres>")
            b.append(f'{I5}<Objecten:identificatie domein="{dom}">{ao.id}</Objecten:identificatie>')
            gid = f"{ao.kind}_{ao.id}_{k + 1}_{self._epoch(v.registered)}"
            if ao.kind == "VBO":
                b += [f"{I5}<Objecten:geometrie>", f"{I6}<Objecten:punt>",
                      f'{I7}<gml:Point srsName="urn:ogc:def:crs:EPSG::28992" srsDimension="3" gml:id="{gid}">',
                      f"{I8}<gml:pos>{_pos(ao.x, ao.y)} 0.0</gml:pos>", f"{I7}</gml:Point>", f"{I6}</Objecten:punt>",
                      f"{I5}</Objecten:geometrie>"]
                for d in v.doelen:
                    b.append(f"{I5}<Objecten:gebruiksdoel>{d}</Objecten:gebruiksdoel>")
                b += [f"{I5}<Objecten:oppervlakte>{v.oppervlakte}</Objecten:oppervlakte>",
                      f"{I5}<Objecten:status>{v.status}</Objecten:status>",
                      f"{I5}<Objecten:geconstateerd>N</Objecten:geconstateerd>",
                      f"{I5}<Objecten:documentdatum>{v.begin.isoformat()}</Objecten:documentdatum>",
                      f"{I5}<Objecten:documentnummer>{self._docnr(v.begin, k)}</Objecten:documentnummer>",
                      f"{I5}<Objecten:maaktDeelUitVan>"]
                for p in ao.panden:
                    b.append(f'{I6}<Objecten-ref:PandRef domein="NL.IMBAG.Pand">{p.id}</Objecten-ref:PandRef>')
                b.append(f"{I5}</Objecten:maaktDeelUitVan>")
            else:
                ring = self._rect(ao.x, ao.y, 8.0 if ao.kind == "STA" else 5.0, 12.0 if ao.kind == "STA" else 20.0, dim=2)
                b += [f"{I5}<Objecten:status>{v.status}</Objecten:status>", f"{I5}<Objecten:geometrie>",
                      f'{I6}<gml:Polygon srsName="urn:ogc:def:crs:EPSG::28992" srsDimension="2" gml:id="{gid}">',
                      f"{I7}<gml:exterior>", f"{I8}<gml:LinearRing>",
                      f'{I9}<gml:posList count="5">{ring}</gml:posList>', f"{I8}</gml:LinearRing>",
                      f"{I7}</gml:exterior>", f"{I6}</gml:Polygon>", f"{I5}</Objecten:geometrie>",
                      f"{I5}<Objecten:geconstateerd>N</Objecten:geconstateerd>",
                      f"{I5}<Objecten:documentdatum>{v.begin.isoformat()}</Objecten:documentdatum>",
                      f"{I5}<Objecten:documentnummer>{self._docnr(v.begin, k)}</Objecten:documentnummer>"]
            b.append(f"{I5[:16]}</Objecten:{tag}>")
            self.parts[ao.kind].write(self._stand(text + "\n".join(b) + "\n"))

    @staticmethod
    def _rect(x: float, y: float, w: float, h: float, dim: int = 3) -> str:
        z = " 0.0" if dim == 3 else ""
        pts = [(x - w / 2, y - h / 2), (x + w / 2, y - h / 2), (x + w / 2, y + h / 2), (x - w / 2, y + h / 2),
               (x - w / 2, y - h / 2)]
        return " ".join(f"{_pos(px, py)}{z}" for px, py in pts)

    def write_pand(self, p: Pand):
        vks = self._ordered(p.voorkomens)
        p.voorkomens = vks
        for k, v in enumerate(vks):
            gid = f"PND_{p.id}_{k + 1}_{self._epoch(v.registered)}"
            b = [f"{I5[:16]}<Objecten:Pand>",
                 f'{I5}<Objecten:identificatie domein="NL.IMBAG.Pand">{p.id}</Objecten:identificatie>',
                 f"{I5}<Objecten:geometrie>",
                 f'{I6}<gml:Polygon srsName="urn:ogc:def:crs:EPSG::28992" srsDimension="3" gml:id="{gid}">',
                 f"{I7}<gml:exterior>", f"{I8}<gml:LinearRing>",
                 f'{I9}<gml:posList count="5">{self._rect(p.x, p.y, p.w, p.h)}',
                 f"{I9}</gml:posList>", f"{I8}</gml:LinearRing>", f"{I7}</gml:exterior>", f"{I6}</gml:Polygon>",
                 f"{I5}</Objecten:geometrie>",
                 f"{I5}<Objecten:oorspronkelijkBouwjaar>{v.bouwjaar if v.bouwjaar is not None else p.bouwjaar}</Objecten:oorspronkelijkBouwjaar>",
                 f"{I5}<Objecten:status>{v.status}</Objecten:status>",
                 f"{I5}<Objecten:geconstateerd>N</Objecten:geconstateerd>",
                 f"{I5}<Objecten:documentdatum>{v.begin.isoformat()}</Objecten:documentdatum>",
                 f"{I5}<Objecten:documentnummer>{self._docnr(v.begin, k)}</Objecten:documentnummer>"]
            text = "\n".join(b) + "\n" + self._voorkomen(vks, k, I5) + f"{I5[:16]}</Objecten:Pand>\n"
            self.parts["PND"].write(self._stand(text))

    def write_num(self, n: Num):
        vks = [Voorkomen(n.begin, "Naamgeving uitgegeven", registered=n.registered)]
        for day, status, _pc in n.later:
            vks.append(Voorkomen(day, status, registered=dt.datetime(day.year, day.month, day.day, 10, 15, 0)))
        vks = self._ordered(vks)
        for k, v in enumerate(vks):
            b = [f"{I5[:16]}<Objecten:Nummeraanduiding>",
                 f'{I5}<Objecten:identificatie domein="NL.IMBAG.Nummeraanduiding">{n.id}</Objecten:identificatie>',
                 f"{I5}<Objecten:huisnummer>{n.huisnummer}</Objecten:huisnummer>"]
            if n.huisletter:
                b.append(f"{I5}<Objecten:huisletter>{n.huisletter}</Objecten:huisletter>")
            if n.toevoeging:
                b.append(f"{I5}<Objecten:huisnummertoevoeging>{n.toevoeging}</Objecten:huisnummertoevoeging>")
            b += [f"{I5}<Objecten:postcode>{n.postcode}</Objecten:postcode>",
                  f"{I5}<Objecten:typeAdresseerbaarObject>{n.type_ao}</Objecten:typeAdresseerbaarObject>",
                  f"{I5}<Objecten:status>{v.status}</Objecten:status>",
                  f"{I5}<Objecten:geconstateerd>N</Objecten:geconstateerd>",
                  f"{I5}<Objecten:documentdatum>{v.begin.isoformat()}</Objecten:documentdatum>",
                  f"{I5}<Objecten:documentnummer>{self._docnr(v.begin, k)}</Objecten:documentnummer>"]
            text = "\n".join(b) + "\n" + self._voorkomen(vks, k, I5)
            text += (f"{I5}<Objecten:ligtAan>\n"
                     f'{I6}<Objecten-ref:OpenbareRuimteRef domein="NL.IMBAG.Openbareruimte">{n.street.id}</Objecten-ref:OpenbareRuimteRef>\n'
                     f"{I5}</Objecten:ligtAan>\n{I5[:16]}</Objecten:Nummeraanduiding>\n")
            self.parts["NUM"].write(self._stand(text))

    def write_opr(self, s: Street):
        vks = [Voorkomen(s.begin, "Naamgeving uitgegeven", registered=dt.datetime(2010, 12, 15, 10, 57, 31))]
        b = [f"{I5[:16]}<Objecten:OpenbareRuimte>",
             f'{I5}<Objecten:identificatie domein="NL.IMBAG.Openbareruimte">{s.id}</Objecten:identificatie>',
             f"{I5}<Objecten:naam>{s.naam}</Objecten:naam>",
             f"{I5}<Objecten:type>{s.type}</Objecten:type>",
             f"{I5}<Objecten:status>Naamgeving uitgegeven</Objecten:status>",
             f"{I5}<Objecten:geconstateerd>N</Objecten:geconstateerd>",
             f"{I5}<Objecten:documentdatum>{s.begin.isoformat()}</Objecten:documentdatum>",
             f"{I5}<Objecten:documentnummer>BAG/OBR{s.begin.year}{int(s.id[-4:]):04d}</Objecten:documentnummer>",
             f"{I5}<Objecten:ligtIn>",
             f'{I6}<Objecten-ref:WoonplaatsRef domein="NL.IMBAG.Woonplaats">{s.wpl.code}</Objecten-ref:WoonplaatsRef>',
             f"{I5}</Objecten:ligtIn>"]
        text = "\n".join(b) + "\n" + self._voorkomen(vks, 0, I5) + f"{I5[:16]}</Objecten:OpenbareRuimte>\n"
        self.parts["OPR"].write(self._stand(text))

    def write_wpl(self, w: Woonplaats):
        vks = [Voorkomen(dt.date(2009, 1, 20), "Woonplaats aangewezen", registered=dt.datetime(2010, 12, 15, 10, 57, 22))]
        r = 3.2 * w.spread
        pts = [(w.x + r * c, w.y + r * s) for c, s in ((1, 0), (0.7, 0.7), (0, 1), (-0.7, 0.7), (-1, 0), (-0.7, -0.7),
                                                        (0, -1), (0.7, -0.7), (1, 0))]
        pos = " ".join(_pos(x, y) for x, y in pts)
        gid = f"WPL_{w.code}_1_{self._epoch(vks[0].registered)}"
        b = [f"{I5[:16]}<Objecten:Woonplaats>",
             f'{I5}<Objecten:identificatie domein="NL.IMBAG.Woonplaats">{w.code}</Objecten:identificatie>',
             f"{I5}<Objecten:naam>{w.naam}</Objecten:naam>",
             f"{I5}<Objecten:geometrie>", f"{I6}<Objecten:vlak>",
             f'{I7}<gml:Polygon srsName="urn:ogc:def:crs:EPSG::28992" srsDimension="2" gml:id="{gid}">',
             f"{I8}<gml:exterior>", f"{I9}<gml:LinearRing>",
             f'{I9}    <gml:posList count="{len(pts)}">{pos}', f"{I9}    </gml:posList>",
             f"{I9}</gml:LinearRing>", f"{I8}</gml:exterior>", f"{I7}</gml:Polygon>", f"{I6}</Objecten:vlak>",
             f"{I5}</Objecten:geometrie>",
             f"{I5}<Objecten:status>Woonplaats aangewezen</Objecten:status>",
             f"{I5}<Objecten:geconstateerd>N</Objecten:geconstateerd>",
             f"{I5}<Objecten:documentdatum>2009-01-20</Objecten:documentdatum>",
             f"{I5}<Objecten:documentnummer>BRA/WPL20080001</Objecten:documentnummer>"]
        text = "\n".join(b) + "\n" + self._voorkomen(vks, 0, I5) + f"{I5[:16]}</Objecten:Woonplaats>\n"
        self.parts["WPL"].write(self._stand(text))

    # -- packaging -------------------------------------------------------------------------------------
    def _zinfo(self, name: str) -> zipfile.ZipInfo:
        zi = zipfile.ZipInfo(name, date_time=(self.stand.year, self.stand.month, self.stand.day, 6, 0, 0))
        zi.compress_type = zipfile.ZIP_DEFLATED
        zi.external_attr = 0o644 << 16
        return zi

    def _zip(self, target: str, members: list[tuple[str, str]]):
        with zipfile.ZipFile(target, "w") as zf:
            for arcname, path in members:
                with open(path, "rb") as src, zf.open(self._zinfo(arcname), "w", force_zip64=True) as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)

    def finish(self, woonplaatsen: list) -> dict:
        counts = {}
        for t, part in self.parts.items():
            part.finish()
            counts[t] = part.total
        work, d = self.work, self.dstr
        type_zips = []
        for t, part in self.parts.items():
            z = os.path.join(work, f"{self.gm}{t}{d}.zip")
            self._zip(z, [(f, os.path.join(work, f)) for f in part.files])
            type_zips.append((os.path.basename(z), z))
        gem_zip = os.path.join(work, f"{self.gm}GEM{d}.zip")
        self._zip(gem_zip, type_zips)
        gwr_xml = os.path.join(work, f"GEM-WPL-RELATIE-{d}-000001.xml")
        with open(gwr_xml, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(_GWR_HEADER.format(stand=self.stand.isoformat()))
            for w in woonplaatsen:
                fh.write(_GWR_ITEM.format(begin="2009-01-20", wpl=w.code, gm=self.gm))
            fh.write(_GWR_FOOTER)
        gwr_zip = os.path.join(work, f"GEM-WPL-RELATIE-{d}.zip")
        self._zip(gwr_zip, [(os.path.basename(gwr_xml), gwr_xml)])
        lev = os.path.join(work, "Leveringsdocument-BAG-Extract.xml")
        with open(lev, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(_LEVERINGSDOCUMENT.format(stand=self.stand.isoformat(), gm=self.gm, naam=self.naam))
        os.makedirs(self.out_dir, exist_ok=True)
        final = os.path.join(self.out_dir, f"BAGGEM{self.gm}L-{d}.zip")
        self._zip(final, [(os.path.basename(gem_zip), gem_zip), (os.path.basename(gwr_zip), gwr_zip),
                          ("Leveringsdocument-BAG-Extract.xml", lev)])
        shutil.rmtree(work)
        counts["bag_file"] = os.path.basename(final)
        return counts
