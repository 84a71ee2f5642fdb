"""Identity: the token's own user (`GET /user`), site administrators (promote/demote) and teams by slug."""

from . import state as st
from .ldap import render_team
from .orgs import render_full as render_full_org
from .routing import AUTH_ADMIN_403, AUTH_USER, GHEC, GHES, Route
from .users import render_user
from .util import ApiError, Reply, iso, lower, not_found


def get_authenticated_user(ctx):
    return Reply(200, render_user(ctx, ctx.user, "private"))


def _user(ctx):
    user = st.find_user(ctx.state, ctx.params["username"])
    if user is None:
        raise not_found()
    return user


def _refuse_ldap_managed(ctx, user):
    """With settings.ldap_sync_site_admins, LDAP Sync owns the site administrators among LDAP users."""
    if user.get("ldap") and ctx.state["settings"].get("ldap_sync_site_admins"):
        raise ApiError(403, "Site administrator status of LDAP users is managed by LDAP Sync (the administrators "
                            "group). Change the group membership in the directory.")


def _set_site_admin(ctx, user, value, action):
    changed = bool(user.get("site_admin")) != value
    if changed:
        user["site_admin"] = value
        user["updated_at"] = iso()
    st.audit(ctx.state, action, ctx.actor, user=user["login"], changed=changed)
    return Reply(204)


def promote(ctx):
    user = _user(ctx)
    _refuse_ldap_managed(ctx, user)
    return _set_site_admin(ctx, user, True, "user.promote")


def demote(ctx):
    user = _user(ctx)
    if lower(user["login"]) == lower(ctx.actor):
        raise ApiError(403, "You cannot demote yourself.")
    _refuse_ldap_managed(ctx, user)
    return _set_site_admin(ctx, user, False, "user.demote")


def get_team(ctx):
    org = st.find_org(ctx.state, ctx.params["org"])
    if org is None:
        raise not_found()
    for team in ctx.state["teams"]:
        if lower(team["org"]) == lower(org["login"]) and lower(team["slug"]) == lower(ctx.params["team_slug"]):
            data = render_team(ctx, team)
            data.update({
                "members_count": len(team.get("members", [])),
                "repos_count": 0,
                "created_at": team.get("created_at") or org["created_at"],
                "updated_at": team.get("updated_at") or org["updated_at"],
                "organization": render_full_org(ctx, org),
            })
            if not team.get("ldap_dn"):
                data.pop("ldap_dn")
            return Reply(200, data)
    raise not_found()


ROUTES = [
    Route("GET", "/user", get_authenticated_user, AUTH_USER, products=(GHES, GHEC)),
    Route("PUT", "/users/{username}/site_admin", promote, AUTH_ADMIN_403),
    Route("DELETE", "/users/{username}/site_admin", demote, AUTH_ADMIN_403),
    Route("GET", "/orgs/{org}/teams/{team_slug}", get_team, AUTH_USER),
]
