"""The local dashboard preview runs the deployed .lvdash.json SQL unchanged on the local warehouse."""

from __future__ import annotations

import json

from woonmonitor.config import REPO_ROOT
from woonmonitor.dashboards.preview import dataset_sql, render_all, run_dashboard, widget_sql
from woonmonitor.tables import overwrite_table


def test_widget_sql_groups_by_non_aggregated_fields():
    query = {"datasetName": "d", "disaggregated": False,
             "fields": [{"name": "jaar", "expression": "`jaar`"}, {"name": "sum(aantal)", "expression": "SUM(`aantal`)"}]}
    assert widget_sql(query, {"d": "SELECT * FROM t"}) == (
        "SELECT `jaar` AS `jaar`, SUM(`aantal`) AS `sum(aantal)` FROM (SELECT * FROM t) AS ds GROUP BY `jaar` ORDER BY `jaar`")


def test_dataset_parameters_take_their_default():
    ds = {"queryLines": ["SELECT * FROM t WHERE jaar = :jaar"],
          "parameters": [{"keyword": "jaar", "dataType": "INTEGER",
                          "defaultSelection": {"values": {"dataType": "INTEGER", "values": [{"value": "2024"}]}}}]}
    assert dataset_sql(ds) == "SELECT * FROM t WHERE jaar = '2024'"


def test_inwoners_dashboard_renders_from_gold(spark, settings, tmp_path):
    rows = [(2023, "man", "0 tot 5 jaar", 0, 100, False), (2023, "vrouw", "0 tot 5 jaar", 0, 90, False),
            (2024, "man", "0 tot 5 jaar", 0, 110, False), (2024, "vrouw", "0 tot 5 jaar", 0, None, True),
            (2024, "vrouw", "5 tot 10 jaar", 5, 70, False)]
    df = spark.createDataFrame(rows, "jaar int, geslacht string, leeftijdsgroep string, leeftijd_van int, aantal long, onderdrukt boolean")
    overwrite_table(df.selectExpr("*", "make_date(jaar, 1, 1) AS peildatum"), settings, "gold", "bevolkingsopbouw")
    dashboard = json.loads((REPO_ROOT / "dashboards" / "inwoners.lvdash.json").read_text())
    [(page, widgets)] = run_dashboard(spark, settings, dashboard)
    by_name = {w.name: w for w in widgets}
    assert by_name["inwoners_teller"].rows == [(180,)]          # 2024: 110 + 70 (the suppressed cell is null)
    assert by_name["inwoners_per_jaar"].rows == [(2023, "man", 100), (2023, "vrouw", 90), (2024, "man", 110), (2024, "vrouw", 70)]
    assert sorted(by_name["leeftijdsopbouw"].rows) == [(0, "man", 110), (0, "vrouw", None), (5, "vrouw", 70)]
    [page_file] = render_all(spark, settings, REPO_ROOT / "dashboards", tmp_path)
    text = page_file.read_text()
    assert "<h3>Inwoners op 1 januari (laatste jaar)</h3>" in text and '<div class="value">180</div>' in text
    assert text.count("<polyline") == 2 and text.count("<rect x=") >= 2
