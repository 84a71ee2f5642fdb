"""The pre-receive area of the simulator: environments with polled downloads, hooks, enforcement per
organization and repository, and the repositories hooks keep their scripts in."""

import json

import pytest
import requests

from ghe_simulator import ADMIN_TOKEN, USER_TOKEN, Simulator

ENVS = "/admin/pre-receive-environments"
HOOKS = "/admin/pre-receive-hooks"


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


@pytest.fixture(name="api")
def api_fixture(sim):
    return Api(sim)


def environment(api, name="Tools", image_url="https://files.example.com/env.tar.gz"):
    answer = api.post(ENVS, json={"name": name, "image_url": image_url})
    assert answer.status_code == 201, answer.text
    return answer.json()


def hook(api, env_id, name="No secrets", downstream=True, enforcement="enabled", repository="engineering/hooks"):
    answer = api.post(HOOKS, json={"name": name, "script": "checks/secrets.sh", "script_repository": {"full_name": repository},
                                   "environment": {"id": env_id}, "enforcement": enforcement,
                                   "allow_downstream_configuration": downstream})
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_a_download_takes_job_polls_polls(sim, api):
    sim.set_settings(job_polls=3)
    env = environment(api)
    assert env["download"]["state"] == "not_started"
    assert api.post(ENVS + "/%d/downloads" % env["id"]).status_code == 202
    latest = ENVS + "/%d/downloads/latest" % env["id"]
    assert [api.get(latest).json()["state"] for poll in range(3)] == ["in_progress", "in_progress", "success"]
    assert api.get(ENVS + "/%d" % env["id"]).json()["download"]["downloaded_at"]


def test_a_failed_download_says_why(sim, api):
    sim.set_settings(job_polls=1, fail_job_kinds=["pre_receive_download"])
    env = environment(api, image_url="https://files.example.com/missing.tar.gz")
    api.post(ENVS + "/%d/downloads" % env["id"])
    status = api.get(ENVS + "/%d/downloads/latest" % env["id"]).json()
    assert status["state"] == "failed"
    assert "https://files.example.com/missing.tar.gz" in status["message"]


def test_a_new_image_url_needs_a_new_download(sim, api):
    sim.set_settings(job_polls=0)
    env = environment(api)
    api.post(ENVS + "/%d/downloads" % env["id"])
    assert api.get(ENVS + "/%d" % env["id"]).json()["download"]["state"] == "success"
    changed = api.patch(ENVS + "/%d" % env["id"], json={"image_url": "https://files.example.com/v2.tar.gz"}).json()
    assert changed["download"]["state"] == "not_started"


def test_hooks_need_an_existing_repository_and_environment(api):
    env = environment(api)
    body = {"name": "x", "script": "a.sh", "script_repository": {"full_name": "engineering/nope"}, "environment": {"id": env["id"]}}
    assert api.post(HOOKS, json=body).status_code == 422
    body["script_repository"] = {"full_name": "engineering/hooks"}
    body["environment"] = {"id": 99}
    assert api.post(HOOKS, json=body).status_code == 422
    assert api.get("/repos/engineering/hooks").json()["full_name"] == "engineering/hooks"
    assert api.get("/repos/engineering/nope").status_code == 404


def test_an_environment_in_use_cannot_be_deleted(api):
    env = environment(api)
    hook(api, env["id"])
    refused = api.delete(ENVS + "/%d" % env["id"])
    assert refused.status_code == 422
    assert api.get(ENVS + "/%d" % env["id"]).json()["hooks_count"] == 1


def test_organization_and_repository_overrides(api):
    env = environment(api)
    created = hook(api, env["id"], enforcement="testing")
    org_path = "/orgs/engineering/pre-receive-hooks/%d" % created["id"]
    repo_path = "/repos/engineering/app/pre-receive-hooks/%d" % created["id"]
    inherited = api.get(org_path).json()
    assert inherited["enforcement"] == "testing" and inherited["configuration_url"].endswith("/admin/pre-receive-hooks/%d" % created["id"])
    overridden = api.patch(org_path, json={"enforcement": "enabled", "allow_downstream_configuration": False}).json()
    assert overridden["enforcement"] == "enabled" and overridden["configuration_url"].endswith(org_path)
    assert api.get(repo_path).json()["enforcement"] == "enabled"
    assert api.patch(repo_path, json={"enforcement": "disabled"}).status_code == 422
    api.patch(org_path, json={"allow_downstream_configuration": True})
    repo_hook = api.patch(repo_path, json={"enforcement": "disabled"}).json()
    assert repo_hook["enforcement"] == "disabled" and repo_hook["configuration_url"].endswith(repo_path)
    assert api.get("/repos/engineering/app/pre-receive-hooks").json()[0]["enforcement"] == "disabled"
    assert api.delete(repo_path).json()["enforcement"] == "enabled"
    assert api.delete(org_path).json()["enforcement"] == "testing"
    assert len(api.get("/orgs/engineering/pre-receive-hooks").json()) == 1


def test_overrides_are_refused_when_the_hook_does_not_allow_them(api):
    env = environment(api)
    created = hook(api, env["id"], downstream=False)
    assert api.patch("/orgs/engineering/pre-receive-hooks/%d" % created["id"], json={"enforcement": "disabled"}).status_code == 422
    assert api.patch("/repos/engineering/app/pre-receive-hooks/%d" % created["id"], json={"enforcement": "disabled"}).status_code == 422


def test_ordinary_users_see_nothing(sim):
    user = Api(sim, USER_TOKEN)
    assert user.get(ENVS).status_code == 404
    assert user.get("/orgs/engineering/pre-receive-hooks").status_code == 404
    assert user.get("/repos/engineering/app/pre-receive-hooks").status_code == 404
