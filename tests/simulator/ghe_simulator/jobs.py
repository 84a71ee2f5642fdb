"""Asynchronous jobs: organization/user rename, organization delete, encryption update/disable,
pre-receive environment downloads.

A job starts in ``started`` and is advanced only by *polls*, i.e. GETs of the resource that
shows its outcome.  ``settings.job_polls`` (default 2) is the number of polls after which the
job is finished: with 2, the first poll still sees it running and the second sees the result;
0 finishes at once; -1 never finishes.  ``settings.fail_jobs`` or ``settings.fail_job_kinds``
(kinds or families, see FAMILIES) make jobs created from then on end ``failed``.
"""

import uuid

from . import state as st
from .util import iso

FAMILIES = {
    "org_rename": ("org_rename", "rename", "org"),
    "user_rename": ("user_rename", "rename", "user"),
    "org_delete": ("org_delete", "org", "delete"),
    "encryption_update": ("encryption_update", "encryption"),
    "encryption_disable": ("encryption_disable", "encryption"),
    "pre_receive_download": ("pre_receive_download", "pre_receive"),
}

FAILURES = {
    "org_rename": "The organization rename job failed.",
    "user_rename": "The user rename job failed.",
    "org_delete": "The organization deletion job failed.",
    "encryption_update": "Failed to update the encryption at rest key: the key vault rejected the key.",
    "encryption_disable": "Failed to disable encryption at rest: the key vault could not be reached.",
    "pre_receive_download": "Failed to download the environment tarball.",
}


def create(state, kind, data):
    """Queue a job and return it (finished at once when job_polls is 0)."""
    settings = state["settings"]
    polls = int(settings.get("job_polls", 2))
    fail_kinds = set(settings.get("fail_job_kinds") or [])
    will_fail = bool(settings.get("fail_jobs")) or bool(fail_kinds.intersection(FAMILIES.get(kind, (kind,))))
    job = {
        "id": str(uuid.uuid4()),
        "kind": kind,
        "status": "started",
        "polls": 0,
        "polls_needed": polls,
        "will_fail": will_fail,
        "error": None,
        "data": data,
        "created_at": iso(),
        "finished_at": None,
    }
    state["jobs"].append(job)
    if polls == 0:
        _finish(state, job)
    return job


def find(state, job_id):
    """The job with this id, or None."""
    for job in state["jobs"]:
        if job["id"] == job_id:
            return job
    return None


def pending(state, kind, **match):
    """Started jobs of a kind whose data matches (case-insensitive for strings)."""
    result = []
    for job in state["jobs"]:
        if job["kind"] != kind or job["status"] != "started":
            continue
        if all(st.lower(str(job["data"].get(key))) == st.lower(str(value)) for key, value in match.items()):
            result.append(job)
    return result


def poll(state, job):
    """Count one poll of a job's observable resource; finish it when due."""
    if job["status"] != "started":
        return job
    job["polls"] += 1
    needed = job["polls_needed"]
    if 0 <= needed <= job["polls"]:
        _finish(state, job)
    return job


def _finish(state, job):
    job["finished_at"] = iso()
    if job["will_fail"]:
        job["status"] = "failed"
        job["error"] = FAILURES.get(job["kind"], "The job failed.")
        return
    APPLY[job["kind"]](state, job)
    job["status"] = "complete"


def _apply_org_rename(state, job):
    org = next((o for o in state["orgs"] if o["id"] == job["data"]["org_id"]), None)
    if org is not None:
        org["login"] = job["data"]["new_login"]
        org["updated_at"] = iso()
        for team in state["teams"]:
            if st.lower(team["org"]) == st.lower(job["data"]["old_login"]):
                team["org"] = org["login"]


def _apply_user_rename(state, job):
    user = st.find_user_by_id(state, job["data"]["user_id"])
    if user is not None:
        old = user["login"]
        user["login"] = job["data"]["new_login"]
        user["updated_at"] = iso()
        st.rename_user_refs(state, old, user["login"])


def _apply_org_delete(state, job):
    org_id = job["data"]["org_id"]
    for org in list(state["orgs"]):
        if org["id"] == org_id:
            state["orgs"].remove(org)
            state["deleted_org_logins"].append(org["login"])
    state["teams"] = [team for team in state["teams"] if st.lower(team["org"]) != st.lower(job["data"]["login"])]


def _apply_encryption_update(state, job):
    encryption = state["encryption"]
    encryption["enabled"] = True
    encryption["updated_at"] = iso()
    encryption["primary_key_version"] = uuid.uuid4().hex
    encryption["replica_key_version"] = uuid.uuid4().hex
    encryption["backup_key_version"] = uuid.uuid4().hex
    encryption["key_sha256"] = job["data"].get("key_sha256")


def _apply_encryption_disable(state, job):
    state["encryption"].update({
        "enabled": False, "updated_at": None, "primary_key_version": None, "replica_key_version": None,
        "backup_key_version": None, "key_sha256": None,
    })


def _apply_download(state, job):
    for env in state["pre_receive_environments"]:
        if env["id"] == job["data"]["environment_id"]:
            env["download"] = {"state": "success", "downloaded_at": iso(), "message": None}


APPLY = {
    "org_rename": _apply_org_rename,
    "user_rename": _apply_user_rename,
    "org_delete": _apply_org_delete,
    "encryption_update": _apply_encryption_update,
    "encryption_disable": _apply_encryption_disable,
    "pre_receive_download": _apply_download,
}
