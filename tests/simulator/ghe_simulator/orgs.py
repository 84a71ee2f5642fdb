"""Organizations: POST /admin/organizations, PATCH /admin/organizations/{org} (async rename),
GET/PATCH/DELETE /orgs/{org} (delete is async)."""

import re

from . import jobs
from . import state as st
from .routing import AUTH_ADMIN_404, AUTH_USER, GHEC, GHES, Route
from .util import ApiError, Reply, invalid, iso, lower, node_id, not_found

LOGIN_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+$")
PATCH_PROFILE_FIELDS = ("billing_email", "company", "email", "twitter_username", "location", "name", "blog")


def valid_login(login):
    """GitHub logins: alphanumerics and single inner hyphens, at most 39 characters."""
    return isinstance(login, str) and bool(LOGIN_RE.match(login))


def render_simple(ctx, org):
    """organization-simple."""
    login = org["login"]
    url = "%s/orgs/%s" % (ctx.base_url, login)
    return {
        "login": login,
        "id": org["id"],
        "node_id": node_id("Organization", org["id"]),
        "url": url,
        "repos_url": url + "/repos",
        "events_url": url + "/events",
        "hooks_url": url + "/hooks",
        "issues_url": url + "/issues",
        "members_url": url + "/members{/member}",
        "public_members_url": url + "/public_members{/member}",
        "avatar_url": "%s/avatars/u/%d?" % (ctx.root_url, org["id"]),
        "description": org.get("description"),
    }


def render_full(ctx, org):
    """organization-full (optional string fields that are unset are left out: the schema does not allow null)."""
    data = render_simple(ctx, org)
    for field in ("name", "company", "blog", "location", "email"):
        if org.get(field) is not None:
            data[field] = org[field]
    data.update({
        "twitter_username": org.get("twitter_username"),
        "is_verified": False,
        "public_repos": 0,
        "public_gists": 0,
        "followers": 0,
        "following": 0,
        "html_url": "%s/%s" % (ctx.root_url, org["login"]),
        "type": "Organization",
        "total_private_repos": 0,
        "owned_private_repos": 0,
        "private_gists": 0,
        "disk_usage": 0,
        "collaborators": 0,
        "billing_email": org.get("billing_email"),
        "default_repository_branch": "main",
        "members_can_create_public_pages": True,
        "members_can_create_private_pages": True,
        "created_at": org["created_at"],
        "updated_at": org["updated_at"],
        "archived_at": None,
    })
    data.update(org["settings"])
    return data


def _lookup(ctx, login, poll=True):
    """Resolve an organization for GET/PATCH/DELETE /orgs/{org}, honouring pending jobs."""
    state = ctx.state
    if poll:
        for job in jobs.pending(state, "org_rename", new_login=login):
            jobs.poll(state, job)
    org = st.find_org(state, login)
    if org is None:
        raise not_found()
    if poll:
        for job in jobs.pending(state, "org_delete", org_id=org["id"]):
            jobs.poll(state, job)
        org = st.find_org(state, login)
        if org is None:
            raise not_found()
    return org


NOT_OWNER = "Must have admin rights to Repository."


def _require_owner(ctx, org):
    """PATCH/DELETE /orgs/{org}: "The authenticated user must be an organization owner" - being a site
    administrator is not enough; GitHub answers 403 with its generic admin-rights message."""
    if lower(ctx.actor) in [lower(x) for x in org["admins"]]:
        return
    raise ApiError(403, NOT_OWNER)


def create_org(ctx):
    body = ctx.body_dict()
    login = body.get("login")
    admin_login = body.get("admin")
    if not valid_login(login):
        raise invalid("Organization", "login", "invalid", "login may only contain alphanumeric characters or single hyphens, "
                      "and cannot begin or end with a hyphen")
    if st.login_taken(ctx.state, login):
        raise invalid("Organization", "login", "already_exists", "login '%s' is already taken" % login)
    admin = st.find_user(ctx.state, admin_login)
    if admin is None:
        raise invalid("Organization", "admin", "invalid", "admin '%s' is not a user" % admin_login)
    now = iso()
    org = {"login": login, "id": st.next_id(ctx.state, "account"), "admins": [admin["login"]], "members": [admin["login"]],
           "name": body.get("profile_name"), "description": None, "created_at": now, "updated_at": now}
    ctx.state["orgs"].append(org)
    _fill_org(org)
    st.audit(ctx.state, "org.create", ctx.actor, org=login, admin=admin["login"])
    return Reply(201, render_simple(ctx, org))


def _fill_org(org):
    for field in st.ORG_PROFILE_FIELDS:
        org.setdefault(field, None)
    settings = dict(st.ORG_SETTING_DEFAULTS)
    settings.update(org.get("settings") or {})
    org["settings"] = settings


def rename_org(ctx):
    org = st.find_org(ctx.state, ctx.params["org"])
    if org is None:
        raise not_found()
    new_login = ctx.body_dict().get("login")
    if not valid_login(new_login):
        raise invalid("Organization", "login", "invalid")
    if lower(new_login) != lower(org["login"]) and st.login_taken(ctx.state, new_login):
        raise invalid("Organization", "login", "already_exists", "login '%s' is already taken" % new_login)
    jobs.create(ctx.state, "org_rename", {"org_id": org["id"], "old_login": org["login"], "new_login": new_login})
    st.audit(ctx.state, "org.rename", ctx.actor, org=org["login"], new_login=new_login)
    return Reply(202, {"message": "Job queued to rename organization. It may take a few minutes to complete.",
                       "url": "%s/organizations/%d" % (ctx.base_url, org["id"])})


def get_org(ctx):
    return Reply(200, render_full(ctx, _lookup(ctx, ctx.params["org"])))


def update_org(ctx):
    org = _lookup(ctx, ctx.params["org"], poll=False)
    _require_owner(ctx, org)
    body = ctx.body_dict()
    for field in ("email", "billing_email"):
        value = body.get(field)
        if value not in (None, "") and not EMAIL_RE.match(str(value)):
            raise invalid("Organization", field, "invalid", "%s is not a valid email address" % field)
    for field in PATCH_PROFILE_FIELDS:
        if field in body:
            value = body[field]
            org[field] = value if value != "" or field == "name" else None
    for field, value in body.items():
        if field in org["settings"]:
            org["settings"][field] = value
    org["updated_at"] = iso()
    return Reply(200, render_full(ctx, org))


def delete_org(ctx):
    org = _lookup(ctx, ctx.params["org"], poll=False)
    _require_owner(ctx, org)
    if not jobs.pending(ctx.state, "org_delete", org_id=org["id"]):
        jobs.create(ctx.state, "org_delete", {"org_id": org["id"], "login": org["login"]})
        st.audit(ctx.state, "org.delete", ctx.actor, org=org["login"])
    return Reply(202, {})


ROUTES = [
    Route("POST", "/admin/organizations", create_org, AUTH_ADMIN_404),
    Route("PATCH", "/admin/organizations/{org}", rename_org, AUTH_ADMIN_404),
    Route("GET", "/orgs/{org}", get_org, AUTH_USER, products=(GHES, GHEC)),
    Route("PATCH", "/orgs/{org}", update_org, AUTH_USER, products=(GHES, GHEC)),
    Route("DELETE", "/orgs/{org}", delete_org, AUTH_USER, products=(GHES, GHEC)),
]
