"""The control API under /_sim (no auth, never validated, never logged) and fault helpers."""

import json
import re
from urllib.parse import urlsplit, urlunsplit

from . import state as st
from .util import HTTP_REASONS, Outcome, error_body

FAULT_FIELDS = ("method", "path", "times", "status", "headers", "body", "delay", "action", "phase",
                "location", "content_type", "body_text", "link_host", "hold_until", "timeout")
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
REDIRECT_PAGE = "<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n</body>\r\n</html>\r\n"


def add_fault(sim, spec):
    """Validate and register a fault; return the stored fault."""
    unknown = sorted(set(spec) - set(FAULT_FIELDS))
    if unknown:
        raise ValueError("unknown fault fields: %s" % ", ".join(unknown))
    action = spec.get("action")
    if action not in (None, "drop", "hang"):
        raise ValueError("action must be null, 'drop' or 'hang'")
    phase = spec.get("phase") or "before"
    if phase not in ("before", "after"):
        raise ValueError("phase must be 'before' or 'after'")
    path = spec.get("path") or ".*"
    re.compile(path)
    times = spec.get("times", 1)
    times = -1 if times is None or int(times) < 0 else int(times)
    status = spec.get("status")
    if status is not None:
        status = int(status)
    if spec.get("location") and status not in REDIRECT_STATUSES:
        raise ValueError("location needs a redirect status (%s)" % ", ".join(str(code) for code in REDIRECT_STATUSES))
    if (spec.get("content_type") or spec.get("body_text") is not None) and status is None:
        raise ValueError("content_type/body_text need a status")
    hold_until = _barrier(spec.get("hold_until"))
    sim._fault_seq += 1
    fault = {
        "id": sim._fault_seq,
        "method": (spec.get("method") or "*").upper(),
        "path": path,
        "times": times,
        "remaining": times,
        "hits": 0,
        "status": status,
        "headers": {str(k): str(v) for k, v in (spec.get("headers") or {}).items()},
        "body": spec.get("body"),
        "delay": float(spec.get("delay") or 0.0),
        "action": action,
        "phase": phase,
        "location": spec.get("location"),
        "content_type": spec.get("content_type"),
        "body_text": spec.get("body_text"),
        "link_host": spec.get("link_host"),
        "hold_until": hold_until,
        "timeout": float(spec["timeout"]) if spec.get("timeout") else None,
        "arrivals": [],
    }
    sim.faults.append(fault)
    return fault


def _barrier(spec):
    """Check a hold_until spec: {"path": REGEX, "count": N >= 1, "method": optional, "event": "answered" (default) | "arrived"}."""
    if spec is None:
        return None
    if not isinstance(spec, dict) or not spec.get("path"):
        raise ValueError("hold_until needs {\"path\": REGEX, \"count\": N}")
    unknown = sorted(set(spec) - {"path", "count", "method", "event"})
    if unknown:
        raise ValueError("unknown hold_until fields: %s" % ", ".join(unknown))
    re.compile(spec["path"])
    count = int(spec.get("count", 1))
    if count < 1:
        raise ValueError("hold_until.count must be at least 1")
    event = spec.get("event") or "answered"
    if event not in ("answered", "arrived"):
        raise ValueError("hold_until.event must be 'answered' or 'arrived'")
    return {"path": spec["path"], "count": count, "method": (spec.get("method") or "*").upper(), "event": event}


def answers(fault):
    """True when the fault replaces the answer (a status or an action), not only delays/holds/decorates it."""
    return bool(fault.get("status") or fault.get("action"))


def rewrite_link_host(link, target):
    """Point every URL of a Link header at another host: ``target`` is ``host[:port]`` or ``scheme://host[:port]``."""
    wanted = urlsplit(target if "://" in target else "//" + target)

    def swap(match):
        parts = urlsplit(match.group(1))
        return "<%s>" % urlunsplit((wanted.scheme or parts.scheme, wanted.netloc, parts.path, parts.query, parts.fragment))

    return re.sub(r"<([^>]*)>", swap, link)


def fault_outcome(fault, doc, ctx=None):
    """The Outcome a fault answers with."""
    if fault.get("action"):
        return Outcome(0, None, {}, action=fault["action"], delay=fault.get("delay") or 0.0)
    status = fault["status"]
    reason = HTTP_REASONS.get(status, "Error")
    headers = {}
    if fault.get("location"):
        headers["Location"] = _expand(fault["location"], ctx)
    if fault.get("body_text") is not None or fault.get("content_type"):
        text = fault.get("body_text") if fault.get("body_text") is not None else ""
        headers["Content-Type"] = fault.get("content_type") or "text/html; charset=utf-8"
        return Outcome(status, text.encode("utf-8"), headers)
    body = fault.get("body")
    if body is None and status in REDIRECT_STATUSES:
        headers["Content-Type"] = "text/html"
        return Outcome(status, (REDIRECT_PAGE % (status, reason, status, reason)).encode("ascii"), headers)
    if body is None:
        body = error_body(status, reason, doc)
    return Outcome(status, body, headers)


def _expand(location, ctx):
    """``{root}`` (scheme://host:port), ``{path}`` (the request's path, prefix included) in a fault's Location."""
    if ctx is None:
        return location
    page = urlsplit(ctx.page_url)
    return location.replace("{root}", ctx.root_url).replace("{path}", page.path)


def _filtered_requests(sim, query):
    method = query.get("method")
    prefix = query.get("path_prefix")
    since = int(query.get("since", 0) or 0)
    entries = [entry for entry in sim.get_requests(method=method, path_prefix=prefix) if entry["seq"] > since]
    writes = sum(1 for entry in entries if entry["method"] in ("POST", "PUT", "PATCH", "DELETE"))
    return {"requests": entries, "count": len(entries), "writes": writes}


def handle(sim, method, path, query_pairs, raw_body):
    """Serve one control request; returns an Outcome."""
    query = dict(query_pairs)
    try:
        body = json.loads(raw_body.decode("utf-8")) if raw_body and raw_body.strip() else None
    except (ValueError, UnicodeDecodeError) as exc:
        return Outcome(400, {"message": "control API: body is not JSON: %s" % exc})
    key = (method, path.rstrip("/"))
    try:
        with sim.lock:
            result = _dispatch(sim, key, query, body)
            if result is not None:
                # serialize while holding the lock: the state may change right after
                result = (result[0], json.dumps(result[1], separators=(",", ":")).encode("utf-8"))
    except (ValueError, TypeError, re.error) as exc:
        return Outcome(400, {"message": "control API: %s" % exc})
    if result is None:
        return Outcome(404, {"message": "control API: no such endpoint %s %s" % (method, path)})
    status, payload = result
    return Outcome(status, payload, {"Cache-Control": "no-store"})


def _dispatch(sim, key, query, body):
    if key == ("GET", "/_sim/health"):
        return 200, {"ok": True, "url": sim.url, "validate": sim.validate, "requests": len(sim.requests), "violations": len(sim.violations)}
    if key == ("POST", "/_sim/reset"):
        return 200, sim.reset(body if body is not None else None)
    if key == ("GET", "/_sim/state"):
        return 200, sim.state
    if key in (("PATCH", "/_sim/state"), ("POST", "/_sim/state")):
        if not isinstance(body, dict):
            raise ValueError("PATCH /_sim/state needs a JSON object (a partial fixture)")
        st.merge_fixture(sim.state, body)
        return 200, sim.state
    if key == ("GET", "/_sim/requests"):
        return 200, _filtered_requests(sim, query)
    if key == ("DELETE", "/_sim/requests"):
        sim.requests = []
        return 200, {"requests": [], "count": 0, "writes": 0}
    if key == ("POST", "/_sim/snapshot"):
        # the request log and the state at once, then the log cleared: one call per test step
        snapshot = _filtered_requests(sim, {})
        snapshot["state"] = sim.state
        sim.requests = []
        return 200, snapshot
    if key == ("GET", "/_sim/faults"):
        return 200, {"faults": sim.faults}
    if key == ("POST", "/_sim/faults"):
        specs = body if isinstance(body, list) else [body or {}]
        added = [add_fault(sim, spec) for spec in specs]
        return 201, added[0] if not isinstance(body, list) else {"faults": added}
    if key == ("DELETE", "/_sim/faults"):
        sim.faults = []
        return 200, {"faults": []}
    if key == ("GET", "/_sim/violations"):
        return 200, {"violations": sim.violations, "count": len(sim.violations)}
    if key == ("DELETE", "/_sim/violations"):
        sim.violations = []
        return 200, {"violations": [], "count": 0}
    if key == ("GET", "/_sim/settings"):
        return 200, sim.state["settings"]
    if key in (("POST", "/_sim/settings"), ("PATCH", "/_sim/settings")):
        if not isinstance(body, dict):
            raise ValueError("settings must be a JSON object")
        sim.state["settings"].update(body)
        return 200, sim.state["settings"]
    return None
