# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one GitHub Enterprise API client, for modules and for controller-side action plugins."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import ssl
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

from ansible.module_utils.six.moves.urllib.parse import urljoin, urlsplit, urlunsplit

from ansible_collections.ghe.admin.plugins.module_utils.retry import READ, REPEATS, RetryPolicy, may_resend
from ansible_collections.ghe.admin.plugins.module_utils.version import COLLECTION_VERSION

DEFAULT_API_VERSION = '2022-11-28'
DEFAULT_TIMEOUT = 30
ACCEPT = 'application/vnd.github+json'
USER_AGENT = 'ghe.admin-ansible-collection/%s' % COLLECTION_VERSION
REDACTED = '********'

GHES = 'ghes'
GHEC = 'ghec'
PRODUCT_NAMES = {GHES: 'GitHub Enterprise Server', GHEC: 'GitHub Enterprise Cloud'}
VERSION_HEADER = 'X-GitHub-Enterprise-Version'
_DEFAULT_PORTS = {'http': 80, 'https': 443}
# Anything shaped like a GitHub token is a secret, even one this client was never told about (a server error that
# echoes another credential).
_TOKEN_SHAPE = re.compile(r'\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{40,255})\b')
_LINK_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


class InvalidApiUrl(ValueError):
    pass


CLOUD_API_URLS_ENV = 'GHE_CLOUD_API_URLS'


def _is_ghec_host(host):
    return host == 'api.github.com' or (host.startswith('api.') and host.endswith('.ghe.com'))


def _declared_cloud_roots():
    """``(scheme, host, port)`` of the GitHub Enterprise Cloud API roots named in ``GHE_CLOUD_API_URLS``
    (comma-separated): a reverse proxy in front of api.github.com, or a test double."""
    roots = [u.strip() for u in os.environ.get(CLOUD_API_URLS_ENV, '').split(',') if u.strip()]
    return [origin(u) for u in roots if urlsplit(u).hostname]


def _cloud_web_host(host):
    """The API host for the web address of GitHub Enterprise Cloud (``github.com``, ``SUBDOMAIN.ghe.com``)."""
    if host in ('github.com', 'www.github.com'):
        return 'api.github.com'
    if host.endswith('.ghe.com') and host.count('.') == 2 and not host.startswith('api.'):
        return 'api.' + host
    return None


def _parse_api_url(api_url):
    text = (api_url or '').strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ('http', 'https') or not parts.hostname:
        raise InvalidApiUrl(
            "api_url must be an absolute http(s) URL such as https://ghe.example.com, got %r" % text)
    if parts.query or parts.fragment:
        raise InvalidApiUrl("api_url must not have a query or fragment, got %r" % text)
    return text, parts


def normalize_api_url(api_url):
    """Return the REST base URL for ``api_url``.

    ``https://HOST`` and ``https://HOST/api/v3`` name a GitHub Enterprise Server (``/api/v3`` is
    appended when missing); ``https://api.github.com`` and ``https://api.SUBDOMAIN.ghe.com`` are
    used as they are; the web addresses ``https://github.com`` and ``https://SUBDOMAIN.ghe.com``
    mean their API (see :func:`api_url_warning`). ``https://HOST/api`` is refused.
    """
    text, parts = _parse_api_url(api_url)
    host = parts.hostname.lower()
    path = parts.path.rstrip('/')
    cloud = _cloud_web_host(host)
    if cloud:
        if path:
            raise InvalidApiUrl('api_url %r is a page of GitHub Enterprise Cloud, not its API: use https://%s'
                                % (text, cloud))
        return 'https://%s' % cloud
    if _is_ghec_host(host) or origin(text) in _declared_cloud_roots():
        return urlunsplit((parts.scheme, parts.netloc, '', '', ''))
    if path.endswith('/api'):
        raise InvalidApiUrl('api_url %r ends in /api: give the server, https://%s, or its REST API, https://%s%s/v3'
                            % (text, parts.netloc, parts.netloc, path))
    if not path.endswith('/api/v3'):
        path += '/api/v3'
    return urlunsplit((parts.scheme, parts.netloc, path, '', ''))


def api_url_warning(api_url):
    """What :func:`normalize_api_url` changed that the user should know about, or None."""
    text, parts = _parse_api_url(api_url)
    cloud = _cloud_web_host(parts.hostname.lower())
    if cloud:
        return ('api_url %s is the web address of GitHub Enterprise Cloud; using its API, https://%s. '
                'Set api_url to https://%s to silence this warning.' % (text, cloud, cloud))
    return None


def product_of_url(base_url):
    """:data:`GHEC` when the URL alone says so, else None (a server's answers tell the rest)."""
    if _is_ghec_host((urlsplit(base_url).hostname or '').lower()) or origin(base_url) in _declared_cloud_roots():
        return GHEC
    return None


def origin(url):
    """``(scheme, host, port)`` of ``url``, with the scheme's default port filled in."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or '').lower(), parts.port or _DEFAULT_PORTS.get(scheme)


class ApiError(Exception):
    """A request that did not succeed; carries what GitHub said, never a secret."""

    def __init__(self, method, url, status=None, message=None, errors=None, documentation_url=None,
                 request_id=None, reason=None, lost_answer=False):
        self.method = method
        self.url = url
        self.status = status
        self.message = message
        self.errors = errors or []
        self.documentation_url = documentation_url
        self.request_id = request_id
        self.reason = reason
        # True when the request may have been carried out although no answer said so: re-read to know.
        self.lost_answer = lost_answer
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
                    request_id=self.request_id, lost_answer=self.lost_answer)


def api_reason(error):
    """What GitHub said about one failed request, in a line (status, message and the client's reason), for
    lists of per-item outcomes where :meth:`ApiError.describe`'s method and path would repeat."""
    if error.status is None:
        return error.reason or str(error)
    text = 'HTTP %s' % error.status
    if error.message:
        text += ' %s' % error.message
    if error.reason:
        text = '%s. %s' % (text.rstrip('.'), error.reason)
    return text


class WrongProduct(ApiError):
    """The server is not a product the operation works with; raised before any write."""

    def __init__(self, method, url, found, allowed, version=None, api_url=None):
        self.found = found
        self.allowed = tuple(allowed)
        self.version = version
        self.api_url = api_url
        super(WrongProduct, self).__init__(method, url, reason=self._sentence())

    def _sentence(self):
        found = PRODUCT_NAMES[self.found] + (' %s' % self.version if self.version else '')
        wanted = ' or '.join(PRODUCT_NAMES[p] for p in self.allowed)
        if self.found == GHEC:
            instead = ('set api_url to your GitHub Enterprise Server, https://HOST (api.github.com and '
                       'api.SUBDOMAIN.ghe.com are GitHub Enterprise Cloud)')
        else:
            instead = ('set api_url to https://api.github.com, or https://api.SUBDOMAIN.ghe.com for GitHub '
                       'Enterprise Cloud with data residency')
        return '%s is %s; this works only with %s: %s' % (self.api_url or self.host, found, wanted, instead)

    def describe(self):
        return self.reason


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
    add theirs with :meth:`add_secret`. Only the headers this client sets are sent: ``~/.netrc`` and
    other ``requests`` environment settings are ignored, except the proxy variables. Redirects are
    refused, and no URL outside ``api_url``'s scheme, host and port is ever requested.

    ``products`` (a tuple of :data:`GHES` / :data:`GHEC`, or None for any) are the products the
    caller works with: on another one, :class:`WrongProduct` is raised before any write.
    """

    def __init__(self, api_url, token=None, validate_certs=True, ca_path=None, timeout=DEFAULT_TIMEOUT,
                 api_version=DEFAULT_API_VERSION, retry_policy=None, session=None, sleep=time.sleep, products=None):
        if not HAS_REQUESTS and session is None:
            raise ImportError('the Python library requests is required: %s' % REQUESTS_IMPORT_ERROR)
        self.base_url = self.normalize(api_url)
        self.url_warning = api_url_warning(api_url)
        self.warnings = [self.url_warning] if self.url_warning else []
        self.token = token
        self.timeout = timeout
        self.api_version = api_version or DEFAULT_API_VERSION
        self.verify = (ca_path or True) if validate_certs else False
        self._sleep = sleep
        self.retry_policy = retry_policy or RetryPolicy()
        self.session = session if session is not None else self._new_session()
        self._secrets = set()
        if token:
            self.add_secret(token)
        self.requests_sent = 0
        self._count_lock = threading.Lock()
        self.repeated_after_lost_answer = False
        self.products = tuple(products) if products else None
        self.product = product_of_url(self.base_url)
        self.enterprise_version = None
        self._answered = False
        self._check_product('GET', self.base_url)

    def normalize(self, api_url):
        """The base URL requests are made under; subclasses for other APIs override it."""
        return normalize_api_url(api_url)

    def _new_session(self):
        session = requests.Session()
        session.trust_env = False  # no ~/.netrc, no REQUESTS_CA_BUNDLE: proxies are taken from the environment below
        self._mount(session, requests.adapters.DEFAULT_POOLSIZE)
        return session

    def _mount(self, session, pool_size):
        verified = self.verify is True and self.base_url.lower().startswith('https://')
        context = system_trust_context() if verified else None
        adapter = _TrustAdapter(context, pool_connections=1, pool_maxsize=max(int(pool_size), 1))
        for prefix in ('https://', 'http://'):
            session.mount(prefix, adapter)

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

    def url(self, path, method='GET'):
        """The URL for ``path``; an absolute URL must be on ``api_url``'s scheme, host and port."""
        if not (path.startswith('http://') or path.startswith('https://')):
            return self.base_url + '/' + path.lstrip('/')
        if origin(path) != origin(self.base_url):
            raise ApiError(method, path, reason=self.redact(
                'refused to send the request to %s: it is not the host of api_url (%s), and the token goes only '
                'there. Nothing was sent' % (urlsplit(path).netloc, self.host)))
        return path

    def headers(self, authenticated=True):
        headers = {
            'Accept': ACCEPT,
            'User-Agent': USER_AGENT,
            'X-GitHub-Api-Version': self.api_version,
        }
        if authenticated and self.token:
            headers['Authorization'] = 'Bearer %s' % self.token
        return headers

    def request(self, method, path, json=None, params=None, authenticated=True, repeat=None):
        """Send one API request, retrying what ``repeat`` allows; return a :class:`Response`.

        ``repeat`` is :data:`~retry.READ` (the default for GET), :data:`~retry.IDEMPOTENT` or
        :data:`~retry.ONCE`; every other method must declare it. READ and IDEMPOTENT requests are
        sent again after a server error or a lost answer; an ONCE request is sent exactly once, and
        when it may have reached the server without an answer, :class:`ApiError` is raised with
        ``lost_answer`` set. An IDEMPOTENT DELETE answered 404 after such a repeat is done (204).
        ``repeated_after_lost_answer`` tells whether the answer is that of a repeat of a request that
        may have been carried out already.
        """
        method = method.upper()
        repeat = _declared(method, repeat)
        url = self.url(path, method)
        if method != 'GET':
            self.ensure_product(method, url)
        attempt = 0
        maybe_done = False
        while True:
            try:
                response = self._send(method, url, json, params, authenticated)
            except _NoResponse as failure:
                decision = self.retry_policy.for_connection_error(
                    attempt, failure.reason, may_resend(repeat) or not failure.sent)
                maybe_done = maybe_done or failure.sent
                if not decision.retry:
                    raise ApiError(method, url, reason=self.redact(decision.reason or failure.reason),
                                   lost_answer=maybe_done and repeat != READ)
                self._sleep(decision.wait)
                attempt += 1
                continue
            data = self._read(method, url, response)
            message = data.get('message') if isinstance(data, dict) else None
            decision = self.retry_policy.for_response(
                attempt, response.status_code, response.headers, message, repeat)
            if decision.retry:
                maybe_done = maybe_done or response.status_code >= 500
                self._sleep(decision.wait)
                attempt += 1
                continue
            self.repeated_after_lost_answer = maybe_done
            if method == 'DELETE' and response.status_code == 404 and maybe_done and repeat != READ:
                return Response(204, None, response.headers)
            if response.status_code >= 400:
                lost = repeat != READ and (maybe_done or response.status_code >= 500)
                raise self._error(method, url, response, data, decision.reason, lost)
            return Response(response.status_code, data, response.headers)

    def _read(self, method, url, response):
        """The decoded body of an answer; fails for a redirect, or a success that is not the API's JSON."""
        status = response.status_code
        if 300 <= status < 400:
            raise ApiError(method, url, status=status, reason=self.redact(self._redirect_advice(url, response)))
        if status < 300 and response.content and not _is_json(response):
            raise ApiError(method, url, status=status, reason=self.redact(
                'The answer is %s, not the JSON of the GitHub API: a single sign-on, proxy or login page answered '
                'instead of the API. Check api_url (%s) and that nothing between here and the server intercepts '
                'API requests' % (response.headers.get('Content-Type') or 'a body of no type', self.base_url)))
        self._learn_product(method, url, response)
        return _decode(response)

    def _redirect_advice(self, url, response):
        location = response.headers.get('Location')
        if not location:
            return 'the server answered with a redirect and no Location; the API never redirects: check api_url'
        target = urljoin(url, location)
        return ('the server redirects to %s; the API never redirects, and the request was not sent there. %s'
                % (target, _sentence(_redirect_fix(url, url[len(self.base_url):].split('?', 1)[0], target))))

    def _learn_product(self, method, url, response):
        """Record the product an answer of the API reveals; raise :class:`WrongProduct` for another one."""
        if response.status_code >= 500 or not (_is_json(response) or response.status_code == 204):
            return
        self._answered = True
        version = response.headers.get(VERSION_HEADER)
        if version:
            self.product, self.enterprise_version = GHES, version
        elif self.product is None:
            self.product = GHEC
        self._check_product(method, url)

    def _check_product(self, method, url):
        if self.products and self.product and self.product not in self.products:
            raise WrongProduct(method, url, self.product, self.products, self.enterprise_version, self.base_url)

    def ensure_product(self, method='GET', url=None):
        """Make sure the product is known and allowed, reading ``GET /meta`` if no answer told it yet."""
        if not self.products or set(self.products) >= set(PRODUCT_NAMES):
            return
        if self.product is None and not self._answered:
            try:
                self.request('GET', 'meta', authenticated=bool(self.token))
            except WrongProduct:
                raise
            except ApiError:
                if self.product is None:  # an answer of the API tells the product, even an error
                    raise
        self._check_product(method, url or self.base_url)

    def _send(self, method, url, json, params, authenticated):
        with self._count_lock:
            self.requests_sent += 1
        host = urlsplit(url).netloc
        try:
            return self.session.request(
                method, url, json=json, params=params, headers=self.headers(authenticated),
                timeout=self.timeout, verify=self.verify, allow_redirects=False, proxies=_environment_proxies(url))
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

    def _error(self, method, url, response, data, reason, lost_answer=False):
        body = data if isinstance(data, dict) else {}
        message = body.get('message')
        if message is None and not isinstance(data, dict) and data:
            message = str(data)[:300]
        return ApiError(
            method, url, status=response.status_code, message=self.redact(message),
            errors=[_redact_structure(e, self.redact) for e in (body.get('errors') or [])],
            documentation_url=body.get('documentation_url'),
            request_id=response.headers.get('X-GitHub-Request-Id'),
            reason=self.redact(reason), lost_answer=lost_answer)

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

    def post(self, path, json=None, repeat=None, **kwargs):
        return self.request('POST', path, json=json, repeat=repeat, **kwargs).data

    def patch(self, path, json=None, repeat=None):
        return self.request('PATCH', path, json=json, repeat=repeat).data

    def put(self, path, json=None, repeat=None):
        return self.request('PUT', path, json=json, repeat=repeat).data

    def delete(self, path, json=None, repeat=None):
        return self.request('DELETE', path, json=json, repeat=repeat).data

    def paginate(self, path, params=None):
        """Yield every item of a list endpoint, following ``Link: rel="next"`` on ``api_url``'s host only."""
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
        self._mount(self.session, size)

    def pause(self, seconds):
        """Wait ``seconds`` with the client's clock (callers that retry on their own)."""
        self._sleep(seconds)

    def close(self):
        self.session.close()


def _redirect_fix(url, rest, target):
    """What to change in api_url for the request to ``url`` (``rest`` after api_url) redirected to ``target``."""
    parts = urlsplit(target)
    if rest and parts.path.endswith(rest):
        advice = 'set api_url to %s' % urlunsplit((parts.scheme, parts.netloc, parts.path[:-len(rest)], '', ''))
    else:
        advice = ('set api_url to the address of the API itself (the redirect leads to %s, a proxy or login page '
                  'rather than the API)' % urlunsplit((parts.scheme, parts.netloc, '', '', '')))
    if parts.scheme == 'https' and urlsplit(url).scheme == 'http' and origin(target)[1] == origin(url)[1]:
        advice = 'use https:// in api_url: %s' % advice
    return advice


def _declared(method, repeat):
    if repeat is None and method == 'GET':
        return READ
    if repeat not in REPEATS:
        raise ValueError('%s needs repeat= one of READ, IDEMPOTENT or ONCE (retry.py), got %r' % (method, repeat))
    return repeat


def _is_json(response):
    content_type = (response.headers.get('Content-Type') or '').lower()
    return 'json' in content_type.split(';', 1)[0] or (not content_type and _parses(response))


def _parses(response):
    try:
        response.json()
        return True
    except ValueError:
        return False


def _environment_proxies(url):
    """The proxy for ``url`` from the environment (``https_proxy``, ``no_proxy``...), as ``requests`` would use."""
    if requests is None:
        return {}
    return requests.utils.get_environ_proxies(url)


def system_trust_context():
    """An SSL context trusting what the system trusts, as ``ansible.builtin.uri`` does.

    OpenSSL's defaults honour ``SSL_CERT_FILE`` and ``SSL_CERT_DIR``; where the system has no CA store
    at all, the ``certifi`` bundle of ``requests`` is used instead.
    """
    key = (os.environ.get('SSL_CERT_FILE'), os.environ.get('SSL_CERT_DIR'))
    if key not in _TRUST_CONTEXTS:
        context = ssl.create_default_context()
        paths = ssl.get_default_verify_paths()
        if not any(p and os.path.exists(p) for p in (paths.cafile, paths.capath)):
            context.load_verify_locations(cafile=requests.certs.where())
        _TRUST_CONTEXTS[key] = context
    return _TRUST_CONTEXTS[key]


_TRUST_CONTEXTS = {}


class _TrustAdapter(requests.adapters.HTTPAdapter if HAS_REQUESTS else object):
    """An adapter whose verified connections use ``context`` (None: what ``requests`` does)."""

    def __init__(self, context, **kwargs):
        self._context = context
        super(_TrustAdapter, self).__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        if self._context is not None:
            kwargs['ssl_context'] = self._context
        return super(_TrustAdapter, self).init_poolmanager(*args, **kwargs)


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
