"""Request/response validation against GitHub's complete official OpenAPI descriptions with openapi-core.

The descriptions (``specs/*.json.gz``, unmodified, 11-14 MB each) are loaded lazily and cached per
process.  Building openapi-core objects for a whole description is slow, so each request is validated
against a *per-path sub-description*: the path item of the operation plus the transitive closure of
the ``#/components/...`` it references, with the single server ``http://simulator``.  That is the same
validation as against the complete description (openapi-core resolves nothing else), built in well under
a millisecond the first time a path is used and cached.

REST paths are presented unprefixed (``/admin/hooks``), Manage API paths as the description writes them
(``/manage/v1/...``, whose operations declare their own server without ``/api/v3``).
"""

import gzip
import json
import os
import re
import threading

SPEC_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "specs")
SPEC_FILES = {"ghes": "ghes-3.19.json.gz", "ghec": "ghec.json.gz"}
SERVER_URL = "http://simulator"

SAMPLE_THRESHOLD = 8
_DATETIME_LIKE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")

_RAW = {}
_RAW_LOCK = threading.Lock()
_APIS = {}
_BUILD_LOCK = threading.Lock()
_VALIDATE_LOCK = threading.Lock()


def load_spec(name):
    """The parsed complete description (a shared dict: do not modify)."""
    spec = _RAW.get(name)
    if spec is None:
        with _RAW_LOCK:
            spec = _RAW.get(name)
            if spec is None:
                with gzip.open(os.path.join(SPEC_DIR, SPEC_FILES[name]), "rb") as handle:
                    spec = json.loads(handle.read().decode("utf-8"))
                _RAW[name] = spec
    return spec


def operation(name, template, method):
    """The operation object of a description, or None."""
    return (load_spec(name)["paths"].get(template) or {}).get(method.lower())


def has_operation(name, template, method):
    """True when the description declares this operation."""
    return operation(name, template, method) is not None


def operation_doc_url(name, template, method):
    """The externalDocs URL of an operation, or None."""
    try:
        return operation(name, template, method)["externalDocs"]["url"]
    except (KeyError, TypeError):
        return None


def declared_statuses(name, template, method):
    """The response status codes an operation declares (as strings)."""
    found = operation(name, template, method)
    return set(found["responses"]) if found else set()


def _unescape(token):
    return token.replace("~1", "/").replace("~0", "~")


def component_closure(spec, node):
    """Every ``#/components/SECTION/NAME`` reachable from node: {section: {name: object}}."""
    found = {}
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/"):
                section, name = ref[len("#/components/"):].split("/", 1)
                name = _unescape(name)
                bucket = found.setdefault(section, {})
                if name not in bucket:
                    bucket[name] = spec["components"][section][name]
                    stack.append(bucket[name])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def sub_spec(name, template):
    """The description reduced to one path item and the components it references (transitively)."""
    spec = load_spec(name)
    item = {key: value for key, value in spec["paths"][template].items() if key != "servers"}
    for key, value in list(item.items()):
        if isinstance(value, dict) and "servers" in value:
            item[key] = {k: v for k, v in value.items() if k != "servers"}
    components = component_closure(spec, item)
    _apply_errata(components)
    return {"openapi": spec["openapi"], "info": spec["info"], "servers": [{"url": SERVER_URL}],
            "paths": {template: item}, "components": components}


# Where a description contradicts its own example and GitHub's documentation, the example wins:
# (component schema, property path, key, corrected value).
ERRATA = (
    # GET /manage/v1/maintenance: a scheduled window has a time ("2006-01-02T15:04:05+00:00" in the example), not a date
    ("ghes-get-maintenance", ("items", "properties", "scheduled_time"), "format", "date-time"),
)


def _apply_errata(components):
    import copy

    schemas = components.get("schemas") or {}
    for name, path, key, value in ERRATA:
        if name not in schemas:
            continue
        schemas[name] = copy.deepcopy(schemas[name])
        node = schemas[name]
        for step in path:
            node = node.get(step) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node[key] = value


_SUBSCRIPTABLE_MEMBERS = ("__contains__", "__getitem__", "__len__")


def _speed_up_pathable():
    """Make pathable's ``isinstance(node, Subscriptable)`` cheap; the same answer, so validation is unchanged.

    pathable (under openapi-core) asks it of every node it walks, some 60 times a request. On Python < 3.12
    ``isinstance`` against a runtime-checkable Protocol recomputes the protocol's members each time, which was about
    a third of the CPU time of validating a request. The replacement asks what that check asks: the three methods of
    ``pathable.protocols.Subscriptable``, none of them None. Nothing is changed unless pathable has exactly that shape.
    """
    try:
        from pathable import accessors, protocols
        from typing import _get_protocol_attrs  # pylint: disable=import-outside-toplevel
    except ImportError:
        return
    accessor = getattr(accessors, "SubscriptableAccessor", None)
    original = accessor.__dict__.get("_get_subnode") if accessor is not None else None
    if (not isinstance(original, classmethod) or getattr(original.__func__, "_ghe_fast", False)
            or set(_get_protocol_attrs(protocols.Subscriptable)) != set(_SUBSCRIPTABLE_MEMBERS)):
        return

    def _get_subnode(cls, node, part):  # pylint: disable=unused-argument
        if any(getattr(node, member, None) is None for member in _SUBSCRIPTABLE_MEMBERS):
            raise KeyError(part)
        try:
            return node[part]
        except (KeyError, IndexError, TypeError) as exc:
            raise KeyError(part) from exc

    _get_subnode._ghe_fast = True
    accessor._get_subnode = classmethod(_get_subnode)


def get_api(name, template):
    """The cached openapi-core ``OpenAPI`` object for one path of a description."""
    key = (name, template)
    api = _APIS.get(key)
    if api is None:
        with _BUILD_LOCK:
            api = _APIS.get(key)
            if api is None:
                from openapi_core import Config, OpenAPI  # deferred: heavy import

                _speed_up_pathable()
                api = OpenAPI.from_dict(sub_spec(name, template), config=Config(spec_validator_cls=None))
                _APIS[key] = api
    return api


class _Request:
    """The openapi-core request protocol over an already-parsed HTTP request."""

    def __init__(self, method, path, query_pairs, headers, body, content_type):
        from openapi_core.datatypes import RequestParameters
        from werkzeug.datastructures import Headers, ImmutableMultiDict

        self.host_url = SERVER_URL
        self.path = path
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

    def __init__(self, names=tuple(SPEC_FILES)):
        self.names = tuple(names)
        self._ready = threading.Event()
        self._error = None
        self._thread = None

    def warm_up(self):
        """Load the descriptions and import openapi-core in a background thread."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._warm, name="ghe-simulator-openapi", daemon=True)
        self._thread.start()

    def _warm(self):
        try:
            import openapi_core  # noqa: F401  pylint: disable=unused-import,import-outside-toplevel

            for name in self.names:
                load_spec(name)
        except Exception as exc:  # pragma: no cover - surfaced on first use
            self._error = exc
        finally:
            self._ready.set()

    def wait_ready(self, timeout=120):
        """Block until the descriptions are loaded; raise if loading failed."""
        if self._thread is None:
            self.warm_up()
        self._ready.wait(timeout)
        if self._error is not None:
            raise self._error

    def validate_request(self, spec, template, method, path, query_pairs, headers, body, content_type):
        """Return a list of problems (empty when the request matches the description)."""
        self.wait_ready()
        request = _Request(method, path, query_pairs, headers, body, content_type)
        with _VALIDATE_LOCK:
            try:
                get_api(spec, template).validate_request(request)
            except Exception as exc:
                problems = Problems(describe(exc))
                problems.location = _problem_location(exc)
                return problems
        return Problems()

    def validate_response(self, spec, template, method, path, query_pairs, headers, status, data, response_headers, content_type,
                          full=False, parsed=None):
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
                get_api(spec, template).validate_response(request, response)
            except Exception as exc:
                return _remap(describe(exc), index_map)
        return []


class Problems(list):
    """Validation problems, with where a request failed: 'body', 'path', 'query', 'header' or 'other'."""

    location = "other"


def _problem_location(exc):
    from openapi_core.validation.request.exceptions import ParameterValidationError, RequestBodyValidationError

    if isinstance(exc, RequestBodyValidationError):
        return "body"
    if isinstance(exc, ParameterValidationError):
        return exc.location
    return "other"
