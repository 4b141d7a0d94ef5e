"""Print the table contracts (columns and types of every bronze, silver and gold table) as Markdown.

Reads the local warehouse written by `woonmonitor run`; the README's "Table contracts" section is this
script's output, so it stays true to the code:  .venv/bin/python scripts/table_contracts.py > /tmp/contracts.md
"""

import sys

from woonmonitor.config import LAYERS, Settings
from woonmonitor.spark import local_spark


def main() -> None:
    settings = Settings()
    spark = local_spark(settings.warehouse)
    out = sys.stdout
    for layer in LAYERS:
        out.write(f"\n### {layer}\n\n| table | columns |\n|---|---|\n")
        for t in sorted(spark.catalog.listTables(settings.schema(layer)), key=lambda t: t.name):
            cols = spark.table(settings.table(layer, t.name)).schema.fields
            shown = ", ".join(f"`{c.name}` {c.dataType.simpleString()}" for c in cols if not c.name.startswith("_"))
            lineage = " + lineage (`_source_file`, `_content_hash`, `_run_id`, `_load_time`, `_record_position`)" if any(
                c.name == "_content_hash" for c in cols) else ""
            out.write(f"| `{layer}.{t.name}` | {shown}{lineage} |\n")


def gold_catalogue() -> None:
    """The gold tables with the seed model each replaces and what it answers (from the modules' constants)."""
    import importlib

    from woonmonitor.pipeline import GOLD_STEPS

    print("\n| gold table | seed model | what it answers |\n|---|---|---|")
    for name in GOLD_STEPS:
        module = importlib.import_module(f"woonmonitor.gold.{name}")
        text = " ".join(getattr(module, "DESCRIPTION", "").split())
        print(f"| `gold.{name}` | {getattr(module, 'SEED_NAME', '')} | {text} |")


if __name__ == "__main__":
    if sys.argv[1:] == ["--gold-catalogue"]:
        gold_catalogue()
        sys.exit(0)
    main()
