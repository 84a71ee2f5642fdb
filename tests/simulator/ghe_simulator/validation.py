"""Request/response validation against GitHub's official OpenAPI descriptions with openapi-core.

The descriptions in ``specs/`` declare ``servers: [{url: "{protocol}://{hostname}/api/v3"}]``
(GHES) and ``https://api.github.com`` (GHEC).  The simulator serves both with and without the
``/api/v3`` prefix, so it validates against an in-memory copy whose only server is the relative
``/api/v3`` and always presents the request path as ``/api/v3`` + the unprefixed path.

Building openapi-core objects costs a few hundred milliseconds (mostly imports), so they are
built once per process, in a background thread started by ``warm_up()``; the first request
waits for them, so it is still validated.
"""

import json
import os
import re
import threading

SPEC_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "specs")
SPEC_FILES = {"ghes": "ghes-3.19.subset.json", "ghec": "ghec.subset.json"}
VALIDATION_PREFIX = "/api/v3"

SAMPLE_THRESHOLD = 8
_DATETIME_LIKE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")

_RAW = {}
_RAW_LOCK = threading.Lock()
_APIS = {}
_BUILD_LOCK = threading.Lock()
_VALIDATE_LOCK = threading.Lock()


def load_spec(name):
    """The parsed description (a shared dict: do not modify)."""
    with _RAW_LOCK:
        if name not in _RAW:
            with open(os.path.join(SPEC_DIR, SPEC_FILES[name]), encoding="utf-8") as handle:
                _RAW[name] = json.load(handle)
        return _RAW[name]


def operation_doc_url(name, template, method):
    """The externalDocs URL of an operation, or None."""
    try:
        return load_spec(name)["paths"][template][method.lower()]["externalDocs"]["url"]
    except KeyError:
        return None


def declared_statuses(name, template, method):
    """The response status codes an operation declares (as strings)."""
    try:
        return set(load_spec(name)["paths"][template][method.lower()]["responses"])
    except KeyError:
        return set()


def _build(name):
    from openapi_core import Config, OpenAPI  # deferred: heavy import

    data = dict(load_spec(name))
    data["servers"] = [{"url": VALIDATION_PREFIX}]
    return OpenAPI.from_dict(data, config=Config(spec_validator_cls=None))


def get_api(name):
    """The cached openapi-core ``OpenAPI`` object for a description."""
    api = _APIS.get(name)
    if api is None:
        with _BUILD_LOCK:
            api = _APIS.get(name)
            if api is None:
                api = _build(name)
                _APIS[name] = api
    return api


class _Request:
    """The openapi-core request protocol over an already-parsed HTTP request."""

    def __init__(self, method, path, query_pairs, headers, body, content_type):
        from openapi_core.datatypes import RequestParameters
        from werkzeug.datastructures import Headers, ImmutableMultiDict

        self.host_url = "http://simulator"
        self.path = VALIDATION_PREFIX + path
        self.method = method.lower()
        self.body = body or b""
        self.content_type = (content_type or "").lower()
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(query_pairs)),
            header=Headers(list(headers.items())),
            cookie=ImmutableMultiDict(),
        )


class _Response:
    """The openapi-core response protocol."""

    def __init__(self, status, data, headers, content_type):
        from werkzeug.datastructures import Headers

        self.status_code = status
        self.data = data or b""
        self.headers = Headers(list(headers.items()))
        self.content_type = content_type


def shape(value):
    """A structural signature: keys (in order), JSON types, nulls, and whether strings look like timestamps/e-mails."""
    kind = type(value)
    if kind is dict:
        return tuple((key, shape(item)) for key, item in value.items())
    if kind is list:
        return ("[]",) + tuple(dict.fromkeys(shape(item) for item in value))
    if kind is str:
        if 19 < len(value) < 36 and value[4:5] == "-" and _DATETIME_LIKE.match(value):
            return "date-time"
        return "string@" if "@" in value else "string"
    return kind.__name__


def representatives(items):
    """Indexes of the first item of every distinct shape, plus the first and the last item."""
    first_of_shape = {}
    for index, item in enumerate(items):
        first_of_shape.setdefault(shape(item), index)
    return sorted(set(first_of_shape.values()) | {0, len(items) - 1})


def _sample_list(data, parsed=None):
    """Shrink a long JSON array to its representatives; return (data, index map or None)."""
    if not data or data[:1] != b"[":
        return data, None
    items = parsed if isinstance(parsed, list) else json.loads(data.decode("utf-8"))
    if len(items) <= SAMPLE_THRESHOLD:
        return data, None
    chosen = representatives(items)
    return json.dumps([items[index] for index in chosen]).encode("utf-8"), chosen


def _remap(problems, index_map):
    if not index_map:
        return problems
    remapped = []
    for problem in problems:
        match = re.match(r"^(\w+: )(\d+)(/|:)", problem)
        if match and int(match.group(2)) < len(index_map):
            problem = match.group(1) + str(index_map[int(match.group(2))]) + problem[match.end(2):]
        remapped.append(problem)
    return remapped


def _short(text, limit=300):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _schema_errors(exc):
    seen = set()
    current = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        errors = getattr(current, "schema_errors", None)
        if errors:
            return errors
        current = current.__cause__ or current.__context__
    return None


def describe(exc):
    """Turn an openapi-core exception into a list of short, readable problems."""
    errors = _schema_errors(exc)
    if errors:
        problems = []
        for error in errors:
            location = "/".join(str(part) for part in error.absolute_path) or "(body)"
            problems.append("%s: %s" % (location, _short(error.message)))
            for sub in list(getattr(error, "context", None) or [])[:3]:
                sub_location = "/".join(str(part) for part in sub.absolute_path) or location
                problems.append("  %s: %s" % (sub_location, _short(sub.message)))
        return ["%s: %s" % (type(exc).__name__, problem) for problem in problems]
    text = "%s: %s" % (type(exc).__name__, _short(exc))
    cause = exc.__cause__
    if cause is not None and str(cause) and str(cause) not in str(exc):
        text += " (%s: %s)" % (type(cause).__name__, _short(cause))
    return [text]


class SpecValidator:
    """Validates requests and responses of one simulator against the cached descriptions."""

    def __init__(self):
        self._ready = threading.Event()
        self._error = None
        self._thread = None

    def warm_up(self):
        """Build (or reuse) both descriptions in a background thread."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._warm, name="ghe-simulator-openapi", daemon=True)
        self._thread.start()

    def _warm(self):
        try:
            for name in SPEC_FILES:
                api = get_api(name)
                # one throw-away validation so lazy structures are built before the first real request
                try:
                    api.validate_request(_Request("get", "/meta", [], {}, b"", ""))
                except Exception:  # the GHEC description has no /meta: that is expected
                    pass
        except Exception as exc:  # pragma: no cover - surfaced on first use
            self._error = exc
        finally:
            self._ready.set()

    def wait_ready(self, timeout=60):
        """Block until the descriptions are built; raise if building failed."""
        if self._thread is None:
            self.warm_up()
        self._ready.wait(timeout)
        if self._error is not None:
            raise self._error

    def validate_request(self, spec, method, path, query_pairs, headers, body, content_type):
        """Return a list of problems (empty when the request matches the description)."""
        self.wait_ready()
        request = _Request(method, path, query_pairs, headers, body, content_type)
        with _VALIDATE_LOCK:
            try:
                get_api(spec).validate_request(request)
            except Exception as exc:
                return describe(exc)
        return []

    def validate_response(self, spec, method, path, query_pairs, headers, status, data, response_headers, content_type, full=False,
                          parsed=None):
        """Return a list of problems (empty when the response matches the description).

        Unless ``full``, a JSON array of more than SAMPLE_THRESHOLD items is validated on its
        representatives (one item per distinct shape, plus the first and the last): the items of
        one list are rendered by the same code, and this keeps a 100-item page at a few ms.
        ``parsed`` is the already-decoded body, when the caller has it.
        """
        self.wait_ready()
        index_map = None
        if not full:
            data, index_map = _sample_list(data, parsed)
        request = _Request(method, path, query_pairs, headers, b"", "")
        response = _Response(status, data, response_headers, content_type)
        with _VALIDATE_LOCK:
            try:
                get_api(spec).validate_response(request, response)
            except Exception as exc:
                return _remap(describe(exc), index_map)
        return []
