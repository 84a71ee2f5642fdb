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
        ca_path=dict(type='path'),
        timeout=dict(type='float', default=30),
        api_version=dict(type='str', default='2022-11-28'),
        max_retries=dict(type='int', default=5),
        max_retry_wait=dict(type='float', default=120),
    )


def connection_problem(params):
    """What is wrong with ``api_version`` or ``ca_path`` before any request is sent, or None."""
    if params.get('api_version') and not _API_VERSION.match(params['api_version']):
        return ('api_version must be a REST API version date such as %s, got %r'
                % (DEFAULT_API_VERSION, params['api_version']))
    ca_path = params.get('ca_path')
    if ca_path and params.get('validate_certs', True) and not os.path.exists(ca_path):
        return 'ca_path %s: no such file or directory (give the CA bundle, in PEM, that signed the server\'s certificate)' % ca_path
    return None


def job_wait_argument_spec():
    """The options of the ``ghe.admin.job_wait`` doc fragment; the action plugin acts on them."""
    return dict(
        wait=dict(type='bool', default=True),
        wait_timeout=dict(type='float', default=300),
        poll_interval=dict(type='float', default=5),
    )


def client_from_params(params, **kwargs):
    """Build a :class:`Client` from connection option values (module or action plugin)."""
    policy = RetryPolicy(max_retries=params.get('max_retries', 5), max_wait=params.get('max_retry_wait', 120))
    return Client(
        params['api_url'], token=params.get('token'), validate_certs=params.get('validate_certs', True),
        ca_path=params.get('ca_path'), timeout=params.get('timeout', 30), api_version=params.get('api_version'),
        retry_policy=policy, **kwargs)


class GheModule:
    """An ``AnsibleModule`` with the connection options, checked before any request is sent.

    ``requires_token`` is False only for endpoints that must be called unauthenticated.
    """

    def __init__(self, argument_spec, requires_token=True, supports_check_mode=True, **kwargs):
        spec = connection_argument_spec()
        spec.update(argument_spec)
        self.module = AnsibleModule(argument_spec=spec, supports_check_mode=supports_check_mode, **kwargs)
        self.params = self.module.params
        self.check_mode = self.module.check_mode
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

    @property
    def client(self):
        if self._client is None:
            self._client = client_from_params(self.params)
        return self._client

    def fail(self, msg, **kwargs):
        if self._client is not None:
            msg = self._client.redact(msg)
        self.module.fail_json(msg=msg, **kwargs)

    def fail_api(self, error, what=None):
        """Fail the task for an :class:`ApiError`, with what we were doing first."""
        msg = str(error) if what is None else '%s: %s' % (what, error)
        self.fail(msg, api_error=error.as_dict())

    def exit(self, **kwargs):
        self.module.exit_json(**kwargs)

    def warn(self, text):
        self.module.warn(text)

    def run(self, work):
        """Call ``work(self)`` and exit with its result dict; API errors fail the task cleanly."""
        try:
            result = work(self)
        except ApiError as error:
            self.fail_api(error)
        finally:
            if self._client is not None:
                self._client.close()
        self.exit(**result)


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


__all__ = ['ApiError', 'GheModule', 'client_from_params', 'connection_argument_spec', 'diff_of',
           'job_wait_argument_spec', 'mask', 'options_only_with', 'require_confirm']
