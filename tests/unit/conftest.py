# -*- coding: utf-8 -*-
"""The one fixture that runs a module's ``main()`` in unit tests (in the style of community.docker's
``patch_ansible_module``): module arguments in, the module's JSON result out, and every HTTP request the
module tried to send recorded, and refused unless the test scripted an answer for it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
import json

import pytest
import requests

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    import contextlib

    from ansible.module_utils import basic
    from ansible.module_utils.common.text.converters import to_bytes

    @contextlib.contextmanager
    def patch_module_args(args=None):
        previous = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = to_bytes(json.dumps(dict(ANSIBLE_MODULE_ARGS=args or {})))
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = previous

SIM_URL = 'https://ghe.example.com'
ADMIN_TOKEN = 'ghp_unit0000000000000000000000000000000000'


class ModuleRun:
    """Runs ``ghe.admin.<name>``'s ``main()``; ``answers`` are (method, path-suffix, status, body) tuples that the
    fake HTTP session serves in order; any other request fails the test. ``sent`` lists what was tried."""

    def __init__(self, monkeypatch, capsys):
        self._monkeypatch = monkeypatch
        self._capsys = capsys
        self.sent = []
        self.answers = []
        # GHES sends its version on every answer; a test of GitHub Enterprise Cloud sets this to {}.
        self.product_headers = {'X-GitHub-Enterprise-Version': '3.19.0'}
        monkeypatch.setattr(requests.Session, 'request', self._request)  # bound: the session is not passed
        for name in ('GHE_API_URL', 'GITHUB_API_URL', 'GHE_TOKEN', 'GITHUB_TOKEN', 'GHE_VALIDATE_CERTS',
                     'GHE_CA_PATH', 'GHE_MANAGE_URL', 'GHE_MANAGE_PASSWORD'):
            monkeypatch.delenv(name, raising=False)

    def _request(self, method, url, **kwargs):
        self.sent.append((method, url))
        if not self.answers:
            raise AssertionError('the module sent %s %s, and no request was expected' % (method, url))
        want_method, want_path, status, body = self.answers.pop(0)
        assert method == want_method and url.endswith(want_path), (method, url, want_method, want_path)
        response = requests.Response()
        response.status_code = status
        response.url = url
        response.headers['Content-Type'] = 'application/json; charset=utf-8'
        response.headers.update(self.product_headers)
        response._content = json.dumps(body).encode() if body is not None else b''
        return response

    def __call__(self, name, args, check_mode=False, diff=False, connection=True):
        module = importlib.import_module('ansible_collections.ghe.admin.plugins.modules.%s' % name)
        args = dict(args)
        if connection:
            args.setdefault('api_url', SIM_URL)
            args.setdefault('token', ADMIN_TOKEN)
        if check_mode:
            args['_ansible_check_mode'] = True
        if diff:
            args['_ansible_diff'] = True
        with patch_module_args(args):
            with pytest.raises(SystemExit):
                module.main()
        out = self._capsys.readouterr().out
        return json.loads(out)


@pytest.fixture
def run_module(monkeypatch, capsys):
    """``run_module(name, args)`` -> the module's result; ``run_module.sent`` -> the requests it tried."""
    return ModuleRun(monkeypatch, capsys)
