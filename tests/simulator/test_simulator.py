"""Tests of the GHES simulator itself: cd tests/simulator && python -m pytest -q"""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest
import requests

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from ghe_simulator import ADMIN_TOKEN, USER_TOKEN, Simulator  # noqa: E402  pylint: disable=wrong-import-position
from ghe_simulator.routing import Router  # noqa: E402  pylint: disable=wrong-import-position
from ghe_simulator.server import ALL_ROUTES  # noqa: E402  pylint: disable=wrong-import-position
from ghe_simulator.validation import has_operation, load_spec  # noqa: E402  pylint: disable=wrong-import-position

STANDARD_HEADERS = ("X-GitHub-Request-Id", "X-GitHub-Enterprise-Version", "x-ratelimit-limit", "x-ratelimit-remaining",
                    "x-ratelimit-reset", "x-ratelimit-used")


def session(token=ADMIN_TOKEN, scheme="Bearer"):
    http = requests.Session()
    http.headers.update({"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28", "User-Agent": "sim-tests"})
    if token:
        http.headers["Authorization"] = "%s %s" % (scheme, token)
    return http


@pytest.fixture(name="sim")
def sim_fixture():
    simulator = Simulator().start()
    try:
        yield simulator
        assert not simulator.violations, json.dumps(simulator.violations, indent=1)
    finally:
        simulator.stop()


@pytest.fixture(name="admin")
def admin_fixture(sim):
    http = session()
    http.base = sim.url + "/api/v3"
    yield http
    http.close()


@pytest.fixture(name="ghec")
def ghec_fixture():
    simulator = Simulator(product="ghec").start()
    try:
        yield simulator
        assert not simulator.violations, json.dumps(simulator.violations, indent=1)
    finally:
        simulator.stop()


@pytest.fixture(name="ghec_admin")
def ghec_admin_fixture(ghec):
    http = session()
    yield http
    http.close()


def url(sim, path):
    return sim.api_url + path


def take_violations(sim):
    found = list(sim.violations)
    sim.clear_violations()
    return found


def rsa_pem(bits=2048):
    serialization = pytest.importorskip("cryptography.hazmat.primitives.serialization")
    rsa = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.rsa")
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                             serialization.NoEncryption()).decode("ascii")


# --------------------------------------------------------------------------- start-up, headers, validation

def test_startup_time_and_first_request_validated():
    started = time.perf_counter()
    simulator = Simulator().start()
    elapsed = time.perf_counter() - started
    try:
        print("simulator start-up: %.3f s" % elapsed)
        assert elapsed < 1.0
        reply = session().patch(url(simulator, "/enterprise/announcement"), json={"announcement": 5})
        assert reply.status_code == 422
        assert len(simulator.violations) == 1
    finally:
        simulator.stop()


def test_bad_request_body_is_a_violation(sim, admin):
    reply = admin.patch(url(sim, "/enterprise/announcement"), json={"announcement": 5})
    assert reply.status_code == 422  # GitHub's answer to a body its schema rejects
    body = reply.json()
    assert body["message"].startswith("Invalid request.\n\n")
    assert "announcement" in body["message"]
    assert body["documentation_url"].startswith("https://docs.github.com/enterprise-server@3.19/rest/")
    violations = take_violations(sim)
    assert len(violations) == 1 and violations[0]["kind"] == "request"
    assert violations[0]["path"] == "/enterprise/announcement"
    # and nothing was stored
    assert sim.state["announcement"]["announcement"] is None


@pytest.mark.parametrize("method,path,payload,status", [
    ("GET", "/admin/nothing", None, 404),
    ("PUT", "/admin/hooks", None, 404),
    ("POST", "/admin/hooks", {"name": "web"}, 422),
    ("POST", "/admin/hooks", {"name": "web", "config": {"url": 1}}, 422),
    ("GET", "/admin/hooks/abc", None, 404),
    ("GET", "/admin/keys?sort=bogus", None, 422),
    ("PATCH", "/enterprise/announcement", {"announcement": "x", "expires_at": "not a date"}, 422),
])
def test_contract_violations(sim, admin, method, path, payload, status):
    reply = admin.request(method, url(sim, path), json=payload)
    assert reply.status_code == status, reply.text
    assert len(take_violations(sim)) == 1


def test_contract_violations_on_ghec(ghec, ghec_admin):
    reply = ghec_admin.post(ghec.url + "/enterprises/acme/credential-authorizations/revoke-credential-type", json={"credential_type": "password"})
    assert reply.status_code == 422 and reply.json()["message"].startswith("Invalid request.")
    assert len(take_violations(ghec)) == 1


def test_response_violation_is_reported(sim, admin, monkeypatch):
    from ghe_simulator import enterprise
    from ghe_simulator.util import Reply

    route = next(r for r in sim.router.routes if r.template == "/enterprise/announcement" and r.method == "GET")
    monkeypatch.setattr(route, "handler", lambda ctx: Reply(200, {"expires_at": "never"}))
    reply = admin.get(url(sim, "/enterprise/announcement"))
    assert reply.status_code == 500
    violations = take_violations(sim)
    assert violations and violations[0]["kind"] == "response"
    assert enterprise.get_announcement is not None


def test_standard_headers_and_prefixes(sim, admin):
    ids = set()
    for path, status in (("/api/v3/meta", 200), ("/meta", 404), ("/api/v3/admin/hooks", 200), ("/admin/hooks", 404),
                         ("/api/v3/admin/nothing", 404)):
        reply = admin.get(sim.url + path)
        assert reply.status_code == status, path
        for header in STANDARD_HEADERS:
            assert header in reply.headers, (path, header)
        assert reply.headers["Content-Type"] == "application/json; charset=utf-8"
        assert reply.headers["X-GitHub-Enterprise-Version"] == "3.19.0"
        ids.add(reply.headers["X-GitHub-Request-Id"])
    assert len(ids) == 5
    # GHES serves its API under /api/v3 only: the unprefixed paths and the unknown one are contract violations
    assert [v["path"] for v in take_violations(sim)] == ["/meta", "/admin/hooks", "/admin/nothing"]
    assert [entry["path"] for entry in sim.requests][:4] == ["/meta", "/meta", "/admin/hooks", "/admin/hooks"]


def test_ghec_has_no_prefix_no_enterprise_header_and_only_its_paths(ghec, ghec_admin):
    meta = ghec_admin.get(ghec.url + "/meta")
    assert meta.status_code == 200 and "X-GitHub-Enterprise-Version" not in meta.headers
    assert "installed_version" not in meta.json()
    for header in STANDARD_HEADERS:
        if header != "X-GitHub-Enterprise-Version":
            assert header in meta.headers, header
    # GHES-only paths: 404, as GitHub answers (not a contract violation: a module may probe them)
    for method, path in (("GET", "/admin/hooks"), ("PUT", "/users/octocat/suspended"), ("GET", "/enterprise/announcement")):
        reply = ghec_admin.request(method, ghec.url + path)
        assert reply.status_code == 404, path
        assert "X-GitHub-Enterprise-Version" not in reply.headers
    assert not ghec.violations
    assert ghec_admin.get(ghec.url + "/api/v3/meta").status_code == 404
    assert [v["path"] for v in take_violations(ghec)] == ["/api/v3/meta"]  # GHEC has no /api/v3 prefix
    assert ghec_admin.get(ghec.url + "/meta", headers={"X-GitHub-Api-Version": "2026-03-10"}).status_code == 200
    assert ghec.api_url == ghec.url


def test_api_versions_per_product(sim, admin, ghec, ghec_admin):
    newer = {"X-GitHub-Api-Version": "2026-03-10"}
    assert admin.get(url(sim, "/meta"), headers=newer).status_code == 400  # GHES 3.19: 2022-11-28 only
    assert ghec_admin.get(ghec.url + "/meta", headers=newer).status_code == 200


def test_ghec_paths_are_404_on_ghes(sim, admin):
    for method, path in (("POST", "/credentials/revoke"), ("POST", "/enterprises/acme/credential-authorizations/revoke-all"),
                         ("PATCH", "/enterprises/acme/announcement")):
        assert admin.request(method, url(sim, path), json={"credentials": ["x"]}).status_code == 404, path
    assert not sim.violations


ADMIN_AREAS = {"ghes": ("/admin/", "/enterprise/"),
               "ghec": ("/credentials/", "/enterprises/{enterprise}/credential-authorizations", "/enterprises/{enterprise}/announcement")}


@pytest.mark.parametrize("product", ["ghes", "ghec"])
def test_every_admin_operation_of_the_descriptions_is_routed(product):
    router = Router(ALL_ROUTES, product)
    for template, operations in load_spec(product)["paths"].items():
        if not template.startswith(ADMIN_AREAS[product]):
            continue
        concrete = re.sub(r"\{[^}]+\}", "1", template)
        for method in operations:
            if method in ("parameters", "servers"):
                continue
            route = router.match(method, concrete)[0]
            assert route is not None and route.spec_for(product) == product, (product, method, template)


def test_every_route_is_an_operation_of_its_products_description():
    for route in ALL_ROUTES:
        if route.spec is None:
            continue
        for product in route.products:
            assert has_operation(product, route.template, route.method), (product, route.method, route.template)
        assert not route.manage or route.products == ("ghes",), route.template
    assert {route.template for route in ALL_ROUTES if route.spec is None} == {"/enterprise/encryption", "/enterprise/encryption/status/{request_id}"}


# --------------------------------------------------------------------------- auth

def test_authentication(sim):
    assert session(None).get(url(sim, "/admin/hooks")).json()["message"] == "Requires authentication"
    assert session(None).get(url(sim, "/admin/hooks")).status_code == 401
    bad = session("ghp_nope").get(url(sim, "/admin/hooks"))
    assert bad.status_code == 401 and bad.json()["message"] == "Bad credentials"
    assert session(ADMIN_TOKEN, scheme="token").get(url(sim, "/admin/hooks")).status_code == 200
    assert session(None).get(url(sim, "/meta")).status_code == 200


@pytest.mark.parametrize("method,path,status", [
    ("GET", "/admin/hooks", 404),
    ("GET", "/enterprise/stats/all", 404),
    ("GET", "/enterprise/settings/license", 404),
    ("DELETE", "/enterprise/announcement", 404),
    ("GET", "/enterprise/encryption", 404),
    ("PATCH", "/admin/organizations/engineering", 404),
    ("DELETE", "/admin/users/hubot", 403),
    ("PUT", "/users/hubot/suspended", 403),
    ("GET", "/admin/keys", 403),
    ("GET", "/admin/tokens", 403),
    ("GET", "/enterprise/announcement", 200),
    ("GET", "/users/hubot", 200),
])
def test_ordinary_user_permissions(sim, method, path, status):
    payload = {"login": "renamed"} if method == "PATCH" else None
    reply = session(USER_TOKEN).request(method, url(sim, path), json=payload)
    assert reply.status_code == status, reply.text


def test_suspended_users_token_is_refused(sim):
    sim.merge_state({"tokens": {"ghp_suspendeduser000000000000000000000000": "former-employee"}})
    assert session("ghp_suspendeduser000000000000000000000000").get(url(sim, "/meta")).status_code == 403


# --------------------------------------------------------------------------- announcement, stats, license, meta

def test_announcement(sim, admin):
    assert admin.get(url(sim, "/enterprise/announcement")).json() == {"announcement": None, "expires_at": None, "user_dismissible": False}
    reply = admin.patch(url(sim, "/enterprise/announcement"),
                        json={"announcement": "Maintenance", "expires_at": "2031-05-06T07:08:09+02:00", "user_dismissible": True})
    assert reply.status_code == 200
    echoed = reply.json()
    assert echoed["announcement"] == "Maintenance" and echoed["user_dismissible"] is True
    assert echoed["expires_at"] == "2031-05-06T05:08:09.000+00:00"  # same instant
    reply = admin.patch(url(sim, "/enterprise/announcement"), json={"announcement": "Forever", "expires_at": None})
    assert reply.json()["expires_at"] is None and reply.json()["user_dismissible"] is False
    assert admin.get(url(sim, "/enterprise/announcement")).json()["announcement"] == "Forever"
    assert admin.delete(url(sim, "/enterprise/announcement")).status_code == 204
    assert admin.get(url(sim, "/enterprise/announcement")).json()["announcement"] is None


def test_stats_license_meta(sim, admin):
    everything = admin.get(url(sim, "/enterprise/stats/all")).json()
    assert everything["users"] == {"total_users": 5, "admin_users": 1, "suspended_users": 1}
    assert everything["hooks"] == {"total_hooks": 1, "active_hooks": 1, "inactive_hooks": 0}
    assert everything["orgs"]["total_orgs"] == 2
    for kind in ("issues", "hooks", "milestones", "orgs", "comments", "pages", "users", "gists", "pulls", "repos", "security-products"):
        assert admin.get(url(sim, "/enterprise/stats/" + kind)).status_code == 200
    lic = admin.get(url(sim, "/enterprise/settings/license")).json()
    assert lic["seats"] == 1400 and lic["seats_used"] == 4 and lic["seats_available"] == 1396
    assert re.match(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d [+-]\d{4}$", lic["expire_at"])
    assert 360 <= lic["days_until_expiration"] <= 365
    assert admin.get(url(sim, "/meta")).json()["installed_version"] == "3.19.0"


# --------------------------------------------------------------------------- global hooks

def test_global_hooks(sim, admin):
    created = admin.post(url(sim, "/admin/hooks"), json={"name": "web", "config": {"url": "https://ci.example.com/hook", "secret": "s3"}})
    assert created.status_code == 201
    hook = created.json()
    assert hook["config"] == {"url": "https://ci.example.com/hook", "content_type": "form", "insecure_ssl": "0", "secret": "********"}
    assert sorted(hook["events"]) == ["organization", "user"] and hook["active"] is True
    assert hook["url"] == url(sim, "/admin/hooks/%d" % hook["id"])
    stored = next(h for h in sim.state["hooks"] if h["id"] == hook["id"])
    assert stored["secret"] == "s3"
    # PATCH without secret/events/active: the secret is dropped, events and active reset
    admin.patch(url(sim, "/admin/hooks/%d" % hook["id"]), json={"config": {"url": "https://ci.example.com/hook"}, "events": ["user"], "active": False})
    patched = admin.patch(url(sim, "/admin/hooks/%d" % hook["id"]), json={"config": {"url": "https://ci.example.com/hook", "content_type": "json"}})
    assert patched.status_code == 200
    assert "secret" not in patched.json()["config"] and stored["secret"] is None
    assert patched.json()["active"] is True and sorted(patched.json()["events"]) == ["organization", "user"]
    assert admin.post(url(sim, "/admin/hooks/%d/pings" % hook["id"])).status_code == 204
    assert sim.state["hook_pings"][-1]["hook_id"] == hook["id"]
    bad = admin.post(url(sim, "/admin/hooks"), json={"name": "web", "config": {"url": "https://x.example.com/h"}, "events": ["push"]})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "events"
    assert admin.post(url(sim, "/admin/hooks"), json={"name": "hook", "config": {"url": "https://y.example.com/h"}}).status_code == 422
    assert admin.post(url(sim, "/admin/hooks"), json={"name": "web", "config": {"url": "example.com"}}).status_code == 422
    assert admin.get(url(sim, "/admin/hooks/999")).status_code == 404
    # sending the mask back is flagged (GHES would store "********" as the secret)
    masked = admin.patch(url(sim, "/admin/hooks/%d" % hook["id"]), json={"config": {"url": "https://ci.example.com/hook", "secret": "********"}})
    assert masked.status_code == 200
    assert [v["kind"] for v in take_violations(sim)] == ["semantic"]
    assert admin.delete(url(sim, "/admin/hooks/%d" % hook["id"])).status_code == 204
    assert [h["id"] for h in admin.get(url(sim, "/admin/hooks")).json()] == [1]


# --------------------------------------------------------------------------- organizations and jobs

def test_organizations(sim, admin):
    created = admin.post(url(sim, "/admin/organizations"), json={"login": "research", "admin": "octocat", "profile_name": "R&D"})
    assert created.status_code == 201 and created.json()["login"] == "research"
    assert admin.post(url(sim, "/admin/organizations"), json={"login": "octocat", "admin": "hubot"}).status_code == 422
    assert admin.post(url(sim, "/admin/organizations"), json={"login": "Research", "admin": "hubot"}).status_code == 422
    assert admin.post(url(sim, "/admin/organizations"), json={"login": "other", "admin": "nobody"}).status_code == 422
    org = admin.get(url(sim, "/orgs/research")).json()
    assert org["name"] == "R&D" and org["type"] == "Organization"
    patched = session(USER_TOKEN).patch(url(sim, "/orgs/research"), json={"name": "Research", "location": "Lab"})  # octocat owns it
    assert patched.json()["name"] == "Research" and patched.json()["location"] == "Lab"
    assert session(USER_TOKEN).patch(url(sim, "/orgs/engineering"), json={"name": "x"}).status_code == 403


def test_org_rename_job_completes_after_job_polls(sim, admin):
    sim.set_settings(job_polls=3)
    reply = admin.patch(url(sim, "/admin/organizations/engineering"), json={"login": "eng"})
    assert reply.status_code == 202
    assert reply.json() == {"message": "Job queued to rename organization. It may take a few minutes to complete.",
                            "url": url(sim, "/organizations/6")}
    assert admin.get(url(sim, "/orgs/eng")).status_code == 404          # poll 1
    assert admin.get(url(sim, "/orgs/engineering")).status_code == 200  # old login still resolves (not a poll)
    assert admin.get(url(sim, "/orgs/eng")).status_code == 404          # poll 2
    assert admin.get(url(sim, "/orgs/eng")).status_code == 200          # poll 3: complete
    assert admin.get(url(sim, "/orgs/engineering")).status_code == 404


def test_jobs_that_never_complete_or_fail(sim, admin):
    sim.set_settings(job_polls=-1)
    admin.patch(url(sim, "/admin/organizations/engineering"), json={"login": "eng"})
    for _attempt in range(5):
        assert admin.get(url(sim, "/orgs/eng")).status_code == 404
    sim.set_settings(job_polls=1, fail_job_kinds=["rename"])
    admin.patch(url(sim, "/admin/users/hubot"), json={"login": "hubot2"})
    for _attempt in range(3):
        assert admin.get(url(sim, "/users/hubot2")).status_code == 404
    assert [job["status"] for job in sim.state["jobs"]] == ["started", "failed"]


def test_org_delete_is_async(sim, admin):
    sim.merge_state({"orgs": [{"login": "operations", "admin": "ghe-admin"}]})
    assert admin.delete(url(sim, "/orgs/operations")).status_code == 202
    assert admin.get(url(sim, "/orgs/operations")).status_code == 200
    assert admin.get(url(sim, "/orgs/operations")).status_code == 404
    assert admin.delete(url(sim, "/orgs/operations")).status_code == 404


# --------------------------------------------------------------------------- users

def test_users(sim, admin):
    seen_by_admin = admin.get(url(sim, "/users/former-employee")).json()
    assert seen_by_admin["suspended_at"] and seen_by_admin["user_view_type"] == "private"
    assert admin.get(url(sim, "/users/ldap-user")).json()["ldap_dn"].startswith("uid=ldap-user")
    seen_by_user = session(USER_TOKEN).get(url(sim, "/users/former-employee")).json()
    assert "suspended_at" not in seen_by_user and seen_by_user["user_view_type"] == "public"
    created = admin.post(url(sim, "/admin/users"), json={"login": "new_hire", "email": "new@example.com"})
    assert created.status_code == 201 and created.json()["login"] == "new-hire"
    assert admin.post(url(sim, "/admin/users"), json={"login": "new-hire"}).status_code == 422
    assert admin.post(url(sim, "/admin/users"), json={"login": "other", "email": "new@example.com"}).status_code == 422
    renamed = admin.patch(url(sim, "/admin/users/new-hire"), json={"login": "newer-hire"})
    assert renamed.status_code == 202 and renamed.json()["message"].startswith("Job queued to rename user.")
    assert admin.get(url(sim, "/users/newer-hire")).status_code == 404
    assert admin.get(url(sim, "/users/newer-hire")).status_code == 200
    assert admin.delete(url(sim, "/admin/users/ghe-admin")).status_code == 403
    assert admin.delete(url(sim, "/admin/users/newer-hire")).status_code == 204
    assert admin.delete(url(sim, "/admin/users/newer-hire")).status_code == 404


def test_suspension(sim, admin):
    assert admin.put(url(sim, "/users/hubot/suspended"), json={"reason": "left the company"}).status_code == 204
    assert sim.state["audit_log"][-1]["reason"] == "left the company"
    assert admin.get(url(sim, "/users/hubot")).json()["suspended_at"]
    assert admin.delete(url(sim, "/users/hubot/suspended")).status_code == 204
    assert admin.get(url(sim, "/users/hubot")).json()["suspended_at"] is None
    # no body at all (Content-Length: 0)
    assert admin.put(url(sim, "/users/octocat/suspended")).status_code == 204
    assert sim.state["audit_log"][-1]["reason"] == "Suspended via API by ghe-admin"
    assert sim.requests[-1]["body"] is None
    ldap = admin.put(url(sim, "/users/ldap-user/suspended"))
    assert ldap.status_code == 403 and "LDAP" in ldap.json()["message"]
    assert admin.delete(url(sim, "/users/ldap-user/suspended")).status_code == 403
    assert admin.put(url(sim, "/users/ghe-admin/suspended")).status_code == 403
    assert admin.put(url(sim, "/users/nobody/suspended")).status_code == 404


def test_impersonation_tokens(sim, admin):
    first = admin.post(url(sim, "/admin/users/hubot/authorizations"), json={"scopes": ["repo", "user"]})
    assert first.status_code == 201 and first.json()["token"].startswith("ghp_") and len(first.json()["token"]) == 40
    again = admin.post(url(sim, "/admin/users/hubot/authorizations"), json={"scopes": ["user", "repo"]})
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    # the impersonation token works and acts as hubot
    assert session(first.json()["token"]).get(url(sim, "/users/hubot")).json()["user_view_type"] == "private"
    other = admin.post(url(sim, "/admin/users/hubot/authorizations"), json={"scopes": ["repo"]})
    assert other.status_code == 201
    assert admin.delete(url(sim, "/admin/users/hubot/authorizations")).status_code == 204
    assert not [t for t in sim.state["tokens"] if t["kind"] == "impersonation"]


def test_admin_tokens_and_keys(sim, admin):
    tokens = admin.get(url(sim, "/admin/tokens")).json()
    assert [t["id"] for t in tokens] == [1, 2, 3, 4] and all(t["token"] == "" for t in tokens)
    assert tokens[0]["user"]["login"] == "ghe-admin" and tokens[0]["token_last_eight"] == ADMIN_TOKEN[-8:]
    in_use = admin.delete(url(sim, "/admin/tokens/1"))
    assert in_use.status_code == 403 and "in use" in in_use.json()["message"]
    assert admin.delete(url(sim, "/admin/tokens/99")).status_code == 404
    assert admin.delete(url(sim, "/admin/tokens/4")).status_code == 204
    keys = admin.get(url(sim, "/admin/keys", ), params={"sort": "created", "direction": "asc"}).json()
    assert [k["id"] for k in keys] == [2, 1, 3]
    assert admin.delete(url(sim, "/admin/keys/1,2")).status_code == 204
    assert admin.delete(url(sim, "/admin/keys/1")).status_code == 404
    assert [k["id"] for k in admin.get(url(sim, "/admin/keys")).json()] == [3]


# --------------------------------------------------------------------------- encryption at rest

def test_encryption_at_rest(sim, admin):
    before = admin.get(url(sim, "/enterprise/encryption")).json()
    assert set(before) == {"updated_at", "primary_key_version", "replica_key_version", "backup_key_version"}
    assert admin.patch(url(sim, "/enterprise/encryption"), json={"key": "not a key"}).status_code == 422
    assert admin.patch(url(sim, "/enterprise/encryption"), json={"key": rsa_pem(1024)}).status_code == 422
    pem = rsa_pem()
    started = admin.patch(url(sim, "/enterprise/encryption"), json={"key": pem})
    assert started.status_code == 202
    assert started.json()["message"] == "Started update of private key for encryption at rest."
    status_url = started.json()["status_url"]
    assert re.match(re.escape(url(sim, "/enterprise/encryption/status/")) + "[0-9a-f-]{36}$", status_url)
    assert admin.get(status_url).json() == {"result": "started", "error": None}
    assert admin.get(status_url).json() == {"result": "complete", "error": None}
    after = admin.get(url(sim, "/enterprise/encryption")).json()
    assert after["primary_key_version"] != before["primary_key_version"]
    # the key is never stored, returned or logged
    assert "PRIVATE KEY" not in json.dumps(sim.state) and "PRIVATE KEY" not in json.dumps(sim.requests)
    assert sim.get_requests(method="PATCH")[-1]["body"] == {"key": "<redacted>"}
    assert admin.get(url(sim, "/enterprise/encryption/status/unknown")).status_code == 404
    disabling = admin.delete(url(sim, "/enterprise/encryption"))
    assert disabling.status_code == 202 and disabling.json()["message"] == "Started disabling encryption at rest."
    admin.get(disabling.json()["status_url"])
    assert admin.get(disabling.json()["status_url"]).json()["result"] == "complete"
    assert set(admin.get(url(sim, "/enterprise/encryption")).json().values()) == {None}
    sim.set_settings(fail_job_kinds=["encryption"], job_polls=1)
    failing = admin.patch(url(sim, "/enterprise/encryption"), json={"key": pem}).json()
    result = admin.get(failing["status_url"]).json()
    assert result["result"] == "failed" and result["error"]


# --------------------------------------------------------------------------- credentials (GHEC)

def test_credentials_revoke(ghec):
    anonymous = session(None)
    reply = anonymous.post(url(ghec, "/credentials/revoke"), json={"credentials": ["ghp_leaked1", USER_TOKEN]})
    assert reply.status_code == 202 and reply.json() == {}
    assert [entry["credential"] for entry in ghec.state["revoked_credentials"]] == ["ghp_leaked1", USER_TOKEN]
    assert session(USER_TOKEN).get(url(ghec, "/meta")).status_code == 401  # the revoked token is gone
    refused = session().post(url(ghec, "/credentials/revoke"), json={"credentials": ["ghp_x"]})
    assert refused.status_code == 403
    ghec.set_settings(credential_revoke_limit=2)
    assert anonymous.post(url(ghec, "/credentials/revoke"), json={"credentials": ["ghp_2"]}).status_code == 202
    spammed = anonymous.post(url(ghec, "/credentials/revoke"), json={"credentials": ["ghp_3"]})
    assert spammed.status_code == 422 and "spammed" in spammed.text
    too_many = anonymous.post(url(ghec, "/credentials/revoke"), json={"credentials": ["ghp_%d" % i for i in range(1001)]})
    assert too_many.status_code == 422  # maxItems in the description: a contract violation, answered as GitHub does
    assert len(take_violations(ghec)) == 1


def test_credentials_revoke_limit_without_validation():
    with Simulator(validate=False, product="ghec") as simulator:
        reply = session(None).post(url(simulator, "/credentials/revoke"), json={"credentials": ["ghp_%d" % i for i in range(1001)]})
        assert reply.status_code == 422
        reply = session().post(url(simulator, "/enterprises/acme/credential-authorizations/revoke-credential-type"),
                               json={"credential_type": "password"})
        assert reply.status_code == 422 and "credential_type" in reply.json()["message"]


def test_enterprise_credential_authorizations(ghec, ghec_admin):
    base = "/enterprises/acme/credential-authorizations"
    assert ghec_admin.post(url(ghec, "/enterprises/nope/credential-authorizations/revoke-all")).status_code == 404
    emu_only = ghec_admin.post(url(ghec, base + "/revoke-all"), json={"revoke_credentials": True})
    assert emu_only.status_code == 422 and "EMU" in emu_only.json()["message"]
    queued = ghec_admin.post(url(ghec, base + "/revoke-all"))
    assert queued.status_code == 202 and queued.json()["message"] == "Credential authorization revocation has been queued"
    per_user = ghec_admin.post(url(ghec, base + "/octocat/revoke"), json={"revoke_credentials": False})
    assert per_user.json()["message"] == "Credential authorization revocation for user 'octocat' has been queued"
    typed = ghec_admin.post(url(ghec, base + "/octocat/revoke-credential-type"), json={"credential_type": "ssh_key"})
    assert typed.json()["message"] == "Credential type revocation for user 'octocat' has been queued"
    assert ghec_admin.post(url(ghec, base + "/nobody/revoke")).status_code == 404
    assert session(USER_TOKEN).post(url(ghec, base + "/revoke-all")).status_code == 403
    recorded = ghec.state["credential_revocations"]
    assert [(r["scope"], r["user"], r["credential_type"]) for r in recorded] == [("enterprise", None, None), ("user", "octocat", None),
                                                                                 ("user", "octocat", "ssh_key")]
    ghec.merge_state({"enterprise": {"emu": True}})
    destroyed = ghec_admin.post(url(ghec, base + "/octocat/revoke"), json={"revoke_credentials": True})
    assert destroyed.status_code == 202
    assert not [t for t in ghec.state["tokens"] if t["user"] == "octocat"]
    first_owner = ghec_admin.post(url(ghec, base + "/ghe-admin/revoke"))
    assert first_owner.status_code == 422


# --------------------------------------------------------------------------- the other described areas

def test_pre_receive_ldap_and_live_migrations(sim, admin):
    env = admin.post(url(sim, "/admin/pre-receive-environments"), json={"name": "Tools", "image_url": "https://files.example.com/env.tar.gz"})
    assert env.status_code == 201
    env_id = env.json()["id"]
    assert admin.post(url(sim, "/admin/pre-receive-environments/%d/downloads" % env_id)).json()["state"] == "in_progress"
    admin.get(url(sim, "/admin/pre-receive-environments/%d/downloads/latest" % env_id))
    assert admin.get(url(sim, "/admin/pre-receive-environments/%d/downloads/latest" % env_id)).json()["state"] == "success"
    assert admin.patch(url(sim, "/admin/pre-receive-environments/1"), json={"name": "x"}).status_code == 422
    hook = admin.post(url(sim, "/admin/pre-receive-hooks"), json={"name": "No secrets", "script": "check.sh",
                                                                  "script_repository": {"full_name": "engineering/hooks"},
                                                                  "environment": {"id": env_id}, "enforcement": "enabled"})
    assert hook.status_code == 201
    assert admin.delete(url(sim, "/admin/pre-receive-environments/%d" % env_id)).status_code == 422
    assert admin.patch(url(sim, "/admin/pre-receive-hooks/%d" % hook.json()["id"]), json={"enforcement": "testing"}).json()["enforcement"] == "testing"
    assert len(admin.get(url(sim, "/admin/pre-receive-hooks")).json()) == 1
    assert admin.delete(url(sim, "/admin/pre-receive-hooks/%d" % hook.json()["id"])).status_code == 204
    assert admin.get(url(sim, "/admin/pre-receive-environments")).status_code == 200
    mapped = admin.patch(url(sim, "/admin/ldap/users/octocat/mapping"), json={"ldap_dn": "uid=octocat,ou=users,dc=example,dc=com"})
    assert mapped.status_code == 200 and mapped.json()["ldap_dn"].startswith("uid=octocat")
    assert admin.post(url(sim, "/admin/ldap/users/octocat/sync")).json() == {"status": "queued"}
    assert admin.patch(url(sim, "/admin/ldap/teams/1/mapping"), json={"ldap_dn": "cn=platform,ou=teams,dc=example,dc=com"}).status_code == 200
    assert admin.post(url(sim, "/admin/ldap/teams/1/sync")).status_code == 201
    created = admin.post(url(sim, "/enterprise/live-migrations"), json={
        "source_organization_login": "engineering", "source_repository_name": "app", "target_organization_login": "acme",
        "target_repository_name": "app", "target_api_endpoint": "https://api.github.com", "pat_name": "migration-pat"})
    assert created.status_code == 201
    mid = created.json()["migration_id"]
    for action in ("start", "pause", "resume", "cutover"):
        assert admin.post(url(sim, "/enterprise/live-migrations/%s/%s" % (mid, action))).status_code == 204, action
    assert admin.get(url(sim, "/enterprise/live-migrations/" + mid)).json()["migration"]["status"] == "completed"
    assert admin.post(url(sim, "/enterprise/live-migrations/%s/revert-cutover" % mid)).json()["success"] is True
    assert admin.get(url(sim, "/enterprise/live-migrations"), params={"status": "all"}).json()["total_count"] == 1


# --------------------------------------------------------------------------- pagination

def test_pagination_link_headers():
    with Simulator(state={"generate_users": {"prefix": "user", "count": 45, "tokens_per_user": 1}}) as simulator:
        http = session()
        first = http.get(url(simulator, "/admin/tokens"), params={"per_page": 10, "note": "keep"})
        assert len(first.json()) == 10
        assert first.links["next"]["url"] == url(simulator, "/admin/tokens?per_page=10&note=keep&page=2")
        assert first.links["last"]["url"].endswith("page=5")
        assert "prev" not in first.links and "first" not in first.links
        middle = http.get(first.links["next"]["url"])
        assert set(middle.links) == {"next", "last", "first", "prev"}
        assert middle.links["prev"]["url"].endswith("page=1")
        last = http.get(first.links["last"]["url"])
        assert len(last.json()) == 9 and "next" not in last.links
        everything = http.get(url(simulator, "/admin/tokens"), params={"per_page": 100})
        assert len(everything.json()) == 49 and "Link" not in everything.headers
        default = http.get(url(simulator, "/admin/tokens"))
        assert len(default.json()) == 30
        capped = http.get(url(simulator, "/admin/tokens"), params={"per_page": 500})
        assert len(capped.json()) == 49
        assert not simulator.violations


# --------------------------------------------------------------------------- faults, log, keep-alive

def test_faults_and_request_log(sim, admin):
    sim.add_fault(method="GET", path="^/admin/hooks$", status=503, times=2, headers={"Retry-After": "3"})
    for _attempt in range(2):
        reply = admin.get(url(sim, "/admin/hooks"))
        assert reply.status_code == 503 and reply.headers["Retry-After"] == "3"
        assert reply.json()["message"] == "Service Unavailable"
    assert admin.get(url(sim, "/admin/hooks")).status_code == 200
    sim.add_fault(path="^/meta$", status=403, body={"message": "You have exceeded a secondary rate limit."},
                  headers={"x-ratelimit-remaining": "0"})
    limited = admin.get(url(sim, "/meta"))
    assert limited.status_code == 403 and limited.headers["x-ratelimit-remaining"] == "0" and "secondary" in limited.json()["message"]
    sim.add_fault(path="^/meta$", action="drop")
    with pytest.raises(requests.ConnectionError):
        admin.get(url(sim, "/meta"))
    sim.add_fault(path="^/meta$", delay=0.3)
    started = time.monotonic()
    assert admin.get(url(sim, "/meta")).status_code == 200
    assert time.monotonic() - started >= 0.3
    sim.add_fault(method="POST", path="^/admin/hooks$", status=500, phase="after")
    assert admin.post(url(sim, "/admin/hooks"), json={"name": "web", "config": {"url": "https://after.example.com/h"}}).status_code == 500
    assert any(h["url"] == "https://after.example.com/h" for h in sim.state["hooks"])  # the write happened
    log = sim.get_requests()
    assert [entry["fault"] for entry in log] == [True, True, False, True, True, True, True]
    assert log[0]["status"] == 503 and log[4]["status"] is None
    assert log[-1]["body"] == {"name": "web", "config": {"url": "https://after.example.com/h"}}
    assert log[-1]["authenticated"] is True and log[-1]["authorization_scheme"] == "bearer"
    assert log[-1]["user_agent"] == "sim-tests" and log[-1]["api_version"] == "2022-11-28"
    assert log[-1]["accept"] == "application/vnd.github+json" and log[-1]["content_type"] == "application/json"


def test_hang_fault_times_out(sim, admin):
    sim.add_fault(path="^/meta$", action="hang", delay=5)
    with pytest.raises(requests.exceptions.ReadTimeout):
        admin.get(url(sim, "/meta"), timeout=0.3)


def test_keep_alive_reuses_the_connection(sim, admin):
    admin.get(url(sim, "/meta"))
    admin.get(url(sim, "/admin/hooks"))
    admin.put(url(sim, "/users/hubot/suspended"))
    first, second, third = sim.requests
    assert first["connection"] == second["connection"] == third["connection"]
    session(None).get(url(sim, "/meta"))
    assert sim.requests[-1]["connection"] != first["connection"]


def test_concurrent_requests(sim):
    errors = []

    def worker(number):
        http = session()
        try:
            for index in range(25):
                if http.put(url(sim, "/users/user%d-%d/suspended" % (number, index))).status_code != 404:
                    errors.append("unexpected status")
                if http.get(url(sim, "/admin/hooks")).status_code != 200:
                    errors.append("unexpected status")
        except requests.RequestException as exc:
            errors.append(str(exc))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(sim.requests) == 200


# --------------------------------------------------------------------------- control API and fixtures

def test_control_api(sim, admin):
    control = requests.Session()
    admin.put(url(sim, "/users/hubot/suspended"))
    admin.get(url(sim, "/meta"))
    listed = control.get(sim.url + "/_sim/requests").json()
    assert listed["count"] == 2 and listed["writes"] == 1
    assert control.get(sim.url + "/_sim/requests", params={"method": "PUT", "path_prefix": "/users"}).json()["count"] == 1
    snapshot = control.post(sim.url + "/_sim/snapshot").json()
    assert [entry["method"] for entry in snapshot["requests"]] == ["PUT", "GET"] and snapshot["writes"] == 1
    assert next(u for u in snapshot["state"]["users"] if u["login"] == "hubot")["suspended_at"]
    assert control.post(sim.url + "/_sim/snapshot").json()["count"] == 0  # the snapshot cleared the log
    assert control.post(sim.url + "/_sim/settings", json={"job_polls": 5}).json()["job_polls"] == 5
    control.patch(sim.url + "/_sim/state", json={"users": [{"login": "drift", "suspended": True}], "announcement": {"announcement": "oob"}})
    assert admin.get(url(sim, "/users/drift")).json()["suspended_at"]
    assert admin.get(url(sim, "/enterprise/announcement")).json()["announcement"] == "oob"
    fault = control.post(sim.url + "/_sim/faults", json={"path": "^/meta$", "status": 429, "headers": {"Retry-After": "1"}})
    assert fault.status_code == 201
    assert admin.get(url(sim, "/meta")).status_code == 429
    assert control.get(sim.url + "/_sim/faults").json()["faults"][0]["hits"] == 1
    admin.patch(url(sim, "/enterprise/announcement"), json={})
    assert control.get(sim.url + "/_sim/violations").json()["count"] == 1
    state = control.post(sim.url + "/_sim/reset", json={"users": ["fresh"], "settings": {"job_polls": 0}}).json()
    assert state["settings"]["job_polls"] == 0 and any(u["login"] == "fresh" for u in state["users"])
    assert control.get(sim.url + "/_sim/requests").json()["count"] == 0
    assert control.get(sim.url + "/_sim/faults").json()["faults"] == []
    assert control.get(sim.url + "/_sim/violations").json()["count"] == 1  # reset keeps violations
    assert control.delete(sim.url + "/_sim/violations").json()["count"] == 0
    assert control.get(sim.url + "/_sim/state").json()["announcement"]["announcement"] is None
    assert control.get(sim.url + "/_sim/nothing").status_code == 404
    assert sim.requests == []  # the control API is never logged


def test_fixture_format():
    fixture = {
        "users": [{"login": "u1", "site_admin": True}, "u2", {"login": "hubot", "_delete": True}, {"login": "octocat", "ldap": True}],
        "tokens": {"ghp_u1token00000000000000000000000000000": "u1"},
        "hooks": [{"url": "https://a.example.com/h", "events": ["user"], "secret": "x"}],
        "replace": ["keys"],
        "keys": [],
        "settings": {"job_polls": 3},
        "generate_users": {"prefix": "bulk", "count": 20, "width": 3, "suspended_every": 10},
    }
    with Simulator(state=fixture) as simulator:
        logins = [user["login"] for user in simulator.state["users"]]
        assert "hubot" not in logins and "u1" in logins and "bulk001" in logins and "bulk020" in logins
        assert simulator.state["settings"]["job_polls"] == 3 and simulator.state["keys"] == []
        http = session("ghp_u1token00000000000000000000000000000")
        assert http.get(url(simulator, "/admin/hooks")).json()[1]["config"]["secret"] == "********"
        assert http.put(url(simulator, "/users/octocat/suspended")).status_code == 403
        assert http.get(url(simulator, "/enterprise/stats/users")).json()["suspended_users"] == 3
        ids = [user["id"] for user in simulator.state["users"]] + [org["id"] for org in simulator.state["orgs"]]
        assert len(ids) == len(set(ids))


# --------------------------------------------------------------------------- CLI, TLS, loopback

def test_cli(tmp_path):
    port_file = tmp_path / "port"
    fixture = tmp_path / "fixture.json"
    fixture.write_text(json.dumps({"users": ["cli-user"]}))
    env = dict(os.environ, PYTHONPATH=HERE)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "ghe_simulator", "--host", "127.0.0.1", "--port", "0", "--port-file", str(port_file),
                                "--state-file", str(fixture)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(tmp_path))
    try:
        line = process.stdout.readline().decode()
        print("CLI start-up (process launch to listening): %.3f s" % (time.perf_counter() - started))
        assert re.match(r"^ghe_simulator listening on http://127\.0\.0\.1:\d+$", line.strip())
        port = int(port_file.read_text())
        assert line.strip().endswith(":%d" % port)
        reply = session().get("http://127.0.0.1:%d/api/v3/users/cli-user" % port)
        assert reply.status_code == 200
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
        process.stdout.close()
        process.stderr.close()


def test_refuses_non_loopback():
    for host in ("0.0.0.0", "10.1.2.3", "example.com", "::"):
        with pytest.raises(ValueError):
            Simulator(host=host)
    for host in ("127.0.0.2", "localhost", "::1"):
        Simulator(host=host)


@pytest.mark.filterwarnings("ignore:Unverified HTTPS request")
def test_tls(tmp_path):
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    import datetime
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key()).serial_number(1)
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    certfile, keyfile = tmp_path / "cert.pem", tmp_path / "key.pem"
    certfile.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                          serialization.NoEncryption()))
    with Simulator(certfile=str(certfile), keyfile=str(keyfile)) as simulator:
        assert simulator.url.startswith("https://")
        http = session()
        reply = http.get(url(simulator, "/admin/hooks"), verify=False)
        assert reply.status_code == 200 and reply.json()[0]["url"].startswith("https://")
        http.get(url(simulator, "/meta"), verify=False)
        assert simulator.requests[0]["connection"] == simulator.requests[1]["connection"]


def test_key_check_without_cryptography():
    from ghe_simulator.encryption import _check_key_text

    body = "A" * 1600
    assert _check_key_text("-----BEGIN RSA PRIVATE KEY-----\n%s\n-----END RSA PRIVATE KEY-----\n" % body) is None
    assert _check_key_text("-----BEGIN PRIVATE KEY-----\n%s\n-----END PRIVATE KEY-----" % body) is None
    assert _check_key_text("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----")
    assert _check_key_text("-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----" % body)
    assert _check_key_text("ssh-rsa AAAA")


def test_fixture_overrides_defaults():
    fixture = {"users": [{"login": "former-employee", "suspended": False}], "orgs": [{"login": "operations", "admin": "octocat"}],
               "license": {"seats": "unlimited", "expire_at": "2030/02/06 12:41:52 -0600"}}
    with Simulator(state=fixture) as simulator:
        http = session()
        assert http.get(url(simulator, "/users/former-employee")).json()["suspended_at"] is None
        assert "octocat" in simulator.state["orgs"][1]["admins"]
        lic = http.get(url(simulator, "/enterprise/settings/license")).json()
        assert lic["seats"] == "unlimited" and lic["seats_available"] == "unlimited"
        assert lic["expire_at"] == "2030/02/06 12:41:52 -0600"
        assert session(USER_TOKEN).delete(url(simulator, "/orgs/operations")).status_code == 202
        assert not simulator.violations


def test_long_lists_are_validated_by_item_shape():
    fixture = {"generate_users": {"prefix": "u", "count": 30, "tokens_per_user": 1}}
    with Simulator(state=fixture) as simulator:
        http = session()
        assert http.get(url(simulator, "/admin/tokens"), params={"per_page": 100}).status_code == 200
        simulator.state["tokens"][20]["created_at"] = "yesterday"  # a broken item deep in the list
        reply = http.get(url(simulator, "/admin/tokens"), params={"per_page": 100})
        assert reply.status_code == 500
        assert simulator.violations[0]["kind"] == "response" and "20/created_at" in simulator.violations[0]["message"]
        simulator.clear_violations()
        simulator.state["tokens"][20]["created_at"] = "2020-01-01T00:00:00Z"
        simulator.set_settings(validate_full_lists=True)
        assert http.get(url(simulator, "/admin/tokens"), params={"per_page": 100}).status_code == 200
        assert not simulator.violations


def test_hooks_that_share_a_url_stay_updatable(sim, admin):
    sim.reset({"replace": ["hooks"], "hooks": [{"id": 5, "url": "https://dup.example.com/h"}, {"id": 9, "url": "https://dup.example.com/h"},
                                               {"id": 11, "url": "https://other.example.com/h"}]})
    kept = admin.patch(url(sim, "/admin/hooks/9"), json={"config": {"url": "https://dup.example.com/h"}, "events": ["team"]})
    assert kept.status_code == 200 and kept.json()["events"] == ["team"]
    assert admin.patch(url(sim, "/admin/hooks/9"), json={"config": {"url": "https://other.example.com/h"}}).status_code == 422
    assert admin.post(url(sim, "/admin/hooks"), json={"name": "web", "config": {"url": "https://dup.example.com/h"}}).status_code == 422


def test_user_and_organization_listings_page_by_since():
    with Simulator(state={"generate_users": {"prefix": "user", "count": 45, "suspended_every": 10}}) as simulator:
        http = session()
        first = http.get(url(simulator, "/users"), params={"per_page": 20})
        accounts = first.json()
        assert len(accounts) == 20 and [a["id"] for a in accounts] == sorted(a["id"] for a in accounts)
        assert first.links["next"]["url"] == url(simulator, "/users?per_page=20&since=%d" % accounts[-1]["id"])
        assert {"type": "Organization", "login": "engineering"}.items() <= accounts[5].items()
        assert "suspended_at" not in accounts[0]
        while "next" in first.links:
            first = http.get(first.links["next"]["url"])
            accounts += first.json()
        assert len(accounts) == 5 + 2 + 45 and len({a["id"] for a in accounts}) == len(accounts)
        assert [a["login"] for a in accounts if a["type"] == "User"][5:7] == ["user1", "user2"]
        assert len(http.get(url(simulator, "/users"), params={"since": accounts[-2]["id"]}).json()) == 1
        assert "Link" not in http.get(url(simulator, "/users"), params={"per_page": 100}).headers
        orgs = http.get(url(simulator, "/organizations"), params={"per_page": 1})
        assert [o["login"] for o in orgs.json()] == ["engineering"] and "name" not in orgs.json()[0]
        rest = http.get(orgs.links["next"]["url"])
        assert [o["login"] for o in rest.json()] == ["operations"] and "Link" not in rest.headers
        assert session(USER_TOKEN).get(url(simulator, "/organizations")).status_code == 200
        assert http.get(url(simulator, "/users"), params={"since": "x"}).status_code == 422
        assert [v["kind"] for v in take_violations(simulator)] == ["request"]


# --------------------------------------------------------------------------- complete descriptions, per-path sub-descriptions

def test_validation_uses_the_complete_descriptions():
    from ghe_simulator.validation import SPEC_FILES, component_closure, sub_spec

    assert SPEC_FILES == {"ghes": "ghes-3.19.json.gz", "ghec": "ghec.json.gz"}
    ghes, ghec = load_spec("ghes"), load_spec("ghec")
    assert len(ghes["paths"]) > 600 and len(ghec["paths"]) > 600  # whole descriptions, not subsets
    assert not [name for name in os.listdir(os.path.join(HERE, "specs")) if "subset" in name]
    # unmodified: the uncompressed files have the checksums specs/README.md gives for the published ones
    import gzip
    import hashlib
    readme = open(os.path.join(HERE, "specs", "README.md"), encoding="utf-8").read()
    for name in ("ghes-3.19.json", "ghec.json"):
        with gzip.open(os.path.join(HERE, "specs", name + ".gz"), "rb") as handle:
            assert "`%s`: `%s`" % (name, hashlib.sha256(handle.read()).hexdigest()) in readme, name
    piece = sub_spec("ghes", "/admin/hooks/{hook_id}")
    assert list(piece["paths"]) == ["/admin/hooks/{hook_id}"]
    # closed: every $ref of the sub-description resolves inside it
    assert component_closure(piece, piece) == piece["components"]


# --------------------------------------------------------------------------- strict like GitHub

def test_org_patch_and_delete_need_an_owner_not_a_site_admin(sim, admin):
    # ghe-admin is a site administrator but not an owner of operations (its owner is hubot)
    for method in ("PATCH", "DELETE"):
        refused = admin.request(method, url(sim, "/orgs/operations"), json={"name": "x"} if method == "PATCH" else None)
        assert refused.status_code == 403, method
        assert refused.json()["message"] == "Must have admin rights to Repository."
    assert sim.state["orgs"][1]["name"] is None and not sim.state["jobs"]
    assert admin.patch(url(sim, "/orgs/engineering"), json={"location": "Lab"}).status_code == 200  # an owner may


def test_a_deleted_organizations_login_stays_reserved_by_default(sim, admin):
    assert sim.state["settings"]["reserve_deleted_org_logins"] is True
    sim.set_settings(job_polls=0)
    assert admin.delete(url(sim, "/orgs/engineering")).status_code == 202
    assert admin.get(url(sim, "/orgs/engineering")).status_code == 404
    again = admin.post(url(sim, "/admin/organizations"), json={"login": "engineering", "admin": "ghe-admin"})
    assert again.status_code == 422 and again.json()["errors"][0]["code"] == "already_exists"
    sim.set_settings(reserve_deleted_org_logins=False)
    assert admin.post(url(sim, "/admin/organizations"), json={"login": "engineering", "admin": "ghe-admin"}).status_code == 201


def test_exposed_credential_limit_is_per_client_per_hour(ghec):
    from ghe_simulator import credentials

    assert ghec.state["settings"]["credential_revoke_limit"] == 60
    anonymous = session(None)
    for _attempt in range(60):
        assert anonymous.post(url(ghec, "/credentials/revoke"), json={"credentials": ["ghp_x"]}).status_code == 202
    spammed = anonymous.post(url(ghec, "/credentials/revoke"), json={"credentials": ["ghp_x"]})
    assert spammed.status_code == 422 and int(spammed.headers["Retry-After"]) > 3500
    # another client has its own hour
    windows = ghec.state["counters"]["credential_revoke_windows"]
    assert list(windows) == ["127.0.0.1"]

    class Other:
        client = "10.0.0.9:5555"
        state = ghec.state

    credentials._count_revoke_request(ghec.state, Other)
    assert windows["10.0.0.9"]["count"] == 1
    windows["127.0.0.1"]["reset"] = 0  # the hour is over
    assert anonymous.post(url(ghec, "/credentials/revoke"), json={"credentials": ["ghp_x"]}).status_code == 202


# --------------------------------------------------------------------------- GHEC: enterprise announcement

def test_ghec_enterprise_announcement(ghec, ghec_admin):
    base = ghec.url + "/enterprises/acme/announcement"
    assert ghec_admin.get(base).json() == {"announcement": None, "expires_at": None, "user_dismissible": False}
    set_ = ghec_admin.patch(base, json={"announcement": "Maintenance", "expires_at": "2031-05-06T07:08:09+02:00", "user_dismissible": True})
    assert set_.status_code == 200
    assert set_.json() == {"announcement": "Maintenance", "expires_at": "2031-05-06T05:08:09.000+00:00", "user_dismissible": True}
    assert ghec_admin.get(base).json()["announcement"] == "Maintenance"
    assert ghec_admin.get(ghec.url + "/enterprises/other/announcement").status_code == 404
    assert session(USER_TOKEN).get(base).status_code == 403  # octocat is not an enterprise owner
    assert ghec_admin.delete(base).status_code == 204
    assert ghec.state["announcement"]["announcement"] is None
    assert ghec_admin.patch(base, json={"announcement": 1}).status_code == 422
    assert len(take_violations(ghec)) == 1


# --------------------------------------------------------------------------- Manage API plumbing

def _with_manage_routes(simulator, routes):
    simulator.manage_router = Router(routes)
    return simulator


def test_manage_api_listener(monkeypatch):
    from ghe_simulator.routing import AUTH_MANAGE, Route
    from ghe_simulator.util import Reply

    version = [{"hostname": "ghe-local-primary", "version": {"version": "3.19.0", "platform": "kvm", "build_id": "0123abcd",
                                                             "build_date": "2025-06-01"}}]
    routes = [Route("GET", "/manage/v1/version", lambda ctx: Reply(200, version), AUTH_MANAGE),
              Route("POST", "/manage/v1/maintenance", lambda ctx: Reply(200, ctx.body), AUTH_MANAGE)]
    with _with_manage_routes(Simulator(manage=True), routes) as simulator:
        assert simulator.manage_url.endswith("/manage/v1") and simulator.manage_port != simulator.port
        http = requests.Session()
        assert http.get(simulator.manage_url + "/version").status_code == 401
        assert http.get(simulator.manage_url + "/version", auth=("api_key", "wrong")).status_code == 401
        assert http.get(simulator.manage_url + "/version", headers={"Authorization": "Bearer " + ADMIN_TOKEN}).status_code == 401
        http.auth = ("api_key", "sim-manage-password")
        reply = http.get(simulator.manage_url + "/version")
        assert reply.status_code == 200 and reply.json() == version
        assert "X-GitHub-Enterprise-Version" not in reply.headers
        assert http.get(simulator.manage_url + "/nothing").status_code == 404
        assert http.get(simulator.url + "/api/v3/manage/v1/version").status_code == 404  # not on the API port
        assert len(take_violations(simulator)) == 2
        assert http.post(simulator.manage_url + "/maintenance", json={"enabled": "yes"}).status_code == 422  # validated
        assert take_violations(simulator)[0]["path"] == "/manage/v1/maintenance"
        log = [e for e in simulator.requests if e["listener"] == "manage"]
        assert [e["authorization_scheme"] for e in log[:3]] == [None, "basic", "bearer"]
        simulator.set_settings(manage_password="rotated")
        assert http.get(simulator.manage_url + "/version").status_code == 401
        with pytest.raises(ValueError):
            Simulator(product="ghec", manage=True)


def test_manage_module_shape():
    from ghe_simulator import manage

    assert isinstance(manage.ROUTES, list) and isinstance(manage.default_state(), dict)
    with Simulator() as simulator:
        assert simulator.state["manage"] == manage.default_state()


# --------------------------------------------------------------------------- transport faults

def test_redirect_non_json_and_link_host_faults(sim, admin):
    sim.add_fault(path="^/enterprise/announcement$", status=301, location="https://ghe.example.com{path}")
    moved = admin.get(url(sim, "/enterprise/announcement"), allow_redirects=False)
    assert moved.status_code == 301 and moved.headers["Location"] == "https://ghe.example.com/api/v3/enterprise/announcement"
    assert moved.headers["Content-Type"] == "text/html"
    sim.add_fault(path="^/meta$", status=307, location="{root}/login")
    assert admin.get(url(sim, "/meta"), allow_redirects=False).headers["Location"] == sim.url + "/login"
    sim.add_fault(path="^/enterprise/settings/license$", status=200, content_type="text/html; charset=utf-8",
                  body_text="<html><body>Sign in to your identity provider</body></html>")
    page = admin.get(url(sim, "/enterprise/settings/license"))
    assert page.status_code == 200 and page.headers["Content-Type"] == "text/html; charset=utf-8" and page.text.startswith("<html>")
    sim.reset({"generate_users": {"prefix": "u", "count": 3, "tokens_per_user": 1}})
    sim.add_fault(path="^/admin/tokens$", link_host="evil.example.com:8443")
    listed = admin.get(url(sim, "/admin/tokens"), params={"per_page": 2})
    assert listed.status_code == 200 and len(listed.json()) == 2  # the answer itself is served
    assert listed.links["next"]["url"].startswith("http://evil.example.com:8443/api/v3/admin/tokens?")
    sim.add_fault(path="^/admin/tokens$", link_host="https://other.example.com")
    assert admin.get(url(sim, "/admin/tokens"), params={"per_page": 2}).links["next"]["url"].startswith("https://other.example.com/api/v3/")
    with pytest.raises(ValueError):
        sim.add_fault(path="x", location="https://a")  # a Location needs a redirect status
    assert not sim.violations


@pytest.mark.parametrize("header,scheme", [(None, None), ("Bearer " + ADMIN_TOKEN, "bearer"), ("token " + ADMIN_TOKEN, "token"),
                                           ("Basic " + __import__("base64").b64encode(("x:" + ADMIN_TOKEN).encode()).decode(), "basic")])
def test_request_log_records_the_authorization_scheme_never_the_credential(sim, header, scheme):
    http = session(None)
    if header:
        http.headers["Authorization"] = header
    assert http.get(url(sim, "/meta")).status_code == 200
    entry = sim.requests[-1]
    assert entry["authorization_scheme"] == scheme and entry["authenticated"] is bool(header)
    assert ADMIN_TOKEN not in json.dumps(sim.requests)


# --------------------------------------------------------------------------- barrier (issue 16)

def test_barrier_holds_a_request_until_others_arrive(sim):
    sim.add_fault(method="PATCH", path="^/orgs/engineering$", hold_until={"path": "^/orgs/engineering$", "method": "GET", "count": 2})
    results = {}

    def patch():
        results["patch"] = session().patch(url(sim, "/orgs/engineering"), json={"location": "held"}).status_code

    held = threading.Thread(target=patch)
    held.start()
    # the PATCH cannot finish before two GETs arrived: each GET still sees the old location
    assert session().get(url(sim, "/orgs/engineering")).json().get("location") != "held"
    assert session().get(url(sim, "/orgs/engineering")).json().get("location") != "held"
    held.join(30)
    assert results == {"patch": 200}
    assert [e["method"] for e in sim.requests] == ["GET", "GET", "PATCH"]
    assert sim.requests[-1]["fault"] is True


def test_barrier_timeout_records_a_violation_instead_of_deadlocking(sim, admin):
    fault = sim.add_fault(path="^/meta$", hold_until={"path": "^/admin/hooks$", "count": 1}, timeout=0.2)
    assert fault["hold_until"] == {"path": "^/admin/hooks$", "count": 1, "method": "*", "event": "answered"}
    assert admin.get(url(sim, "/meta")).status_code == 200  # served after the timeout
    found = take_violations(sim)
    assert [v["kind"] for v in found] == ["barrier"] and "0 of 1" in found[0]["message"]
    arrived = sim.add_fault(path="^/meta$", hold_until={"path": "^/admin/hooks$", "count": 1, "event": "arrived"}, timeout=30)
    results = []
    held = threading.Thread(target=lambda: results.append(admin.get(url(sim, "/meta")).status_code))
    held.start()
    session().get(url(sim, "/admin/hooks"))
    held.join(30)
    assert results == [200] and arrived["arrivals"] and not sim.violations
    with pytest.raises(ValueError):
        sim.add_fault(path="x", hold_until={"count": 1})


# --------------------------------------------------------------------------- launcher

def test_cli_starts_every_product(tmp_path):
    urls_file = tmp_path / "urls.json"
    env = dict(os.environ, PYTHONPATH=HERE)
    process = subprocess.Popen([sys.executable, "-m", "ghe_simulator", "--port", "0", "--manage", "--with-ghec", "--urls-file", str(urls_file)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(tmp_path))
    try:
        process.stdout.readline()
        urls = json.loads(urls_file.read_text())
        assert set(urls) == {"ghes", "ghec", "manage"}
        assert urls["ghes"]["api_url"] == urls["ghes"]["url"] + "/api/v3" and urls["ghec"]["api_url"] == urls["ghec"]["url"]
        assert urls["manage"]["url"].endswith("/manage/v1") and urls["manage"]["password"] == "sim-manage-password"
        assert session().get(urls["ghes"]["api_url"] + "/meta").headers["X-GitHub-Enterprise-Version"] == "3.19.0"
        assert "X-GitHub-Enterprise-Version" not in session().get(urls["ghec"]["api_url"] + "/meta").headers
        assert requests.get(urls["ghec"]["sim_url"] + "/health").json()["ok"] is True
        assert requests.get(urls["manage"]["url"] + "/version").status_code == 401
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
        process.stdout.close()
        process.stderr.close()
