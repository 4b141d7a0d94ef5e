"""One factory for the Spark session.

* On a Databricks cluster (``DATABRICKS_RUNTIME_VERSION`` is set): the cluster's session.
* With databricks-connect installed and a profile configured (``DATABRICKS_CONFIG_PROFILE`` or
  ``DATABRICKS_HOST``): a remote session on the workspace. Optional extra, never used by the tests.
* Otherwise: a local Spark with Delta whose catalog persists between processes: tables are managed Delta
  tables under ``<warehouse>`` and their names live in an embedded Derby metastore in
  ``<warehouse>/metastore_db``, so a table written by ``woonmonitor run`` is found by ``woonmonitor sql``.
"""

from __future__ import annotations

import glob
import os
import sys
from pathlib import Path

from pyspark.sql import SparkSession

from woonmonitor.config import Settings


def on_databricks() -> bool:
    return "DATABRICKS_RUNTIME_VERSION" in os.environ


def delta_jars() -> list[str]:
    """The Delta jars fetched by set-up (``.venv/share/woonmonitor/jars``), or ``$WOONMONITOR_JARS``."""
    folder = os.environ.get("WOONMONITOR_JARS") or os.path.join(sys.prefix, "share", "woonmonitor", "jars")
    return sorted(glob.glob(os.path.join(folder, "*.jar")))


def get_spark(settings: Settings | None = None, app_name: str = "woonmonitor") -> SparkSession:
    if on_databricks():
        return SparkSession.builder.getOrCreate()
    if os.environ.get("DATABRICKS_CONFIG_PROFILE") or os.environ.get("DATABRICKS_HOST"):
        try:
            from databricks.connect import DatabricksSession  # type: ignore[import-not-found]
        except ImportError:
            pass
        else:
            return DatabricksSession.builder.getOrCreate()
    return local_spark((settings or Settings()).warehouse, app_name)


def local_spark(warehouse: str, app_name: str = "woonmonitor") -> SparkSession:
    """A local session with Delta and a persistent (Derby) metastore in ``warehouse``."""
    warehouse_path = Path(warehouse).resolve()
    warehouse_path.mkdir(parents=True, exist_ok=True)
    active = SparkSession.getActiveSession()
    if active is not None:
        if active.conf.get("spark.sql.warehouse.dir", "").rstrip("/").endswith(str(warehouse_path)):
            return active
        raise RuntimeError(
            f"a Spark session for warehouse {active.conf.get('spark.sql.warehouse.dir')} is already running "
            f"in this process; cannot switch to {warehouse_path}"
        )
    metastore = warehouse_path / "metastore_db"
    # Local only: bind to loopback (no network needed, no hostname warnings).
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (
        SparkSession.builder.appName(app_name)
        .master(os.environ.get("WOONMONITOR_SPARK_MASTER", "local[*]"))
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", str(warehouse_path))
        .config("spark.hadoop.javax.jdo.option.ConnectionURL", f"jdbc:derby:;databaseName={metastore};create=true")
        .config(
            "spark.driver.extraJavaOptions",
            f"-Dderby.system.home={warehouse_path} -Dlog4j2.configurationFile={Path(__file__).with_name('log4j2.properties')}",
        )
        .config("spark.sql.shuffle.partitions", os.environ.get("WOONMONITOR_SHUFFLE_PARTITIONS", "8"))
        .config("spark.sql.session.timeZone", "Europe/Amsterdam")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2")
        .config("spark.driver.memory", os.environ.get("WOONMONITOR_DRIVER_MEMORY", "4g"))
        .enableHiveSupport()
    )
    jars = delta_jars()
    if jars:
        builder = builder.config("spark.jars", ",".join(jars))
    else:
        # No jars from set-up: let delta-spark resolve them through Ivy (from ~/.m2 first).
        from delta import configure_spark_with_delta_pip

        builder = configure_spark_with_delta_pip(builder)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
