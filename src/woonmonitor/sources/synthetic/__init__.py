"""Deterministic synthetic deliveries for a municipality (default Lochem) in the real formats of BAG, BRP, WOZ
and BRK. CBS fixtures come from elsewhere.

``generate(out_dir, scale, seed)`` writes::

    <out_dir>/bag/BAGGEM0262L-<ddmmyyyy>.zip                       LV-BAG extract 2.0 (zip of zips)
    <out_dir>/brp/GBA-V_extract_0262_<yyyymmdd>.csv                GBA-V extract (RvIG test-set layout)
    <out_dir>/woz/woz_<yyyymmdd>.csv                               WOZ CSV, layout "voorbeeld"
    <out_dir>/woz/woz_bevragen_<yyyymmdd>.json                     a few objects as Haal Centraal WOZ bevragen
    <out_dir>/brk/brk_kadastraalonroerendezaken_<yyyymmdd>_0001.json   Haal Centraal BRK bevragen 2.0

At scale 1.0 the world has Lochem's size (about 15,600 dwellings and 34,300 inhabitants in 2024); the world is
generated and written chunk by chunk, so memory stays bounded at any scale. Same arguments, same bytes.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import time

from woonmonitor.sources.synthetic.bag import BagWriter
from woonmonitor.sources.synthetic.brk import BrkWriter
from woonmonitor.sources.synthetic.brp import BrpWriter
from woonmonitor.sources.synthetic.woz import WozWriter
from woonmonitor.sources.synthetic.world import World

#: the delivery date (stand) of the synthetic extracts; fixed so that output does not depend on today
STAND = dt.date(2026, 12, 1)
_OWN_PATTERNS = {"bag": ("BAGGEM*L-*.zip",), "brp": ("GBA-V_extract_*.csv",), "woz": ("woz_*.csv", "woz_bevragen_*.json"),
                 "brk": ("brk_kadastraalonroerendezaken_*.json",)}


def generate(out_dir: str, scale: float = 0.05, seed: int = 262, gemeentecode: str = "GM0262",
             stand: dt.date = STAND, bag_objects_per_file: int = 10000, brk_zaken_per_file: int = 50000,
             gemeentenaam: str = "Lochem") -> dict:
    """Write a synthetic delivery under ``out_dir`` (one folder per source) and return what was written.

    Earlier generated files in those folders (recognised by their names) are replaced; other files are left.
    """
    t0 = time.time()
    gm = gemeentecode[2:]
    for source, patterns in _OWN_PATTERNS.items():
        folder = os.path.join(out_dir, source)
        os.makedirs(folder, exist_ok=True)
        for pattern in patterns:
            for old in glob.glob(os.path.join(folder, pattern)):
                os.remove(old)
    ymd = stand.strftime("%Y%m%d")
    world = World(scale, seed, gemeentecode, stand)
    bag = BagWriter(os.path.join(out_dir, "bag"), os.path.join(out_dir, "bag", f".work-{os.getpid()}"), gm, stand,
                    seed, gemeentenaam, per_file=bag_objects_per_file)
    brp = BrpWriter(os.path.join(out_dir, "brp", f"GBA-V_extract_{gm}_{ymd}.csv"), gm, stand)
    woz = WozWriter(os.path.join(out_dir, "woz", f"woz_{ymd}.csv"), os.path.join(out_dir, "woz", f"woz_bevragen_{ymd}.json"),
                    seed, gm, gemeentenaam)
    brk = BrkWriter(os.path.join(out_dir, "brk"), stand, seed, world.ids, per_file=brk_zaken_per_file)
    facts = {"dwellings_2024_01_01": 0, "dwellings_2025_01_01": 0, "inhabitants_2024_01_01": 0,
             "inhabitants_stand": 0}
    try:
        for chunk in world.chunks():
            for ao in chunk.aos:
                bag.write_ao(ao)
            for p in chunk.panden:
                bag.write_pand(p)
            for n in chunk.nums:
                bag.write_num(n)
            for p in chunk.persons:
                brp.write(p)
            woz.write_chunk(chunk.aos, chunk.index)
            brk.write_chunk(chunk.aos, chunk.persons)
            for key, day in (("dwellings_2024_01_01", dt.date(2024, 1, 1)), ("dwellings_2025_01_01", dt.date(2025, 1, 1))):
                facts[key] += sum(1 for ao in chunk.aos if ao.kind == "VBO" and ao.is_woning(day))
            facts["inhabitants_2024_01_01"] += sum(1 for p in chunk.persons if p.address_on(dt.date(2024, 1, 1)))
            facts["inhabitants_stand"] += sum(1 for p in chunk.persons if p.address_on(stand))
        for st in world.streets:
            bag.write_opr(st)
        for w in world.woonplaatsen:
            bag.write_wpl(w)
    finally:
        brp.close()
        woz.close()
        brk_files = brk.close()
    bag_counts = bag.finish(world.woonplaatsen)
    return {
        "scale": scale, "seed": seed, "gemeentecode": gemeentecode, "stand": stand.isoformat(),
        "bag_file": bag_counts.pop("bag_file"), "bag_objects": bag_counts,
        "brp_persoonslijsten": brp.n_pl, "brp_lines": brp.n_lines,
        "woz_rows": woz.rows, "woz_objects": woz.objects, "woz_json_objects": len(woz.json_objects),
        "brk_zaken": brk.zaken, "brk_files": brk_files, **facts, "seconds": round(time.time() - t0, 1),
    }
