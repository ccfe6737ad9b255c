#!/usr/bin/env bash
# Checks of the Kubernetes manifests in deploy/k8s without a cluster: kubectl renders them
# (`kubectl kustomize`), tools/check.mjs checks what kustomize and the API schema cannot see. Needs
# kubectl 1.27+ (kustomize v5; bash deploy/k8s/install-kubectl.sh installs one), node 18+ and npm
# (the npm registry once, to install the pinned tools of tools/package-lock.json into .tools/).
#
#   bash deploy/k8s/check.sh [--no-self-test]
#
# 1. tools: npm ci of tools/package-lock.json into deploy/k8s/.tools (skipped when up to date);
# 2. tools/check.mjs: kubectl kustomize of base and overlays/production, the built-in objects
#    against the Kubernetes API schema (npm kubernetes-models), and the cross-checks against each
#    other and the rest of the repository (README.md, "Checking the manifests offline");
# 3. tools/self-test.mjs: breaks copies of the tree on purpose and requires each break to be caught.
# Ends with `k8s-check: N passed, M failed`; exits 1 if anything failed, 2 if it could not run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tools="${K8S_CHECK_TOOLS:-$here/.tools}"
export K8S_CHECK_TOOLS="$tools"

self_test=1
for arg in "$@"; do
  case "$arg" in
    --no-self-test) self_test=0 ;;
    *) echo "usage: $0 [--no-self-test]" >&2; exit 2 ;;
  esac
done

fail() { echo "k8s check: $*" >&2; exit 2; }
command -v node >/dev/null || fail "node is not installed (Node 18 or newer is needed)"
command -v npm >/dev/null || fail "npm is not installed"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
(( node_major >= 18 )) || fail "node $(node --version) is too old; Node 18 or newer is needed"

# kubectl on PATH, or the one install-kubectl.sh put into .tools/bin; its kustomize must be v5+.
kubectl=""
for candidate in "$(command -v kubectl || true)" "$here/.tools/bin/kubectl"; do
  [[ -n "$candidate" && -x "$candidate" ]] || continue
  major="$("$candidate" version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\{0,1\}\([0-9]*\).*/\1/p' | head -n1)"
  if (( ${major:-0} >= 5 )); then kubectl="$candidate"; break; fi
done
[[ -n "$kubectl" ]] || fail "no kubectl 1.27+ (kustomize v5) found: bash deploy/k8s/install-kubectl.sh installs one"

started=$SECONDS
echo "k8s check of ${here#"$repo"/} (node $(node --version), $kubectl: $("$kubectl" version --client 2>/dev/null | tr '\n' ' '))"

# --- 1. tools
lock="$here/tools/package-lock.json"
want="$(sha256sum "$lock" | cut -d' ' -f1)"
if [[ -f "$tools/.installed" && "$(cat "$tools/.installed")" == "$want" && -d "$tools/node_modules" ]]; then
  echo "- tools: up to date in ${tools#"$repo"/}"
else
  echo "- tools: npm ci (js-yaml, kubernetes-models, pinned in tools/package-lock.json) into ${tools#"$repo"/}"
  mkdir -p "$tools"
  cp "$here/tools/package.json" "$lock" "$tools/"
  # kubernetes-models declares node >= 22 but runs on 18+; the engine warning is not an error.
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error --engine-strict=false >/dev/null) \
    || fail "npm ci failed; is the npm registry reachable?"
  echo "$want" > "$tools/.installed"
fi

# --- 2. checks
echo "- checks"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
set +e
node "$here/tools/check.mjs" --repo "$repo" --kubectl "$kubectl" | tee "$out"
checks_rc=${PIPESTATUS[0]}
set -e
summary="$(grep -E '^manifest checks: [0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1 || true)"
[[ -n "$summary" ]] || fail "tools/check.mjs ended without its summary (exit $checks_rc)"
passed="$(sed -E 's/^manifest checks: ([0-9]+) passed.*/\1/' <<<"$summary")"
failed="$(sed -E 's/^manifest checks: [0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$summary")"
(( checks_rc == 0 || failed > 0 )) || { failed=$((failed + 1)); echo "  FAIL  tools/check.mjs exited $checks_rc"; }

# --- 3. self-test
self_summary="self-test skipped"
if (( self_test )); then
  echo "- self-test: deliberate breakages of a copy must each be caught"
  set +e
  node "$here/tools/self-test.mjs" --repo "$repo" --kubectl "$kubectl" | tee "$out"
  self_rc=${PIPESTATUS[0]}
  set -e
  line="$(grep -E '^self-test: [0-9]+ of [0-9]+' "$out" | tail -n 1 || true)"
  if [[ -n "$line" ]]; then
    caught="$(sed -E 's/^self-test: ([0-9]+) of.*/\1/' <<<"$line")"
    total="$(sed -E 's/^self-test: [0-9]+ of ([0-9]+).*/\1/' <<<"$line")"
    self_summary="self-test caught $caught of $total breakages"
    passed=$((passed + caught))
    failed=$((failed + total - caught))
  else
    failed=$((failed + 1))
    echo "  FAIL  tools/self-test.mjs ended without its summary (exit $self_rc)"
  fi
fi

echo "- summary: ${summary%% (*}; $self_summary; $((SECONDS - started))s"
echo "k8s-check: $passed passed, $failed failed"
(( failed == 0 )) || exit 1
