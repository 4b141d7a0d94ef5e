"""woonmonitor.dashboards.lint on tiny hand-written dashboards: each rule fires, and only where it should."""

from __future__ import annotations

import copy
import json

import pytest

from woonmonitor.dashboards import lint

GOLD = {"bevolkingsopbouw", "woningen"}


def dashboard() -> dict:
    """A minimal valid dashboard: one dataset, a bar chart, a filter and a text box."""
    return {
        "datasets": [
            {
                "name": "opbouw",
                "displayName": "Opbouw",
                "queryLines": [
                    "-- from gold.x (a comment: not a table)\n",
                    "WITH j AS (SELECT MAX(jaar) AS m FROM bevolkingsopbouw)\n",
                    "SELECT b.jaar, b.geslacht, b.aantal, 'FROM other' AS s, CAST(b.jaar AS STRING)::string AS t\n",
                    "FROM bevolkingsopbouw b JOIN j ON b.jaar = j.m\n",
                    "WHERE b.geslacht = :geslacht\n",
                ],
                "parameters": [{"keyword": "geslacht", "dataType": "STRING", "defaultSelection": {}}],
            }
        ],
        "pages": [
            {
                "name": "p",
                "displayName": "P",
                "pageType": "PAGE_TYPE_CANVAS",
                "layout": [
                    {"widget": {"name": "tekst", "multilineTextboxSpec": {"lines": ["# Titel"]}},
                     "position": {"x": 0, "y": 0, "width": 6, "height": 1}},
                    {
                        "widget": {
                            "name": "staaf",
                            "queries": [{"name": "main_query", "query": {
                                "datasetName": "opbouw",
                                "fields": [{"name": "jaar", "expression": "`jaar`"},
                                           {"name": "sum(aantal)", "expression": "SUM(`aantal`)"}],
                                "disaggregated": False}}],
                            "spec": {"version": 3, "widgetType": "bar", "encodings": {
                                "x": {"fieldName": "jaar", "scale": {"type": "categorical"}},
                                "y": {"fieldName": "sum(aantal)", "scale": {"type": "quantitative"}}}},
                        },
                        "position": {"x": 0, "y": 1, "width": 4, "height": 4},
                    },
                    {
                        "widget": {
                            "name": "filter",
                            "queries": [{"name": "q_geslacht", "query": {
                                "datasetName": "opbouw",
                                "fields": [{"name": "geslacht", "expression": "`geslacht`"}],
                                "disaggregated": False}}],
                            "spec": {"version": 2, "widgetType": "filter-single-select", "encodings": {
                                "fields": [{"fieldName": "geslacht", "queryName": "q_geslacht"}]}},
                        },
                        "position": {"x": 4, "y": 1, "width": 2, "height": 1},
                    },
                ],
            }
        ],
    }


def test_valid_dashboard_has_no_problems():
    assert lint.lint_dashboard(dashboard(), GOLD) == []


def test_referenced_tables_skip_ctes_functions_comments_and_strings():
    sql = "".join(dashboard()["datasets"][0]["queryLines"])
    assert lint.referenced_tables(sql) == ["bevolkingsopbouw", "bevolkingsopbouw"]
    assert lint.referenced_tables("SELECT * FROM range(10) JOIN `main`.`gold`.`woningen`") == ["main.gold.woningen"]
    assert lint.used_parameters(sql) == {"geslacht"}


def test_qualified_and_unknown_tables():
    doc = dashboard()
    doc["datasets"][0]["queryLines"] = ["SELECT * FROM main.gold.bevolkingsopbouw JOIN silver_only"]
    assert lint.lint_dashboard(doc, GOLD) == [
        "dataset 'opbouw': table 'main.gold.bevolkingsopbouw' is qualified; write it unqualified "
        "('bevolkingsopbouw'): dataset_catalog/dataset_schema choose the schema",
        "dataset 'opbouw': table 'silver_only' is not a gold table (known: bevolkingsopbouw, woningen)",
    ]


def test_dataset_catalog_and_undeclared_parameter():
    doc = dashboard()
    doc["datasets"][0]["catalog"] = "main"
    doc["datasets"][0]["parameters"] = []
    assert lint.lint_dashboard(doc, GOLD) == [
        "dataset 'opbouw': sets its own catalog 'main'; leave it to the bundle's dataset_catalog",
        "dataset 'opbouw': SQL uses :geslacht but the dataset declares no such parameter",
    ]


def test_field_name_must_be_a_field_of_the_widget_query():
    doc = dashboard()
    doc["pages"][0]["layout"][1]["widget"]["spec"]["encodings"]["y"]["fieldName"] = "aantal"
    doc["pages"][0]["layout"][2]["widget"]["spec"]["encodings"]["fields"][0]["queryName"] = "main_query"
    assert lint.lint_dashboard(doc, GOLD) == [
        "page 'p' widget 'staaf': encodings.y.fieldName 'aantal' is not a field of its queries (fields: jaar, sum(aantal))",
        "page 'p' widget 'filter': encodings.fields[0].fieldName 'geslacht' is not a field of query 'main_query' (fields: )",
    ]


def test_unknown_dataset_version_grid_and_duplicate_names():
    doc = dashboard()
    layout = doc["pages"][0]["layout"]
    layout[1]["widget"]["queries"][0]["query"]["datasetName"] = "weg"
    layout[1]["widget"]["spec"]["version"] = 2
    layout[2]["position"]["x"] = 5  # 5 + 2 > 6 columns
    layout[2]["widget"]["name"] = "staaf"
    assert lint.lint_dashboard(doc, GOLD) == [
        "page 'p' widget 'staaf': bar spec version 2, expected one of [3]",
        "page 'p' widget 'staaf': query 'main_query' reads dataset 'weg', which does not exist",
        "page 'p' widget 'staaf': widget name used twice on the page",
        "page 'p' widget 'staaf': position {'x': 5, 'y': 1, 'width': 2, 'height': 1} is outside the 6-column grid",
    ]


def test_dataset_columns_check_field_expressions():
    assert lint.lint_dashboard(dashboard(), GOLD, {"opbouw": ["jaar", "geslacht", "aantal"]}) == []
    assert lint.lint_dashboard(dashboard(), GOLD, {"opbouw": ["jaar", "geslacht"]}) == [
        "page 'p' widget 'staaf': field 'sum(aantal)' uses column 'aantal', not a column of dataset 'opbouw'"]


def test_structure_problems():
    assert lint.lint_dashboard([], GOLD) == ["top level is not a JSON object"]
    assert lint.lint_dashboard({"datasets": {}, "pages": []}, GOLD) == [
        "'datasets' is missing or not a list", "'pages' is missing, empty or not a list"]


def test_files_and_check_all(tmp_path):
    (tmp_path / "a.lvdash.json").write_text(json.dumps(dashboard()))
    assert lint.check_all(tmp_path, GOLD) == [tmp_path / "a.lvdash.json"]
    (tmp_path / "b.lvdash.json").write_text("{not json")
    broken = copy.deepcopy(dashboard())
    broken["datasets"][0]["queryLines"] = ["SELECT 1 FROM nergens"]
    (tmp_path / "c.lvdash.json").write_text(json.dumps(broken))
    assert lint.lint_file(tmp_path / "b.lvdash.json", GOLD)[0].startswith("b.lvdash.json: not readable as JSON")
    with pytest.raises(lint.DashboardError) as err:
        lint.check_all(tmp_path, GOLD)
    assert "b.lvdash.json: not readable as JSON" in str(err.value)
    assert "c.lvdash.json: dataset 'opbouw': table 'nergens' is not a gold table" in str(err.value)


def test_gold_table_names_are_the_gold_modules():
    names = lint.gold_table_names()
    assert "bevolkingsopbouw" in names
    assert not any(name.startswith("_") for name in names)
