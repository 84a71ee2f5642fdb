"""Pre-receive environments and hooks (/admin/pre-receive-...), their enforcement per organization
(/orgs/{org}/pre-receive-hooks...) and per repository (/repos/{owner}/{repo}/pre-receive-hooks...), and the
repositories hooks keep their scripts in (GET /repos/{owner}/{repo}).

Repositories live in ``state["repositories"]`` (``{"id", "owner", "name"}``; seeded with DEFAULT_REPOSITORIES
when absent; a fixture's list replaces them). A hook keeps its overrides in ``org_enforcement`` (login ->
``{"enforcement", "allow_downstream_configuration"}``) and ``repo_enforcement`` (full name -> ``{"enforcement"}``),
keyed in lowercase. An override counts only while the level above allows downstream configuration.
"""

import copy

from . import jobs
from . import state as st
from .routing import AUTH_ADMIN_404, AUTH_USER, Route
from .users import render_org_account, render_user
from .util import ApiError, Reply, invalid, iso, lower, node_id, not_found, paginate

ENFORCEMENTS = ("enabled", "disabled", "testing")
DEFAULT_ENV_ERROR = "Cannot modify or delete the default environment"
DEFAULT_REPOSITORIES = [
    {"id": 41, "owner": "engineering", "name": "hooks"},
    {"id": 42, "owner": "engineering", "name": "app"},
    {"id": 43, "owner": "operations", "name": "infra"},
]


def _custom(message):
    return ApiError(422, "Validation Failed", errors=[{"resource": "PreReceiveEnvironment", "code": "custom", "message": message}])


def _find(collection, raw):
    try:
        wanted = int(raw)
    except (TypeError, ValueError):
        raise not_found()
    for entry in collection:
        if entry["id"] == wanted:
            return entry
    raise not_found()


def _sorted(ctx, items, name_field="name"):
    sort = ctx.query_value("sort", "created")
    reverse = ctx.query_value("direction", "desc") != "asc"
    if sort == "name":
        return sorted(items, key=lambda item: lower(item.get(name_field)), reverse=reverse)
    return sorted(items, key=lambda item: (item.get("created_at") or "", item["id"]), reverse=reverse)


# ----------------------------------------------------------------------------- environments

def render_download(ctx, env):
    """``pre-receive-environment-download-status``."""
    download = env.get("download") or {}
    return {
        "url": "%s/admin/pre-receive-environments/%d/downloads/latest" % (ctx.base_url, env["id"]),
        "state": download.get("state", "not_started"),
        "downloaded_at": download.get("downloaded_at"),
        "message": download.get("message"),
    }


def render_env(ctx, env):
    """``pre-receive-environment``."""
    return {
        "id": env["id"],
        "name": env["name"],
        "image_url": env["image_url"],
        "url": "%s/admin/pre-receive-environments/%d" % (ctx.base_url, env["id"]),
        "html_url": "%s/admin/pre-receive-environments/%d" % (ctx.root_url, env["id"]),
        "default_environment": bool(env.get("default_environment")),
        "created_at": env["created_at"],
        "hooks_count": sum(1 for hook in ctx.state["pre_receive_hooks"] if hook["environment_id"] == env["id"]),
        "download": render_download(ctx, env),
    }


def download_failure(env):
    """The message of a failed download, in the style of GHES."""
    return "Failed to download %s: the server answered 404 Not Found" % env["image_url"]


def _sync_download(ctx, env):
    """Advance the download job of an environment (a GET that shows it is a poll)."""
    for job in jobs.pending(ctx.state, "pre_receive_download", environment_id=env["id"]):
        jobs.poll(ctx.state, job)
        if job["status"] == "failed":
            env["download"] = {"state": "failed", "downloaded_at": None, "message": download_failure(env)}


def list_envs(ctx):
    for env in ctx.state["pre_receive_environments"]:
        _sync_download(ctx, env)
    page, headers = paginate(ctx, _sorted(ctx, ctx.state["pre_receive_environments"]))
    return Reply(200, [render_env(ctx, env) for env in page], headers)


def create_env(ctx):
    body = ctx.body_dict()
    name, image_url = body.get("name"), body.get("image_url")
    if not name:
        raise invalid("PreReceiveEnvironment", "name", "missing_field")
    if any(lower(env["name"]) == lower(name) for env in ctx.state["pre_receive_environments"]):
        raise invalid("PreReceiveEnvironment", "name", "already_exists", "Name has already been taken")
    if not image_url:
        raise invalid("PreReceiveEnvironment", "image_url", "missing_field")
    env = {"id": st.next_id(ctx.state, "pre_receive_environment"), "name": name, "image_url": image_url, "default_environment": False,
           "created_at": iso(), "download": {"state": "not_started", "downloaded_at": None, "message": None}}
    ctx.state["pre_receive_environments"].append(env)
    return Reply(201, render_env(ctx, env))


def get_env(ctx):
    env = _find(ctx.state["pre_receive_environments"], ctx.params["pre_receive_environment_id"])
    _sync_download(ctx, env)
    return Reply(200, render_env(ctx, env))


def update_env(ctx):
    env = _find(ctx.state["pre_receive_environments"], ctx.params["pre_receive_environment_id"])
    if env.get("default_environment"):
        raise _custom(DEFAULT_ENV_ERROR)
    body = ctx.body_dict()
    name = body.get("name")
    if name and any(lower(other["name"]) == lower(name) and other is not env for other in ctx.state["pre_receive_environments"]):
        raise invalid("PreReceiveEnvironment", "name", "already_exists", "Name has already been taken")
    if name:
        env["name"] = name
    if body.get("image_url") and body["image_url"] != env["image_url"]:
        env["image_url"] = body["image_url"]
        # a new image is not downloaded until a download is started
        env["download"] = {"state": "not_started", "downloaded_at": None, "message": None}
    return Reply(200, render_env(ctx, env))


def delete_env(ctx):
    env = _find(ctx.state["pre_receive_environments"], ctx.params["pre_receive_environment_id"])
    if env.get("default_environment"):
        raise _custom(DEFAULT_ENV_ERROR)
    if any(hook["environment_id"] == env["id"] for hook in ctx.state["pre_receive_hooks"]):
        raise _custom("Cannot delete environment that has hooks")
    if (env.get("download") or {}).get("state") == "in_progress":
        raise _custom("Cannot delete environment when download is in progress")
    ctx.state["pre_receive_environments"].remove(env)
    return Reply(204)


def start_download(ctx):
    env = _find(ctx.state["pre_receive_environments"], ctx.params["pre_receive_environment_id"])
    if env.get("default_environment"):
        raise _custom(DEFAULT_ENV_ERROR)
    if (env.get("download") or {}).get("state") == "in_progress":
        raise _custom("Can not start a new download when a download is in progress")
    env["download"] = {"state": "in_progress", "downloaded_at": None, "message": None}
    jobs.create(ctx.state, "pre_receive_download", {"environment_id": env["id"]})
    return Reply(202, render_download(ctx, env))


def get_download(ctx):
    env = _find(ctx.state["pre_receive_environments"], ctx.params["pre_receive_environment_id"])
    _sync_download(ctx, env)
    return Reply(200, render_download(ctx, env))


# ----------------------------------------------------------------------------- hooks

def render_hook(ctx, hook):
    """``pre-receive-hook``."""
    env = next((e for e in ctx.state["pre_receive_environments"] if e["id"] == hook["environment_id"]), None)
    repo = _repo_by_id(ctx.state, hook["script_repository"]["id"]) or {}
    full_name = _full_name(repo) if repo else hook["script_repository"]["full_name"]
    return {
        "id": hook["id"],
        "name": hook["name"],
        "enforcement": hook["enforcement"],
        "script": hook["script"],
        "script_repository": {
            "id": hook["script_repository"]["id"],
            "full_name": full_name,
            "url": "%s/repos/%s" % (ctx.base_url, full_name),
            "html_url": "%s/%s" % (ctx.root_url, full_name),
        },
        "environment": render_env(ctx, env) if env else {},
        "allow_downstream_configuration": bool(hook["allow_downstream_configuration"]),
    }


def _repository(ctx, value):
    if not isinstance(value, dict) or not (value.get("full_name") or value.get("id")):
        raise invalid("PreReceiveHook", "script_repository", "invalid", "script_repository needs full_name or id")
    repo = None
    if value.get("id") is not None:
        repo = _repo_by_id(ctx.state, value["id"])
    elif isinstance(value.get("full_name"), str) and value["full_name"].count("/") == 1:
        repo = find_repo(ctx.state, *value["full_name"].split("/"))
    if repo is None:
        raise invalid("PreReceiveHook", "script_repository", "invalid", "script_repository must reference an existing repository")
    return {"id": repo["id"], "full_name": _full_name(repo)}


def _environment_id(ctx, value):
    ident = value.get("id") if isinstance(value, dict) else None
    if not any(env["id"] == ident for env in ctx.state["pre_receive_environments"]):
        raise invalid("PreReceiveHook", "environment", "invalid", "environment must reference an existing environment by id")
    return ident


def _enforcement(value):
    if value not in ENFORCEMENTS:
        raise invalid("PreReceiveHook", "enforcement", "invalid", "enforcement must be one of enabled, disabled, testing")
    return value


def list_hooks(ctx):
    page, headers = paginate(ctx, _sorted(ctx, ctx.state["pre_receive_hooks"]))
    return Reply(200, [render_hook(ctx, hook) for hook in page], headers)


def create_hook(ctx):
    body = ctx.body_dict()
    if not body.get("name") or not body.get("script"):
        raise invalid("PreReceiveHook", "name" if not body.get("name") else "script", "missing_field")
    if any(lower(hook["name"]) == lower(body["name"]) for hook in ctx.state["pre_receive_hooks"]):
        raise invalid("PreReceiveHook", "name", "already_exists", "Name has already been taken")
    hook = {
        "id": st.next_id(ctx.state, "pre_receive_hook"),
        "name": body["name"],
        "script": body["script"],
        "script_repository": _repository(ctx, body.get("script_repository")),
        "environment_id": _environment_id(ctx, body.get("environment")),
        "enforcement": _enforcement(body.get("enforcement", "disabled")),
        "allow_downstream_configuration": bool(body.get("allow_downstream_configuration", False)),
        "created_at": iso(),
    }
    ctx.state["pre_receive_hooks"].append(hook)
    return Reply(201, render_hook(ctx, hook))


def get_hook(ctx):
    return Reply(200, render_hook(ctx, _find(ctx.state["pre_receive_hooks"], ctx.params["pre_receive_hook_id"])))


def update_hook(ctx):
    hook = _find(ctx.state["pre_receive_hooks"], ctx.params["pre_receive_hook_id"])
    body = ctx.body_dict()
    if "name" in body:
        hook["name"] = body["name"]
    if "script" in body:
        hook["script"] = body["script"]
    if "script_repository" in body:
        hook["script_repository"] = _repository(ctx, body["script_repository"])
    if "environment" in body:
        hook["environment_id"] = _environment_id(ctx, body["environment"])
    if "enforcement" in body:
        hook["enforcement"] = _enforcement(body["enforcement"])
    if "allow_downstream_configuration" in body:
        hook["allow_downstream_configuration"] = bool(body["allow_downstream_configuration"])
    return Reply(200, render_hook(ctx, hook))


def delete_hook(ctx):
    hook = _find(ctx.state["pre_receive_hooks"], ctx.params["pre_receive_hook_id"])
    ctx.state["pre_receive_hooks"].remove(hook)
    return Reply(204)


# ----------------------------------------------------------------------------- repositories

def repositories(state):
    """The repositories (seeded with DEFAULT_REPOSITORIES the first time)."""
    if state.get("repositories") is None:
        state["repositories"] = copy.deepcopy(DEFAULT_REPOSITORIES)
    return state["repositories"]


def _full_name(repo):
    return "%s/%s" % (repo["owner"], repo["name"])


def find_repo(state, owner, name):
    """The repository ``owner/name`` (case-insensitive), or None."""
    wanted = lower("%s/%s" % (owner, name))
    return next((repo for repo in repositories(state) if lower(_full_name(repo)) == wanted), None)


def _repo_by_id(state, ident):
    try:
        wanted = int(ident)
    except (TypeError, ValueError):
        return None
    return next((repo for repo in repositories(state) if repo["id"] == wanted), None)


def _repo(ctx):
    repo = find_repo(ctx.state, ctx.params["owner"], ctx.params["repo"])
    if repo is None:
        raise not_found()
    return repo


def render_owner(ctx, login):
    org = st.find_org(ctx.state, login)
    if org is not None:
        return render_org_account(ctx, org)
    user = st.find_user(ctx.state, login)
    if user is not None:
        return render_user(ctx, user, "simple")
    return render_org_account(ctx, {"login": login, "id": 0, "name": None, "email": None})


def render_repo(ctx, repo):
    """``full-repository`` (the fields the description requires)."""
    full_name = _full_name(repo)
    url = "%s/repos/%s" % (ctx.base_url, full_name)
    html = "%s/%s" % (ctx.root_url, full_name)
    created = repo.get("created_at") or "2024-01-01T00:00:00Z"
    data = {"id": repo["id"], "node_id": node_id("Repository", repo["id"]), "name": repo["name"], "full_name": full_name,
            "owner": render_owner(ctx, repo["owner"]), "private": bool(repo.get("private", True)), "html_url": html,
            "description": repo.get("description"), "fork": False, "url": url, "clone_url": html + ".git",
            "git_url": "git://%s.git" % html.split("://", 1)[-1], "ssh_url": "git@%s:%s.git" % (ctx.root_url.split("://", 1)[-1], full_name),
            "svn_url": html, "mirror_url": None, "homepage": None, "language": None, "default_branch": "main",
            "forks": 0, "forks_count": 0, "open_issues": 0, "open_issues_count": 0, "stargazers_count": 0, "watchers": 0,
            "watchers_count": 0, "network_count": 0, "subscribers_count": 0, "size": 0, "has_issues": True,
            "has_projects": True, "has_wiki": True, "has_pages": False, "has_discussions": False, "archived": False,
            "disabled": False, "license": None, "pushed_at": created, "created_at": created, "updated_at": created}
    for field, suffix in (("archive_url", "/{archive_format}{/ref}"), ("assignees_url", "/assignees{/user}"),
                          ("blobs_url", "/git/blobs{/sha}"), ("branches_url", "/branches{/branch}"),
                          ("collaborators_url", "/collaborators{/collaborator}"), ("comments_url", "/comments{/number}"),
                          ("commits_url", "/commits{/sha}"), ("compare_url", "/compare/{base}...{head}"),
                          ("contents_url", "/contents/{+path}"), ("contributors_url", "/contributors"),
                          ("deployments_url", "/deployments"), ("downloads_url", "/downloads"), ("events_url", "/events"),
                          ("forks_url", "/forks"), ("git_commits_url", "/git/commits{/sha}"), ("git_refs_url", "/git/refs{/sha}"),
                          ("git_tags_url", "/git/tags{/sha}"), ("hooks_url", "/hooks"), ("issue_comment_url", "/issues/comments{/number}"),
                          ("issue_events_url", "/issues/events{/number}"), ("issues_url", "/issues{/number}"),
                          ("keys_url", "/keys{/key_id}"), ("labels_url", "/labels{/name}"), ("languages_url", "/languages"),
                          ("merges_url", "/merges"), ("milestones_url", "/milestones{/number}"),
                          ("notifications_url", "/notifications{?since,all,participating}"), ("pulls_url", "/pulls{/number}"),
                          ("releases_url", "/releases{/id}"), ("stargazers_url", "/stargazers"), ("statuses_url", "/statuses/{sha}"),
                          ("subscribers_url", "/subscribers"), ("subscription_url", "/subscription"), ("tags_url", "/tags"),
                          ("teams_url", "/teams"), ("trees_url", "/git/trees{/sha}")):
        data[field] = url + suffix
    return data


def _may_administer(ctx, owner):
    """Site administrators, and the owners of an organization (or the user) that owns what is asked for."""
    if ctx.is_site_admin or lower(ctx.actor) == lower(owner):
        return True
    org = st.find_org(ctx.state, owner)
    return bool(org and lower(ctx.actor) in [lower(admin) for admin in org.get("admins") or []])


def get_repo(ctx):
    repo = _repo(ctx)
    if repo.get("private", True) and not _may_administer(ctx, repo["owner"]):
        raise not_found()
    return Reply(200, render_repo(ctx, repo))


# ----------------------------------------------------------------------------- enforcement per organization / repository

def _hook_for(ctx):
    return _find(ctx.state["pre_receive_hooks"], ctx.params["pre_receive_hook_id"])


def _org(ctx):
    org = st.find_org(ctx.state, ctx.params["org"])
    if org is None or not _may_administer(ctx, org["login"]):
        raise not_found()
    return org


def org_level(ctx, hook, login):
    """``(enforcement, allow_downstream_configuration, configuration_url)`` an organization sees."""
    override = (hook.get("org_enforcement") or {}).get(lower(login))
    if override and hook["allow_downstream_configuration"]:
        return (override["enforcement"], bool(override["allow_downstream_configuration"]),
                "%s/orgs/%s/pre-receive-hooks/%d" % (ctx.base_url, login, hook["id"]))
    return (hook["enforcement"], bool(hook["allow_downstream_configuration"]),
            "%s/admin/pre-receive-hooks/%d" % (ctx.base_url, hook["id"]))


def repo_level(ctx, hook, repo):
    """``(enforcement, configuration_url)`` a repository sees."""
    enforcement, downstream, configuration_url = org_level(ctx, hook, repo["owner"])
    override = (hook.get("repo_enforcement") or {}).get(lower(_full_name(repo)))
    if override and downstream:
        return override["enforcement"], "%s/repos/%s/pre-receive-hooks/%d" % (ctx.base_url, _full_name(repo), hook["id"])
    return enforcement, configuration_url


def render_org_hook(ctx, hook, login):
    """``org-pre-receive-hook``."""
    enforcement, downstream, configuration_url = org_level(ctx, hook, login)
    return {"id": hook["id"], "name": hook["name"], "enforcement": enforcement, "configuration_url": configuration_url,
            "allow_downstream_configuration": downstream}


def render_repo_hook(ctx, hook, repo):
    """``repository-pre-receive-hook``."""
    enforcement, configuration_url = repo_level(ctx, hook, repo)
    return {"id": hook["id"], "name": hook["name"], "enforcement": enforcement, "configuration_url": configuration_url}


def _downstream_refused(where):
    return ApiError(422, "Validation Failed", errors=[{
        "resource": "PreReceiveHook", "field": "enforcement", "code": "custom",
        "message": "The enforcement of this hook cannot be configured %s: the level above does not allow downstream configuration" % where}])


def list_org_hooks(ctx):
    org = _org(ctx)
    page, headers = paginate(ctx, _sorted(ctx, ctx.state["pre_receive_hooks"]))
    return Reply(200, [render_org_hook(ctx, hook, org["login"]) for hook in page], headers)


def get_org_hook(ctx):
    org = _org(ctx)
    return Reply(200, render_org_hook(ctx, _hook_for(ctx), org["login"]))


def update_org_hook(ctx):
    org = _org(ctx)
    hook = _hook_for(ctx)
    if not hook["allow_downstream_configuration"]:
        raise _downstream_refused("for organization %s" % org["login"])
    body = ctx.body_dict()
    enforcement, downstream, dummy = org_level(ctx, hook, org["login"])
    override = {"enforcement": _enforcement(body.get("enforcement", enforcement)),
                "allow_downstream_configuration": bool(body.get("allow_downstream_configuration", downstream))}
    hook.setdefault("org_enforcement", {})[lower(org["login"])] = override
    return Reply(200, render_org_hook(ctx, hook, org["login"]))


def remove_org_hook(ctx):
    org = _org(ctx)
    hook = _hook_for(ctx)
    (hook.get("org_enforcement") or {}).pop(lower(org["login"]), None)
    return Reply(200, render_org_hook(ctx, hook, org["login"]))


def _repo_for(ctx):
    repo = _repo(ctx)
    if not _may_administer(ctx, repo["owner"]):
        raise not_found()
    return repo


def list_repo_hooks(ctx):
    repo = _repo_for(ctx)
    page, headers = paginate(ctx, _sorted(ctx, ctx.state["pre_receive_hooks"]))
    return Reply(200, [render_repo_hook(ctx, hook, repo) for hook in page], headers)


def get_repo_hook(ctx):
    repo = _repo_for(ctx)
    return Reply(200, render_repo_hook(ctx, _hook_for(ctx), repo))


def update_repo_hook(ctx):
    repo = _repo_for(ctx)
    hook = _hook_for(ctx)
    if not org_level(ctx, hook, repo["owner"])[1]:
        raise _downstream_refused("for repository %s" % _full_name(repo))
    body = ctx.body_dict()
    enforcement = _enforcement(body.get("enforcement", repo_level(ctx, hook, repo)[0]))
    hook.setdefault("repo_enforcement", {})[lower(_full_name(repo))] = {"enforcement": enforcement}
    return Reply(200, render_repo_hook(ctx, hook, repo))


def remove_repo_hook(ctx):
    repo = _repo_for(ctx)
    hook = _hook_for(ctx)
    (hook.get("repo_enforcement") or {}).pop(lower(_full_name(repo)), None)
    return Reply(200, render_repo_hook(ctx, hook, repo))


ENV = "/admin/pre-receive-environments/{pre_receive_environment_id}"
HOOK = "/admin/pre-receive-hooks/{pre_receive_hook_id}"
ORG_HOOKS = "/orgs/{org}/pre-receive-hooks"
ORG_HOOK = ORG_HOOKS + "/{pre_receive_hook_id}"
REPO_HOOKS = "/repos/{owner}/{repo}/pre-receive-hooks"
REPO_HOOK = REPO_HOOKS + "/{pre_receive_hook_id}"
ROUTES = [
    Route("GET", "/admin/pre-receive-environments", list_envs, AUTH_ADMIN_404),
    Route("POST", "/admin/pre-receive-environments", create_env, AUTH_ADMIN_404),
    Route("GET", ENV, get_env, AUTH_ADMIN_404),
    Route("PATCH", ENV, update_env, AUTH_ADMIN_404),
    Route("DELETE", ENV, delete_env, AUTH_ADMIN_404),
    Route("POST", ENV + "/downloads", start_download, AUTH_ADMIN_404),
    Route("GET", ENV + "/downloads/latest", get_download, AUTH_ADMIN_404),
    Route("GET", "/admin/pre-receive-hooks", list_hooks, AUTH_ADMIN_404),
    Route("POST", "/admin/pre-receive-hooks", create_hook, AUTH_ADMIN_404),
    Route("GET", HOOK, get_hook, AUTH_ADMIN_404),
    Route("PATCH", HOOK, update_hook, AUTH_ADMIN_404),
    Route("DELETE", HOOK, delete_hook, AUTH_ADMIN_404),
    Route("GET", ORG_HOOKS, list_org_hooks, AUTH_USER),
    Route("GET", ORG_HOOK, get_org_hook, AUTH_USER),
    Route("PATCH", ORG_HOOK, update_org_hook, AUTH_USER),
    Route("DELETE", ORG_HOOK, remove_org_hook, AUTH_USER),
    Route("GET", REPO_HOOKS, list_repo_hooks, AUTH_USER),
    Route("GET", REPO_HOOK, get_repo_hook, AUTH_USER),
    Route("PATCH", REPO_HOOK, update_repo_hook, AUTH_USER),
    Route("DELETE", REPO_HOOK, remove_repo_hook, AUTH_USER),
    Route("GET", "/repos/{owner}/{repo}", get_repo, AUTH_USER),
]
