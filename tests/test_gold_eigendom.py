"""gold.eigendom on the small world of bag_silver.py, BRK peildatum 2024-01-01."""

from __future__ import annotations

from chispa import assert_approx_df_equality

from bag_silver import D, frames
from woonmonitor.gold import eigendom
from woonmonitor.gold._voorraad import woningen_op_peildata
from woonmonitor.silver.eigendom import CATEGORIEEN


def test_mix_with_absent_dwellings_as_onbekend(spark):
    d = D(2024, 1, 1)
    silver = spark.createDataFrame([
        ("V1", d, "eigenaar_bewoner"), ("V2", d, "woningcorporatie"), ("V7", d, "particuliere_verhuurder"),
        ("V5", d, "overige_rechtspersoon"),  # an office: not in the dwelling stock
    ], eigendom.EIGENDOM)
    got = eigendom.build(woningen_op_peildata(*frames(spark, peildata=[d])), silver)
    places = {
        ("woonplaats", "1000", "Lochem"): {"eigenaar_bewoner": 1},
        ("woonplaats", "2000", "Laeren"): {"woningcorporatie": 1, "particuliere_verhuurder": 1},
        ("woonplaats", None, "onbekend"): {"onbekend": 1},  # V6 is not in the BRK
        ("gemeente", None, "Totaal"): {"eigenaar_bewoner": 1, "woningcorporatie": 1, "particuliere_verhuurder": 1,
                                       "onbekend": 1},
    }
    rows = []
    for (niveau, wid, naam), counts in places.items():
        total = sum(counts.values())
        for cat in CATEGORIEEN:
            n = counts.get(cat, 0)
            rows.append((d, niveau, wid, naam, cat, n, n / total))
    expected = spark.createDataFrame(rows, "peildatum date, niveau string, woonplaats_identificatie string, "
                                     "woonplaats string, eigendom_categorie string, aantal long, aandeel double")
    assert_approx_df_equality(got, expected, 1e-12, ignore_row_order=True, ignore_nullable=True)


def test_without_brk_everything_is_onbekend(spark):
    d = D(2024, 1, 1)
    got = eigendom.build(woningen_op_peildata(*frames(spark, peildata=[d])), spark.createDataFrame([], eigendom.EIGENDOM))
    totaal = {r.eigendom_categorie: (r.aantal, r.aandeel) for r in got.where("niveau = 'gemeente'").collect()}
    assert totaal == {"eigenaar_bewoner": (0, 0.0), "woningcorporatie": (0, 0.0), "overige_rechtspersoon": (0, 0.0),
                      "particuliere_verhuurder": (0, 0.0), "onbekend": (4, 1.0)}
