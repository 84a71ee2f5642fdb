#!/usr/bin/env bash
# TLS with a self-signed certificate, made here: every writing module fails before any request reaches the API
# unless ca_path names the certificate or validate_certs is false. One HTTPS simulator per module path, of the
# product the module works with (GitHub Enterprise Cloud for the credential revocation modules).
# Then tls_trust.yml: the same certificate is trusted through SSL_CERT_FILE (no ca_path) and GHE_CA_PATH.
set -euo pipefail
work=$(mktemp -d)
simulators=../setup_reliability/files/simulators.sh
trap '$simulators stop "$work"; rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
paths=$($simulators start "$work" tls_paths --certfile "$work/cert.pem" --keyfile "$work/key.pem")
echo "tls_ca=$work/cert.pem" >>"$work/inventory"
export ANSIBLE_ROLES_PATH=.. ANSIBLE_FORKS=$paths
start=$(date +%s)
ansible-playbook -i "$work/inventory" tls.yml "$@"
ansible-playbook -i "$work/inventory" tls_trust.yml "$@"
echo "reliability_tls: $paths module paths in $(($(date +%s) - start)) s"
$simulators check "$work"
