"""GHEC credential revocation: enterprise credential-authorization revocation and POST /credentials/revoke."""

import time

from . import state as st
from .routing import AUTH_ENTERPRISE, AUTH_FORBIDDEN, Route
from .util import ApiError, Reply, iso, lower, not_found

CREDENTIAL_TYPES = ("classic_pat", "fine_grained_pat", "ssh_key", "oauth_app_token")
MAX_CREDENTIALS = 1000
EMU_ONLY = "The `revoke_credentials` option is only available for Enterprise Managed User (EMU) enterprises"
BAD_TYPE = "The `credential_type` parameter is required and must be one of: classic_pat, fine_grained_pat, ssh_key, oauth_app_token"
FIRST_OWNER = "The first EMU owner cannot be targeted for credential revocation."
DOC_ALL = "https://docs.github.com/rest/enterprise-admin/credential-authorizations#revoke-all-credential-authorizations-for-an-enterprise"
DOC_TYPE = "https://docs.github.com/rest/enterprise-admin/credential-authorizations#revoke-a-single-credential-type-for-an-enterprise"
DOC_USER = "https://docs.github.com/rest/enterprise-admin/credential-authorizations#revoke-credential-authorizations-for-a-user-in-an-enterprise"
DOC_USER_TYPE = ("https://docs.github.com/rest/enterprise-admin/credential-authorizations"
                 "#revoke-a-single-credential-type-for-a-user-in-an-enterprise")
WARN_REVOKED = "The token used for this request may also have its authorization revoked as part of this operation"
WARN_DESTROYED = "The token used for this request may also be destroyed as part of this operation"
WARN_ALL = "The token used for this request may also be revoked or destroyed as part of this operation"


def enterprise_of(ctx):
    """The enterprise named in the path, or 404."""
    enterprise = ctx.state["enterprise"]
    if lower(ctx.params.get("enterprise")) != lower(enterprise.get("slug")):
        raise not_found()
    if lower(ctx.actor) not in [lower(owner) for owner in enterprise.get("owners", [])]:
        raise ApiError(403, "You must be an enterprise owner or have the write_enterprise_credentials permission to use this endpoint.")
    return enterprise


def _options(ctx, enterprise, doc, need_type):
    body = ctx.body_dict()
    credential_type = body.get("credential_type")
    if need_type and credential_type not in CREDENTIAL_TYPES:
        raise ApiError(422, BAD_TYPE, doc=doc)
    revoke = body.get("revoke_credentials", False)
    if revoke and not enterprise.get("emu"):
        raise ApiError(422, EMU_ONLY, doc=doc)
    return credential_type, bool(revoke)


def _destroy(state, logins, credential_type):
    """EMU ``revoke_credentials``: delete the PATs and SSH keys of these users."""
    wanted = {lower(login) for login in logins}
    destroyed = {"tokens": 0, "keys": 0}
    if credential_type in (None, "classic_pat", "fine_grained_pat"):
        keep = [t for t in state["tokens"] if not (t.get("kind", "pat") == "pat" and lower(t.get("user")) in wanted)]
        destroyed["tokens"] = len(state["tokens"]) - len(keep)
        state["tokens"] = keep
    if credential_type in (None, "ssh_key"):
        keep = [k for k in state["keys"] if lower(k.get("user")) not in wanted]
        destroyed["keys"] = len(state["keys"]) - len(keep)
        state["keys"] = keep
    return destroyed


def _record(ctx, enterprise, scope, user, credential_type, revoke, destroyed):
    entry = {
        "id": len(ctx.state["credential_revocations"]) + 1,
        "enterprise": enterprise["slug"],
        "scope": scope,
        "user": user,
        "credential_type": credential_type,
        "revoke_credentials": revoke,
        "destroyed": destroyed,
        "actor": ctx.actor,
        "created_at": iso(),
    }
    ctx.state["credential_revocations"].append(entry)
    return entry


def _target(ctx, enterprise, doc):
    user = st.find_user(ctx.state, ctx.params["username"])
    if user is None:
        raise not_found()
    if enterprise.get("emu") and lower(user["login"]) == lower(enterprise.get("first_owner")):
        raise ApiError(422, FIRST_OWNER, doc=doc)
    return user


def _token_kind(ctx):
    kind = (ctx.token or {}).get("kind", "pat")
    return "oauth_app_token" if kind == "impersonation" else "classic_pat"


def revoke_all(ctx):
    enterprise = enterprise_of(ctx)
    revoke = _options(ctx, enterprise, DOC_ALL, False)[1]
    logins = [user["login"] for user in ctx.state["users"]]
    destroyed = _destroy(ctx.state, logins, None) if revoke else None
    _record(ctx, enterprise, "enterprise", None, None, revoke, destroyed)
    return Reply(202, {"message": "Credential authorization revocation has been queued", "warning": WARN_ALL})


def revoke_type(ctx):
    enterprise = enterprise_of(ctx)
    credential_type, revoke = _options(ctx, enterprise, DOC_TYPE, True)
    logins = [user["login"] for user in ctx.state["users"]]
    destroyed = _destroy(ctx.state, logins, credential_type) if revoke and credential_type != "oauth_app_token" else None
    _record(ctx, enterprise, "enterprise", None, credential_type, revoke, destroyed)
    body = {"message": "Credential type revocation has been queued"}
    if credential_type == _token_kind(ctx):
        body["warning"] = WARN_REVOKED
    return Reply(202, body)


def revoke_user(ctx):
    enterprise = enterprise_of(ctx)
    user = _target(ctx, enterprise, DOC_USER)
    revoke = _options(ctx, enterprise, DOC_USER, False)[1]
    destroyed = _destroy(ctx.state, [user["login"]], None) if revoke else None
    _record(ctx, enterprise, "user", user["login"], None, revoke, destroyed)
    body = {"message": "Credential authorization revocation for user '%s' has been queued" % user["login"]}
    if user is ctx.user:
        body["warning"] = WARN_DESTROYED if revoke else WARN_REVOKED
    return Reply(202, body)


def revoke_user_type(ctx):
    enterprise = enterprise_of(ctx)
    user = _target(ctx, enterprise, DOC_USER_TYPE)
    credential_type, revoke = _options(ctx, enterprise, DOC_USER_TYPE, True)
    destroyed = _destroy(ctx.state, [user["login"]], credential_type) if revoke and credential_type != "oauth_app_token" else None
    _record(ctx, enterprise, "user", user["login"], credential_type, revoke, destroyed)
    body = {"message": "Credential type revocation for user '%s' has been queued" % user["login"]}
    if user is ctx.user and credential_type == _token_kind(ctx):
        body["warning"] = WARN_DESTROYED if revoke else WARN_REVOKED
    return Reply(202, body)


def _count_revoke_request(state, ctx):
    """GitHub allows 60 requests per hour per client (here: per client IP address); then 422 "spammed"."""
    limit = int(state["settings"].get("credential_revoke_limit", 60))
    client = (getattr(ctx, "client", None) or "unknown").rsplit(":", 1)[0]
    windows = state["counters"].setdefault("credential_revoke_windows", {})
    now = time.time()
    window = windows.get(client)
    if window is None or now >= window["reset"]:
        window = windows[client] = {"reset": int(now) + 3600, "count": 0}
    if window["count"] >= limit:
        raise ApiError(422, "Endpoint has been spammed.", errors=["endpoint has been spammed"],
                       headers={"Retry-After": str(max(int(window["reset"] - now), 1))})
    window["count"] += 1
    state["counters"]["credential_revoke_requests"] = state["counters"].get("credential_revoke_requests", 0) + 1


def revoke_credentials(ctx):
    """POST /credentials/revoke: unauthenticated, <= 1000 credentials, 60 requests per hour per client."""
    state = ctx.state
    _count_revoke_request(state, ctx)
    credentials = ctx.body_dict().get("credentials")
    if not isinstance(credentials, list) or not credentials or not all(isinstance(item, str) for item in credentials):
        raise ApiError(422, "Validation Failed", errors=["credentials must be a non-empty list of strings"])
    if len(credentials) > MAX_CREDENTIALS:
        raise ApiError(422, "Validation Failed", errors=["a maximum of %d credentials can be revoked per request" % MAX_CREDENTIALS])
    now = iso()
    revoked = set(credentials)
    for value in credentials:
        state["revoked_credentials"].append({"credential": value, "known": st.find_token(state, value) is not None, "created_at": now})
    state["tokens"] = [token for token in state["tokens"] if token["token"] not in revoked]
    return Reply(202, {})


ROUTES = [
    Route("POST", "/credentials/revoke", revoke_credentials, AUTH_FORBIDDEN, spec="ghec"),
    Route("POST", "/enterprises/{enterprise}/credential-authorizations/revoke-all", revoke_all, AUTH_ENTERPRISE, spec="ghec"),
    Route("POST", "/enterprises/{enterprise}/credential-authorizations/revoke-credential-type", revoke_type, AUTH_ENTERPRISE, spec="ghec"),
    Route("POST", "/enterprises/{enterprise}/credential-authorizations/{username}/revoke", revoke_user, AUTH_ENTERPRISE, spec="ghec"),
    Route("POST", "/enterprises/{enterprise}/credential-authorizations/{username}/revoke-credential-type", revoke_user_type,
          AUTH_ENTERPRISE, spec="ghec"),
]
