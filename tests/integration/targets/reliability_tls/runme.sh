#!/usr/bin/env bash
# TLS with a self-signed certificate, made here: every writing module fails before any request reaches the API
# unless ca_path names the certificate or validate_certs is false. One HTTPS simulator per module path, of the
# product the module works with (GitHub Enterprise Cloud for the credential revocation modules).
# Then tls_trust.yml: the same certificate is trusted through SSL_CERT_FILE (no ca_path) and GHE_CA_PATH.
set -euo pipefail
work=$(mktemp -d)
simulators=../setup_reliability/files/simulators.sh
trap '$simulators stop "$work/ghes"; $simulators stop "$work/ghec"; rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
# One line per module path: its index and its product (ghec when the module works with GitHub Enterprise Cloud only).
# The modules are four levels up in place; in ansible-test's copy, under the collection root it puts first in
# ANSIBLE_COLLECTIONS_PATH.
modules=../../../../plugins/modules
[ -d "$modules" ] || modules="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/ghe/admin/plugins/modules"
python - "$modules" >"$work/paths" <<'PY'
import re, sys, yaml
for index, m in enumerate(yaml.safe_load(open('../setup_reliability/files/writing_modules.yml'))['fault_modules']):
    source = open('%s/%s.py' % (sys.argv[1], m['module'])).read()
    print(index, 'ghec' if re.search(r"products=\('ghec',\)", source) else 'ghes')
PY
tls=(--certfile "$work/cert.pem" --keyfile "$work/key.pem")
for product in ghes ghec; do
  count=$(grep -c " $product\$" "$work/paths" || true)
  : >"$work/$product.urls"
  if [ "$count" -gt 0 ]; then
    $simulators start "$work/$product" "$count" --product "$product" "${tls[@]}" >"$work/$product.urls"
  fi
done
{
  echo '[tls_paths]'
  while read -r index product; do
    url=$(head -n 1 "$work/$product.urls")
    sed -i 1d "$work/$product.urls"
    echo "path$index fault_index=$index ghe_api_url=$url ghe_sim_url=$url/_sim cloud=$([ "$product" = ghec ] && echo true || echo false)"
  done <"$work/paths"
  echo '[tls_paths:vars]'
  echo 'ansible_connection=local'
  echo "ansible_python_interpreter=$(command -v python)"
  echo 'ghe_admin_token=ghp_simadmin000000000000000000000000000'
  echo "tls_ca=$work/cert.pem"
} >"$work/inventory"
paths=$(wc -l <"$work/paths")
export ANSIBLE_ROLES_PATH=.. ANSIBLE_FORKS=$paths
start=$(date +%s)
ansible-playbook -i "$work/inventory" tls.yml "$@"
ansible-playbook -i "$work/inventory" tls_trust.yml "$@"
echo "reliability_tls: $paths module paths in $(($(date +%s) - start)) s"
$simulators check "$work/ghes"
if grep -q ' ghec$' "$work/paths"; then $simulators check "$work/ghec"; fi
