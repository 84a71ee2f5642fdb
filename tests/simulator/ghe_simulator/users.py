"""Users: list, get, create, rename (async), delete, suspension, impersonation tokens, admin keys and tokens;
the account listings `GET /users` and `GET /organizations`."""

import re
from urllib.parse import urlencode

from . import jobs
from . import state as st
from .orgs import render_simple as render_simple_org
from .routing import AUTH_ADMIN_403, AUTH_USER, GHEC, GHES, Route
from .util import ApiError, Reply, invalid, iso, lower, new_token, node_id, not_found, paginate, parse_time, sha256_hex

MAX_LOGIN = 39


def normalize_login(login):
    """Like GHES: anything but alphanumerics becomes a single hyphen (``octo_cat`` -> ``octo-cat``)."""
    return re.sub(r"[^A-Za-z0-9]+", "-", login or "").strip("-")


def render_user(ctx, user, view="public"):
    """A user as ``simple-user``, ``public-user`` or ``private-user`` (+ suspended_at/ldap_dn)."""
    login = user["login"]
    url = "%s/users/%s" % (ctx.base_url, login)
    data = {
        "login": login,
        "id": user["id"],
        "node_id": node_id("User", user["id"]),
        "avatar_url": "%s/avatars/u/%d?" % (ctx.root_url, user["id"]),
        "gravatar_id": "",
        "url": url,
        "html_url": "%s/%s" % (ctx.root_url, login),
        "followers_url": url + "/followers",
        "following_url": url + "/following{/other_user}",
        "gists_url": url + "/gists{/gist_id}",
        "starred_url": url + "/starred{/owner}{/repo}",
        "subscriptions_url": url + "/subscriptions",
        "organizations_url": url + "/orgs",
        "repos_url": url + "/repos",
        "events_url": url + "/events{/privacy}",
        "received_events_url": url + "/received_events",
        "type": "User",
        "site_admin": bool(user.get("site_admin")),
    }
    if view == "simple":
        data["name"] = user.get("name")
        data["email"] = user.get("email")
        data["user_view_type"] = "public"
        return data
    data.update({
        "user_view_type": "private" if view == "private" else "public",
        "name": user.get("name"),
        "company": user.get("company"),
        "blog": user.get("blog"),
        "location": user.get("location"),
        "email": user.get("email"),
        "hireable": None,
        "bio": user.get("bio"),
        "twitter_username": user.get("twitter_username"),
        "public_repos": 0,
        "public_gists": 0,
        "followers": 0,
        "following": 0,
        "created_at": user["created_at"],
        "updated_at": user["updated_at"],
    })
    if view == "private":
        data.update({
            "private_gists": 0,
            "total_private_repos": 0,
            "owned_private_repos": 0,
            "disk_usage": 0,
            "collaborators": 0,
            "two_factor_authentication": bool(user.get("two_factor_authentication", False)),
            "suspended_at": user.get("suspended_at"),
        })
        if user.get("ldap_dn"):
            data["ldap_dn"] = user["ldap_dn"]
    return data


def _user(ctx, login=None):
    user = st.find_user(ctx.state, ctx.params.get("username") if login is None else login)
    if user is None:
        raise not_found()
    return user


# ----------------------------------------------------------------------------- users

def get_user(ctx):
    login = ctx.params["username"]
    for job in jobs.pending(ctx.state, "user_rename", new_login=login):
        jobs.poll(ctx.state, job)
    user = _user(ctx, login)
    private = ctx.is_site_admin or lower(ctx.actor) == lower(user["login"])
    return Reply(200, render_user(ctx, user, "private" if private else "public"))


def create_user(ctx):
    body = ctx.body_dict()
    login = normalize_login(body.get("login"))
    if not login or len(login) > MAX_LOGIN:
        raise invalid("User", "login", "invalid", "login is invalid")
    if st.login_taken(ctx.state, login):
        raise invalid("User", "login", "already_exists", "login '%s' is already taken" % login)
    email = body.get("email")
    if email is not None:
        if "@" not in str(email):
            raise invalid("User", "email", "invalid", "email is invalid")
        if any(lower(user.get("email")) == lower(email) for user in ctx.state["users"]):
            raise invalid("User", "email", "already_exists", "email is already associated with an account")
    now = iso()
    user = {"login": login, "id": st.next_id(ctx.state, "account"), "site_admin": False, "name": None, "email": email,
            "suspended_at": now if body.get("suspended") else None, "ldap": False, "ldap_dn": None, "company": None,
            "blog": None, "location": None, "bio": None, "twitter_username": None, "created_at": now, "updated_at": now}
    ctx.state["users"].append(user)
    st.audit(ctx.state, "user.create", ctx.actor, user=login)
    return Reply(201, render_user(ctx, user, "simple"))


def rename_user(ctx):
    user = _user(ctx)
    new_login = ctx.body_dict().get("login")
    if not isinstance(new_login, str) or normalize_login(new_login) != new_login or len(new_login) > MAX_LOGIN:
        raise invalid("User", "login", "invalid", "login is invalid")
    if lower(new_login) != lower(user["login"]) and st.login_taken(ctx.state, new_login):
        raise invalid("User", "login", "already_exists", "login '%s' is already taken" % new_login)
    jobs.create(ctx.state, "user_rename", {"user_id": user["id"], "old_login": user["login"], "new_login": new_login})
    st.audit(ctx.state, "user.rename", ctx.actor, user=user["login"], new_login=new_login)
    return Reply(202, {"message": "Job queued to rename user. It may take a few minutes to complete.",
                       "url": "%s/user/%d" % (ctx.base_url, user["id"])})


def delete_user(ctx):
    user = _user(ctx)
    if user is ctx.user:
        raise ApiError(403, "You cannot delete your own account.")
    state = ctx.state
    state["users"].remove(user)
    login = lower(user["login"])
    state["tokens"] = [token for token in state["tokens"] if lower(token.get("user")) != login]
    state["keys"] = [key for key in state["keys"] if lower(key.get("user")) != login]
    for org in state["orgs"]:
        org["admins"] = [x for x in org["admins"] if lower(x) != login]
        org["members"] = [x for x in org.get("members", []) if lower(x) != login]
    for team in state["teams"]:
        team["members"] = [x for x in team.get("members", []) if lower(x) != login]
    st.audit(state, "user.delete", ctx.actor, user=user["login"])
    return Reply(204)


# ----------------------------------------------------------------------------- suspension

def _reason(ctx, default):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    reason = body.get("reason")
    return reason if isinstance(reason, str) and reason else default


def suspend_user(ctx):
    user = _user(ctx)
    if user is ctx.user:
        raise ApiError(403, "You cannot suspend yourself.")
    if user.get("ldap"):
        raise ApiError(403, "Active Directory LDAP-authenticated users cannot be suspended through the API. "
                            "This user is managed by LDAP sync.")
    if user.get("site_admin") and not ctx.state["settings"].get("site_admins_can_be_suspended"):
        raise ApiError(403, "Site administrators cannot be suspended. Demote the user to a regular user first.")
    reason = _reason(ctx, "Suspended via API by %s" % ctx.actor)
    changed = not user.get("suspended_at")
    if changed:
        user["suspended_at"] = iso()
        user["updated_at"] = user["suspended_at"]
    st.audit(ctx.state, "user.suspend", ctx.actor, user=user["login"], reason=reason, changed=changed)
    return Reply(204)


def unsuspend_user(ctx):
    user = _user(ctx)
    if user.get("ldap"):
        raise ApiError(403, "Active Directory LDAP-authenticated users cannot be unsuspended using the API. "
                            "This user is managed by LDAP sync.")
    reason = _reason(ctx, "Unsuspended via API by %s" % ctx.actor)
    changed = bool(user.get("suspended_at"))
    if changed:
        user["suspended_at"] = None
        user["updated_at"] = iso()
    st.audit(ctx.state, "user.unsuspend", ctx.actor, user=user["login"], reason=reason, changed=changed)
    return Reply(204)


# ----------------------------------------------------------------------------- tokens

def render_token(ctx, token, reveal=False):
    """The ``authorization`` schema; the token value only when ``reveal`` (creation)."""
    owner = st.find_user(ctx.state, token.get("user")) if token.get("user") else None
    if token.get("kind") == "impersonation":
        app = {"name": "GitHub Site Administrator", "url": "https://docs.github.com/enterprise-server@3.19/rest/enterprise-admin/users",
               "client_id": "00000000000000000000"}
    else:
        app = {"name": token.get("note") or "Personal access token",
               "url": "https://docs.github.com/enterprise-server@3.19/rest/enterprise-admin/users#list-personal-access-tokens",
               "client_id": "00000000000000000000"}
    return {
        "id": token["id"],
        "url": "%s/authorizations/%d" % (ctx.base_url, token["id"]),
        "scopes": list(token.get("scopes") or []),
        "token": token["token"] if reveal else "",
        "token_last_eight": token["token"][-8:],
        "hashed_token": sha256_hex(token["token"]),
        "app": app,
        "note": token.get("note"),
        "note_url": token.get("note_url"),
        "updated_at": token["updated_at"],
        "created_at": token["created_at"],
        "expires_at": token.get("expires_at"),
        "fingerprint": None,
        "user": render_user(ctx, owner, "simple") if owner else None,
    }


def create_impersonation_token(ctx):
    user = _user(ctx)
    scopes = ctx.body_dict().get("scopes") or []
    wanted = sorted(set(scopes))
    for token in ctx.state["tokens"]:
        if token.get("kind") == "impersonation" and lower(token.get("user")) == lower(user["login"]) \
                and sorted(set(token.get("scopes") or [])) == wanted:
            return Reply(200, render_token(ctx, token))
    now = iso()
    token = {"id": st.next_id(ctx.state, "token"), "token": new_token(), "user": user["login"], "kind": "impersonation",
             "scopes": list(scopes), "note": None, "note_url": None, "created_at": now, "updated_at": now, "expires_at": None}
    ctx.state["tokens"].append(token)
    st.audit(ctx.state, "user.impersonation_token.create", ctx.actor, user=user["login"], scopes=list(scopes))
    return Reply(201, render_token(ctx, token, reveal=True))


def delete_impersonation_token(ctx):
    user = _user(ctx)
    before = len(ctx.state["tokens"])
    ctx.state["tokens"] = [token for token in ctx.state["tokens"]
                           if not (token.get("kind") == "impersonation" and lower(token.get("user")) == lower(user["login"]))]
    st.audit(ctx.state, "user.impersonation_token.delete", ctx.actor, user=user["login"], deleted=before - len(ctx.state["tokens"]))
    return Reply(204)


def list_tokens(ctx):
    tokens = sorted((token for token in ctx.state["tokens"] if token.get("kind", "pat") == "pat"), key=lambda token: token["id"])
    page, headers = paginate(ctx, tokens)
    return Reply(200, [render_token(ctx, token) for token in page], headers)


def delete_token(ctx):
    try:
        wanted = int(ctx.params["token_id"])
    except (TypeError, ValueError):
        raise not_found()
    token = next((t for t in ctx.state["tokens"] if t["id"] == wanted and t.get("kind", "pat") == "pat"), None)
    if token is None:
        raise not_found()
    if token is ctx.token:
        raise ApiError(403, "This personal access token is in use and cannot be deleted: "
                            "it is the token used to authenticate this request.")
    ctx.state["tokens"].remove(token)
    st.audit(ctx.state, "token.delete", ctx.actor, token_id=wanted, user=token.get("user"))
    return Reply(204)


# ----------------------------------------------------------------------------- keys

def render_key(ctx, key):
    """``public-key-full``."""
    owner = st.find_user(ctx.state, key.get("user")) if key.get("user") else None
    if key.get("repository_id") is not None:
        url = "%s/repositories/%d/keys/%d" % (ctx.base_url, key["repository_id"], key["id"])
    else:
        url = "%s/user/keys/%d" % (ctx.base_url, key["id"])
    return {
        "id": key["id"],
        "key": key["key"],
        "user_id": owner["id"] if owner else None,
        "repository_id": key.get("repository_id"),
        "url": url,
        "title": key.get("title") or "",
        "read_only": bool(key.get("read_only")),
        "verified": bool(key.get("verified", True)),
        "created_at": key["created_at"],
        "added_by": key.get("added_by"),
        "last_used": key.get("last_used"),
        "enabled": True,
    }


def list_keys(ctx):
    keys = list(ctx.state["keys"])
    since = ctx.query_value("since")
    if since:
        try:
            moment = parse_time(since)
        except ValueError:
            raise invalid("PublicKey", "since", "invalid", "since must be an ISO 8601 timestamp")
        keys = [key for key in keys if key.get("last_used") and parse_time(key["last_used"]) >= moment]
    sort = ctx.query_value("sort", "created")
    field = "last_used" if sort == "accessed" else "created_at"
    keys.sort(key=lambda key: (key.get(field) or "", key["id"]), reverse=ctx.query_value("direction", "desc") != "asc")
    page, headers = paginate(ctx, keys)
    return Reply(200, [render_key(ctx, key) for key in page], headers)


def delete_keys(ctx):
    raw = ctx.params["key_ids"]
    try:
        wanted = [int(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        raise not_found()
    found = [key for key in ctx.state["keys"] if key["id"] in wanted]
    if not wanted or len(found) != len(set(wanted)):
        raise not_found()
    ctx.state["keys"] = [key for key in ctx.state["keys"] if key["id"] not in wanted]
    st.audit(ctx.state, "public_key.delete", ctx.actor, key_ids=wanted)
    return Reply(204)


# ----------------------------------------------------------------------------- listings

def _since_page(ctx, records, key=lambda record: record["id"]):
    """``records`` whose id is above ``since``, by id, one page of ``per_page``: GitHub pages these only by ``since``."""
    try:
        since = int(ctx.query_value("since") or 0)
    except ValueError:
        since = 0
    try:
        per_page = int(ctx.query_value("per_page") or 30)
    except ValueError:
        per_page = 30
    per_page = min(per_page if per_page > 0 else 30, 100)
    after = sorted((record for record in records if key(record) > since), key=key)
    page = after[:per_page]
    headers = {}
    if len(after) > per_page:
        pairs = [(k, v) for k, v in ctx.query_pairs if k != "since"] + [("since", str(key(page[-1])))]
        headers["Link"] = '<%s?%s>; rel="next"' % (ctx.page_url, urlencode(pairs))
    return page, headers


def render_org_account(ctx, org):
    """An organization as ``simple-user`` (``GET /users`` lists organizations too, with ``type: Organization``)."""
    data = render_user(ctx, org, "simple")
    url = "%s/orgs/%s" % (ctx.base_url, org["login"])
    data.update(type="Organization", site_admin=False, email=None, url=url, repos_url=url + "/repos",
                events_url=url + "/events")
    return data


def list_users(ctx):
    accounts = [(user, render_user) for user in ctx.state["users"]] + [(org, render_org_account) for org in ctx.state["orgs"]]
    page, headers = _since_page(ctx, accounts, key=lambda account: account[0]["id"])
    return Reply(200, [render(ctx, account, "simple") if render is render_user else render(ctx, account)
                       for account, render in page], headers)


def list_orgs(ctx):
    page, headers = _since_page(ctx, ctx.state["orgs"])
    return Reply(200, [render_simple_org(ctx, org) for org in page], headers)


ROUTES = [
    Route("GET", "/users", list_users, AUTH_USER, products=(GHES, GHEC)),
    Route("GET", "/organizations", list_orgs, AUTH_USER, products=(GHES, GHEC)),
    Route("GET", "/users/{username}", get_user, AUTH_USER, products=(GHES, GHEC)),
    Route("POST", "/admin/users", create_user, AUTH_ADMIN_403),
    Route("PATCH", "/admin/users/{username}", rename_user, AUTH_ADMIN_403),
    Route("DELETE", "/admin/users/{username}", delete_user, AUTH_ADMIN_403),
    Route("PUT", "/users/{username}/suspended", suspend_user, AUTH_ADMIN_403),
    Route("DELETE", "/users/{username}/suspended", unsuspend_user, AUTH_ADMIN_403),
    Route("POST", "/admin/users/{username}/authorizations", create_impersonation_token, AUTH_ADMIN_403),
    Route("DELETE", "/admin/users/{username}/authorizations", delete_impersonation_token, AUTH_ADMIN_403),
    Route("GET", "/admin/tokens", list_tokens, AUTH_ADMIN_403),
    Route("DELETE", "/admin/tokens/{token_id}", delete_token, AUTH_ADMIN_403),
    Route("GET", "/admin/keys", list_keys, AUTH_ADMIN_403),
    Route("DELETE", "/admin/keys/{key_ids}", delete_keys, AUTH_ADMIN_403),
]
