# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Manage GHES API (``https://HOST:8443/manage/v1``): its client, connection options, health gate,
and the comparisons of the appliance modules (settings, maintenance, licence, SSH keys, configuration runs)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import copy
import hashlib
import ipaddress
import re
import uuid

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible.module_utils.six.moves.urllib.parse import urlsplit, urlunsplit

from ansible_collections.ghe.admin.plugins.module_utils.client import (
    HAS_REQUESTS,
    REDACTED,
    REQUESTS_IMPORT_ERROR,
    USER_AGENT,
    ApiError,
    Client,
)
from ansible_collections.ghe.admin.plugins.module_utils.module import (
    GheModule,
    connection_argument_spec,
    connection_problem,
)
from ansible_collections.ghe.admin.plugins.module_utils.retry import ONCE, RetryPolicy
from ansible_collections.ghe.admin.plugins.module_utils.timestamps import format_instant, parse_instant
from ansible_collections.ghe.admin.plugins.module_utils.waiter import JobFailed

MANAGE_PORT = 8443
MANAGE_PATH = '/manage/v1'
BASIC_USER = 'api_key'
HEALTHY = 'OK'
CONFIG_RUN_KIND = 'config_apply'


class InvalidManageUrl(ValueError):
    pass


# ----------------------------------------------------------------------------- connection

def manage_argument_spec():
    """The connection options of the Manage modules: those of every module (``manage_url`` and ``manage_password``
    included), with ``api_url`` optional."""
    spec = connection_argument_spec()
    spec['api_url'] = dict(spec['api_url'], required=False)
    return spec


def manage_base_url(manage_url=None, api_url=None):
    """``https://HOST:8443/manage/v1`` from ``manage_url`` (``/manage/v1`` appended when missing), or derived
    from ``api_url``'s host; raises :class:`InvalidManageUrl` naming the option."""
    if manage_url not in (None, ''):
        text = str(manage_url).strip()
        parts = urlsplit(text)
        if parts.scheme not in ('http', 'https') or not parts.hostname:
            raise InvalidManageUrl('manage_url must be an absolute http(s) URL such as https://ghe.example.com:8443, '
                                   'got %r' % text)
        if parts.query or parts.fragment:
            raise InvalidManageUrl('manage_url must not have a query or fragment, got %r' % text)
        path = parts.path.rstrip('/')
        if not path.endswith(MANAGE_PATH):
            path += MANAGE_PATH
        return urlunsplit((parts.scheme, parts.netloc, path, '', ''))
    if api_url in (None, ''):
        raise InvalidManageUrl('manage_url is required (or api_url, to derive https://HOST:%d%s from): set manage_url, '
                               'or GHE_MANAGE_URL in the environment' % (MANAGE_PORT, MANAGE_PATH))
    parts = urlsplit(str(api_url).strip())
    if parts.scheme not in ('http', 'https') or not parts.hostname:
        raise InvalidManageUrl('api_url must be an absolute http(s) URL such as https://ghe.example.com to derive '
                               'manage_url from, got %r' % api_url)
    host = parts.hostname if ':' not in parts.hostname else '[%s]' % parts.hostname
    return 'https://%s:%d%s' % (host, MANAGE_PORT, MANAGE_PATH)


def manage_problem(params):
    """What is wrong with the Manage connection options before any request, or None."""
    try:
        manage_base_url(params.get('manage_url'), params.get('api_url'))
    except InvalidManageUrl as exc:
        return str(exc)
    if not params.get('manage_password'):
        return ('manage_password is required: the root site administrator (Management Console) password, not a token; '
                'set manage_password, or GHE_MANAGE_PASSWORD in the environment')
    return connection_problem(params)


class _MultipartSession:
    """Passes a :class:`Multipart` body to ``requests`` as ``files`` (the client sends JSON otherwise)."""

    def __init__(self, session):
        self._session = session

    def request(self, method, url, json=None, **kwargs):
        if isinstance(json, Multipart):
            kwargs['files'] = json.files
            json = None
        return self._session.request(method, url, json=json, **kwargs)

    def __getattr__(self, name):
        return getattr(self._session, name)


class Multipart:
    """A ``multipart/form-data`` body: ``fields`` maps a form field to ``(filename, bytes)``."""

    def __init__(self, **fields):
        self.files = dict((name, (filename, data, 'application/octet-stream'))
                          for name, (filename, data) in fields.items())


MANAGE_HINTS = {
    401: 'Check manage_password (or GHE_MANAGE_PASSWORD): the Manage API takes the root site administrator '
         '(Management Console) password, not a token',
    403: 'The Manage API refused this password or this source address (check the Management Console\'s '
         'authentication policy)',
    404: 'Check manage_url: the Manage API is served at https://HOST:8443/manage/v1 on GitHub Enterprise Server 3.8 '
         'and later',
}


class ManageClient(Client):
    """The one client over the Manage API: another base URL and HTTP Basic ``api_key:<password>``; retries,
    redaction, TLS options, refused redirects and the same-host rule are the client's."""

    def __init__(self, manage_url, password, api_url=None, **kwargs):
        super(ManageClient, self).__init__(manage_base_url(manage_url, api_url), **kwargs)
        self.password = password
        self._basic = base64.b64encode(('%s:%s' % (BASIC_USER, password)).encode('utf-8')).decode('ascii')
        self.add_secret(password)
        self.add_secret(self._basic)
        self.session = _MultipartSession(self.session)

    def normalize(self, api_url):
        return manage_base_url(api_url)

    def headers(self, authenticated=True):
        headers = {'Accept': 'application/json', 'User-Agent': USER_AGENT}
        if authenticated:
            headers['Authorization'] = 'Basic %s' % self._basic
        return headers

    def request(self, method, path, *args, **kwargs):
        try:
            return super(ManageClient, self).request(method, path, *args, **kwargs)
        except ApiError as error:
            if error.status in MANAGE_HINTS and not error.reason:
                raise _with_reason(error, MANAGE_HINTS[error.status])
            raise


def _with_reason(error, reason):
    return ApiError(error.method, error.url, status=error.status, message=error.message, errors=error.errors,
                    documentation_url=error.documentation_url, request_id=error.request_id, reason=reason,
                    lost_answer=getattr(error, 'lost_answer', False))


def write(client, method, path, json=None, params=None, repeat=None):
    """A write with its declared retry safety (IDEMPOTENT or ONCE); the answer's data."""
    return client.request(method, path, json=json, params=params, repeat=repeat).data


def manage_client_from_params(params, **kwargs):
    """A :class:`ManageClient` from Manage module option values (module or controller)."""
    policy = RetryPolicy(max_retries=params.get('max_retries', 5), max_wait=params.get('max_retry_wait', 120))
    return ManageClient(
        params.get('manage_url'), params.get('manage_password'), api_url=params.get('api_url'),
        validate_certs=params.get('validate_certs', True), ca_path=params.get('ca_path') or None,
        timeout=params.get('timeout', 30), retry_policy=policy, **kwargs)


class ManageModule(GheModule):
    """A :class:`GheModule` whose client is the Manage API's; every connection problem fails before any request."""

    def __init__(self, argument_spec, supports_check_mode=True, **kwargs):
        spec = manage_argument_spec()
        spec.update(argument_spec)
        self.module = AnsibleModule(argument_spec=spec, supports_check_mode=supports_check_mode, **kwargs)
        self.params = self.module.params
        self.check_mode = self.module.check_mode
        self.products = ('ghes',)
        self._client = None
        if not HAS_REQUESTS:
            self.module.fail_json(msg=missing_required_lib('requests'), exception=str(REQUESTS_IMPORT_ERROR))
        for name in ('timeout', 'max_retry_wait', 'wait_timeout', 'poll_interval'):
            if self.params.get(name) is not None and self.params[name] <= 0:
                self.fail('%s must be a positive number of seconds, got %s' % (name, self.params[name]))
        if self.params['max_retries'] < 0:
            self.fail('max_retries must be 0 or more, got %s' % self.params['max_retries'])
        problem = manage_problem(self.params)
        if problem:
            self.fail(problem)

    @property
    def client(self):
        if self._client is None:
            self._client = manage_client_from_params(self.params)
        return self._client

    def fail(self, msg, **kwargs):
        password = self.params.get('manage_password') if hasattr(self, 'params') else None
        if password and len(password) >= 4:
            msg = str(msg).replace(password, REDACTED)
        super(ManageModule, self).fail(msg, **kwargs)


# ----------------------------------------------------------------------------- health gate

def unhealthy_nodes(*reports):
    """``(where, hostname, status, services)`` for each node of ``/replication/status`` or ``/cluster/status``
    answers whose status is not OK (services: the names and states of its services that are not OK)."""
    found = []
    for where, report in reports:
        report = report or {}
        nodes = report.get('nodes') or []
        for node in nodes:
            status = node.get('status') or 'UNKNOWN'
            if status != HEALTHY:
                services = ['%s %s' % (s.get('name'), s.get('status')) + (': %s' % s['details'] if s.get('details') else '')
                            for s in node.get('services') or [] if s.get('status') != HEALTHY]
                found.append((where, node.get('hostname') or '?', status, services))
        if not nodes and report.get('status') not in (None, HEALTHY):
            found.append((where, 'the instance', report['status'], []))
    return found


def describe_unhealthy(found):
    parts = []
    for where, host, status, services in found:
        text = '%s is %s in %s status' % (host, status, where)
        if services:
            text += ' (%s)' % '; '.join(services)
        parts.append(text)
    return '; '.join(parts)


def health_gate(ghe):
    """Fail before any write when a node is not healthy (with ``require_healthy``); return the two reports."""
    client = ghe.client
    replication = _optional(client, '/replication/status')
    cluster = _optional(client, '/cluster/status')
    found = unhealthy_nodes(('replication', replication), ('cluster', cluster))
    if found and ghe.params.get('require_healthy', True):
        ghe.fail('refusing to change the appliance while it is not healthy: %s. Fix the nodes first, or set '
                 'require_healthy: false' % describe_unhealthy(found), health=dict(replication=replication, cluster=cluster))
    return dict(replication=replication, cluster=cluster)


def _optional(client, path):
    """GET ``path``; None where the instance does not serve it (a single node has no cluster status)."""
    try:
        return client.get(path)
    except ApiError as error:
        if error.status in (400, 404):
            return None
        raise


# ----------------------------------------------------------------------------- settings

SECRET_NAMES = ('password', 'secret')
SECRET_PATHS = frozenset([('github_ssl', 'key'), ('mapping', 'token'), ('snmp', 'community'),
                          ('customer', 'secret_key_data')])
DN_PATHS = frozenset([('ldap', 'bind_dn'), ('ldap', 'admin_group'), ('ldap', 'base'), ('ldap', 'user_groups')])
SET_PATHS = frozenset([('ldap', 'base'), ('ldap', 'user_groups')])
READ_ONLY = frozenset(['configuration_id', 'configuration_run_count'])


def is_secret(path):
    """Write-only settings: any ``*password*`` or ``*secret*``, the TLS key, the mapping token, the SNMP community."""
    name = path[-1].lower()
    return any(word in name for word in SECRET_NAMES) or tuple(path) in SECRET_PATHS


_DN_PART = re.compile(r'\s*((?:[^,\\]|\\.)+?)\s*(?:,|$)')


def normalize_dn(text):
    """An LDAP distinguished name compared as LDAP does: attribute types case-insensitively, values case-insensitively,
    spaces around ``,`` and ``=`` ignored (escaped characters kept)."""
    if not isinstance(text, str):
        return text
    parts = []
    for match in _DN_PART.finditer(text.strip()):
        rdn = match.group(1)
        if '=' not in rdn:
            return text.strip().lower()
        name, value = rdn.split('=', 1)
        parts.append('%s=%s' % (name.strip().lower(), value.strip().lower()))
    return ','.join(parts)


def same_value(path, want, have):
    """Whether a declared setting equals the current one (DNs as DNs, sets as sets, '25' as 25)."""
    path = tuple(path)
    if path in DN_PATHS:
        norm = (lambda v: [normalize_dn(x) for x in v]) if isinstance(want, list) else normalize_dn
        want, have = norm(want), norm(have) if have is not None else None
    if path in SET_PATHS and isinstance(want, list) and isinstance(have, list):
        return sorted(map(str, want)) == sorted(map(str, have))
    if _scalar(want) and _scalar(have) and type(want) is not type(have):
        return str(want) == str(have)
    return want == have


def _scalar(value):
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def settings_problem(settings):
    """What is wrong with the ``settings`` option before any request, or None."""
    if not isinstance(settings, dict) or not settings:
        return 'settings must be a non-empty dictionary of the settings to manage, got %s' % type(settings).__name__
    read_only = sorted(READ_ONLY.intersection(settings))
    if read_only:
        return 'settings: %s cannot be set (read-only)' % ', '.join(read_only)
    return None


def changed_paths(desired, current, path=()):
    """The declared, comparable (non-secret) settings whose value differs from ``current``, as key paths."""
    changes = []
    current = current if isinstance(current, dict) else {}
    for key in sorted(desired):
        want, here = desired[key], path + (key,)
        if is_secret(here):
            continue
        if isinstance(want, dict):
            changes.extend(changed_paths(want, current.get(key), here))
        elif not same_value(here, want, current.get(key)):
            changes.append(here)
    return changes


def secret_paths(desired, path=()):
    found = []
    for key in sorted(desired):
        here = path + (key,)
        if isinstance(desired[key], dict):
            found.extend(secret_paths(desired[key], here))
        elif is_secret(here) and desired[key] not in (None, ''):
            found.append(here)
    return found


def secrets_to_send(desired, changes, update_secrets):
    """The declared secrets to send: all with ``always``; else those whose object (parent) has a change."""
    secrets = secret_paths(desired)
    if update_secrets == 'always':
        return secrets
    touched = set(change[:-1] for change in changes)
    return [secret for secret in secrets if secret[:-1] in touched]


def settings_body(desired, paths, current=None):
    """The partial ``PUT /config/settings`` body holding exactly ``paths`` of ``desired``; a number declared where
    the API has a string (``smtp.port: 587``) is sent as the API's string."""
    body = {}
    for path in paths:
        source, target, here = desired, body, current if isinstance(current, dict) else {}
        for key in path[:-1]:
            source = source[key]
            target = target.setdefault(key, {})
            here = here.get(key) if isinstance(here.get(key), dict) else {}
        value = source[path[-1]]
        if isinstance(here.get(path[-1]), str) and _scalar(value) and not isinstance(value, str):
            value = str(value)
        target[path[-1]] = value
    return body


def project(current, desired, path=()):
    """``current`` restricted to the keys of ``desired`` (nested); a declared write-only setting, which the API does
    not show, as the mask."""
    result = {}
    current = current if isinstance(current, dict) else {}
    for key, want in desired.items():
        here = path + (key,)
        if isinstance(want, dict):
            result[key] = project(current.get(key), want, here)
        elif is_secret(here) and want not in (None, ''):
            result[key] = REDACTED
        else:
            result[key] = current.get(key)
    return result


def masked_settings(value, path=()):
    """Settings with every write-only value replaced by the mask (absent or empty ones stay as they are)."""
    if isinstance(value, dict):
        return dict((k, masked_settings(v, path + (k,))) for k, v in value.items())
    if path and is_secret(path) and value not in (None, ''):
        return REDACTED
    return copy.deepcopy(value)


def merged(current, body):
    result = copy.deepcopy(current) if isinstance(current, dict) else {}
    for key, value in body.items():
        if isinstance(value, dict):
            result[key] = merged(result.get(key), value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def plan_settings(desired, current, update_secrets):
    """``(body, changes, secrets)``: what to PUT (None when nothing), the changed paths and the secrets sent."""
    changes = changed_paths(desired, current)
    secrets = secrets_to_send(desired, changes, update_secrets)
    paths = changes + secrets
    return (settings_body(desired, paths, current) if paths else None), changes, secrets


def dotted(paths):
    return ['.'.join(path) for path in paths]


# ----------------------------------------------------------------------------- maintenance

def parse_when(text):
    """``now`` (or empty) -> None; an ISO 8601 instant -> aware UTC datetime; anything else -> ValueError."""
    if text is None or str(text).strip().lower() in ('', 'now'):
        return None
    return parse_instant(text)


def ip_network(text):
    """``1.1.1.1`` and ``1.1.1.1/32`` are the same network; raises ValueError for what is not an IP or CIDR."""
    try:
        return ipaddress.ip_network(str(text).strip(), strict=False)
    except ValueError:
        raise ValueError('%r is not an IPv4 or IPv6 address or CIDR range' % (text,))


def same_ip_set(left, right):
    return set(ip_network(x) for x in left or []) == set(ip_network(x) for x in right or [])


def maintenance_differences(nodes, enabled, when, ip_list, message):
    """Why ``nodes`` (``GET /maintenance``) differ from the declaration, by node; empty when they match.

    Enabled now: every node ``on``. Enabled at ``when``: every node ``scheduled`` at that instant, or already ``on``.
    Disabled: every node ``off``. The exception list (a set) and the message are compared only when declared.
    """
    reasons = []
    for node in nodes:
        name = node.get('hostname') or node.get('uuid') or 'a node'
        status = node.get('status')
        if not enabled:
            if status != 'off':
                reasons.append('%s is %s' % (name, status))
            continue
        if when is None and status != 'on':
            reasons.append('%s is %s, not on' % (name, status))
        elif when is not None and status == 'scheduled' and _scheduled_at(node) != when:
            reasons.append('%s is scheduled for %s' % (name, node.get('scheduled_time')))
        elif when is not None and status not in ('on', 'scheduled'):
            reasons.append('%s is %s, not scheduled' % (name, status))
        if ip_list is not None and not _same_ips(node.get('ip_exception_list'), ip_list):
            reasons.append('%s has the IP exception list %s' % (name, sorted(node.get('ip_exception_list') or [])))
        if message is not None and (node.get('maintenance_mode_message') or '') != message:
            reasons.append('%s has another maintenance message' % name)
    return reasons


def _scheduled_at(node):
    try:
        return parse_instant(node.get('scheduled_time'))
    except ValueError:
        return None


def _same_ips(have, want):
    try:
        return same_ip_set(have, want)
    except ValueError:
        return False


def maintenance_body(enabled, when, ip_list, message):
    body = dict(enabled=enabled)
    if enabled:
        if when is not None:
            body['when'] = format_instant(when)
        if ip_list is not None:
            body['ip_exception_list'] = [str(ip_network(x)) if '/' in str(x) else str(x).strip() for x in ip_list]
        if message is not None:
            body['maintenance_mode_message'] = message
    return body


def node_errors(answer):
    """``hostname: error`` for each node of a per-node answer (maintenance, SSH keys) that reports an error."""
    return ['%s: %s' % (item.get('hostname') or item.get('uuid') or '?', item['error'])
            for item in answer or [] if isinstance(item, dict) and item.get('error')]


# ----------------------------------------------------------------------------- licence

_ARMOR = re.compile(br'^\s*-----BEGIN PGP (MESSAGE|SIGNED MESSAGE)-----')
MAX_LICENSE_BYTES = 16 * 1024 * 1024


class InvalidLicense(ValueError):
    pass


def check_license(data):
    """Refuse what cannot be a GitHub Enterprise licence (``.ghl``: an OpenPGP message, armored or binary)."""
    if not data:
        raise InvalidLicense('is empty')
    if len(data) > MAX_LICENSE_BYTES:
        raise InvalidLicense('is %d bytes, far more than a licence file' % len(data))
    if _ARMOR.match(data) or _binary_openpgp(data):
        return data
    if data.lstrip().startswith(b'-----BEGIN'):
        raise InvalidLicense('is a PEM file (%s), not a GitHub Enterprise licence (.ghl)'
                             % data.lstrip().split(b'\n', 1)[0].decode('ascii', 'replace').strip('- '))
    raise InvalidLicense('is not a GitHub Enterprise licence file (.ghl, an OpenPGP message): download it again '
                         'from the enterprise account\'s Enterprise licensing page')


def _binary_openpgp(data):
    first = data[0] if isinstance(data[0], int) else ord(data[0])
    if not first & 0x80:
        return False
    tag = first & 0x3f if first & 0x40 else (first & 0x3c) >> 2
    return tag in (1, 3, 4, 8, 11, 18)


def license_sha256(data):
    return hashlib.sha256(data).hexdigest()


# ----------------------------------------------------------------------------- SSH keys

_SSH_KEY = re.compile(r'^(?P<type>(?:ssh|ecdsa|sk)-[A-Za-z0-9@.-]+)\s+(?P<blob>[A-Za-z0-9+/]+={0,3})(?:\s+(?P<comment>.*))?$')


def parse_ssh_key(text):
    """``(type, blob bytes, comment)`` of an OpenSSH public key line; ValueError naming what is wrong."""
    match = _SSH_KEY.match((text or '').strip())
    if not match:
        raise ValueError('is not an OpenSSH public key line such as "ssh-ed25519 AAAAC3... comment"')
    try:
        blob = base64.b64decode(match.group('blob'), validate=True)
    except (ValueError, TypeError):
        raise ValueError('has a key body that is not base64')
    if len(blob) < 4 or blob[4:4 + int.from_bytes(blob[:4], 'big')].decode('ascii', 'replace') != match.group('type'):
        raise ValueError('has a key body that does not match its type %s' % match.group('type'))
    return match.group('type'), blob, match.group('comment')


def ssh_fingerprint(text):
    """The SHA256 fingerprint of an OpenSSH public key (``SHA256:...``, as ``ssh-keygen -l`` shows it)."""
    blob = parse_ssh_key(text)[1]
    return 'SHA256:' + base64.b64encode(hashlib.sha256(blob).digest()).decode('ascii').rstrip('=')


def same_key(left, right):
    try:
        return ssh_fingerprint(left) == ssh_fingerprint(right)
    except ValueError:
        return False


# ----------------------------------------------------------------------------- configuration runs

def new_run_id():
    return uuid.uuid4().hex[:8]


def config_run_job(run_id, started_by):
    """The job record of a configuration run, kind ``config_apply`` (the shape of ``jobs.new_job``, which this
    module cannot import: jobs.py imports it)."""
    return dict(
        kind=CONFIG_RUN_KIND, state='pending', description='the configuration run %s' % run_id,
        requested=dict(run_id=run_id, started_by=started_by),
        how_to_check=('GET /manage/v1/config/apply?run_id=%s tells whether it still runs and whether it succeeded; '
                      'ghe.admin.job_info with this job record (job: the registered result\'s job) checks it, and '
                      'ghe.admin.manage_info with gather: [config_apply] and run_id: %s shows it' % (run_id, run_id)),
        run_id=run_id)


def start_config_run(client, run_id=None, started_by='ghe.admin.config_apply'):
    """``POST /config/apply`` (sent once); after a lost answer, re-read the run by its id and adopt it."""
    run_id = run_id or new_run_id()
    try:
        answer = write(client, 'POST', '/config/apply', json=dict(run_id=run_id), repeat=ONCE)
    except ApiError as error:
        if not getattr(error, 'lost_answer', False):
            raise
        status = client.get('/config/apply', params=dict(run_id=run_id))
        if not (status or {}).get('nodes'):
            raise ApiError(error.method, error.url, reason=(
                'the request to start configuration run %s got no answer and the run is not known; it may still '
                'start. Check GET /manage/v1/config/apply?run_id=%s before starting another' % (run_id, run_id)))
        answer = dict(run_id=run_id)
    return config_run_job((answer or {}).get('run_id') or run_id, started_by)


def run_failure(client, run_id, status, max_events=5):
    """The message of a failed run: its failing nodes and their last error events."""
    failing = [node.get('hostname') or '?' for node in (status or {}).get('nodes') or []
               if not node.get('running') and not node.get('successful')]
    events = error_events(client, run_id)[-max_events:]
    text = 'it failed on %s' % (', '.join(failing) or 'the instance')
    if events:
        text += '. Last errors: %s' % ' | '.join(
            '%s %s: %s' % (e.get('hostname') or e.get('node') or '?', e.get('event_name') or '', e.get('body') or '')
            for e in events)
    return text, failing, events


def error_events(client, run_id):
    """The events of ``run_id`` whose severity is ERROR (or worse), oldest first."""
    try:
        answer = client.get('/config/apply/events')
    except ApiError:
        return []
    found = []
    for node in (answer or {}).get('nodes') or []:
        for event in node.get('events') or []:
            if event.get('config_run_id') not in (None, run_id):
                continue
            if str(event.get('severity_text') or '').upper() in ('ERROR', 'FATAL', 'CRITICAL'):
                found.append(dict(event, node=node.get('node')))
    return sorted(found, key=lambda e: str(e.get('timestamp') or ''))


def check_config_run(client, job):
    """The job model's check for kind ``config_apply``: None while running, the finished run, JobFailed."""
    run_id = job.get('run_id') or (job.get('requested') or {}).get('run_id')
    status = client.get('/config/apply', params=dict(run_id=run_id)) or {}
    if status.get('running'):
        return None
    if status.get('successful'):
        return dict(status, run_id=run_id)
    message, failing, events = run_failure(client, run_id, status)
    job.update(failed_nodes=failing, error_events=events)
    raise JobFailed(message)
