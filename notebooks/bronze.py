# Databricks notebook source
# MAGIC %md
# MAGIC # woonmonitor: bronze
# MAGIC Loads every new delivery in the landing Volume (`<landing>/<source>/`, sources bag, brp, woz, brk, cbs) into the bronze tables, with lineage, quarantine and `bronze.ingest_log`. Files loaded before are skipped.
# MAGIC
# MAGIC This notebook only reads its parameters and calls the package (`woonmonitor.jobs.run_task`); all logic
# MAGIC lives in the `woonmonitor` wheel, which the job installs on the cluster and which the tests run locally.

# COMMAND ----------

# Job parameters arrive as widgets of the same name (names of woonmonitor.config.Settings fields).
# An empty value keeps the package default; run interactively, the catalog defaults to "main".
PARAMETERS = ("catalog", "schemas", "gemeentecode", "gemeentenaam", "landing", "laatste_peildatum")
for name in PARAMETERS:
    dbutils.widgets.text(name, "")
params = {name: dbutils.widgets.get(name) for name in PARAMETERS}

# COMMAND ----------

from woonmonitor.jobs import run_task

summary = run_task("bronze", params, spark=spark)
print(summary)
