"""Write the committed fixture fixtures/landing/cbs/03759ned_GM0262_fixture.csv.

Synthetic figures for Lochem (GM0262) in the real CBS "onbewerkte dataset" layout of table 03759ned
(UTF-8 BOM, ';', every field quoted, codes not labels, space-padded numbers, '.' for unknown): population on
1 January by sex and single year of age, 2022-2025. Totals are Lochem's order of magnitude (34,292 on
1 January 2024 per CBS) with an older-than-average age structure; the single-age figures are synthetic.
Deterministic: run it again and the file is byte-identical.
"""

import math
import random
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "landing" / "cbs" / "03759ned_GM0262_fixture.csv"
TOTALS = {2022: 34041, 2023: 34186, 2024: 34292, 2025: 34314}  # = 37230ned begin of year (fixture)
AGE_CODES = ["10010"] + [str(10000 + 100 * a) for a in range(1, 100)] + [f"199{a:02d}" for a in range(1, 6)] + ["22300"]


def weights(sex: str) -> list[float]:
    out = []
    for age in range(0, 106):
        base = 1.0 if age < 50 else 1.15 if age < 65 else 1.25 * math.exp(-((age - 65) / 14) ** 2)
        base *= 0.78 if 20 <= age < 30 else 1.0  # young adults leave for the cities
        if sex == "4000" and age > 75:
            base *= 1.35  # women live longer
        out.append(max(base, 0.0005))
    return out


def split(total: int, w: list[float], rng: random.Random) -> list[int]:
    raw = [total * x / sum(w) for x in w]
    counts = [int(r) for r in raw]
    rest = total - sum(counts)
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - counts[i], rng.random()), reverse=True)
    for i in order[:rest]:
        counts[i] += 1
    return counts


def main() -> None:
    rng = random.Random(262)
    lines = ['"ID";"Geslacht";"Leeftijd";"BurgerlijkeStaat";"RegioS";"Perioden";"BevolkingOp1Januari_1";"GemiddeldeBevolking_2"']
    rid = 0
    for year, total in TOTALS.items():
        men = round(total * 0.4935)
        by_sex = {"3000   ": split(men, weights("3000"), rng), "4000   ": split(total - men, weights("4000"), rng)}
        by_sex["T001038"] = [m + v for m, v in zip(by_sex["3000   "], by_sex["4000   "])]
        for sex in ("T001038", "3000   ", "4000   "):
            counts = by_sex[sex]
            cells = [("10000", sum(counts))] + list(zip(AGE_CODES, counts)) + [("22000", sum(counts[95:]))]
            for code, n in cells:
                rid += 1
                avg = f"{n * 1.004:.1f}" if year < 2025 else "."
                lines.append(f'"{rid}";"{sex}";"{code}";"T001019";"GM0262  ";"{year}JJ00";"{n:8d}";"{avg:>8}"')
    OUT.write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode("utf-8"))
    print(f"wrote {OUT} ({len(lines) - 1} records)")


if __name__ == "__main__":
    main()
