# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What every ghe.admin module shares: connection options, the client, errors, diff and guards."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import os
import re

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.ghe.admin.plugins.module_utils.client import (
    DEFAULT_API_VERSION,
    GHES,
    HAS_REQUESTS,
    REDACTED,
    REQUESTS_IMPORT_ERROR,
    ApiError,
    Client,
    InvalidApiUrl,
    normalize_api_url,
)
from ansible_collections.ghe.admin.plugins.module_utils.retry import RetryPolicy

_API_VERSION = re.compile(r'^\d{4}-\d{2}-\d{2}$')


def connection_argument_spec():
    """The connection options documented in the ``ghe.admin.connection`` doc fragment."""
    return dict(
        api_url=dict(type='str', required=True, fallback=(env_fallback, ['GHE_API_URL', 'GITHUB_API_URL'])),
        token=dict(type='str', no_log=True, fallback=(env_fallback, ['GHE_TOKEN', 'GITHUB_TOKEN'])),
        validate_certs=dict(type='bool', default=True, fallback=(env_fallback, ['GHE_VALIDATE_CERTS'])),
        ca_path=dict(type='path', fallback=(env_fallback, ['GHE_CA_PATH'])),
        timeout=dict(type='float', default=30),
        api_version=dict(type='str', default='2022-11-28'),
        max_retries=dict(type='int', default=5),
        max_retry_wait=dict(type='float', default=120),
        # The Manage API's connection (the ``manage`` fragment): accepted by every module, used by the Manage
        # modules only, so that one module_defaults block for group/ghe.admin.api serves them all.
        manage_url=dict(type='str', fallback=(env_fallback, ['GHE_MANAGE_URL'])),
        manage_password=dict(type='str', no_log=True, fallback=(env_fallback, ['GHE_MANAGE_PASSWORD'])),
    )


def connection_problem(params):
    """What is wrong with ``api_version`` or ``ca_path`` before any request is sent, or None."""
    if params.get('api_version') and not _API_VERSION.match(params['api_version']):
        return ('api_version must be a REST API version date such as %s, got %r'
                % (DEFAULT_API_VERSION, params['api_version']))
    ca_path = params.get('ca_path')
    if ca_path and params.get('validate_certs', True) and not os.path.exists(ca_path):
        return ('ca_path %s: no such file or directory (give the CA bundle, in PEM, that signed the server\'s '
                'certificate, in ca_path or GHE_CA_PATH)' % ca_path)
    return None


def job_wait_argument_spec():
    """The options of the ``ghe.admin.job_wait`` doc fragment; the action plugin acts on them."""
    return dict(
        wait=dict(type='bool', default=True),
        wait_timeout=dict(type='float', default=300),
        poll_interval=dict(type='float', default=5),
    )


def client_from_params(params, **kwargs):
    """Build a :class:`Client` from connection option values (module or action plugin); ``kwargs`` go to
    the client (``products=``...). An empty ``ca_path`` (what AWX injects when no CA is given) is none."""
    policy = RetryPolicy(max_retries=params.get('max_retries', 5), max_wait=params.get('max_retry_wait', 120))
    return Client(
        params['api_url'], token=params.get('token'), validate_certs=params.get('validate_certs', True),
        ca_path=params.get('ca_path') or None, timeout=params.get('timeout', 30),
        api_version=params.get('api_version'), retry_policy=policy, **kwargs)


class GheModule:
    """An ``AnsibleModule`` with the connection options, checked before any request is sent.

    ``products`` are those whose API the module calls (``'ghes'``, ``'ghec'``): on another the client fails
    before any write, and before any request when ``api_url`` names the product.
    ``requires_token`` is False only for endpoints that must be called unauthenticated.
    A module that changes one object returns :func:`state_result` from the work it gives :meth:`run`.
    """

    products = (GHES,)

    def __init__(self, argument_spec, products=(GHES,), requires_token=True, supports_check_mode=True, **kwargs):
        spec = connection_argument_spec()
        spec.update(argument_spec)
        self.module = AnsibleModule(argument_spec=spec, supports_check_mode=supports_check_mode, **kwargs)
        self.params = self.module.params
        self.check_mode = self.module.check_mode
        self.products = tuple(products)
        self._client = None
        if not HAS_REQUESTS:
            self.module.fail_json(msg=missing_required_lib('requests'), exception=str(REQUESTS_IMPORT_ERROR))
        try:
            normalize_api_url(self.params['api_url'])
        except InvalidApiUrl as exc:
            self.fail(str(exc))
        if requires_token and not self.params['token']:
            self.fail('token is required: set the token option, or GHE_TOKEN or GITHUB_TOKEN in the environment')
        for name in ('timeout', 'max_retry_wait', 'wait_timeout', 'poll_interval'):
            if self.params.get(name) is not None and self.params[name] <= 0:
                self.fail('%s must be a positive number of seconds, got %s' % (name, self.params[name]))
        if self.params['max_retries'] < 0:
            self.fail('max_retries must be 0 or more, got %s' % self.params['max_retries'])
        problem = connection_problem(self.params)
        if problem:
            self.fail(problem)
        self._refuse_a_product_named_by_api_url()

    def _refuse_a_product_named_by_api_url(self):
        """api_url alone may name the product (GHEC): another one than the module's fails here, before any request."""
        try:
            if self.client.product is not None:
                self.client.ensure_product()
        except ApiError as error:
            self.fail_api(error)

    @property
    def client(self):
        if self._client is None:
            self._client = client_from_params(self.params, products=self.products)
            if self._client.url_warning:
                self.warn(self._client.url_warning)
        return self._client

    @property
    def product(self):
        """``'ghes'`` or ``'ghec'`` once known (from api_url or an answer), else None."""
        return self.client.product

    def fail(self, msg, **kwargs):
        if self._client is not None:
            msg = self._client.redact(msg)
        self.module.fail_json(msg=msg, **kwargs)

    def fail_api(self, error, what=None):
        """Fail the task for an :class:`ApiError`, with what we were doing first."""
        text = explain_not_found(error, self._client) or str(error)
        msg = text if what is None else '%s: %s' % (what, text)
        self.fail(msg, api_error=error.as_dict())

    def exit(self, **kwargs):
        self.module.exit_json(**kwargs)

    def warn(self, text):
        self.module.warn(text)

    def run(self, work):
        """Call ``work(self)`` and exit with its result dict; API errors fail the task cleanly."""
        try:
            if GHES not in self.products:
                # A GHEC module's first request is a write: on another product, fail with that, not a refused write.
                self.client.ensure_product()
            result = work(self)
        except ApiError as error:
            self.fail_api(error)
        finally:
            if self._client is not None:
                self._client.close()
        self.exit(**result)


# Endpoints that only another product of the GHES family serves: there a 404 means "not this product". (A 404 of
# an encryption job's status URL is not one: only a server that serves the API gives such a URL.)
_OTHER_PRODUCTS_APIS = (
    (re.compile(r'/enterprise/encryption$'),
     'Encryption at rest is an API of GitHub AE only (whose answers carry X-GitHub-Enterprise-Version '
     'github-ae@...): GitHub Enterprise Server 3.19 and GitHub Enterprise Cloud have no such API, so this server '
     'answers 404 whatever the token may do. Use the encryption modules only with a server that serves it'),
)


def explain_not_found(error, client):
    """The message for a 404 on an API that only another product serves, or None."""
    if error.status != 404:
        return None
    for path, explanation in _OTHER_PRODUCTS_APIS:
        if path.search(error.path):
            version = client.enterprise_version if client is not None else None
            found = ' (this server says it is version %s)' % version if version else ''
            return '%s %s on %s: HTTP 404%s. %s' % (error.method, error.path, error.host, found, explanation)
    return None


CREATED = 'created'
UPDATED = 'updated'
DELETED = 'deleted'
NONE = 'none'
OPERATIONS = (CREATED, UPDATED, DELETED, NONE)


def operation_of(before, after, changed):
    """What a task did (or in check mode would do) to one object: ``none`` when nothing changed, else ``created``
    when there was no object before, ``deleted`` when there is none after, and ``updated`` otherwise."""
    if not changed:
        return NONE
    if not before:
        return CREATED
    if not after:
        return DELETED
    return UPDATED


def state_result(ghe, key, before, after, changed, operation=None, secret_keys=(), diff=None, **extra):
    """The result every ghe.admin module that changes one object returns (one shape for roles and reports).

    ``changed``; the object's final state under ``key`` (in check mode what it would be), ``{}`` when there is none
    (give ``{}`` or None for "absent");
    ``operation``, one of :data:`OPERATIONS`, from :func:`operation_of` unless given (give it when the states alone
    cannot tell); ``diff`` only in diff mode, of the states or of ``diff`` = (before view, after view) when given,
    with the values of ``secret_keys`` masked; and the module's own ``extra`` keys (job, warnings...).
    ``ghe`` is the :class:`GheModule` (only its diff mode is read).
    """
    if operation is None:
        operation = operation_of(before, after, changed)
    if operation not in OPERATIONS or (operation == NONE) == bool(changed):
        raise ValueError('operation %r does not fit changed=%r' % (operation, changed))
    result = dict(extra)
    result.update({'changed': bool(changed), key: {} if after is None else after, 'operation': operation})
    if ghe.module._diff:
        views = diff if diff is not None else (before or {}, after or {})
        result['diff'] = diff_of(views[0], views[1], secret_keys)
    return result


def diff_of(before, after, secret_keys=()):
    """``--diff`` content with the values of ``secret_keys`` masked at any depth."""
    return dict(before=mask(before, secret_keys), after=mask(after, secret_keys))


def mask(value, secret_keys):
    if not secret_keys:
        return copy.deepcopy(value)
    if isinstance(value, dict):
        return dict((k, REDACTED if k in secret_keys and v not in (None, '') else mask(v, secret_keys))
                    for k, v in value.items())
    if isinstance(value, list):
        return [mask(v, secret_keys) for v in value]
    return value


def options_only_with(ghe, state, names):
    """Fail, before any request, naming each option of ``names`` that is set while ``state`` is not ``state``."""
    if ghe.params['state'] == state:
        return
    given = [name for name in names if ghe.params.get(name) not in (None, False)]
    if given:
        ghe.fail('%s cannot be used with state: %s' % (', '.join(given), ghe.params['state']))


def require_confirm(ghe, expected, what):
    """Refuse a destructive operation unless ``confirm`` equals ``expected``; sends nothing when refused."""
    if ghe.params.get('confirm') != expected:
        ghe.fail('%s cannot be undone; set confirm: %s to proceed (got %s)'
                 % (what, expected, 'nothing' if ghe.params.get('confirm') is None else repr(ghe.params.get('confirm'))))


__all__ = ['CREATED', 'DELETED', 'NONE', 'OPERATIONS', 'UPDATED', 'ApiError', 'GheModule', 'client_from_params',
           'connection_argument_spec', 'diff_of', 'job_wait_argument_spec', 'mask', 'operation_of', 'options_only_with',
           'require_confirm', 'state_result']
