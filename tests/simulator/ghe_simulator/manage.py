"""The Manage GHES API (``/manage/v1/...``), served on the simulator's Manage listener.

The plumbing (server.py, helper S) authenticates (HTTP Basic ``api_key:<state.settings.manage_password>``),
routes, validates against ghes-3.19.json, injects faults and logs; this module holds the handlers and the
state ``state["manage"]`` (see :func:`default_state`; a fixture ``{"manage": {...}}`` is deep-merged).

Test knobs, all in ``state["manage"]`` (PATCH /_sim/state ``{"manage": {...}}``):
- ``now``: the Manage API's clock (ISO 8601; None = wall clock). A scheduled maintenance window turns on at
  the first read of ``/maintenance`` at or after its time: tests move ``now`` instead of waiting.
- ``maintenance_polls``: reads of ``/maintenance`` after a change before the nodes show it (default 0).
- ``health``: ``{hostname: "OK"|"WARNING"|"CRITICAL"|"UNKNOWN"}`` for replication and cluster status.
- ``config_apply_polls``: polls of ``GET /config/apply`` a run takes (default 2).
- ``config_apply_fail``: ``{"phase": <one of PHASES>, "node": hostname}`` (or a phase name): runs started from
  then on fail at that phase on that node (default the first), with an ERROR event.
- ``license_status``: what ``/config/license/check`` says; an upload makes it ``valid``. An uploaded licence
  must be an OpenPGP message; an armor header ``Reference-Number: X`` sets its reference number.
"""

import copy
import datetime
import hashlib
import re
import uuid
from email.parser import BytesParser
from email.policy import HTTP

from .routing import AUTH_MANAGE, Route
from .util import ApiError, Reply, iso, parse_time, utcnow

PRIMARY_UUID = "1b6cf518-f97c-11ed-8544-061d81f7eedb"
REPLICA_UUID = "228406d4-f97c-11ed-ab01-062281bbcf03"
PHASES = ("validation", "preflight", "configure", "migrations", "services", "finish")
SECRET_NAMES = ("password", "secret")
SECRET_PATHS = {("github_ssl", "key"), ("mapping", "token"), ("snmp", "community"), ("customer", "secret_key_data")}
READ_ONLY = ("configuration_id", "configuration_run_count")
SERVICES = ("mysql", "redis", "elasticsearch", "git", "pages", "alambic", "consul")


def default_settings():
    return {
        "private_mode": False, "public_pages": False, "subdomain_isolation": True, "signup_enabled": False,
        "github_hostname": "ghe.example.com", "identicons_host": "dotcom", "http_proxy": None, "auth_mode": "default",
        "expire_sessions": False, "configuration_id": 1401777404, "configuration_run_count": 4,
        "avatar": {"enabled": False, "uri": ""},
        "customer": {"name": "Acme Corporation", "email": "ops@example.com", "uuid": "af6cac80-e4e1-012e-d822-1231380e52e9",
                     "public_key_data": "-----BEGIN PGP PUBLIC KEY BLOCK-----\nsimulated\n-----END PGP PUBLIC KEY BLOCK-----\n"},
        "github_ssl": {"enabled": True, "cert": "-----BEGIN CERTIFICATE-----\nsimulated\n-----END CERTIFICATE-----\n"},
        "ldap": {"host": None, "port": 0, "base": [], "uid": None, "bind_dn": None, "method": "Plain",
                 "search_strategy": "detect", "user_groups": [], "admin_group": None, "virtual_attribute_enabled": False,
                 "recursive_group_search": False, "posix_support": True, "user_sync_emails": False, "user_sync_keys": False,
                 "user_sync_interval": 4, "team_sync_interval": 4, "sync_enabled": False,
                 "reconciliation": {"user": None, "org": None},
                 "profile": {"uid": "uid", "name": None, "mail": None, "key": None}},
        "cas": {"url": None},
        "saml": {"sso_url": None, "certificate": None, "certificate_path": None, "issuer": None, "idp_initiated_sso": False,
                 "disable_admin_demote": False},
        "github_oauth": {"client_id": "", "organization_name": "", "organization_team": ""},
        "smtp": {"enabled": False, "address": "", "authentication": "plain", "port": "25", "domain": "", "username": "",
                 "user_name": "", "enable_starttls_auto": True, "discard-to-noreply-address": True, "support_address": "",
                 "support_address_type": "email", "noreply_address": "noreply@ghe.example.com"},
        "ntp": {"primary_server": "0.pool.ntp.org", "secondary_server": "1.pool.ntp.org"},
        "timezone": None,
        "snmp": {"enabled": False},
        "syslog": {"enabled": False, "server": None, "protocol_name": "udp"},
        "assets": None,
        "pages": {"enabled": True},
        "collectd": {"enabled": False, "server": None, "port": 25826, "encryption": None, "username": None},
        "mapping": {"enabled": False, "tileserver": None, "basemap": "company.map-qsz2zrvs"},
        "load_balancer": None,
        "prometheus": {"enabled": False, "trusted_ips": None},
    }


def default_state():
    """The Manage API's part of the simulator state (``state["manage"]``)."""
    expire = (utcnow() + datetime.timedelta(days=365)).replace(microsecond=0)
    return {
        "now": None,
        "topology": "Ha",
        "nodes": [
            {"hostname": "ghe-primary", "uuid": PRIMARY_UUID, "replica": False,
             "cluster_roles": ["ConsulServer", "ElasticsearchServer", "GitServer", "MysqlServer", "WebServer"]},
            {"hostname": "ghe-replica", "uuid": REPLICA_UUID, "replica": True,
             "cluster_roles": ["ConsulServer", "ElasticsearchServer", "GitServer", "MysqlServer", "WebServer"]},
        ],
        "health": {},
        "version": {"version": "3.19.0", "platform": "kvm", "build_id": "fc542058", "build_date": "2025-09-01"},
        "maintenance": {},
        "maintenance_polls": 0,
        "connection_services": [{"name": "git operations", "number": 3}, {"name": "mysql queries", "number": 1},
                                {"name": "aqueduct jobs", "number": 0}, {"name": "resque jobs", "number": 2}],
        "settings": default_settings(),
        "secrets": {},
        "config_apply_polls": 2,
        "config_apply_fail": None,
        "runs": [],
        "events": [],
        "license": {"advancedSecurityEnabled": False, "advancedSecuritySeats": 0, "clusterSupport": False,
                    "company": "Acme Corporation", "croquetSupport": True, "customTerms": False, "evaluation": False,
                    "expireAt": iso(expire), "insightsEnabled": False, "perpetual": False, "referenceNumber": "5c3d2e",
                    "seats": 1400, "sshAllowed": True, "supportKey": "", "unlimitedSeating": False},
        "license_status": "valid",
        "license_sha256": None,
        "ssh_keys": [],
    }


def _m(ctx):
    """``state["manage"]``, with every missing part filled from the defaults (a partial fixture is enough)."""
    manage = ctx.state.setdefault("manage", {})
    for key, value in default_state().items():
        manage.setdefault(key, value)
    return manage


def _now(manage):
    return parse_time(manage["now"]) if manage.get("now") else utcnow()


def _bad(message):
    return ApiError(400, message)


# ----------------------------------------------------------------------------- nodes, version, health

def _nodes(manage):
    return manage["nodes"]


def get_nodes(ctx):
    manage = _m(ctx)
    nodes = [dict((k, n[k]) for k in ("hostname", "uuid", "replica", "cluster_roles") if k in n) for n in _nodes(manage)]
    uuid_filter = ctx.query_value("uuid")
    if uuid_filter:
        nodes = [n for n in nodes if n["uuid"] == uuid_filter]
    return Reply(200, {"topology": manage["topology"], "nodes": nodes})


def get_version(ctx):
    manage = _m(ctx)
    return Reply(200, [{"hostname": n["hostname"], "version": dict(manage["version"])} for n in _nodes(manage)])


def _status_report(manage, nodes):
    report = []
    for node in nodes:
        status = manage["health"].get(node["hostname"], "OK")
        services = [{"status": "OK", "name": name, "details": "replication is in sync"} for name in SERVICES]
        if status != "OK":
            services[0] = {"status": status, "name": "mysql", "details": "replication is not running"}
        report.append({"hostname": node["hostname"], "status": status, "services": services})
    worst = "OK"
    for rank in ("UNKNOWN", "WARNING", "CRITICAL"):
        if any(item["status"] == rank for item in report):
            worst = rank
    return {"status": worst, "nodes": report}


def get_replication_status(ctx):
    return Reply(200, _status_report(_m(ctx), _nodes(_m(ctx))))


def get_cluster_status(ctx):
    return Reply(200, _status_report(_m(ctx), _nodes(_m(ctx))))


def get_system_requirements(ctx):
    manage = _m(ctx)
    nodes = [{"hostname": n["hostname"], "status": "OK",
              "roles_status": [{"status": "OK", "role": role} for role in n.get("cluster_roles", [])]} for n in _nodes(manage)]
    return Reply(200, {"status": "OK", "nodes": nodes})


# ----------------------------------------------------------------------------- maintenance

def _maintenance_of(manage, node):
    entry = manage["maintenance"].setdefault(node["hostname"], {})
    for key, value in (("status", "off"), ("scheduled_time", None), ("ip_exception_list", []),
                       ("maintenance_mode_message", ""), ("pending", None)):
        entry.setdefault(key, copy.deepcopy(value))
    return entry


def _advance(manage, entry):
    """One read of a node's maintenance status: pending changes count down; a due window turns on."""
    pending = entry.get("pending")
    if pending:
        if pending["reads_left"] <= 0:
            entry.update(pending["fields"])
            entry["pending"] = None
        else:
            pending["reads_left"] -= 1
    if entry["status"] == "scheduled" and entry.get("scheduled_time") and parse_time(entry["scheduled_time"]) <= _now(manage):
        entry["status"] = "on"
        entry["scheduled_time"] = None


def get_maintenance(ctx):
    manage = _m(ctx)
    result = []
    uuid_filter = ctx.query_value("uuid")
    for node in _nodes(manage):
        if uuid_filter and node["uuid"] != uuid_filter:
            continue
        entry = _maintenance_of(manage, node)
        _advance(manage, entry)
        item = {"hostname": node["hostname"], "uuid": node["uuid"], "status": entry["status"],
                "connection_services": copy.deepcopy(manage["connection_services"]) if entry["status"] != "off" else [],
                "can_unset_maintenance": True, "ip_exception_list": list(entry["ip_exception_list"]),
                "maintenance_mode_message": entry["maintenance_mode_message"]}
        if entry["status"] == "scheduled":
            item["scheduled_time"] = entry["scheduled_time"]
        result.append(item)
    return Reply(200, result)


def set_maintenance(ctx):
    manage = _m(ctx)
    body = ctx.body_dict()
    if not isinstance(body.get("enabled"), bool):
        raise _bad("enabled is required (true or false)")
    when = body.get("when")
    moment = None
    if when not in (None, "", "now"):
        try:
            moment = parse_time(when)
        except ValueError:
            raise _bad("when must be now or an ISO 8601 time, got %r" % when)
    if body.get("uuid") and moment is not None:
        raise _bad("uuid cannot be used to schedule maintenance mode")
    for item in body.get("ip_exception_list") or []:
        if not re.match(r"^[0-9A-Fa-f:.]+(/\d{1,3})?$", str(item)):
            raise _bad("invalid IP address or CIDR in ip_exception_list: %s" % item)
    answer = []
    for node in _nodes(manage):
        if body.get("uuid") and node["uuid"] != body["uuid"]:
            continue
        entry = _maintenance_of(manage, node)
        fields = {}
        if body["enabled"]:
            if moment is None or moment <= _now(manage):
                fields.update(status="on", scheduled_time=None)
            else:
                fields.update(status="scheduled", scheduled_time=moment.isoformat())
            if "ip_exception_list" in body:
                entry["ip_exception_list"] = list(body["ip_exception_list"] or [])
            if "maintenance_mode_message" in body:
                entry["maintenance_mode_message"] = body["maintenance_mode_message"]
            message = "maintenance mode %s" % ("scheduled" if fields["status"] == "scheduled" else "enabled")
        else:
            fields.update(status="off", scheduled_time=None)
            message = "maintenance mode disabled"
        reads = int(manage.get("maintenance_polls") or 0)
        if reads > 0 and fields["status"] != "scheduled":
            entry["pending"] = {"fields": fields, "reads_left": reads - 1}
        else:
            entry.update(fields)
            entry["pending"] = None
        answer.append({"hostname": node["hostname"], "uuid": node["uuid"], "message": message})
    return Reply(200, answer)


# ----------------------------------------------------------------------------- settings

def _is_secret(path):
    name = path[-1].lower()
    return any(word in name for word in SECRET_NAMES) or tuple(path) in SECRET_PATHS


def _without_secrets(value, path=()):
    if isinstance(value, dict):
        return dict((k, _without_secrets(v, path + (k,))) for k, v in value.items() if not _is_secret(path + (k,)))
    return copy.deepcopy(value)


def get_settings(ctx):
    return Reply(200, _without_secrets(_m(ctx)["settings"]))


def _merge(target, body, path, secrets):
    for key, value in body.items():
        here = path + (key,)
        if _is_secret(here) and not isinstance(value, dict):
            secrets[".".join(here)] = value
        elif isinstance(value, dict):
            if not isinstance(target.get(key), dict):
                if key not in target and path == ():
                    raise _bad("unknown setting: %s" % key)
                target[key] = {}
            _merge(target[key], value, here, secrets)
        else:
            _check_type(here, target.get(key), value)
            target[key] = copy.deepcopy(value)


def _check_type(path, current, value):
    """A value of another JSON type than the setting's (``587`` for the string ``smtp.port``) is refused."""
    if current is None or value is None:
        return
    kinds = (bool, str, list, dict)
    for kind in kinds:
        if isinstance(current, kind) != isinstance(value, kind):
            raise _bad("%s must be a %s, got %r" % (".".join(path), type(current).__name__, value))
    if isinstance(current, int) and not isinstance(value, int):
        raise _bad("%s must be an integer, got %r" % (".".join(path), value))


def set_settings(ctx):
    manage = _m(ctx)
    body = ctx.body if isinstance(ctx.body, dict) else None
    if not body:
        raise _bad("the body must be a JSON object of settings")
    for key in body:
        if key in READ_ONLY:
            raise _bad("%s cannot be set" % key)
        if key not in manage["settings"] and not _is_secret((key,)):
            raise _bad("unknown setting: %s" % key)
    updated = copy.deepcopy(manage["settings"])
    _merge(updated, body, (), manage["secrets"])
    manage["settings"] = updated
    manage.setdefault("settings_writes", 0)
    manage["settings_writes"] += 1
    return Reply(204)


# ----------------------------------------------------------------------------- configuration runs

def _fail_plan(manage):
    plan = manage.get("config_apply_fail")
    if not plan:
        return None
    if isinstance(plan, str):
        plan = {"phase": plan}
    node = plan.get("node") or _nodes(manage)[0]["hostname"]
    return {"phase": plan.get("phase") or "migrations", "node": node}


def _event(manage, run, node, phase, severity, body):
    manage["events"].append({
        "node": node, "timestamp": iso(_now(manage)), "severity_text": severity, "body": body,
        "event_name": "Enterprise::ConfigApply::Phase%s#config_phase_%s" % (phase.capitalize(), phase),
        "topology": "multinode", "hostname": node, "config_run_id": run["run_id"], "trace_id": run["trace_id"],
        "span_id": uuid.uuid4().hex[:16], "span_parent_id": "0", "span_depth": 0})


def start_config_apply(ctx):
    manage = _m(ctx)
    body = ctx.body_dict()
    if any(run["running"] for run in manage["runs"]):
        raise _bad("a ghe-config-apply run is already in progress")
    run_id = body.get("run_id") or uuid.uuid4().hex[:8]
    if any(run["run_id"] == run_id for run in manage["runs"]):
        raise _bad("run_id %s was already used" % run_id)
    run = {"run_id": run_id, "trace_id": uuid.uuid4().hex, "running": True, "successful": False, "polls": 0,
           "polls_needed": int(manage.get("config_apply_polls", 2)), "fail": _fail_plan(manage), "failed_node": None,
           "phase": 0}
    manage["runs"].append(run)
    for node in _nodes(manage):
        _event(manage, run, node["hostname"], PHASES[0], "INFO", "Validating services")
    if run["polls_needed"] <= 0:
        _finish(manage, run)
    return Reply(200, {"run_id": run_id})


def _finish(manage, run):
    fail = run["fail"]
    for phase in PHASES[1:]:
        for node in _nodes(manage):
            if fail and fail["phase"] == phase and fail["node"] == node["hostname"]:
                _event(manage, run, node["hostname"], phase, "ERROR",
                       "ghe-config-apply failed in phase %s: service check timed out" % phase)
        if fail and fail["phase"] == phase:
            run.update(running=False, successful=False, failed_node=fail["node"])
            return
        for node in _nodes(manage):
            _event(manage, run, node["hostname"], phase, "INFO", "Phase %s done" % phase)
    run.update(running=False, successful=True)
    manage["settings"]["configuration_run_count"] = manage["settings"].get("configuration_run_count", 0) + 1


def _run_status(manage, run):
    nodes = []
    for node in _nodes(manage):
        ok = run["successful"] or (not run["running"] and run["failed_node"] != node["hostname"])
        nodes.append({"run_id": run["run_id"], "hostname": node["hostname"], "running": run["running"], "successful": ok})
    return {"running": run["running"], "successful": run["successful"], "nodes": nodes}


def get_config_apply(ctx):
    manage = _m(ctx)
    wanted = ctx.query_value("run_id")
    runs = [run for run in manage["runs"] if not wanted or run["run_id"] == wanted]
    if not runs:
        return Reply(200, {"running": False, "successful": False, "nodes": []})
    run = runs[-1]
    if run["running"]:
        run["polls"] += 1
        if run["polls"] >= run["polls_needed"]:
            _finish(manage, run)
    return Reply(200, _run_status(manage, run))


def get_config_apply_events(ctx):
    manage = _m(ctx)
    since = ctx.query_value("last_request_id")
    start = int(since) if since and since.isdigit() else 0
    events = manage["events"][start:]
    by_node = {}
    for event in events:
        by_node.setdefault(event["node"], []).append(dict((k, v) for k, v in event.items() if k != "node"))
    nodes = [{"node": node, "last_request_id": str(len(manage["events"])), "events": items} for node, items in by_node.items()]
    return Reply(200, {"nodes": nodes})


# ----------------------------------------------------------------------------- licence

_ARMOR = re.compile(rb"^\s*-----BEGIN PGP (MESSAGE|SIGNED MESSAGE)-----")


def is_multipart(content_type):
    return (content_type or "").lower().startswith("multipart/form-data")


def parse_multipart(raw_body, content_type):
    """``(fields, problem)``: the form's fields by name, as latin-1 text."""
    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + raw_body)
    if not message.is_multipart():
        return None, "the multipart body could not be parsed"
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            # latin-1 keeps every byte, and the request log stays JSON
            fields[name] = (part.get_payload(decode=True) or b"").decode("latin-1")
    return fields, None


def get_license(ctx):
    return Reply(200, dict(_m(ctx)["license"]))


def check_license(ctx):
    return Reply(200, {"status": _m(ctx)["license_status"]})


def upload_license(ctx):
    manage = _m(ctx)
    fields = ctx.body if isinstance(ctx.body, dict) else {}
    data = fields.get("license")
    if isinstance(data, str):
        data = data.encode("latin-1")
    if not data or not (_ARMOR.match(data) or data[0] & 0x80):
        raise ApiError(400, "the license file is not valid")
    reference = re.search(rb"^Reference-Number:\s*(\S+)", data, re.M)
    digest = hashlib.sha256(data).hexdigest()
    manage["license"].update(referenceNumber=reference.group(1).decode("ascii") if reference else digest[:6],
                             expireAt=iso((_now(manage) + datetime.timedelta(days=365)).replace(microsecond=0)))
    manage["license_status"] = "valid"
    manage["license_sha256"] = digest
    if ctx.query_value("apply") in ("true", "1"):
        start_config_apply(ctx)
    return Reply(202)


# ----------------------------------------------------------------------------- SSH keys

def _fingerprint(key):
    import base64
    parts = (key or "").split()
    blob = base64.b64decode(parts[1]) if len(parts) > 1 else b""
    digest = hashlib.md5(blob).hexdigest()  # nosec - the API's own (MD5) fingerprint format
    return ":".join(digest[i:i + 2] for i in range(0, 32, 2))


def _valid_key(key):
    return isinstance(key, str) and re.match(r"^(ssh|ecdsa|sk)-[A-Za-z0-9@.-]+ [A-Za-z0-9+/]+={0,3}( .*)?$", key.strip())


def get_ssh_keys(ctx):
    return Reply(200, [{"key": key, "fingerprint": _fingerprint(key)} for key in _m(ctx)["ssh_keys"]])


def add_ssh_key(ctx):
    manage = _m(ctx)
    key = ctx.body_dict().get("key")
    if not _valid_key(key):
        raise _bad("key is not a valid SSH public key")
    key = key.strip()
    present = any(_fingerprint(k) == _fingerprint(key) for k in manage["ssh_keys"])
    if not present:
        manage["ssh_keys"].append(key)
    return Reply(200, [{"hostname": n["hostname"], "uuid": n["uuid"], "modified": not present,
                        "message": "SSH key added successfully" if not present else "SSH key already present"}
                       for n in _nodes(manage)])


def delete_ssh_key(ctx):
    manage = _m(ctx)
    key = ctx.body_dict().get("key")
    if not _valid_key(key):
        raise _bad("key is not a valid SSH public key")
    manage["ssh_keys"] = [k for k in manage["ssh_keys"] if _fingerprint(k) != _fingerprint(key.strip())]
    return Reply(200, [{"hostname": n["hostname"], "uuid": n["uuid"], "message": "SSH key removed successfully"}
                       for n in _nodes(manage)])


ROUTES = [
    Route("GET", "/manage/v1/access/ssh", get_ssh_keys, AUTH_MANAGE),
    Route("POST", "/manage/v1/access/ssh", add_ssh_key, AUTH_MANAGE),
    Route("DELETE", "/manage/v1/access/ssh", delete_ssh_key, AUTH_MANAGE),
    Route("GET", "/manage/v1/checks/system-requirements", get_system_requirements, AUTH_MANAGE),
    Route("GET", "/manage/v1/cluster/status", get_cluster_status, AUTH_MANAGE),
    Route("GET", "/manage/v1/config/apply", get_config_apply, AUTH_MANAGE),
    Route("POST", "/manage/v1/config/apply", start_config_apply, AUTH_MANAGE),
    Route("GET", "/manage/v1/config/apply/events", get_config_apply_events, AUTH_MANAGE),
    Route("GET", "/manage/v1/config/license", get_license, AUTH_MANAGE),
    Route("PUT", "/manage/v1/config/license", upload_license, AUTH_MANAGE),
    Route("GET", "/manage/v1/config/license/check", check_license, AUTH_MANAGE),
    Route("GET", "/manage/v1/config/nodes", get_nodes, AUTH_MANAGE),
    Route("GET", "/manage/v1/config/settings", get_settings, AUTH_MANAGE),
    Route("PUT", "/manage/v1/config/settings", set_settings, AUTH_MANAGE),
    Route("GET", "/manage/v1/maintenance", get_maintenance, AUTH_MANAGE),
    Route("POST", "/manage/v1/maintenance", set_maintenance, AUTH_MANAGE),
    Route("GET", "/manage/v1/replication/status", get_replication_status, AUTH_MANAGE),
    Route("GET", "/manage/v1/version", get_version, AUTH_MANAGE),
]
