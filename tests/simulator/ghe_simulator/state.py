"""The simulator's state: defaults, fixture merging and lookups.

The state is one JSON-able dict (see README.md for the fixture format).  Collections are
lists of dicts; users, organizations and admins are referenced by login.
"""

import copy
import datetime

from .util import iso, lower, sha256_hex, utcnow

ADMIN_TOKEN = "ghp_simadmin000000000000000000000000000"
USER_TOKEN = "ghp_simuser0000000000000000000000000000"

DEFAULT_SETTINGS = {
    "job_polls": 2,
    "fail_jobs": False,
    "fail_job_kinds": [],
    "credential_revoke_limit": 60,
    "rate_limit": 5000,
    "rate_limit_unauthenticated": 60,
    "rate_limit_enforce": False,
    "api_versions": ["2022-11-28"],
    "enterprise_version": "3.19.0",
    "reserve_deleted_org_logins": True,
    "site_admins_can_be_suspended": False,
    "flag_masked_secret": True,
    "validate_full_lists": False,
    "manage_password": "sim-manage-password",
    "hold_timeout": 30,
}

# What differs between the products (merged over DEFAULT_SETTINGS before the fixture)
PRODUCT_SETTINGS = {
    "ghes": {"api_versions": ["2022-11-28"]},
    "ghec": {"api_versions": ["2022-11-28", "2026-03-10"]},
}
MANAGE_PASSWORD = DEFAULT_SETTINGS["manage_password"]

ORG_SETTING_DEFAULTS = {
    "has_organization_projects": True,
    "has_repository_projects": True,
    "default_repository_permission": "read",
    "members_can_create_repositories": True,
    "two_factor_requirement_enabled": False,
    "members_allowed_repository_creation_type": "all",
    "members_can_create_public_repositories": True,
    "members_can_create_private_repositories": True,
    "members_can_create_internal_repositories": True,
    "members_can_create_pages": True,
    "members_can_fork_private_repositories": False,
    "web_commit_signoff_required": False,
    "advanced_security_enabled_for_new_repositories": False,
    "dependabot_alerts_enabled_for_new_repositories": False,
    "dependabot_security_updates_enabled_for_new_repositories": False,
    "dependency_graph_enabled_for_new_repositories": False,
    "secret_scanning_enabled_for_new_repositories": False,
    "secret_scanning_push_protection_enabled_for_new_repositories": False,
    "secret_scanning_push_protection_custom_link_enabled": False,
    "secret_scanning_push_protection_custom_link": None,
    "deploy_keys_enabled_for_repositories": True,
}

ORG_PROFILE_FIELDS = ("name", "company", "email", "billing_email", "blog", "location", "twitter_username", "description")

DEFAULT_STATS = {
    "repos": {"total_repos": 212, "root_repos": 194, "fork_repos": 18, "org_repos": 51, "total_pushes": 3082, "total_wikis": 15},
    "pages": {"total_pages": 36},
    "pulls": {"total_pulls": 86, "merged_pulls": 60, "mergeable_pulls": 21, "unmergeable_pulls": 3},
    "issues": {"total_issues": 179, "open_issues": 83, "closed_issues": 96},
    "milestones": {"total_milestones": 7, "open_milestones": 6, "closed_milestones": 1},
    "gists": {"total_gists": 178, "private_gists": 151, "public_gists": 25},
    "comments": {"total_commit_comments": 6, "total_gist_comments": 28, "total_issue_comments": 366, "total_pull_request_comments": 30},
    "orgs": {"disabled_orgs": 0},
    "security-products": {
        "total_repos": 212, "nonarchived_repos": 200, "secret_scanning_enabled_repos": 150,
        "secret_scanning_push_protection_enabled_repos": 120, "code_scanning_enabled_repos": 140,
        "code_scanning_pr_reviews_enabled_repos": 100, "code_scanning_default_setup_enabled_repos": 50,
        "code_scanning_default_setup_eligible_repos": 30, "dependabot_alerts_enabled_repos": 130,
        "dependabot_security_updates_enabled_repos": 120, "dependabot_version_updates_enabled_repos": 121,
        "advanced_security_enabled_repos": 150, "active_committers": 30, "purchased_committers": 90,
        "maximum_committers": 80, "secret_protection_licenses": 0, "secret_protection_active_committers": 0,
        "code_security_licenses": 0, "code_security_active_committers": 0,
    },
}

# collection name -> the fields that identify an entry when a fixture is merged
KEYED_LISTS = {
    "users": ("login",),
    "orgs": ("login",),
    "teams": ("id",),
    "tokens": ("id", "token"),
    "keys": ("id",),
    "hooks": ("id", "url"),
    "pre_receive_environments": ("id", "name"),
    "pre_receive_hooks": ("id", "name"),
    "live_migrations": ("migration_id",),
    "jobs": ("id",),
}

# sequences: name -> (collections whose ids it covers)
SEQUENCES = {
    "account": ("users", "orgs"),
    "team": ("teams",),
    "token": ("tokens",),
    "key": ("keys",),
    "hook": ("hooks",),
    "pre_receive_environment": ("pre_receive_environments",),
    "pre_receive_hook": ("pre_receive_hooks",),
}


def _padded_token(name):
    return ("ghp_" + name).ljust(40, "0")


def default_state(now=None):
    """The state every simulator starts from (before a fixture is merged)."""
    now = now or utcnow()
    created = iso(now - datetime.timedelta(days=400))
    older = iso(now - datetime.timedelta(days=120))
    recent = iso(now - datetime.timedelta(days=3))
    suspended = iso(now - datetime.timedelta(days=30))
    expire = (now + datetime.timedelta(days=365)).replace(microsecond=0)
    return {
        "settings": copy.deepcopy(DEFAULT_SETTINGS),
        "users": [
            {"login": "ghe-admin", "id": 1, "site_admin": True, "name": "GHE Administrator", "email": "ghe-admin@ghe.example.com",
             "created_at": created},
            {"login": "octocat", "id": 2, "name": "Mona Lisa Octocat", "email": "octocat@ghe.example.com", "company": "GitHub",
             "created_at": created},
            {"login": "hubot", "id": 3, "name": "Hubot", "email": "hubot@ghe.example.com", "created_at": created},
            {"login": "ldap-user", "id": 4, "name": "Directory User", "email": "ldap-user@ghe.example.com", "ldap": True,
             "ldap_dn": "uid=ldap-user,ou=users,dc=example,dc=com", "created_at": created},
            {"login": "former-employee", "id": 5, "name": "Former Employee", "email": "former-employee@ghe.example.com",
             "suspended_at": suspended, "created_at": created},
        ],
        "orgs": [
            {"login": "engineering", "id": 6, "admins": ["ghe-admin"], "name": "Engineering", "description": "Where the code lives",
             "created_at": created},
            {"login": "operations", "id": 7, "admins": ["hubot"], "name": None, "description": None, "created_at": created},
        ],
        "teams": [
            {"id": 1, "org": "engineering", "name": "Platform", "slug": "platform", "ldap_dn": None, "members": ["ghe-admin", "octocat"]},
        ],
        "tokens": [
            {"id": 1, "token": ADMIN_TOKEN, "user": "ghe-admin", "kind": "pat", "note": "ansible automation",
             "scopes": ["admin:enterprise", "admin:org", "repo", "site_admin", "user"], "created_at": older},
            {"id": 2, "token": USER_TOKEN, "user": "octocat", "kind": "pat", "note": "octocat laptop",
             "scopes": ["repo", "user"], "created_at": older},
            {"id": 3, "token": _padded_token("simhubot"), "user": "hubot", "kind": "pat", "note": "hubot chatops",
             "scopes": ["repo"], "created_at": recent},
            {"id": 4, "token": _padded_token("simformer"), "user": "former-employee", "kind": "pat", "note": "old ci token",
             "scopes": ["repo", "write:packages"], "created_at": older},
        ],
        "keys": [
            {"id": 1, "user": "octocat", "title": "octocat@laptop", "key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh1YmJ5b2N0b2NhdGxhcHRvcGtleTAwMDAwMDAwMDE=",
             "verified": True, "read_only": False, "created_at": older, "last_used": recent},
            {"id": 2, "user": "former-employee", "title": "old workstation",
             "key": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDFb3JtZXJlbXBsb3llZWtleWZvcnNpbXVsYXRvcnRlc3Rz",
             "verified": True, "read_only": False, "created_at": created, "last_used": None},
            {"id": 3, "user": None, "repository_id": 42, "title": "deploy key for engineering/app",
             "key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGRlcGxveWtleWZvcmVuZ2luZWVyaW5nYXBwMDAwMDAwMDM=",
             "verified": True, "read_only": True, "created_at": older, "last_used": recent, "added_by": "ghe-admin"},
        ],
        "hooks": [
            {"id": 1, "url": "https://hooks.example.com/ghe-events", "content_type": "json", "insecure_ssl": "0",
             "secret": "sim-hook-secret", "events": ["organization", "user"], "active": True, "created_at": older},
        ],
        "hook_pings": [],
        "announcement": {"announcement": None, "expires_at": None, "user_dismissible": False},
        "license": {"seats": 1400, "kind": "standard", "expire_at": expire.isoformat()},
        "encryption": {
            "enabled": True,
            "updated_at": older,
            "primary_key_version": "9b24a469887e416787173383958c6fb9",
            "replica_key_version": "4621542832e447f285ea2dbeaf6f621b",
            "backup_key_version": "d067172e711b44a5963fe53b6b976c0f",
            "key_sha256": None,
        },
        "enterprise": {"slug": "acme", "name": "Acme Corporation", "emu": False, "owners": ["ghe-admin"], "first_owner": "ghe-admin"},
        "stats": copy.deepcopy(DEFAULT_STATS),
        "meta": {"verifiable_password_authentication": True, "packages": [], "domains": {}},
        "pre_receive_environments": [
            {"id": 1, "name": "Default", "image_url": "githubenterprise://internal", "default_environment": True, "created_at": created,
             "download": {"state": "success", "downloaded_at": created, "message": None}},
        ],
        "pre_receive_hooks": [],
        "live_migrations": [],
        "jobs": [],
        "audit_log": [],
        "credential_revocations": [],
        "revoked_credentials": [],
        "deleted_org_logins": [],
        "counters": {"credential_revoke_requests": 0},
        "sequences": {},
    }


def _normalize_users(state, now):
    users = []
    for entry in state.get("users") or []:
        if isinstance(entry, str):
            entry = {"login": entry}
        entry.setdefault("site_admin", False)
        entry.setdefault("name", None)
        entry.setdefault("email", "%s@ghe.example.com" % entry["login"])
        if "suspended" in entry:
            if not entry.pop("suspended"):
                entry["suspended_at"] = None
            elif not entry.get("suspended_at"):
                entry["suspended_at"] = now
        entry.setdefault("suspended_at", None)
        entry.setdefault("ldap", False)
        if entry["ldap"] and not entry.get("ldap_dn"):
            entry["ldap_dn"] = "uid=%s,ou=users,dc=example,dc=com" % entry["login"]
        entry.setdefault("ldap_dn", None)
        for field in ("company", "blog", "location", "bio", "twitter_username"):
            entry.setdefault(field, None)
        entry.setdefault("created_at", now)
        entry.setdefault("updated_at", entry["created_at"])
        users.append(entry)
    state["users"] = users


def _normalize_orgs(state, now):
    for org in state.get("orgs") or []:
        admin = org.pop("admin", None)
        admins = org.setdefault("admins", [])
        if admin and lower(admin) not in [lower(x) for x in admins]:
            admins.insert(0, admin)
        for field in ORG_PROFILE_FIELDS:
            org.setdefault(field, None)
        settings = dict(ORG_SETTING_DEFAULTS)
        settings.update(org.get("settings") or {})
        org["settings"] = settings
        org.setdefault("members", list(org["admins"]))
        org.setdefault("created_at", now)
        org.setdefault("updated_at", org["created_at"])


def _normalize_tokens(state, now):
    tokens = state.get("tokens")
    if isinstance(tokens, dict):
        tokens = [_token_entry(value, user) for value, user in tokens.items()]
    result = []
    for entry in tokens or []:
        entry.setdefault("kind", "pat")
        entry.setdefault("scopes", ["repo"])
        entry.setdefault("note", None)
        entry.setdefault("note_url", None)
        entry.setdefault("created_at", now)
        entry.setdefault("updated_at", entry["created_at"])
        entry.setdefault("expires_at", None)
        result.append(entry)
    state["tokens"] = result


def _token_entry(value, user):
    if isinstance(user, dict):
        entry = dict(user)
        entry["token"] = value
        return entry
    return {"token": value, "user": user}


def _normalize_misc(state, now):
    for key in state.get("keys") or []:
        key.setdefault("user", None)
        key.setdefault("repository_id", None)
        key.setdefault("title", "key %s" % key.get("id"))
        key.setdefault("key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFNpbXVsYXRlZEtleQ==")
        key.setdefault("verified", True)
        key.setdefault("read_only", key["repository_id"] is not None)
        key.setdefault("created_at", now)
        key.setdefault("last_used", None)
        key.setdefault("added_by", key["user"])
    hooks = []
    for hook in state.get("hooks") or []:
        config = hook.pop("config", None) or {}
        for field in ("url", "content_type", "insecure_ssl", "secret"):
            if field in config:
                hook[field] = config[field]
        hook.setdefault("content_type", "form")
        hook.setdefault("insecure_ssl", "0")
        hook.setdefault("secret", None)
        hook.setdefault("events", ["organization", "user"])
        hook.setdefault("active", True)
        hook.setdefault("created_at", now)
        hook.setdefault("updated_at", hook["created_at"])
        hooks.append(hook)
    state["hooks"] = hooks
    for team in state.get("teams") or []:
        team.setdefault("slug", lower(team.get("name", "team")).replace(" ", "-"))
        team.setdefault("ldap_dn", None)
        team.setdefault("members", [])
    for env in state.get("pre_receive_environments") or []:
        env.setdefault("default_environment", False)
        env.setdefault("created_at", now)
        env.setdefault("download", {"state": "not_started", "downloaded_at": None, "message": None})
    settings = dict(DEFAULT_SETTINGS)
    settings.update(state.get("settings") or {})
    state["settings"] = settings


def _assign_ids(state):
    sequences = state.setdefault("sequences", {})
    for name, collections in SEQUENCES.items():
        highest = int(sequences.get(name, 0))
        pending = []
        for collection in collections:
            for entry in state.get(collection) or []:
                if isinstance(entry.get("id"), int):
                    highest = max(highest, entry["id"])
                else:
                    pending.append(entry)
        for entry in pending:
            highest += 1
            entry["id"] = highest
        sequences[name] = highest


def normalize(state):
    """Fill defaults, give every entry an id and keep the sequences ahead of them."""
    now = iso()
    _normalize_users(state, now)
    _normalize_orgs(state, now)
    _normalize_tokens(state, now)
    _normalize_misc(state, now)
    _assign_ids(state)
    for key, value in default_state().items():
        state.setdefault(key, value)
    return state


def next_id(state, sequence):
    """Allocate the next id of a sequence (users and organizations share ``account``)."""
    sequences = state.setdefault("sequences", {})
    sequences[sequence] = int(sequences.get(sequence, 0)) + 1
    return sequences[sequence]


def _merge_list(current, incoming, keys):
    result = list(current)
    index = {key: {} for key in keys}
    for item in result:
        if isinstance(item, dict):
            for key in keys:
                if key in item:
                    index[key].setdefault(lower(str(item[key])), item)
    for entry in incoming:
        if isinstance(entry, str) and keys == ("login",):
            entry = {"login": entry}
        entry = copy.deepcopy(entry)
        match = None
        for key in keys:
            if key in entry:
                match = index[key].get(lower(str(entry[key])))
                if match is not None:
                    break
        if entry.pop("_delete", False):
            if match is not None:
                result = [item for item in result if item is not match]
                for key in keys:
                    index[key] = {name: item for name, item in index[key].items() if item is not match}
            continue
        if match is not None:
            match.update(entry)
        else:
            result.append(entry)
            match = entry
        for key in keys:
            if key in match:
                index[key][lower(str(match[key]))] = match
    return result


def _deep_merge(current, incoming):
    for key, value in incoming.items():
        if isinstance(value, dict) and isinstance(current.get(key), dict):
            _deep_merge(current[key], value)
        else:
            current[key] = copy.deepcopy(value)


def generate_users(spec):
    """Expand ``{"prefix": "user", "count": N, ...}`` into user (and optional token/key) entries."""
    prefix = spec.get("prefix", "user")
    count = int(spec.get("count", 0))
    start = int(spec.get("start", 1))
    width = int(spec.get("width", 0))
    suspended_every = int(spec.get("suspended_every", 0))
    ldap_every = int(spec.get("ldap_every", 0))
    tokens_per_user = int(spec.get("tokens_per_user", 0))
    keys_per_user = int(spec.get("keys_per_user", 0))
    users, tokens, keys = [], [], []
    for number in range(start, start + count):
        login = "%s%s" % (prefix, str(number).zfill(width))
        user = {"login": login}
        if suspended_every and number % suspended_every == 0:
            user["suspended"] = True
        if ldap_every and number % ldap_every == 0:
            user["ldap"] = True
        users.append(user)
        for index in range(tokens_per_user):
            value = ("ghp_gen%s" % sha256_hex("%s-%d" % (login, index))[:32]).ljust(40, "0")[:40]
            tokens.append({"token": value, "user": login, "note": "generated token %d" % index})
        for index in range(keys_per_user):
            keys.append({"user": login, "title": "%s key %d" % (login, index)})
    return users, tokens, keys


def merge_fixture(state, fixture):
    """Merge a fixture (see README.md) into ``state`` in place and normalize it."""
    if not fixture:
        return normalize(state)
    fixture = copy.deepcopy(fixture)
    replace = set(fixture.pop("replace", []) or [])
    generated = fixture.pop("generate_users", None)
    if isinstance(fixture.get("tokens"), dict):
        fixture["tokens"] = [_token_entry(value, user) for value, user in fixture["tokens"].items()]
    for key, value in fixture.items():
        if key in replace:
            state[key] = value
        elif key in KEYED_LISTS and isinstance(value, list):
            state[key] = _merge_list(state.get(key) or [], value, KEYED_LISTS[key])
        elif isinstance(value, dict) and isinstance(state.get(key), dict):
            _deep_merge(state[key], value)
        else:
            state[key] = value
    if generated:
        for spec in generated if isinstance(generated, list) else [generated]:
            users, tokens, keys = generate_users(spec)
            state["users"] = _merge_list(state.get("users") or [], users, KEYED_LISTS["users"])
            state["tokens"] = (state.get("tokens") or []) + tokens
            state["keys"] = (state.get("keys") or []) + keys
    return normalize(state)


def build_state(fixture=None, product="ghes"):
    """Default state of a product merged with ``fixture``."""
    from . import manage  # the Manage API's own defaults (its module imports this one)

    state = default_state()
    state["settings"].update(copy.deepcopy(PRODUCT_SETTINGS[product]))
    state["manage"] = manage.default_state()
    return merge_fixture(state, fixture)


# ----------------------------------------------------------------------------- lookups

def find_user(state, login):
    """The user with this login (case-insensitive), or None."""
    wanted = lower(login)
    for user in state["users"]:
        if lower(user["login"]) == wanted:
            return user
    return None


def find_user_by_id(state, ident):
    """The user with this id, or None."""
    for user in state["users"]:
        if user["id"] == ident:
            return user
    return None


def find_org(state, login):
    """The organization with this login (case-insensitive), or None."""
    wanted = lower(login)
    for org in state["orgs"]:
        if lower(org["login"]) == wanted:
            return org
    return None


def login_taken(state, login):
    """True when a user or organization already uses this login (or a pending rename targets it)."""
    if find_user(state, login) or find_org(state, login):
        return True
    wanted = lower(login)
    for job in state["jobs"]:
        if job["status"] == "started" and job["kind"] in ("org_rename", "user_rename") and lower(job["data"].get("new_login")) == wanted:
            return True
    if state["settings"].get("reserve_deleted_org_logins") and wanted in [lower(x) for x in state.get("deleted_org_logins", [])]:
        return True
    return False


def find_token(state, value):
    """The token record for a token value, or None."""
    for token in state["tokens"]:
        if token["token"] == value:
            return token
    return None


def rename_user_refs(state, old, new):
    """Point every by-login reference at a renamed user."""
    wanted = lower(old)
    for org in state["orgs"]:
        org["admins"] = [new if lower(x) == wanted else x for x in org["admins"]]
        org["members"] = [new if lower(x) == wanted else x for x in org.get("members", [])]
    for team in state["teams"]:
        team["members"] = [new if lower(x) == wanted else x for x in team.get("members", [])]
    for token in state["tokens"]:
        if lower(token.get("user")) == wanted:
            token["user"] = new
    for key in state["keys"]:
        if lower(key.get("user")) == wanted:
            key["user"] = new
    enterprise = state["enterprise"]
    enterprise["owners"] = [new if lower(x) == wanted else x for x in enterprise.get("owners", [])]
    if lower(enterprise.get("first_owner")) == wanted:
        enterprise["first_owner"] = new


def audit(state, action, actor, **data):
    """Append an audit-log entry."""
    entry = {"action": action, "actor": actor, "created_at": iso()}
    entry.update(data)
    state["audit_log"].append(entry)
    return entry
