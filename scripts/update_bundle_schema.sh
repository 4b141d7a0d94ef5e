#!/usr/bin/env bash
# Regenerate tests/data/bundle_schema.json: the JSON schema of databricks.yml as printed by
# `databricks bundle schema` (offline) of a pinned Databricks CLI. tests/test_bundle.py validates the bundle
# against the committed file, so CI needs no Go. Run this after changing DATABRICKS_CLI_VERSION.
#
# The CLI is built from source with Go (>= 1.26) from the Go module proxy and cached outside the work tree
# (default ~/.cache/woonmonitor/bin/databricks-<version>); the first build takes several minutes.
# `go install github.com/databricks/cli@<tag>` is avoided on purpose: it also asks the proxy for the
# module's version list (for deprecation notices), which some proxies refuse; `go mod download` of the exact
# version does not. v1.10.0 rather than a later tag: its dependencies are all on the proxy (v1.11.0 needs
# databricks-sdk-go v0.166.0, which the proxy did not serve when this was written), and tags from v1.12.0 on
# import the dot-directory `.nextchanges`, which a module-proxy build may refuse.
set -euo pipefail

DATABRICKS_CLI_VERSION="${DATABRICKS_CLI_VERSION:-v1.10.0}"
CACHE="${WOONMONITOR_CACHE:-$HOME/.cache/woonmonitor}"
BIN="$CACHE/bin/databricks-$DATABRICKS_CLI_VERSION"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/tests/data/bundle_schema.json"

if [ ! -x "$BIN" ]; then
    command -v go >/dev/null || { echo "update_bundle_schema: Go >= 1.26 is needed to build the Databricks CLI" >&2; exit 1; }
    echo "building the Databricks CLI $DATABRICKS_CLI_VERSION (takes minutes, once)..." >&2
    dir="$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "github.com/databricks/cli@$DATABRICKS_CLI_VERSION" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')"
    src="$CACHE/src/cli-$DATABRICKS_CLI_VERSION"
    rm -rf "$src"
    mkdir -p "$CACHE/src" "$CACHE/bin"
    cp -r "$dir" "$src"
    chmod -R u+w "$src"
    # the version goes in as the release builds set it (otherwise the binary calls itself v0.0.0-dev)
    (cd "$src" && GOTOOLCHAIN=local GOFLAGS= go build \
        -ldflags "-X github.com/databricks/cli/internal/build.buildVersion=${DATABRICKS_CLI_VERSION#v}" \
        -o "$BIN.tmp" .)
    mv "$BIN.tmp" "$BIN"
fi

"$BIN" --version >&2
mkdir -p "$(dirname "$OUT")"
"$BIN" bundle schema > "$OUT.tmp"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
echo "wrote $OUT" >&2
