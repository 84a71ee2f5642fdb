# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one GitHub Enterprise API client, for modules and for controller-side action plugins."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import threading
import time

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised by the sanity import test
    requests = None
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

from ansible.module_utils.six.moves.urllib.parse import urlsplit, urlunsplit

from ansible_collections.ghe.admin.plugins.module_utils.retry import RetryPolicy
from ansible_collections.ghe.admin.plugins.module_utils.version import COLLECTION_VERSION

DEFAULT_API_VERSION = '2022-11-28'
DEFAULT_TIMEOUT = 30
ACCEPT = 'application/vnd.github+json'
USER_AGENT = 'ghe.admin-ansible-collection/%s' % COLLECTION_VERSION
REDACTED = '********'

_SAFE_METHODS = frozenset(('GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'))
# Anything shaped like a GitHub token is a secret, even one this client was never told about (a server error that
# echoes another credential).
_TOKEN_SHAPE = re.compile(r'\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{40,255})\b')
_LINK_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


class InvalidApiUrl(ValueError):
    pass


def normalize_api_url(api_url):
    """Return the REST base URL for ``api_url``.

    ``https://HOST`` and ``https://HOST/api/v3`` name a GitHub Enterprise Server (``/api/v3`` is
    appended when missing); ``https://api.github.com`` and ``https://api.SUBDOMAIN.ghe.com`` are
    used as they are.
    """
    text = (api_url or '').strip()
    parts = urlsplit(text)
    if parts.scheme not in ('http', 'https') or not parts.hostname:
        raise InvalidApiUrl(
            "api_url must be an absolute http(s) URL such as https://ghe.example.com, got %r" % text)
    if parts.query or parts.fragment:
        raise InvalidApiUrl("api_url must not have a query or fragment, got %r" % text)
    host = parts.hostname.lower()
    path = parts.path.rstrip('/')
    if host == 'api.github.com' or (host.startswith('api.') and host.endswith('.ghe.com')):
        path = ''
    elif not path.endswith('/api/v3'):
        path += '/api/v3'
    return urlunsplit((parts.scheme, parts.netloc, path, '', ''))


class ApiError(Exception):
    """A request that did not succeed; carries what GitHub said, never a secret."""

    def __init__(self, method, url, status=None, message=None, errors=None, documentation_url=None,
                 request_id=None, reason=None):
        self.method = method
        self.url = url
        self.status = status
        self.message = message
        self.errors = errors or []
        self.documentation_url = documentation_url
        self.request_id = request_id
        self.reason = reason
        super(ApiError, self).__init__(self.describe())

    @property
    def host(self):
        return urlsplit(self.url).netloc

    @property
    def path(self):
        return urlsplit(self.url).path

    def describe(self):
        where = '%s %s on %s' % (self.method, self.path, self.host)
        if self.status is None:
            return '%s failed: %s' % (where, self.reason)
        text = '%s failed: HTTP %s' % (where, self.status)
        if self.message:
            text += ' %s' % self.message.rstrip('.')
        details = [_describe_error(e) for e in self.errors]
        details = [d for d in details if d]
        if details:
            text += ' (%s)' % '; '.join(details)
        hint = _HINTS.get(self.status)
        if self.reason:
            text += '. %s' % _sentence(self.reason)
        elif hint:
            text += '. %s' % hint
        if self.status >= 500:
            text += '. %s' % SERVER_ERROR_HINT
        if self.request_id:
            text += ' [request id %s]' % self.request_id
        return text

    def as_dict(self):
        return dict(status=self.status, method=self.method, path=self.path, message=self.message,
                    errors=self.errors, documentation_url=self.documentation_url,
                    request_id=self.request_id)


_HINTS = {
    401: 'Check the token (option token, or GHE_TOKEN / GITHUB_TOKEN): it is missing, wrong or expired',
    403: 'The token is not allowed to do this: the admin API needs a site administrator\'s token '
         '(classic PAT with the site_admin scope)',
    404: 'Either it does not exist, or the token\'s user is not a site administrator (GitHub answers 404 to '
         'others on admin endpoints)',
}


SERVER_ERROR_HINT = ('The server failed; run the task again later: it reads the current state first, so a new run '
                     'completes what this one could not')


def _sentence(text):
    text = text.rstrip('.')
    return text[:1].upper() + text[1:]


def _describe_error(error):
    if isinstance(error, dict):
        if error.get('message'):
            return str(error['message'])
        return ' '.join('%s=%s' % (k, error[k]) for k in ('resource', 'field', 'code') if error.get(k))
    return str(error)


class _NoResponse(Exception):
    """No HTTP response arrived; ``sent`` is False when the request certainly never reached the server."""

    def __init__(self, reason, sent=True):
        super(_NoResponse, self).__init__(reason)
        self.reason = reason
        self.sent = sent


class Response:
    def __init__(self, status, data, headers):
        self.status = status
        self.data = data
        self.headers = headers


class Client:
    """A GitHub Enterprise REST client over one keep-alive ``requests.Session``.

    ``secrets`` are values that must never appear in an error (the token is always one); callers
    add theirs with :meth:`add_secret`.
    """

    def __init__(self, api_url, token=None, validate_certs=True, ca_path=None, timeout=DEFAULT_TIMEOUT,
                 api_version=DEFAULT_API_VERSION, retry_policy=None, session=None, sleep=time.sleep):
        if not HAS_REQUESTS and session is None:
            raise ImportError('the Python library requests is required: %s' % REQUESTS_IMPORT_ERROR)
        self.base_url = normalize_api_url(api_url)
        self.token = token
        self.timeout = timeout
        self.api_version = api_version or DEFAULT_API_VERSION
        self.verify = (ca_path or True) if validate_certs else False
        self._sleep = sleep
        self.retry_policy = retry_policy or RetryPolicy()
        self.session = session if session is not None else requests.Session()
        self._secrets = set()
        if token:
            self.add_secret(token)
        self.requests_sent = 0
        self._count_lock = threading.Lock()
        self.repeated_after_lost_answer = False

    @property
    def host(self):
        return urlsplit(self.base_url).netloc

    def add_secret(self, value):
        if value and len(str(value)) >= 4:
            self._secrets.add(str(value))

    def redact(self, text):
        if text is None:
            return None
        text = str(text)
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, REDACTED)
        return _TOKEN_SHAPE.sub(REDACTED, text)

    def url(self, path):
        if path.startswith('http://') or path.startswith('https://'):
            return path
        return self.base_url + '/' + path.lstrip('/')

    def headers(self, authenticated=True):
        headers = {
            'Accept': ACCEPT,
            'User-Agent': USER_AGENT,
            'X-GitHub-Api-Version': self.api_version,
        }
        if authenticated and self.token:
            headers['Authorization'] = 'Bearer %s' % self.token
        return headers

    def request(self, method, path, json=None, params=None, authenticated=True, retry_post=False):
        """Send one API request, retrying what is safe to retry; return a :class:`Response`.

        A POST is repeated after a 5xx or a lost response only with ``retry_post=True``, which the
        caller passes when repeating cannot create a duplicate (or after re-reading). A repeated DELETE
        answered 404 after an attempt that may have reached the server is taken as done (204).
        ``repeated_after_lost_answer`` then tells whether the answer is that of a repeat of a request
        that may have been carried out already.
        """
        method = method.upper()
        url = self.url(path)
        safe_to_repeat = method in _SAFE_METHODS or retry_post
        attempt = 0
        maybe_done = False
        while True:
            try:
                response = self._send(method, url, json, params, authenticated)
            except _NoResponse as failure:
                decision = self.retry_policy.for_connection_error(
                    attempt, failure.reason, safe_to_repeat or not failure.sent)
                if not decision.retry:
                    raise ApiError(method, url, reason=self.redact(decision.reason or failure.reason))
                maybe_done = maybe_done or failure.sent
                self._sleep(decision.wait)
                attempt += 1
                continue
            data = _decode(response)
            message = data.get('message') if isinstance(data, dict) else None
            decision = self.retry_policy.for_response(
                attempt, response.status_code, response.headers, message, safe_to_repeat)
            if decision.retry:
                maybe_done = maybe_done or response.status_code >= 500
                self._sleep(decision.wait)
                attempt += 1
                continue
            self.repeated_after_lost_answer = maybe_done
            if method == 'DELETE' and response.status_code == 404 and maybe_done:
                return Response(204, None, response.headers)
            if response.status_code >= 400:
                raise self._error(method, url, response, data, decision.reason)
            return Response(response.status_code, data, response.headers)

    def _send(self, method, url, json, params, authenticated):
        with self._count_lock:
            self.requests_sent += 1
        host = urlsplit(url).netloc
        try:
            return self.session.request(
                method, url, json=json, params=params, headers=self.headers(authenticated),
                timeout=self.timeout, verify=self.verify, allow_redirects=False)
        except requests.exceptions.SSLError as exc:
            raise ApiError(method, url, reason=(
                'the TLS certificate of %s could not be verified (%s). Set ca_path to the CA bundle '
                'that signed it, or validate_certs: false (not recommended)' % (host, _tls_reason(exc))))
        except requests.exceptions.ConnectTimeout:
            raise _NoResponse('%s did not accept a connection within %s s (timeout). Check api_url and the '
                              'network path, or raise timeout' % (host, self.timeout), sent=False)
        except requests.exceptions.ReadTimeout:
            raise _NoResponse('%s did not answer within %s s (timeout). Raise timeout or check the server'
                              % (host, self.timeout))
        except requests.exceptions.ConnectionError as exc:
            raise _NoResponse('cannot reach %s: %s. Check api_url and that the host is reachable from here'
                              % (host, _connection_reason(exc)), sent=not _is_connect_failure(exc))

    def _error(self, method, url, response, data, reason):
        body = data if isinstance(data, dict) else {}
        message = body.get('message')
        if message is None and not isinstance(data, dict) and data:
            message = str(data)[:300]
        return ApiError(
            method, url, status=response.status_code, message=self.redact(message),
            errors=[_redact_structure(e, self.redact) for e in (body.get('errors') or [])],
            documentation_url=body.get('documentation_url'),
            request_id=response.headers.get('X-GitHub-Request-Id'),
            reason=self.redact(reason))

    def get(self, path, params=None):
        return self.request('GET', path, params=params).data

    def get_or_none(self, path, params=None):
        """GET ``path``; ``None`` when it does not exist (404)."""
        try:
            return self.get(path, params=params)
        except ApiError as error:
            if error.status == 404:
                return None
            raise

    def post(self, path, json=None, **kwargs):
        return self.request('POST', path, json=json, **kwargs).data

    def patch(self, path, json=None):
        return self.request('PATCH', path, json=json).data

    def put(self, path, json=None):
        return self.request('PUT', path, json=json).data

    def delete(self, path, json=None):
        return self.request('DELETE', path, json=json).data

    def paginate(self, path, params=None):
        """Yield every item of a list endpoint, following ``Link: rel="next"``."""
        url, query = path, dict(params or {})
        query.setdefault('per_page', 100)
        while url:
            response = self.request('GET', url, params=query)
            yield from response.data or []
            url, query = next_link(response.headers.get('Link')), None

    def size_pool(self, size):
        """Keep up to ``size`` connections alive, for callers that send requests from ``size`` threads."""
        if not hasattr(self.session, 'mount'):
            return
        adapter = requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=max(int(size), 1))
        for prefix in ('https://', 'http://'):
            self.session.mount(prefix, adapter)

    def pause(self, seconds):
        """Wait ``seconds`` with the client's clock (callers that retry on their own)."""
        self._sleep(seconds)

    def close(self):
        self.session.close()


def next_link(link_header):
    match = _LINK_NEXT.search(link_header or '')
    return match.group(1) if match else None


def _decode(response):
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return response.text


def _redact_structure(value, redact):
    if isinstance(value, dict):
        return dict((k, _redact_structure(v, redact)) for k, v in value.items())
    if isinstance(value, list):
        return [_redact_structure(v, redact) for v in value]
    if isinstance(value, str):
        return redact(value)
    return value


def _first_line(exc):
    return str(exc).splitlines()[0][:200] if str(exc) else exc.__class__.__name__


def _tls_reason(exc):
    """What OpenSSL said, without the urllib3 wrapping around it."""
    match = re.search(r'certificate verify failed:?\s*([^()\'"]*)', str(exc))
    if match:
        detail = match.group(1).strip().rstrip(' .,')
        return 'certificate verify failed: %s' % detail if detail else 'certificate verify failed'
    return _first_line(exc)


def _exception_chain(exc):
    seen = []
    while exc is not None and exc not in seen:
        seen.append(exc)
        exc = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else (exc.__cause__ or exc.__context__)
    return seen


def _is_connect_failure(exc):
    names = [e.__class__.__name__ for e in _exception_chain(exc)]
    reasons = [getattr(e, 'reason', None) for e in _exception_chain(exc)]
    names += [r.__class__.__name__ for r in reasons if r is not None]
    return any(n in ('NewConnectionError', 'ConnectTimeoutError', 'NameResolutionError') for n in names)


def _connection_reason(exc):
    text = str(exc)
    for pattern, plain in (
            (r'Connection refused', 'connection refused'),
            (r'Name or service not known|nodename nor servname|NameResolutionError|Temporary failure in name resolution',
             'the host name does not resolve'),
            (r'RemoteDisconnected|Connection aborted|Connection reset', 'the connection was closed without an answer'),
            (r'No route to host', 'no route to host')):
        if re.search(pattern, text):
            return plain
    return _first_line(exc)
