"""Pre-receive environments and pre-receive hooks (/admin/pre-receive-...)."""

import zlib

from . import jobs
from . import state as st
from .routing import AUTH_ADMIN_404, Route
from .util import ApiError, Reply, invalid, iso, lower, not_found, paginate

ENFORCEMENTS = ("enabled", "disabled", "testing")
DEFAULT_ENV_ERROR = "Cannot modify or delete the default environment"


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


def _sync_download(ctx, env):
    """Advance the download job of an environment (a GET of it is a poll)."""
    for job in jobs.pending(ctx.state, "pre_receive_download", environment_id=env["id"]):
        jobs.poll(ctx.state, job)
        if job["status"] == "failed":
            env["download"] = {"state": "failed", "downloaded_at": None, "message": job["error"]}


def list_envs(ctx):
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
    for field in ("name", "image_url"):
        if body.get(field):
            env[field] = body[field]
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
    repo = hook["script_repository"]
    return {
        "id": hook["id"],
        "name": hook["name"],
        "enforcement": hook["enforcement"],
        "script": hook["script"],
        "script_repository": {
            "id": repo["id"],
            "full_name": repo["full_name"],
            "url": "%s/repos/%s" % (ctx.base_url, repo["full_name"]),
            "html_url": "%s/%s" % (ctx.root_url, repo["full_name"]),
        },
        "environment": render_env(ctx, env) if env else {},
        "allow_downstream_configuration": bool(hook["allow_downstream_configuration"]),
    }


def _repository(value):
    if not isinstance(value, dict) or not (value.get("full_name") or value.get("id")):
        raise invalid("PreReceiveHook", "script_repository", "invalid", "script_repository needs full_name or id")
    full_name = value.get("full_name") or "repository/%s" % value.get("id")
    ident = value.get("id") or zlib.crc32(full_name.encode("utf-8")) % 100000
    return {"id": int(ident), "full_name": full_name}


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
        "script_repository": _repository(body.get("script_repository")),
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
        hook["script_repository"] = _repository(body["script_repository"])
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


ENV = "/admin/pre-receive-environments/{pre_receive_environment_id}"
HOOK = "/admin/pre-receive-hooks/{pre_receive_hook_id}"
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
]
