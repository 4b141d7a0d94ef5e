# Databricks notebook source
# MAGIC %md
# MAGIC # woonmonitor: silver
# MAGIC Rebuilds the silver tables (the conformed, history-aware, pseudonymous model) from bronze and checks the data-quality expectations.
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

summary = run_task("silver", params, spark=spark)
print(summary)
