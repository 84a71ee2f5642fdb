"""Announcement banner, admin statistics, license and meta."""

import datetime

from .routing import AUTH_ADMIN_404, AUTH_ENTERPRISE, AUTH_NONE, AUTH_USER, GHEC, GHES, Route
from .util import ApiError, Reply, invalid, lower, not_found, parse_time, utcnow

STAT_TYPES = ("issues", "hooks", "milestones", "orgs", "comments", "pages", "users", "gists", "pulls", "repos", "security-products")
ALL_STAT_TYPES = ("repos", "hooks", "pages", "orgs", "users", "pulls", "issues", "milestones", "gists", "comments")


# ----------------------------------------------------------------------------- announcement

def format_expiry(value):
    """Echo an instant the way GHES does: ``2021-01-01T00:00:00.000+00:00`` (UTC)."""
    if value is None:
        return None
    moment = parse_time(value).astimezone(datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d+00:00" % (moment.microsecond // 1000)


def _announcement(ctx):
    banner = ctx.state["announcement"]
    return {
        "announcement": banner.get("announcement"),
        "expires_at": format_expiry(banner.get("expires_at")),
        "user_dismissible": bool(banner.get("user_dismissible")),
    }


def get_announcement(ctx):
    return Reply(200, _announcement(ctx))


def set_announcement(ctx):
    body = ctx.body_dict()
    message = body.get("announcement")
    if not isinstance(message, str) or not message.strip():
        raise invalid("Announcement", "announcement", "missing_field", "announcement can't be blank")
    expires = body.get("expires_at")
    if expires in ("", None):
        expires = None
    else:
        try:
            expires = parse_time(expires).astimezone(datetime.timezone.utc).isoformat()
        except (TypeError, ValueError):
            raise invalid("Announcement", "expires_at", "invalid", "expires_at is not a valid ISO 8601 timestamp")
    dismissible = body.get("user_dismissible")
    ctx.state["announcement"] = {
        "announcement": message,
        "expires_at": expires,
        "user_dismissible": bool(dismissible) if dismissible is not None else False,
    }
    return Reply(200, _announcement(ctx))


def delete_announcement(ctx):
    ctx.state["announcement"] = {"announcement": None, "expires_at": None, "user_dismissible": False}
    return Reply(204)


def _enterprise_owner(ctx):
    """GHEC: the enterprise in the path (404 when unknown) and an owner of it (403 otherwise)."""
    enterprise = ctx.state["enterprise"]
    if lower(ctx.params.get("enterprise")) != lower(enterprise.get("slug")):
        raise not_found()
    if lower(ctx.actor) not in [lower(owner) for owner in enterprise.get("owners", [])]:
        raise ApiError(403, "Must be an enterprise owner.")
    return enterprise


def get_enterprise_announcement(ctx):
    """GHEC keeps the enterprise's banner where GHES keeps the instance's (state["announcement"])."""
    _enterprise_owner(ctx)
    return get_announcement(ctx)


def set_enterprise_announcement(ctx):
    _enterprise_owner(ctx)
    return set_announcement(ctx)


def delete_enterprise_announcement(ctx):
    _enterprise_owner(ctx)
    return delete_announcement(ctx)


# ----------------------------------------------------------------------------- stats

def compute_stats(state, kind):
    """One statistics section, derived from state where that is natural."""
    fixed = state.get("stats", {})
    if kind == "users":
        users = state["users"]
        return {
            "total_users": len(users),
            "admin_users": sum(1 for user in users if user.get("site_admin")),
            "suspended_users": sum(1 for user in users if user.get("suspended_at")),
        }
    if kind == "orgs":
        return {
            "total_orgs": len(state["orgs"]),
            "disabled_orgs": int(fixed.get("orgs", {}).get("disabled_orgs", 0)),
            "total_teams": len(state["teams"]),
            "total_team_members": sum(len(team.get("members", [])) for team in state["teams"]),
        }
    if kind == "hooks":
        hooks = state["hooks"]
        active = sum(1 for hook in hooks if hook.get("active"))
        return {"total_hooks": len(hooks), "active_hooks": active, "inactive_hooks": len(hooks) - active}
    return dict(fixed.get(kind, {}))


def get_stats(ctx):
    kind = ctx.path.rstrip("/").rsplit("/", 1)[-1]
    if kind == "all":
        return Reply(200, {name: compute_stats(ctx.state, name) for name in ALL_STAT_TYPES})
    if kind not in STAT_TYPES:
        raise not_found()
    return Reply(200, compute_stats(ctx.state, kind))


# ----------------------------------------------------------------------------- license

def _license_expiry(value):
    """ISO 8601 or GHES' own ``2016/02/06 12:41:52 -0600``; default: a year from now."""
    if not value:
        return utcnow() + datetime.timedelta(days=365)
    try:
        return parse_time(value)
    except ValueError:
        return datetime.datetime.strptime(value, "%Y/%m/%d %H:%M:%S %z")


def license_info(state):
    """The license document (seats_used = users that are not suspended)."""
    lic = state["license"]
    seats = lic.get("seats", 1400)
    used = sum(1 for user in state["users"] if not user.get("suspended_at"))
    expire = _license_expiry(lic.get("expire_at"))
    offset = expire.strftime("%z") or "+0000"
    days = (expire - utcnow()).days
    if isinstance(seats, int):
        available = max(seats - used, 0)
    else:
        available = seats
    return {
        "seats": seats,
        "seats_used": int(lic.get("seats_used", used)),
        "seats_available": lic.get("seats_available", available),
        "kind": lic.get("kind", "standard"),
        "days_until_expiration": int(lic.get("days_until_expiration", max(days, 0))),
        "expire_at": expire.strftime("%Y/%m/%d %H:%M:%S ") + offset,
    }


def get_license(ctx):
    return Reply(200, license_info(ctx.state))


# ----------------------------------------------------------------------------- meta

def get_meta(ctx):
    meta = dict(ctx.state.get("meta") or {})
    meta.setdefault("verifiable_password_authentication", True)
    if ctx.product == GHES:
        meta["installed_version"] = ctx.state["settings"].get("enterprise_version", "3.19.0")
    return Reply(200, meta)


ROUTES = [
    Route("GET", "/enterprise/announcement", get_announcement, AUTH_USER),
    Route("PATCH", "/enterprise/announcement", set_announcement, AUTH_ADMIN_404),
    Route("DELETE", "/enterprise/announcement", delete_announcement, AUTH_ADMIN_404),
    Route("GET", "/enterprise/settings/license", get_license, AUTH_ADMIN_404),
    Route("GET", "/meta", get_meta, AUTH_NONE, products=(GHES, GHEC)),
    Route("GET", "/enterprises/{enterprise}/announcement", get_enterprise_announcement, AUTH_ENTERPRISE, spec=GHEC),
    Route("PATCH", "/enterprises/{enterprise}/announcement", set_enterprise_announcement, AUTH_ENTERPRISE, spec=GHEC),
    Route("DELETE", "/enterprises/{enterprise}/announcement", delete_enterprise_announcement, AUTH_ENTERPRISE, spec=GHEC),
] + [Route("GET", "/enterprise/stats/" + kind, get_stats, AUTH_ADMIN_404) for kind in STAT_TYPES + ("all",)]
