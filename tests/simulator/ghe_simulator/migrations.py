"""Enterprise Live Migrations (/enterprise/live-migrations): a small state machine."""

import datetime
import uuid
import zlib

from . import state as st
from .routing import AUTH_ADMIN_403, Route
from .util import ApiError, Reply, iso, lower, not_found, utcnow

TERMINAL = ("completed", "terminated", "failed")


def _find(ctx):
    for migration in ctx.state["live_migrations"]:
        if migration["migration_id"] == ctx.params["migration_id"]:
            return migration
    raise not_found()


def _conflict(migration, action):
    return ApiError(409, "Cannot %s a migration in state '%s'." % (action, migration["status"]))


def render(ctx, migration):
    """The ``migration`` object of list/get."""
    source = "%s/%s/%s" % (ctx.root_url, migration["source_organization_login"], migration["source_repository_name"])
    target = "%s/%s/%s" % (migration["target_api_endpoint"].rstrip("/"), migration["target_organization_login"],
                           migration["target_repository_name"])
    data = {key: migration.get(key) for key in (
        "migration_id", "status", "source_organization_login", "target_organization_login", "source_repository_name",
        "target_repository_name", "target_visibility", "target_api_endpoint", "target_migration_id", "created_at",
        "started_at", "completed_at", "expires_at")}
    data["repositories"] = [{"source_repository_url": source, "target_repository_url": target, "status": migration["status"]}]
    return data


def list_migrations(ctx):
    wanted = ctx.query_value("status")
    items = [m for m in ctx.state["live_migrations"] if wanted in (None, "", "all") or m["status"] == wanted]
    try:
        size = int(ctx.query_value("page_size", 30))
    except ValueError:
        size = 30
    after = ctx.query_value("after")
    if after:
        ids = [m["migration_id"] for m in items]
        items = items[ids.index(after) + 1:] if after in ids else []
    page = items[:size]
    body = {"migrations": [render(ctx, m) for m in page], "total_count": len(ctx.state["live_migrations"])}
    if len(items) > size:
        body["next_cursor"] = page[-1]["migration_id"]
    return Reply(200, body)


def create_migration(ctx):
    body = ctx.body_dict()
    if st.find_org(ctx.state, body.get("source_organization_login")) is None:
        raise ApiError(422, "Validation Failed", errors=[{"resource": "LiveMigration", "field": "source_organization_login", "code": "invalid"}])
    for other in ctx.state["live_migrations"]:
        if other["status"] not in TERMINAL and lower(other["source_organization_login"]) == lower(body["source_organization_login"]) \
                and lower(other["source_repository_name"]) == lower(body["source_repository_name"]):
            raise ApiError(409, "A live migration for this repository is already in progress.")
    now = utcnow()
    migration = {
        "migration_id": str(uuid.uuid4()),
        "status": "created",
        "source_organization_login": body["source_organization_login"],
        "target_organization_login": body["target_organization_login"],
        "source_repository_name": body["source_repository_name"],
        "target_repository_name": body["target_repository_name"],
        "target_visibility": body.get("target_visibility"),
        "target_api_endpoint": body["target_api_endpoint"],
        "target_migration_id": zlib.crc32(body["target_repository_name"].encode("utf-8")),
        "pat_name": body["pat_name"],
        "created_at": iso(now),
        "started_at": None,
        "completed_at": None,
        "expires_at": iso(now + datetime.timedelta(days=7)),
    }
    ctx.state["live_migrations"].append(migration)
    return Reply(201, {"migration_id": migration["migration_id"], "expires_at": migration["expires_at"]})


def get_migration(ctx):
    migration = _find(ctx)
    ready = migration["status"] == "in_progress"
    return Reply(200, {
        "migration": render(ctx, migration),
        "target_state": None,
        "combined_state": {
            "status": migration["status"],
            "display_message": "Migration is %s" % migration["status"].replace("_", " "),
            "ready_for_cutover": ready,
            "cutover_blockers": [] if ready else ["migration is not in progress"],
            "repositories": [{"repository_nwo": "%s/%s" % (migration["source_organization_login"], migration["source_repository_name"]),
                              "phase": migration["status"], "display_status": migration["status"]}],
        },
        "messages": [],
    })


def _transition(ctx, action, allowed, new_status, idempotent=()):
    migration = _find(ctx)
    if migration["status"] in idempotent:
        return Reply(204)
    if migration["status"] not in allowed:
        raise _conflict(migration, action)
    migration["status"] = new_status
    if new_status == "in_progress" and not migration.get("started_at"):
        migration["started_at"] = iso()
    if new_status in TERMINAL:
        migration["completed_at"] = iso()
    return Reply(204)


def start(ctx):
    return _transition(ctx, "start", ("created", "paused", "failed"), "in_progress")


def pause(ctx):
    return _transition(ctx, "pause", ("in_progress",), "paused", idempotent=("paused",))


def resume(ctx):
    return _transition(ctx, "resume", ("paused",), "in_progress")


def cancel(ctx):
    return _transition(ctx, "cancel", ("created", "queued", "in_progress", "paused", "failed"), "terminated")


def cutover(ctx):
    return _transition(ctx, "cut over", ("in_progress",), "completed")


def revert_cutover(ctx):
    migration = _find(ctx)
    if migration["status"] != "completed":
        raise _conflict(migration, "revert the cutover of")
    migration["status"] = "terminated"
    return Reply(200, {"success": True, "unarchived_source_repository": True, "in_progress_cutover_terminated": False,
                       "in_progress_migration_terminated": False})


BASE = "/enterprise/live-migrations"
ROUTES = [
    Route("GET", BASE, list_migrations, AUTH_ADMIN_403),
    Route("POST", BASE, create_migration, AUTH_ADMIN_403),
    Route("GET", BASE + "/{migration_id}", get_migration, AUTH_ADMIN_403),
    Route("POST", BASE + "/{migration_id}/start", start, AUTH_ADMIN_403),
    Route("POST", BASE + "/{migration_id}/pause", pause, AUTH_ADMIN_403),
    Route("POST", BASE + "/{migration_id}/resume", resume, AUTH_ADMIN_403),
    Route("POST", BASE + "/{migration_id}/cancel", cancel, AUTH_ADMIN_403),
    Route("POST", BASE + "/{migration_id}/cutover", cutover, AUTH_ADMIN_403),
    Route("POST", BASE + "/{migration_id}/revert-cutover", revert_cutover, AUTH_ADMIN_403),
]
