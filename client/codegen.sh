#!/usr/bin/env bash
# Generate oasis_client/_generated from the committed SDL and client/operations (ariadne-codegen, in a
# tool environment of its own: it needs graphql-core 3.2, the server 3.3). With --check, generate into
# a scratch copy and fail if the committed code differs.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-.venv/bin/uv}
generate() {  # $1: a folder holding client/ (pyproject.toml, operations/) and backend/schema/
  (cd "$1/client" && "$OLDPWD/$UV" tool run --quiet --from ariadne-codegen==0.19.0 --with ruff==0.15.22 \
    --with graphql-core==3.2.14 ariadne-codegen --config pyproject.toml >/dev/null)
}
if [ "${1:-}" = "--check" ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/client/oasis_client" "$scratch/backend/schema"
  cp backend/schema/schema.graphql "$scratch/backend/schema/"
  cp -r client/pyproject.toml client/operations "$scratch/client/"
  generate "$scratch"
  if ! diff -r -q "$scratch/client/oasis_client/_generated" client/oasis_client/_generated >/dev/null; then
    diff -r "$scratch/client/oasis_client/_generated" client/oasis_client/_generated | head -40
    echo "client/oasis_client/_generated is out of date: run make client-codegen" >&2
    exit 1
  fi
  echo "client codegen: up to date"
else
  rm -rf client/oasis_client/_generated
  generate .
fi
