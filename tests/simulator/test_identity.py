"""The identity area of the simulator: the token's own user, site administrators, teams by slug, LDAP mappings and
syncs (every answer validated against the GHES description)."""

import json

import pytest
import requests

from ghe_simulator import ADMIN_TOKEN, USER_TOKEN, Simulator


@pytest.fixture(name="sim")
def sim_fixture():
    simulator = Simulator().start()
    try:
        yield simulator
        assert not simulator.violations, json.dumps(simulator.violations, indent=1)
    finally:
        simulator.stop()


class Api:
    def __init__(self, sim, token=ADMIN_TOKEN):
        self.base = sim.url + "/api/v3"
        self.http = requests.Session()
        self.http.headers.update({"Accept": "application/vnd.github+json", "Authorization": "Bearer " + token,
                                  "X-GitHub-Api-Version": "2022-11-28"})

    def __getattr__(self, method):
        return lambda path, **kwargs: self.http.request(method.upper(), self.base + path, **kwargs)


def user(sim, login):
    return next(u for u in sim.state["users"] if u["login"] == login)


def test_authenticated_user(sim):
    answer = Api(sim).get("/user")
    assert answer.status_code == 200
    assert answer.json()["login"] == "ghe-admin" and answer.json()["site_admin"] is True
    assert Api(sim, USER_TOKEN).get("/user").json()["login"] == "octocat"


def test_promote_and_demote(sim):
    api = Api(sim)
    assert api.put("/users/octocat/site_admin").status_code == 204
    assert user(sim, "octocat")["site_admin"] is True
    assert api.get("/users/octocat").json()["site_admin"] is True
    assert api.delete("/users/octocat/site_admin").status_code == 204
    assert user(sim, "octocat")["site_admin"] is False
    assert api.put("/users/nobody/site_admin").status_code == 404
    refused = api.delete("/users/ghe-admin/site_admin")
    assert refused.status_code == 403 and "yourself" in refused.json()["message"]
    assert Api(sim, USER_TOKEN).put("/users/hubot/site_admin").status_code == 403
    actions = [entry["action"] for entry in sim.state["audit_log"]]
    assert actions == ["user.promote", "user.demote"]


def test_ldap_sync_of_site_admins_refuses_ldap_users(sim):
    sim.set_settings(ldap_sync_site_admins=True)
    refused = Api(sim).put("/users/ldap-user/site_admin")
    assert refused.status_code == 403 and "LDAP" in refused.json()["message"]
    assert Api(sim).put("/users/hubot/site_admin").status_code == 204


def test_team_by_slug_and_its_mapping(sim):
    api = Api(sim)
    team = api.get("/orgs/engineering/teams/platform")
    assert team.status_code == 200 and team.json()["id"] == 1 and "ldap_dn" not in team.json()
    assert api.get("/orgs/engineering/teams/nobody").status_code == 404
    assert api.get("/orgs/nowhere/teams/platform").status_code == 404
    mapped = api.patch("/admin/ldap/teams/1/mapping", json={"ldap_dn": "cn=Platform,ou=teams,dc=example,dc=com"})
    assert mapped.status_code == 200 and mapped.json()["ldap_dn"] == "cn=Platform,ou=teams,dc=example,dc=com"
    assert api.get("/orgs/engineering/teams/platform").json()["ldap_dn"] == "cn=Platform,ou=teams,dc=example,dc=com"


def test_user_mapping_and_syncs_are_recorded(sim):
    api = Api(sim)
    mapped = api.patch("/admin/ldap/users/octocat/mapping", json={"ldap_dn": "uid=octocat,ou=users,dc=example,dc=com"})
    assert mapped.status_code == 200 and mapped.json()["ldap_dn"] == "uid=octocat,ou=users,dc=example,dc=com"
    assert api.get("/users/octocat").json()["ldap_dn"] == "uid=octocat,ou=users,dc=example,dc=com"
    assert api.post("/admin/ldap/users/octocat/sync").json() == {"status": "queued"}
    assert api.post("/admin/ldap/teams/1/sync").status_code == 201
    assert api.post("/admin/ldap/users/nobody/sync").status_code == 404
    actions = [entry["action"] for entry in sim.state["audit_log"]]
    assert actions == ["ldap.user_mapping", "ldap.user_sync", "ldap.team_sync"]
