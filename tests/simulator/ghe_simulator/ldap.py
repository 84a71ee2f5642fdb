"""LDAP mapping and sync for users and teams (/admin/ldap/...)."""

from . import state as st
from .routing import AUTH_ADMIN_404, Route
from .users import render_user
from .util import Reply, invalid, iso, node_id, not_found


def _team(ctx):
    try:
        wanted = int(ctx.params["team_id"])
    except (TypeError, ValueError):
        raise not_found()
    for team in ctx.state["teams"]:
        if team["id"] == wanted:
            return team
    raise not_found()


def render_team(ctx, team):
    """``ldap-mapping-team``."""
    org = st.find_org(ctx.state, team["org"])
    url = "%s/teams/%d" % (ctx.base_url, team["id"])
    return {
        "ldap_dn": team.get("ldap_dn") or "",
        "id": team["id"],
        "node_id": node_id("Team", team["id"]),
        "url": url,
        "html_url": "%s/orgs/%s/teams/%s" % (ctx.root_url, team["org"], team["slug"]),
        "name": team["name"],
        "slug": team["slug"],
        "description": team.get("description"),
        "privacy": team.get("privacy", "closed"),
        "notification_setting": "notifications_enabled",
        "permission": "pull",
        "members_url": url + "/members{/member}",
        "repositories_url": url + "/repos",
        "parent": None,
        "type": "organization",
        "organization_id": org["id"] if org else 0,
    }


def _dn(ctx):
    dn = ctx.body_dict().get("ldap_dn")
    if not isinstance(dn, str) or "=" not in dn:
        raise invalid("LdapMapping", "ldap_dn", "invalid", "ldap_dn must be a distinguished name")
    return dn


def map_user(ctx):
    user = st.find_user(ctx.state, ctx.params["username"])
    if user is None:
        raise not_found()
    user["ldap_dn"] = _dn(ctx)
    user["updated_at"] = iso()
    st.audit(ctx.state, "ldap.user_mapping", ctx.actor, user=user["login"], ldap_dn=user["ldap_dn"])
    data = render_user(ctx, user, "private")
    data["ldap_dn"] = user["ldap_dn"]
    return Reply(200, data)


def sync_user(ctx):
    user = st.find_user(ctx.state, ctx.params["username"])
    if user is None:
        raise not_found()
    st.audit(ctx.state, "ldap.user_sync", ctx.actor, user=user["login"])
    return Reply(201, {"status": "queued"})


def map_team(ctx):
    team = _team(ctx)
    team["ldap_dn"] = _dn(ctx)
    st.audit(ctx.state, "ldap.team_mapping", ctx.actor, team_id=team["id"], ldap_dn=team["ldap_dn"])
    return Reply(200, render_team(ctx, team))


def sync_team(ctx):
    team = _team(ctx)
    st.audit(ctx.state, "ldap.team_sync", ctx.actor, team_id=team["id"])
    return Reply(201, {"status": "queued"})


ROUTES = [
    Route("PATCH", "/admin/ldap/users/{username}/mapping", map_user, AUTH_ADMIN_404),
    Route("POST", "/admin/ldap/users/{username}/sync", sync_user, AUTH_ADMIN_404),
    Route("PATCH", "/admin/ldap/teams/{team_id}/mapping", map_team, AUTH_ADMIN_404),
    Route("POST", "/admin/ldap/teams/{team_id}/sync", sync_team, AUTH_ADMIN_404),
]
