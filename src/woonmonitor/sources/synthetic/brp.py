"""Write persons as a GBA-V extract CSV, the layout of RvIG's public test set.

UTF-8 with BOM, ``;``-separated, LF line ends, the exact 257-column header (see :mod:`gbav_header`). One
persoonslijst is one line with its label in the first column holding the current occurrence of every
category, followed by lines with an empty first column: the n-th line holds the n-th further occurrence of
each category, stacked per category (older addresses, earlier partners, further children). The ``XX.H``
column of an occurrence says what the next line holds for that category, as in the real file: ``5x`` (50 +
category) = an older occurrence of the same stapel, the category number (``05``, ``09``) = a new stapel.
"""

from __future__ import annotations

import datetime as dt

from woonmonitor.sources.synthetic import names
from woonmonitor.sources.synthetic.gbav_header import HEADER
from woonmonitor.sources.synthetic.world import Person

COL = {name: i for i, name in enumerate(HEADER) if name}


def _d(day: dt.date | None) -> str:
    return day.strftime("%Y%m%d") if day else ""


class BrpWriter:
    def __init__(self, path: str, gm: str, stand: dt.date):
        self.gm = gm
        self.stand = stand
        self.fh = open(path, "w", encoding="utf-8", newline="\n")
        self.fh.write("\ufeff" + ";".join(HEADER) + "\n")
        self.n_pl = 0
        self.n_lines = 0

    def close(self):
        self.fh.close()

    # -- categories ------------------------------------------------------------------------------------
    @staticmethod
    def _rel(cat: str, other, since: dt.date, with_bsn=True) -> dict:
        """Identifying elements of a related person (cat 02/03/05/09)."""
        if isinstance(other, Person):
            birth = other.birth_str or _d(other.birth)
            v = {f"{cat}.01.10": other.anr, f"{cat}.01.20": other.bsn, f"{cat}.02.10": other.voornamen,
                 f"{cat}.02.30": other.voorvoegsel, f"{cat}.02.40": other.naam, f"{cat}.03.10": birth,
                 f"{cat}.03.20": other.geboorteplaats, f"{cat}.03.30": other.geboorteland}
            if cat != "09":
                v[f"{cat}.04.10"] = other.sex
        else:
            v = {f"{cat}.02.10": other["voornamen"], f"{cat}.02.30": other.get("voorvoegsel", ""),
                 f"{cat}.02.40": other["naam"], f"{cat}.03.10": other["birth"]}
            if other.get("bsn") and with_bsn:
                v[f"{cat}.01.20"] = other["bsn"]
            if cat != "09" and other.get("sex"):
                v[f"{cat}.04.10"] = other["sex"]
        v[f"{cat}.85.10"] = _d(since)
        v[f"{cat}.86.10"] = _d(since + dt.timedelta(days=2))
        return v

    def _addr_occurrence(self, p: Person, k: int) -> dict:
        a = p.addrs[k]
        v = {"08.09.10": a.gemeente, "08.09.20": _d(a.inschrijving), "08.10.10": "W", "08.10.30": _d(a.aanvang),
             "08.72.10": a.aangifte, "08.85.10": _d(a.aanvang), "08.86.10": _d(a.aanvang + dt.timedelta(days=1))}
        if a.ao is not None:
            n = a.ao.num
            v.update({"08.11.10": n.street.naam[:24], "08.11.15": n.street.naam, "08.11.20": str(n.huisnummer),
                      "08.11.30": n.huisletter or "", "08.11.40": n.toevoeging or "", "08.11.60": n.postcode,
                      "08.11.70": a.ao.wpl.naam, "08.11.80": a.ao.id, "08.11.90": n.id})
        elif a.ext is not None:
            e = a.ext
            v.update({"08.11.10": e["straat"][:24], "08.11.20": str(e["nr"]), "08.11.60": e["postcode"]})
            if e.get("vbo"):
                v.update({"08.11.15": e["straat"], "08.11.70": e["wpl"], "08.11.80": e["vbo"], "08.11.90": e["num"]})
        if k == 0 and p.immigratie is not None:
            v["08.14.10"], v["08.14.20"] = p.immigratie[0], _d(p.immigratie[1])
        return v

    def pl(self, p: Person) -> list[str]:
        """The lines of one persoonslijst."""
        stand = self.stand
        # each category: list of stapels, each stapel a list of occurrences (newest first)
        cats: dict[str, list[list[dict]]] = {}
        first_reg = p.addrs[0].aanvang if p.addrs else (p.immigratie[1] if p.immigratie else p.birth)
        c01 = {"01.01.10": p.anr, "01.01.20": p.bsn, "01.02.10": p.voornamen, "01.02.30": p.voorvoegsel,
               "01.02.40": p.naam, "01.03.10": p.birth_str or _d(p.birth), "01.03.20": p.geboorteplaats,
               "01.03.30": p.geboorteland, "01.04.10": p.sex, "01.61.10": "E", "01.85.10": _d(p.birth),
               "01.86.10": _d(first_reg)}
        if p.geboorteland == names.NEDERLAND:
            c01["01.81.10"], c01["01.81.20"] = p.geboorteplaats, f"1A{p.pl_nr % 10000:05d}"
        cats["01"] = [[c01]]
        for cat, par in (("02", p.parents[0] if p.parents else None), ("03", p.parents[1] if len(p.parents) > 1 else None)):
            if par is not None:
                v = self._rel(cat, par, p.birth)
                v[f"{cat}.62.10"] = _d(p.birth)
                cats[cat] = [[v]]
        cats["04"] = [[{"04.05.10": "0001", "04.63.10": "001", "04.85.10": _d(p.birth), "04.86.10": _d(first_reg)}]]
        stapels = []
        for ps in p.partnerships:
            start = {**self._rel("05", ps.partner, ps.start), "05.06.10": _d(ps.start), "05.06.20": ps.plaats,
                     "05.06.30": names.NEDERLAND, "05.15.10": ps.soort}
            if ps.end is not None:
                end = {**self._rel("05", ps.partner, ps.end), "05.07.10": _d(ps.end), "05.07.20": self.gm,
                       "05.07.30": names.NEDERLAND, "05.07.40": ps.reden, "05.15.10": ps.soort}
                stapels.append([end, start])
            else:
                stapels.append([start])
        if stapels:
            cats["05"] = stapels
        if p.death is not None:
            cats["06"] = [[{"06.08.10": _d(p.death), "06.08.20": self.gm, "06.08.30": names.NEDERLAND,
                            "06.81.10": self.gm, "06.81.20": f"2A{p.pl_nr % 10000:05d}", "06.85.10": _d(p.death),
                            "06.86.10": _d(p.death + dt.timedelta(days=1))}]]
        c07 = {"07.68.10": _d(first_reg), "07.69.10": self.gm, "07.70.10": "0", "07.80.10": "0001",
               "07.80.20": stand.strftime("%Y%m%d") + "120000000", "07.87.10": "P"}
        if p.death is not None:
            c07["07.67.10"], c07["07.67.20"] = _d(p.death), "O"
        elif p.emigratie is not None:
            c07["07.67.10"], c07["07.67.20"] = _d(p.emigratie[0]), "E"
        cats["07"] = [[c07]]
        occ08 = [self._addr_occurrence(p, k) for k in range(len(p.addrs))]
        if p.emigratie is not None:
            last = p.addrs[-1]
            occ08.append({"08.09.10": last.gemeente, "08.09.20": _d(last.inschrijving), "08.13.10": p.emigratie[1],
                          "08.13.20": _d(p.emigratie[0]), "08.13.30": "Onbekend", "08.72.10": "I",
                          "08.85.10": _d(p.emigratie[0]), "08.86.10": _d(p.emigratie[0])})
        if occ08:
            cats["08"] = [list(reversed(occ08))]
        kids = []
        for ch in p.children:
            since = ch.birth if isinstance(ch, Person) else dt.date(int(ch["birth"][:4]), 1, 1)
            kids.append([self._rel("09", ch, since)])
        if kids:
            cats["09"] = kids
        # stack the occurrences into lines
        columns: dict[str, list[dict]] = {}
        for cat, stapels in cats.items():
            seq = []
            for si, stapel in enumerate(stapels):
                for oi, occ in enumerate(stapel):
                    occ = dict(occ)
                    if oi + 1 < len(stapel):
                        occ[f"{cat}.H"] = str(50 + int(cat))
                    elif si + 1 < len(stapels):
                        occ[f"{cat}.H"] = cat
                    seq.append(occ)
            columns[cat] = seq
        n_lines = max(len(s) for s in columns.values())
        lines = []
        for k in range(n_lines):
            row = [""] * len(HEADER)
            if k == 0:
                row[0] = f"Lg01_{p.pl_nr}"
            for seq in columns.values():
                if k < len(seq):
                    for name, value in seq[k].items():
                        if value:
                            row[COL[name]] = value
            lines.append(";".join(row))
        return lines

    def write(self, p: Person):
        self.n_pl += 1
        p.pl_nr = self.n_pl
        lines = self.pl(p)
        self.n_lines += len(lines)
        self.fh.write("\n".join(lines) + "\n")
