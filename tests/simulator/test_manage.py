"""Tests of the simulated Manage GHES API: cd tests/simulator && python -m pytest -q test_manage.py"""

import json
import os
import sys

import pytest
import requests

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from ghe_simulator import Simulator  # noqa: E402  pylint: disable=wrong-import-position

LICENSE = b"-----BEGIN PGP MESSAGE-----\nReference-Number: 7f3a21\n\nhQEMA1simulated\n-----END PGP MESSAGE-----\n"
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh1YmJ5b2N0b2NhdGxhcHRvcGtleTAwMDAwMDAwMDE= admin@example.com"


@pytest.fixture(name="sim")
def sim_fixture():
    simulator = Simulator(manage=True).start()
    try:
        yield simulator
        assert not simulator.violations, json.dumps(simulator.violations, indent=1)
    finally:
        simulator.stop()


@pytest.fixture(name="api")
def api_fixture(sim):
    http = requests.Session()
    http.auth = ("api_key", sim.state["settings"]["manage_password"])
    http.base = sim.manage_url
    yield http
    http.close()


def call(api, method, path, **kwargs):
    return api.request(method, api.base + path, **kwargs)


def patch_manage(sim, **values):
    response = requests.patch(sim.url + "/_sim/state", json={"manage": values})
    assert response.status_code == 200, response.text


def test_basic_auth_is_required(sim, api):
    assert requests.get(sim.manage_url + "/version").status_code == 401
    assert requests.get(sim.manage_url + "/version", auth=("api_key", "wrong")).status_code == 401
    assert call(api, "GET", "/version").json()[0]["version"]["version"] == "3.19.0"


def test_scheduled_window_turns_on_when_the_clock_says(sim, api):
    patch_manage(sim, now="2030-01-01T00:00:00Z")
    window = {"enabled": True, "when": "2030-01-02T22:00:00+00:00", "ip_exception_list": ["192.0.2.0/24"]}
    answer = call(api, "POST", "/maintenance", json=window)
    assert answer.status_code == 200 and answer.json()[0]["message"] == "maintenance mode scheduled"
    nodes = call(api, "GET", "/maintenance").json()
    assert {n["status"] for n in nodes} == {"scheduled"}
    assert nodes[0]["ip_exception_list"] == ["192.0.2.0/24"]
    patch_manage(sim, now="2030-01-02T22:00:00Z")
    assert {n["status"] for n in call(api, "GET", "/maintenance").json()} == {"on"}
    call(api, "POST", "/maintenance", json={"enabled": False})
    assert {n["status"] for n in call(api, "GET", "/maintenance").json()} == {"off"}


def test_maintenance_takes_reads_to_show(sim, api):
    patch_manage(sim, maintenance_polls=2)
    call(api, "POST", "/maintenance", json={"enabled": True})
    assert {n["status"] for n in call(api, "GET", "/maintenance").json()} == {"off"}
    assert {n["status"] for n in call(api, "GET", "/maintenance").json()} == {"on"}


def test_settings_partial_put_and_write_only_secrets(sim, api):
    assert call(api, "PUT", "/config/settings", json={"smtp": {"address": "smtp.example.com", "password": "pw-1234"}}).status_code == 204
    settings = call(api, "GET", "/config/settings").json()
    assert settings["smtp"]["address"] == "smtp.example.com"
    assert settings["smtp"]["port"] == "25"
    assert "password" not in settings["smtp"]
    assert sim.state["manage"]["secrets"]["smtp.password"] == "pw-1234"
    assert call(api, "PUT", "/config/settings", json={"nonsense": 1}).status_code == 400
    assert call(api, "PUT", "/config/settings", json={"configuration_id": 1}).status_code == 400


def test_config_run_takes_polls_emits_events_and_fails_on_a_chosen_step(sim, api):
    assert call(api, "POST", "/config/apply", json={"run_id": "aaaa1111"}).json() == {"run_id": "aaaa1111"}
    assert call(api, "GET", "/config/apply", params={"run_id": "aaaa1111"}).json()["running"] is True
    done = call(api, "GET", "/config/apply", params={"run_id": "aaaa1111"}).json()
    assert done["running"] is False and done["successful"] is True
    patch_manage(sim, config_apply_fail={"phase": "migrations", "node": "ghe-replica"})
    call(api, "POST", "/config/apply", json={"run_id": "bbbb2222"})
    call(api, "GET", "/config/apply", params={"run_id": "bbbb2222"})
    failed = call(api, "GET", "/config/apply", params={"run_id": "bbbb2222"}).json()
    assert failed["successful"] is False
    assert [n["hostname"] for n in failed["nodes"] if not n["successful"]] == ["ghe-replica"]
    events = call(api, "GET", "/config/apply/events").json()["nodes"]
    errors = [e for node in events for e in node["events"] if e["severity_text"] == "ERROR"]
    assert errors and errors[0]["config_run_id"] == "bbbb2222" and "migrations" in errors[0]["event_name"]


def test_license_upload_and_check(sim, api):
    assert call(api, "GET", "/config/license/check").json() == {"status": "valid"}
    patch_manage(sim, license_status="expired")
    assert call(api, "GET", "/config/license/check").json() == {"status": "expired"}
    answer = call(api, "PUT", "/config/license", files={"license": ("enterprise.ghl", LICENSE)})
    assert answer.status_code == 202, answer.text
    assert call(api, "GET", "/config/license").json()["referenceNumber"] == "7f3a21"
    assert call(api, "GET", "/config/license/check").json() == {"status": "valid"}


def test_ssh_keys(sim, api):
    assert call(api, "POST", "/access/ssh", json={"key": KEY}).json()[0]["modified"] is True
    assert call(api, "POST", "/access/ssh", json={"key": KEY}).json()[0]["modified"] is False
    assert [k["key"] for k in call(api, "GET", "/access/ssh").json()] == [KEY]
    call(api, "DELETE", "/access/ssh", json={"key": KEY})
    assert call(api, "GET", "/access/ssh").json() == []


def test_unhealthy_nodes(sim, api):
    assert call(api, "GET", "/replication/status").json()["status"] == "OK"
    patch_manage(sim, health={"ghe-replica": "CRITICAL"})
    report = call(api, "GET", "/replication/status").json()
    assert report["status"] == "CRITICAL"
    assert [n["status"] for n in report["nodes"]] == ["OK", "CRITICAL"]
    assert call(api, "GET", "/cluster/status").json()["status"] == "CRITICAL"
    assert call(api, "GET", "/config/nodes").json()["topology"] == "Ha"
    assert call(api, "GET", "/checks/system-requirements").json()["status"] == "OK"


def test_settings_of_another_type_are_refused(sim, api):
    answer = call(api, "PUT", "/config/settings", json={"smtp": {"port": 587}})
    assert answer.status_code == 400 and "smtp.port must be a str" in answer.json()["message"]
    assert call(api, "PUT", "/config/settings", json={"ldap": {"port": "389"}}).status_code == 400
    assert call(api, "PUT", "/config/settings", json={"ldap": {"host": "ldap.example.com", "port": 389}}).status_code == 204
