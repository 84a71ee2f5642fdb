"""Global webhooks (/admin/hooks)."""

from urllib.parse import urlsplit

from . import state as st
from .routing import AUTH_ADMIN_404, Route
from .util import MASK, Reply, invalid, iso, not_found, paginate

# The events a global webhook can subscribe to (the description has no enum; the reference lists these).
GLOBAL_HOOK_EVENTS = ("organization", "user", "repository", "team", "member", "membership", "fork", "ping")
DEFAULT_EVENTS = ["organization", "user"]
CONTENT_TYPES = ("json", "form")


def render(ctx, hook):
    """A hook as the API shows it: the secret is masked and absent when unset."""
    config = {"url": hook["url"], "content_type": hook["content_type"], "insecure_ssl": hook["insecure_ssl"]}
    if hook.get("secret"):
        config["secret"] = MASK
    url = "%s/admin/hooks/%d" % (ctx.base_url, hook["id"])
    return {
        "type": "Global",
        "id": hook["id"],
        "name": "web",
        "active": bool(hook["active"]),
        "events": list(hook["events"]),
        "config": config,
        "updated_at": hook["updated_at"],
        "created_at": hook["created_at"],
        "url": url,
        "ping_url": url + "/pings",
    }


def _find(ctx):
    try:
        wanted = int(ctx.params["hook_id"])
    except (TypeError, ValueError):
        raise not_found()
    for hook in ctx.state["hooks"]:
        if hook["id"] == wanted:
            return hook
    raise not_found()


def _settings_from_body(body, existing_id=None, state=None, ctx=None):
    """Validate a create/update body; return the hook fields it sets (omitted ones get defaults)."""
    config = body.get("config")
    if not isinstance(config, dict):
        raise invalid("Hook", "config", "missing_field")
    url = config.get("url")
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise invalid("Hook", "url", "invalid", "url must be an absolute http(s) URL")
    content_type = config.get("content_type", "form")
    if content_type not in CONTENT_TYPES:
        raise invalid("Hook", "content_type", "invalid", "content_type must be json or form")
    insecure_ssl = config.get("insecure_ssl", "0")
    if isinstance(insecure_ssl, (int, float)) and not isinstance(insecure_ssl, bool):
        insecure_ssl = str(int(insecure_ssl))
    if insecure_ssl not in ("0", "1"):
        raise invalid("Hook", "insecure_ssl", "invalid", "insecure_ssl must be \"0\" or \"1\"")
    secret = config.get("secret")
    if secret == "":
        secret = None
    if secret == MASK and ctx is not None and ctx.state["settings"].get("flag_masked_secret", True):
        # GHES would store the literal mask as the new secret; a client must never send it back
        ctx.sim.flag("semantic", ctx, ["config.secret is the mask %r returned by GET: the client sent the mask back "
                                       "instead of the real secret (GHES would store it as the secret)" % MASK])
    events = body.get("events")
    if events is None:
        events = list(DEFAULT_EVENTS)
    unknown = [event for event in events if event not in GLOBAL_HOOK_EVENTS]
    if unknown or not events:
        raise invalid("Hook", "events", "invalid", "unsupported events: %s" % ", ".join(map(str, unknown)) if unknown else "events can't be blank")
    deduped = []
    for event in events:
        if event not in deduped:
            deduped.append(event)
    active = body.get("active")
    if active is None:
        active = True
    # an update that keeps a hook's URL cannot create a duplicate (hooks that already share a URL stay updatable)
    if state is not None and (existing_id is None or url != _stored_url(state, existing_id)):
        for other in state["hooks"]:
            if other["id"] != existing_id and other["url"] == url:
                raise invalid("Hook", "url", "custom", "Hook already exists on this enterprise")
    return {"url": url, "content_type": content_type, "insecure_ssl": insecure_ssl, "secret": secret, "events": deduped, "active": bool(active)}


def _stored_url(state, hook_id):
    return next((hook["url"] for hook in state["hooks"] if hook["id"] == hook_id), None)


def list_hooks(ctx):
    hooks = sorted(ctx.state["hooks"], key=lambda hook: hook["id"])
    page, headers = paginate(ctx, hooks)
    return Reply(200, [render(ctx, hook) for hook in page], headers)


def create_hook(ctx):
    body = ctx.body_dict()
    if body.get("name") != "web":
        raise invalid("Hook", "name", "invalid", "name must be \"web\"")
    fields = _settings_from_body(body, state=ctx.state, ctx=ctx)
    now = iso()
    hook = dict(fields, id=st.next_id(ctx.state, "hook"), created_at=now, updated_at=now)
    ctx.state["hooks"].append(hook)
    return Reply(201, render(ctx, hook))


def get_hook(ctx):
    return Reply(200, render(ctx, _find(ctx)))


def update_hook(ctx):
    hook = _find(ctx)
    body = ctx.body_dict()
    sent_config = "config" in body
    if not sent_config:
        # the whole config object omitted: keep the delivery settings, reset events/active
        body = dict(body, config={"url": hook["url"], "content_type": hook["content_type"], "insecure_ssl": hook["insecure_ssl"],
                                  "secret": hook.get("secret") or ""})
    fields = _settings_from_body(body, existing_id=hook["id"], state=ctx.state, ctx=ctx if sent_config else None)
    # Real behaviour: whatever the PATCH omits is reset to its default or removed (an omitted secret is dropped).
    hook.update(fields)
    hook["updated_at"] = iso()
    return Reply(200, render(ctx, hook))


def delete_hook(ctx):
    hook = _find(ctx)
    ctx.state["hooks"].remove(hook)
    return Reply(204)


def ping_hook(ctx):
    hook = _find(ctx)
    ctx.state["hook_pings"].append({"hook_id": hook["id"], "url": hook["url"], "actor": ctx.actor, "created_at": iso()})
    return Reply(204)


ROUTES = [
    Route("GET", "/admin/hooks", list_hooks, AUTH_ADMIN_404),
    Route("POST", "/admin/hooks", create_hook, AUTH_ADMIN_404),
    Route("GET", "/admin/hooks/{hook_id}", get_hook, AUTH_ADMIN_404),
    Route("PATCH", "/admin/hooks/{hook_id}", update_hook, AUTH_ADMIN_404),
    Route("DELETE", "/admin/hooks/{hook_id}", delete_hook, AUTH_ADMIN_404),
    Route("POST", "/admin/hooks/{hook_id}/pings", ping_hook, AUTH_ADMIN_404),
]
