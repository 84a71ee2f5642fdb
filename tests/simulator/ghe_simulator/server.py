"""The HTTP side of the simulator: server, dispatch, auth, faults, request log and validation."""

import base64
import copy
import importlib.util
import ipaddress
import json
import re
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from . import control, credentials, encryption, enterprise, hooks, ldap, manage, migrations, orgs, prereceive, users
from . import identity
from . import state as st
from .routing import (AUTH_ADMIN_403, AUTH_ADMIN_404, AUTH_ENTERPRISE, AUTH_FORBIDDEN, AUTH_NONE, AUTH_USER, GHEC, GHES,
                      MANAGE_PREFIX, Context, Router)
from .util import DOCS_ROOT, HTTP_REASONS, ApiError, Outcome, error_body, request_id
from .validation import SpecValidator, declared_statuses

API_PREFIX = "/api/v3"
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
JSON_TYPE = "application/json; charset=utf-8"
ALL_ROUTES = (enterprise.ROUTES + hooks.ROUTES + orgs.ROUTES + users.ROUTES + encryption.ROUTES + credentials.ROUTES
              + ldap.ROUTES + prereceive.ROUTES + migrations.ROUTES + manage.ROUTES + identity.ROUTES)
PRODUCTS = (GHES, GHEC)
API_LISTENER = "api"
MANAGE_LISTENER = "manage"
MANAGE_USER = "api_key"
INVALID_REQUEST = "Invalid request."
REDACTED = "<redacted>"


def check_loopback(host):
    """Refuse anything but a loopback address (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise ValueError("refusing to bind to %r: only loopback addresses (127.0.0.0/8, ::1, localhost) are allowed" % host)
    if not address.is_loopback:
        raise ValueError("refusing to bind to %r: only loopback addresses (127.0.0.0/8, ::1, localhost) are allowed" % host)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64
    verbose = False

    def handle_error(self, request, client_address):
        """Clients that go away (timeouts, dropped connections) are normal here: stay quiet about them."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, ssl.SSLError, socket.timeout)) and not self.verbose:
            return
        super().handle_error(request, client_address)


class _Server6(_Server):
    address_family = socket.AF_INET6


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "GitHub.com"
    sys_version = ""
    timeout = 120
    sim = None  # set on the per-simulator subclass
    listener = API_LISTENER

    def setup(self):
        super().setup()
        try:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.do_handshake()
        self.sim._track(self.connection, True)

    def finish(self):
        try:
            super().finish()
        finally:
            self.sim._track(self.connection, False)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.sim.verbose:
            sys.stderr.write("ghe_simulator %s - %s\n" % (self.address_string(), format % args))

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks), True
        length = self.headers.get("Content-Length")
        if length is None:
            return b"", False
        return self.rfile.read(int(length)), True

    def _dispatch(self):
        body, has_length = self._read_body()
        client = "%s:%s" % self.client_address[:2]
        outcome = self.sim.process(self.command, self.path, self.headers, body, client, has_length, self.listener)
        if outcome.action == "hang":
            self.sim.stop_event.wait(outcome.delay or None)
        elif outcome.delay:
            self.sim.stop_event.wait(outcome.delay)
        if outcome.action in ("drop", "hang"):
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        payload = outcome.payload()
        self.send_response(outcome.status, HTTP_REASONS.get(outcome.status))
        headers = {"Content-Type": JSON_TYPE}
        headers.update(outcome.headers)
        headers["Content-Length"] = str(len(payload))
        for name, value in headers.items():
            self.send_header(name, str(value))
        # headers and body in one write
        self._headers_buffer.append(b"\r\n")
        if payload and self.command != "HEAD":
            self._headers_buffer.append(payload)
        self.flush_headers()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _dispatch


class Simulator:
    """A stateful simulator of one GitHub product's admin API.

    ``sim = Simulator(state=None, host="127.0.0.1", port=0, validate=True); sim.start(); sim.url; sim.stop()``

    ``product="ghes"`` (default): GitHub Enterprise Server 3.19, everything under ``/api/v3``; with
    ``manage=True`` also the Manage API on a second port (``sim.manage_url``).  ``product="ghec"``:
    GitHub Enterprise Cloud (no prefix, GHEC paths only).
    """

    def __init__(self, state=None, host="127.0.0.1", port=0, validate=True, certfile=None, keyfile=None, verbose=False,
                 product=GHES, manage=False, manage_port=0):
        check_loopback(host)
        if product not in PRODUCTS:
            raise ValueError("product must be one of %s" % ", ".join(PRODUCTS))
        if manage and product != GHES:
            raise ValueError("the Manage API belongs to GitHub Enterprise Server (product='ghes')")
        self.product = product
        self.manage = manage
        self.requested_manage_port = manage_port
        self._manage_server = None
        self._manage_thread = None
        self.host = host
        self.requested_port = port
        self.validate = validate
        self.certfile = certfile
        self.keyfile = keyfile
        self.verbose = verbose
        self.lock = threading.RLock()
        self.hold = threading.Condition(self.lock)  # barriers (faults with hold_until) wait on it
        self.stop_event = threading.Event()
        self.fixture = copy.deepcopy(state) if state else None
        self.state = st.build_state(self.fixture, product)
        self.requests = []
        self.violations = []
        self.faults = []
        self.router = Router(ALL_ROUTES, product)
        self.manage_router = Router(ALL_ROUTES, product, manage=True)
        self.validator = SpecValidator((product,)) if validate else None
        self._seq = 0
        self._violation_seq = 0
        self._fault_seq = 0
        self._rates = {}
        self._connections = set()
        self._server = None
        self._thread = None

    # ------------------------------------------------------------------ lifecycle

    @property
    def port(self):
        """The bound port (after start())."""
        return self._server.server_address[1] if self._server else None

    @property
    def scheme(self):
        """http or https."""
        return "https" if self.certfile else "http"

    @property
    def url(self):
        """Base URL without the /api/v3 prefix, e.g. ``http://127.0.0.1:PORT``."""
        if self._server is None:
            raise RuntimeError("the simulator is not running: call start() first")
        host = self.host if ":" not in self.host else "[%s]" % self.host.strip("[]")
        return "%s://%s:%s" % (self.scheme, host, self.port)

    @property
    def api_url(self):
        """The REST API root: ``url`` + ``/api/v3`` on GHES, ``url`` on GHEC."""
        return self.url + API_PREFIX if self.product == GHES else self.url

    @property
    def manage_port(self):
        """The Manage API's bound port (None without manage=True)."""
        return self._manage_server.server_address[1] if self._manage_server else None

    @property
    def manage_url(self):
        """The Manage API root, e.g. ``http://127.0.0.1:PORT/manage/v1`` (None without manage=True)."""
        if self._manage_server is None:
            return None
        host = self.host if ":" not in self.host else "[%s]" % self.host.strip("[]")
        return "%s://%s:%s%s" % (self.scheme, host, self.manage_port, MANAGE_PREFIX)

    def _bind(self, port, listener):
        handler = type("SimHandler", (_Handler,), {"sim": self, "listener": listener})
        host = self.host.strip("[]")
        server_class = _Server6 if ":" in host else _Server
        server = server_class((host, port), handler)
        server.verbose = self.verbose
        if self.certfile:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.certfile, self.keyfile)
            server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="ghe-simulator-" + listener,
                                  daemon=True)
        return server, thread

    def start(self):
        """Bind, start serving in a daemon thread and start building the validators in the background."""
        if self._server is not None:
            return self
        if self.validator is not None and importlib.util.find_spec("openapi_core") is None:
            raise RuntimeError("validation needs openapi-core: pip install openapi-core, or use validate=False / --no-validate")
        self._server, self._thread = self._bind(self.requested_port, API_LISTENER)
        if self.manage:
            self._manage_server, self._manage_thread = self._bind(self.requested_manage_port, MANAGE_LISTENER)
        self.stop_event.clear()
        self._thread.start()
        if self._manage_thread is not None:
            self._manage_thread.start()
        if self.validator is not None:
            self.validator.warm_up()
        return self

    def stop(self):
        """Stop serving and close every open connection."""
        if self._server is None:
            return
        self.stop_event.set()
        with self.hold:
            self.hold.notify_all()
        self._server.shutdown()
        if self._manage_server is not None:
            self._manage_server.shutdown()
            self._manage_server.server_close()
            self._manage_thread.join(5)
            self._manage_server = None
        with self.lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._server.server_close()
        self._thread.join(5)
        self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _track(self, connection, add):
        with self.lock:
            if add:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    # ------------------------------------------------------------------ helpers for tests

    def reset(self, fixture=None):
        """Reset state to defaults + fixture (default: the constructor's), clear the request log and faults."""
        with self.lock:
            self.state = st.build_state(fixture if fixture is not None else self.fixture, self.product)
            self.requests = []
            self.faults = []
            self._rates = {}
        return self.state

    def merge_state(self, fixture):
        """Merge a partial fixture into the current state (out-of-band changes)."""
        with self.lock:
            st.merge_fixture(self.state, fixture)
        return self.state

    def set_settings(self, **settings):
        """Merge into state["settings"]."""
        with self.lock:
            self.state["settings"].update(settings)
        return self.state["settings"]

    def add_fault(self, **fault):
        """Register a fault (see README.md); returns it."""
        with self.lock:
            return control.add_fault(self, fault)

    def clear_faults(self):
        with self.lock:
            self.faults = []

    def clear_requests(self):
        with self.lock:
            self.requests = []

    def clear_violations(self):
        with self.lock:
            self.violations = []

    def get_requests(self, method=None, path_prefix=None):
        """The request log, optionally filtered."""
        with self.lock:
            return [entry for entry in self.requests
                    if (method is None or entry["method"] == method.upper()) and (path_prefix is None or entry["path"].startswith(path_prefix))]

    def writes(self, path_prefix=None):
        """Logged requests with a write method."""
        return [entry for entry in self.get_requests(path_prefix=path_prefix) if entry["method"] in WRITE_METHODS]

    # ------------------------------------------------------------------ request processing

    def _violation(self, kind, method, path, status, problems, request_seq=None):
        with self.lock:
            self._violation_seq += 1
            entry = {"seq": self._violation_seq, "kind": kind, "method": method, "path": path, "status": status,
                     "message": "; ".join(problems), "problems": problems, "request_seq": request_seq}
            self.violations.append(entry)
        return entry

    def flag(self, kind, ctx, problems):
        """Record a violation found by a handler (e.g. a masked secret sent back)."""
        return self._violation(kind, ctx.method, ctx.path, None, problems, ctx.seq)

    def _take_fault(self, method, path):
        with self.lock:
            for fault in self.faults:
                if fault["remaining"] == 0:
                    continue
                if fault["method"] not in ("*", method):
                    continue
                if not re.search(fault["path"], path):
                    continue
                if fault["remaining"] > 0:
                    fault["remaining"] -= 1
                fault["hits"] += 1
                return dict(fault)
        return None

    def _rate_headers(self, key, limit):
        now = time.time()
        with self.lock:
            window = self._rates.get(key)
            if window is None or now >= window["reset"]:
                window = {"reset": int(now) + 3600, "used": 0}
                self._rates[key] = window
            window["used"] += 1
            used = window["used"]
            reset = window["reset"]
        return {
            "x-ratelimit-limit": str(limit),
            "x-ratelimit-remaining": str(max(limit - used, 0)),
            "x-ratelimit-reset": str(reset),
            "x-ratelimit-used": str(used),
            "x-ratelimit-resource": "core",
        }, used > limit

    def _authenticate(self, header):
        """Return (scheme, token_record_or_None, problem) for an Authorization header."""
        if not header:
            return None, None, None
        parts = header.strip().split(None, 1)
        scheme = parts[0]
        value = parts[1].strip() if len(parts) > 1 else ""
        if scheme.lower() in ("bearer", "token"):
            secret = value
        elif scheme.lower() == "basic":
            try:
                secret = base64.b64decode(value).decode("utf-8").split(":", 1)[1]
            except (ValueError, IndexError, UnicodeDecodeError):
                secret = None
        else:
            secret = None
        token = st.find_token(self.state, secret) if secret else None
        return scheme, token, None if token else "Bad credentials"

    def _count_for_barriers(self, event, method, path, seq):
        """Count this request (on arrival, or once answered) for every barrier (fault with hold_until) waiting for it."""
        with self.hold:
            for fault in self.faults:
                barrier = fault.get("hold_until")
                if barrier and barrier["event"] == event and barrier["method"] in ("*", method) and re.search(barrier["path"], path):
                    fault["arrivals"].append(seq)
            self.hold.notify_all()

    def _wait_for_barrier(self, fault, method, path, seq):
        """Hold a request until its fault's hold_until count of other matching requests has arrived."""
        barrier = fault["hold_until"]
        timeout = float(fault.get("timeout") or self.state["settings"].get("hold_timeout", 30))
        deadline = time.monotonic() + timeout

        def arrived():
            live = next((item for item in self.faults if item["id"] == fault["id"]), fault)
            return len([other for other in live["arrivals"] if other != seq]) >= barrier["count"]

        with self.hold:
            while not arrived() and not self.stop_event.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self._violation("barrier", method, path, None, [
                        "fault %d held %s %s for %.0f s but only %d of %d requests matching %s %s %s" % (
                            fault["id"], method, path, timeout, len([o for o in fault["arrivals"] if o != seq]), barrier["count"],
                            barrier["method"], barrier["path"], "were answered" if barrier["event"] == "answered" else "arrived")], seq)
                    return
                self.hold.wait(remaining)

    def _prefix_problem(self, listener, prefixed, path):
        """Where the request was sent is not where this product serves the API: a problem, or None."""
        if listener == MANAGE_LISTENER:
            return None if path.startswith(MANAGE_PREFIX + "/") else "the Manage API serves only %s/..." % MANAGE_PREFIX
        if self.product == GHES and not prefixed:
            return "GitHub Enterprise Server serves its REST API under %s: %s is not an API path" % (API_PREFIX, path)
        if self.product == GHEC and path.startswith(API_PREFIX + "/"):
            return "GitHub Enterprise Cloud serves its REST API without the %s prefix" % API_PREFIX
        return None

    def process(self, method, raw_path, headers, raw_body, client, has_length=True, listener=API_LISTENER):
        """Serve one request; returns an Outcome."""
        method = method.upper()
        split = urlsplit(raw_path)
        path = split.path or "/"
        prefixed = path == API_PREFIX or path.startswith(API_PREFIX + "/")
        if prefixed and self.product == GHES and listener == API_LISTENER:
            path = path[len(API_PREFIX):] or "/"
        query_pairs = parse_qsl(split.query, keep_blank_values=True)
        if path == "/_sim" or path.startswith("/_sim/"):
            return control.handle(self, method, path, query_pairs, raw_body)
        host = headers.get("Host") or "%s:%d" % (self.host, self.port or 0)
        root_url = "%s://%s" % (self.scheme, host)
        base_url = root_url + (API_PREFIX if self.product == GHES and listener == API_LISTENER else "")
        page_url = root_url + (API_PREFIX if prefixed and self.product == GHES and listener == API_LISTENER else "") + path
        body, parse_error = None, None
        if raw_body and manage.is_multipart(headers.get("Content-Type")):
            body, parse_error = manage.parse_multipart(raw_body, headers.get("Content-Type"))
        elif raw_body:
            try:
                body = json.loads(raw_body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                parse_error = str(exc)
        with self.lock:
            self._seq += 1
            seq = self._seq
        self._count_for_barriers("arrived", method, path, seq)
        prefix_problem = self._prefix_problem(listener, prefixed, path)
        router = self.manage_router if listener == MANAGE_LISTENER else self.router
        route, params, path_known = router.match(method, path) if prefix_problem is None else (None, {}, False)
        other_product = route is None and prefix_problem is None and self._served_elsewhere(method, path)
        auth = self._authenticate(headers.get("Authorization")) if listener == API_LISTENER else self._manage_auth(headers)
        token = auth[1] if listener == API_LISTENER else None
        limit = int(self.state["settings"].get("rate_limit" if token else "rate_limit_unauthenticated", 5000))
        rate_headers, exceeded = self._rate_headers("token:%d" % token["id"] if token else "ip", limit)
        ctx = Context(self, method, path, params, query_pairs, body, headers, base_url, root_url, page_url, route)
        ctx.seq = seq
        ctx.client = client
        ctx.listener = listener
        doc = ctx.doc
        spec = route.spec_for(self.product) if route else None
        outcome, fault, violation = None, None, None

        # 1. the contract: validate the request against the official description
        violation_location = "other"
        if self.validator is not None and not other_product and (route is None or spec):
            if route is None:
                problems = [prefix_problem or "no operation %s %s in the OpenAPI description of %s (%s)" % (
                    method, path, self.product.upper(), "method not allowed" if path_known else "unknown path")]
            else:
                problems = self.validator.validate_request(spec, route.template, method, path, query_pairs, dict(headers.items()),
                                                           raw_body, headers.get("Content-Type"))
            if problems:
                violation = self._violation("request", method, path, None, list(problems), seq)
                violation_location = getattr(problems, "location", "other")

        # 2. fault injection (a barrier holds the request, then it goes on)
        fault = self._take_fault(method, path)
        if fault and fault.get("hold_until"):
            self._wait_for_barrier(fault, method, path, seq)
        if fault and fault.get("phase", "before") == "before" and control.answers(fault):
            outcome = control.fault_outcome(fault, doc, ctx)
        elif listener == MANAGE_LISTENER and auth[2]:
            outcome = Outcome(401, {"message": auth[2]})
        elif route is None:
            outcome = Outcome(404, error_body(404, "Not Found", DOCS_ROOT))
        elif violation is not None:
            outcome = self._contract_failure(violation, violation_location, doc)
        else:
            outcome = self._serve(ctx, route, auth if listener == API_LISTENER else (None, None, None), exceeded, parse_error,
                                  has_length, manage=listener == MANAGE_LISTENER)
            if self.validator is not None and spec and outcome.action is None:
                self._check_response(route, spec, ctx, outcome)
            if fault and fault.get("phase") == "after" and control.answers(fault):
                outcome = control.fault_outcome(fault, doc, ctx)
        final_headers = dict(rate_headers) if listener == API_LISTENER else {}
        final_headers.update(outcome.headers)
        if fault:
            final_headers.update(fault.get("headers") or {})
            if fault.get("link_host") and final_headers.get("Link"):
                final_headers["Link"] = control.rewrite_link_host(final_headers["Link"], fault["link_host"])
            outcome.delay = float(fault.get("delay") or 0.0)
        outcome.headers = final_headers
        outcome.headers.setdefault("X-GitHub-Request-Id", request_id())
        if self.product == GHES and listener == API_LISTENER:
            outcome.headers.setdefault("X-GitHub-Enterprise-Version", self.state["settings"].get("enterprise_version", "3.19.0"))
        if listener == API_LISTENER:
            outcome.headers.setdefault("X-GitHub-Media-Type", "github.v3; format=json")
        self._log(ctx, raw_body, body, outcome, headers, client, fault)
        self._count_for_barriers("answered", method, path, seq)
        return outcome

    def _served_elsewhere(self, method, path):
        """True when another product serves this path (real GitHub answers 404 there: not a contract violation)."""
        for route in ALL_ROUTES:
            if not route.manage and self.product not in route.products and route.method == method and route.regex.match(path):
                return True
        return False

    def _contract_failure(self, violation, location, doc):
        """The answer to a request the description rejects, as GitHub answers it.

        GitHub checks bodies and query parameters against its schemas and answers 422
        ``Invalid request.`` followed by the details; a path that does not fit (e.g. a non-numeric id)
        is 404.  Unknown paths are 404 (handled by the caller).
        """
        details = violation["message"]
        if location == "path":
            return Outcome(404, error_body(404, "Not Found", doc, errors=violation["problems"]))
        if location in ("body", "query", "header"):
            return Outcome(422, error_body(422, INVALID_REQUEST + "\n\n" + details, doc,
                                           errors=violation["problems"]))
        return Outcome(400, error_body(400, "simulator: request does not match the OpenAPI description: " + details, doc,
                                       errors=violation["problems"]))

    def _manage_auth(self, headers):
        """Manage API: HTTP Basic ``api_key:<password>``; returns (scheme, None, problem)."""
        header = (headers.get("Authorization") or "").strip()
        parts = header.split(None, 1)
        if len(parts) != 2 or parts[0].lower() != "basic":
            return (parts[0] if parts else None), None, "Unauthorized"
        try:
            user, password = base64.b64decode(parts[1]).decode("utf-8").split(":", 1)
        except (ValueError, UnicodeDecodeError):
            return "Basic", None, "Unauthorized"
        if user != MANAGE_USER or password != self.state["settings"].get("manage_password", st.MANAGE_PASSWORD):
            return "Basic", None, "Unauthorized"
        return "Basic", None, None

    def _serve(self, ctx, route, auth, exceeded, parse_error, has_length, manage=False):
        """Auth, rate limit and the handler itself (on the Manage listener, auth was checked by the caller)."""
        headers = ctx.headers
        token, auth_problem = auth[1], auth[2]

        def fail(status, message, errors=None):
            return Outcome(status, error_body(status, message, ctx.doc, errors))

        if not has_length and ctx.method in ("POST", "PUT", "PATCH"):
            return fail(411, "Length Required: send Content-Length (use Content-Length: 0 for an empty body).")
        if parse_error is not None:
            return fail(400, "Problems parsing JSON")
        version = headers.get("X-GitHub-Api-Version")
        if manage:
            return self._call(ctx, route)
        if version and version not in self.state["settings"].get("api_versions", []):
            return fail(400, "Unsupported 'X-GitHub-Api-Version' header value: %s" % version)
        if route.auth == AUTH_FORBIDDEN:
            if headers.get("Authorization"):
                return fail(403, "This endpoint does not accept authenticated requests. Send the request without an Authorization header.")
        elif auth_problem:
            return fail(401, auth_problem)
        elif token is None and route.auth != AUTH_NONE:
            return fail(401, "Requires authentication")
        user = st.find_user(self.state, token["user"]) if token else None
        if token is not None and user is None:
            return fail(401, "Bad credentials")
        if user is not None and user.get("suspended_at"):
            return fail(403, "Sorry. Your account was suspended.")
        if exceeded and self.state["settings"].get("rate_limit_enforce"):
            who = "user ID %d" % user["id"] if user else ctx.headers.get("X-Forwarded-For", "127.0.0.1")
            return fail(403, "API rate limit exceeded for %s." % who)
        ctx.user, ctx.token = user, token
        site_admin = bool(user and user.get("site_admin"))
        if route.auth == AUTH_ADMIN_404 and not site_admin:
            return fail(404, "Not Found")
        if route.auth == AUTH_ADMIN_403 and not site_admin:
            return fail(403, "Must be a site administrator.")
        if route.auth in (AUTH_USER, AUTH_ENTERPRISE) and user is None:
            return fail(401, "Requires authentication")
        return self._call(ctx, route)

    def _call(self, ctx, route):
        """Run the handler under the state lock; errors become GitHub's error documents."""
        try:
            with self.lock:
                ctx.state = self.state
                reply = route.handler(ctx)
            outcome = Outcome(reply.status, reply.body, dict(reply.headers))
        except ApiError as exc:
            outcome = Outcome(exc.status, error_body(exc.status, exc.message, exc.doc or ctx.doc, exc.errors, exc.extra), dict(exc.headers))
        except Exception as exc:  # a simulator bug: report it loudly
            problem = "simulator error in %s %s: %s: %s" % (ctx.method, route.template, type(exc).__name__, exc)
            self._violation("internal", ctx.method, ctx.path, 500, [problem], ctx.seq)
            outcome = Outcome(500, error_body(500, problem, ctx.doc))
        return outcome

    def _check_response(self, route, spec, ctx, outcome):
        """Validate a served response; an invalid one is a simulator bug (violation + 500)."""
        status = outcome.status
        declared = declared_statuses(spec, route.template, ctx.method)
        if str(status) not in declared and "default" not in declared and "%dXX" % (status // 100) not in declared:
            if status >= 400:
                return  # GitHub's generic errors are not all declared in the trimmed descriptions
            problems = ["status %d is not declared for %s %s (declared: %s)" % (status, ctx.method, route.template, ", ".join(sorted(declared)))]
        else:
            payload = outcome.payload()
            problems = self.validator.validate_response(spec, route.template, ctx.method, ctx.path, ctx.query_pairs, {}, status, payload,
                                                        outcome.headers, JSON_TYPE if payload else "",
                                                        full=bool(self.state["settings"].get("validate_full_lists")),
                                                        parsed=outcome.body if isinstance(outcome.body, list) else None)
        if problems:
            violation = self._violation("response", ctx.method, ctx.path, status, problems, ctx.seq)
            outcome.status = 500
            outcome.body = error_body(500, "simulator: response does not match the OpenAPI description: " + violation["message"], ctx.doc)

    def _log(self, ctx, raw_body, body, outcome, headers, client, fault):
        logged_body = body
        if raw_body and body is None:
            logged_body = raw_body.decode("utf-8", "replace")
        if ctx.path.rstrip("/") == "/enterprise/encryption" and isinstance(body, dict) and "key" in body:
            logged_body = dict(body, key=REDACTED)
        authorization = headers.get("Authorization") or ""
        query = {}
        for key, value in ctx.query_pairs:
            if key in query:
                query[key] = (query[key] if isinstance(query[key], list) else [query[key]]) + [value]
            else:
                query[key] = value
        with self.lock:
            self.requests.append({
                "seq": ctx.seq,
                "time": time.time(),
                "method": ctx.method,
                "path": ctx.path,
                "query": query,
                "status": outcome.status if outcome.action is None else None,
                "action": outcome.action,
                "body": logged_body,
                "authenticated": bool(authorization),
                "authorization_scheme": authorization.split(None, 1)[0].lower() if authorization.strip() else None,
                "listener": ctx.listener,
                "identity": ctx.actor,
                "user_agent": headers.get("User-Agent"),
                "accept": headers.get("Accept"),
                "api_version": headers.get("X-GitHub-Api-Version"),
                "content_type": headers.get("Content-Type"),
                "connection": client,
                "request_id": outcome.headers.get("X-GitHub-Request-Id"),
                "fault": fault is not None,
                "fault_id": fault["id"] if fault else None,
            })
