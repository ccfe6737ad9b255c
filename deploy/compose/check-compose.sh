#!/usr/bin/env bash
# Offline check of the Docker Compose deployment: needs node/npm (and the npm registry once, to fill
# the tool cache), no Docker engine.
#
#   bash deploy/compose/check-compose.sh [path/to/docker-compose.yml]
#
# 1. installs pinned npm tools into deploy/compose/.tools/ (gitignored; skipped when already there);
# 2. converts the compose file to JSON (python3 + PyYAML when present, else js-yaml);
# 3. `docker compose config -q` when a Compose plugin is installed (skipped otherwise);
# 4. validate.mjs: the Compose Specification schema shipped in dclint, then cross-references
#    (the Dockerfile with each service's build arguments, Maven modules, bind-mounted files, ports
#    against docs/ARCHITECTURE.md, database, Kafka and Keycloak settings that must agree).
# Ends with `compose check: N services, M references checked, P problems`; exit 1 on problems.
#
# Environment: COMPOSE_CHECK_TOOLS (tool cache folder), ARCHITECTURE_MD (defaults to the repository's
# docs/ARCHITECTURE.md; without it the ports are checked against the built-in list).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
compose_file="$(realpath -m "${1:-$root/docker-compose.yml}")"
tools="${COMPOSE_CHECK_TOOLS:-$here/.tools}"
architecture="${ARCHITECTURE_MD:-$root/docs/ARCHITECTURE.md}"

# Pinned, so that the schema and the checks do not change under us.
npm_packages=(ajv@8.20.0 ajv-formats@3.0.1 dclint@3.1.0 dockerfile-utils@0.16.3 js-yaml@4.1.0)

fail() { echo "check-compose: $*" >&2; exit 2; }

[[ -f "$compose_file" ]] || fail "no compose file at $compose_file"
command -v node >/dev/null || fail "node is not installed (Node 18 or newer is needed)"
command -v npm >/dev/null || fail "npm is not installed"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
(( node_major >= 18 )) || fail "node $(node --version) is too old; Node 18 or newer is needed"

echo "compose check of ${compose_file#"$root"/}"

# --- 1. tools
stamp="$tools/.installed"
if [[ -f "$stamp" && "$(cat "$stamp")" == "${npm_packages[*]}" ]]; then
  echo "- tools: cached in ${tools#"$root"/}"
else
  echo "- tools: npm install ${npm_packages[*]} into ${tools#"$root"/}"
  mkdir -p "$tools"
  [[ -f "$tools/package.json" ]] || echo '{"private": true, "description": "tools for deploy/compose/check-compose.sh"}' > "$tools/package.json"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error --save-exact "${npm_packages[@]}" >/dev/null \
    || fail "npm install failed; is the npm registry reachable?"
  echo "${npm_packages[*]}" > "$stamp"
fi
schema="$(find "$tools/node_modules/dclint" -name 'compose.schema.json' -not -path '*/node_modules/dclint/node_modules/*' | head -n 1)"
[[ -n "$schema" ]] || fail "dclint@${npm_packages[2]#dclint@} ships no compose.schema.json any more; look for it under $tools/node_modules/dclint"

# --- 2. YAML -> JSON
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
json="$work/compose.json"
if command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
  echo "- yaml -> json: python3 + PyYAML"
  python3 - "$compose_file" "$json" <<'PY' || fail "${compose_file} is not valid YAML (see above)"
import json, sys, yaml
with open(sys.argv[1]) as f:
    data = yaml.safe_load(f)
with open(sys.argv[2], "w") as f:
    json.dump(data, f)
PY
else
  echo "- yaml -> json: js-yaml (no python3 with PyYAML here)"
  "$tools/node_modules/.bin/js-yaml" "$compose_file" > "$json" || fail "${compose_file} is not valid YAML (see above)"
fi

# --- 3. Docker's own parser, when there is one
extra_problems=0
extra_checks=0
# `config` only parses and needs no engine. Compose v1 (docker-compose 1.x) predates parts of the
# Compose Specification used here (top-level name, bind.create_host_path), so only v2 counts.
compose_cmd=()
if docker compose version >/dev/null 2>&1; then
  compose_cmd=(docker compose)
elif command -v docker-compose >/dev/null 2>&1 && [[ "$(docker-compose version --short 2>/dev/null)" == 2.* ]]; then
  compose_cmd=(docker-compose)
fi
if (( ${#compose_cmd[@]} )); then
  echo "- ${compose_cmd[*]} -f ${compose_file#"$root"/} config -q"
  extra_checks=1
  if ! "${compose_cmd[@]}" -f "$compose_file" config -q; then
    echo "  PROBLEM: ${compose_cmd[*]} config rejects the file (see above)"
    extra_problems=1
  fi
else
  echo "- docker compose config: skipped (no Compose v2 here: neither the docker compose plugin nor docker-compose 2.x)"
fi

# --- 4. schema and cross-references
node "$here/validate.mjs" \
  --compose-json "$json" --compose-file "$compose_file" --root "$root" --tools "$tools" \
  --schema "$schema" --architecture "$architecture" \
  --extra-problems "$extra_problems" --extra-checks "$extra_checks"
