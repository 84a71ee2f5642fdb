#!/usr/bin/env bash
# TLS with a self-signed certificate, made here: every writing module fails before any request reaches the API
# unless ca_path names the certificate or validate_certs is false. One HTTPS simulator per module path.
set -euo pipefail
work=$(mktemp -d)
trap '../setup_reliability/files/simulators.sh stop "$work"; rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
paths=$(python -c 'import yaml; print(len(yaml.safe_load(open("../setup_reliability/files/writing_modules.yml"))["fault_modules"]))')
../setup_reliability/files/simulators.sh start "$work" "$paths" --certfile "$work/cert.pem" --keyfile "$work/key.pem" \
  >"$work/urls"
{
  echo '[tls_paths]'
  index=0
  while read -r url; do
    echo "path$index fault_index=$index ghe_api_url=$url ghe_sim_url=$url/_sim"
    index=$((index + 1))
  done <"$work/urls"
  echo '[tls_paths:vars]'
  echo 'ansible_connection=local'
  echo "ansible_python_interpreter=$(command -v python)"
  echo 'ghe_admin_token=ghp_simadmin000000000000000000000000000'
  echo "tls_ca=$work/cert.pem"
} >"$work/inventory"
export ANSIBLE_ROLES_PATH=.. ANSIBLE_FORKS=$paths
start=$(date +%s)
ansible-playbook -i "$work/inventory" tls.yml "$@"
echo "reliability_tls: $paths module paths in $(($(date +%s) - start)) s"
../setup_reliability/files/simulators.sh check "$work"
