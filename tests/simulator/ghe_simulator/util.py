"""Small helpers shared by the simulator: time, identifiers, errors, pagination."""

import base64
import datetime
import hashlib
import json
import secrets
import string
import uuid
from urllib.parse import urlencode

ENTERPRISE_VERSION = "3.19.0"
DOCS_ROOT = "https://docs.github.com/enterprise-server@3.19/rest"
TOKEN_ALPHABET = string.ascii_letters + string.digits
MASK = "********"

HTTP_REASONS = {
    200: "OK",
    201: "Created",
    202: "Accepted",
    204: "No Content",
    301: "Moved Permanently",
    302: "Found",
    303: "See Other",
    307: "Temporary Redirect",
    308: "Permanent Redirect",
    400: "Bad Request",
    401: "Requires authentication",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    411: "Length Required",
    422: "Validation Failed",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


def utcnow():
    """Return the current time as an aware UTC datetime."""
    return datetime.datetime.now(datetime.timezone.utc)


def iso(moment=None):
    """Format a datetime (default: now) the way GitHub does: ``2024-01-02T03:04:05Z``."""
    moment = moment or utcnow()
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value):
    """Parse an ISO 8601 / RFC 3339 timestamp into an aware datetime; raise ValueError when impossible."""
    if not isinstance(value, str) or not value:
        raise ValueError("not a timestamp: %r" % (value,))
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    moment = datetime.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment


def node_id(kind, ident):
    """GitHub's legacy global node id, e.g. ``MDQ6VXNlcjE=`` for User 1."""
    raw = "0%d:%s%d" % (len(kind), kind, ident)
    return base64.b64encode(raw.encode("ascii")).decode("ascii")


def new_token(prefix="ghp_"):
    """A fresh token value: prefix + 36 random alphanumerics."""
    return prefix + "".join(secrets.choice(TOKEN_ALPHABET) for position in range(36))


def sha256_hex(text):
    """Hex SHA-256 of a string."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def request_id():
    """A unique value shaped like GitHub's X-GitHub-Request-Id."""
    raw = uuid.uuid4().hex.upper()
    return "%s:%s:%s:%s:%s" % (raw[0:4], raw[4:8], raw[8:15], raw[15:22], raw[22:30])


def lower(value):
    """Case-fold a login for comparisons."""
    return (value or "").lower()


class ApiError(Exception):
    """An error answered with GitHub's error body."""

    def __init__(self, status, message=None, errors=None, doc=None, headers=None, extra=None):
        super().__init__(message or HTTP_REASONS.get(status, "Error"))
        self.status = status
        self.message = message or HTTP_REASONS.get(status, "Error")
        self.errors = errors
        self.doc = doc
        self.headers = headers or {}
        self.extra = extra or {}


def not_found():
    """GitHub's plain 404."""
    return ApiError(404, "Not Found")


def invalid(resource, field, code="invalid", message=None, value=None):
    """A 422 "Validation Failed" with one error entry."""
    entry = {"resource": resource, "field": field, "code": code}
    if message:
        entry["message"] = message
    if value is not None:
        entry["value"] = value
    return ApiError(422, "Validation Failed", errors=[entry])


def error_body(status, message, doc=None, errors=None, extra=None):
    """GitHub's JSON error document."""
    body = {"message": message, "documentation_url": doc or DOCS_ROOT, "status": str(status)}
    if errors is not None:
        body["errors"] = errors
    if extra:
        body.update(extra)
    return body


class Reply:
    """What a handler answers: status, JSON-able body (None = no body) and extra headers."""

    def __init__(self, status=200, body=None, headers=None):
        self.status = status
        self.body = body
        self.headers = headers or {}


def _int_arg(ctx, name, default):
    raw = ctx.query_value(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except (TypeError, ValueError):
        return default


def paginate(ctx, items, default_per_page=30, max_per_page=100):
    """Slice ``items`` by ``per_page``/``page`` and return (page_items, headers) with an RFC 5988 Link header."""
    per_page = _int_arg(ctx, "per_page", default_per_page)
    if per_page < 1:
        per_page = default_per_page
    per_page = min(per_page, max_per_page)
    page = max(_int_arg(ctx, "page", 1), 1)
    total = len(items)
    last = max((total + per_page - 1) // per_page, 1)
    chunk = items[(page - 1) * per_page:page * per_page]
    links = []

    def link(number, rel):
        pairs = [(k, v) for k, v in ctx.query_pairs if k != "page"]
        pairs.append(("page", str(number)))
        return '<%s?%s>; rel="%s"' % (ctx.page_url, urlencode(pairs), rel)

    if page < last:
        links.append(link(page + 1, "next"))
        links.append(link(last, "last"))
    if page > 1:
        links.append(link(1, "first"))
        links.append(link(min(page - 1, last), "prev"))
    headers = {"Link": ", ".join(links)} if links else {}
    return chunk, headers


class Outcome:
    """What goes back on the wire for one request."""

    def __init__(self, status=200, body=None, headers=None, action=None, delay=0.0):
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.action = action
        self.delay = delay

    def payload(self):
        """The encoded body (empty for no body)."""
        if self.body is None:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        return json.dumps(self.body, separators=(",", ":")).encode("utf-8")
