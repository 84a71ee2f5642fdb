#!/usr/bin/env bash
# TLS trust as the controller passes it to the module (tls_trust.yml), against a simulator that serves HTTPS with a
# self-signed certificate made here: refused when nothing trusts it, trusted through SSL_CERT_FILE (no ca_path) and
# GHE_CA_PATH. Every writing module with the certificate refused, then trusted through ca_path or
# validate_certs false: tests/unit/plugins/modules/test_tls_sim.py.
set -euo pipefail
work=$(mktemp -d)
simulators=../setup_reliability/files/simulators.sh
trap '$simulators stop "$work"; rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
$simulators start "$work" tls_hosts --certfile "$work/cert.pem" --keyfile "$work/key.pem"
echo "tls_ca=$work/cert.pem" >>"$work/inventory"
export ANSIBLE_ROLES_PATH=..
ansible-playbook -i "$work/inventory" tls_trust.yml "$@"
$simulators check "$work"
