#!/usr/bin/env bash
# Set-up for a fresh machine: .venv with the package and its pinned dependencies, and the Delta jars
# from Maven Central (through the ordinary `mvn` client into ~/.m2, then copied next to the venv), so that
# nothing downloads when Spark starts. Idempotent: a second run reuses what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
DELTA_VERSION="4.0.1"   # keep equal to the delta-spark pin in pyproject.toml
SCALA="2.13"

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
echo "setup: installing woonmonitor and its pinned dependencies"
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[local,test]"

if ! command -v java >/dev/null 2>&1; then
  echo "setup: Java 17 or later is needed for Spark (apt-get install openjdk-17-jre-headless)" >&2
  exit 1
fi

JARS=".venv/share/woonmonitor/jars"
mkdir -p "$JARS"
M2="${HOME}/.m2/repository/io/delta"
need() { [ -f "$JARS/$1" ]; }
if ! need "delta-spark_${SCALA}-${DELTA_VERSION}.jar" || ! need "delta-storage-${DELTA_VERSION}.jar"; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "setup: Maven (mvn) is needed once to fetch the Delta jars (apt-get install maven)" >&2
    exit 1
  fi
  echo "setup: fetching Delta ${DELTA_VERSION} jars through Maven"
  mvn -q -B dependency:get -Dartifact="io.delta:delta-spark_${SCALA}:${DELTA_VERSION}" >/dev/null
  cp "$M2/delta-spark_${SCALA}/${DELTA_VERSION}/delta-spark_${SCALA}-${DELTA_VERSION}.jar" "$JARS/"
  cp "$M2/delta-storage/${DELTA_VERSION}/delta-storage-${DELTA_VERSION}.jar" "$JARS/"
fi
echo "setup: done (.venv, Delta jars in $JARS)"
