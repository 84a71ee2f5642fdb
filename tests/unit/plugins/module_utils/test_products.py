# -*- coding: utf-8 -*-
"""Which product the modules talk to: each fails on a product it does not declare before any write, and before any
request when api_url names the product. (tests/unit/test_manifest.py checks that the declarations in the code, the
docs and the README's table of modules by product agree.)"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.module_utils.basic import AnsibleModule

GHEC_URL = 'https://api.github.com'
NOT_FOUND = dict(message='Not Found', documentation_url='https://docs.github.com/rest')

# Modules that need no option to run, so that only the product can stop them.
GHES_ONLY_WITHOUT_OPTIONS = ['enterprise_info', 'encryption_info', 'global_hook_info', 'license_info',
                             'personal_access_token_info', 'public_key_info', 'stats_info']
CREDENTIAL = 'ghp_' + 'A1b2C3d4E5' * 3 + 'f6G7h8I9j0'
GHEC_ONLY = [('credential_revocation', dict(credentials=[CREDENTIAL])),
             ('credential_authorization_revocation', dict(enterprise='acme', user='jdoe'))]


@pytest.mark.parametrize('name', GHES_ONLY_WITHOUT_OPTIONS)
def test_a_ghes_module_on_a_ghec_api_url_fails_before_any_request(run_module, name):
    result = run_module(name, dict(api_url=GHEC_URL))
    assert result['failed'] and 'is GitHub Enterprise Cloud' in result['msg'], result
    assert 'GitHub Enterprise Server' in result['msg'] and 'set api_url' in result['msg']
    assert run_module.sent == []


def test_a_ghes_module_learns_ghec_from_the_first_answer_and_writes_nothing(run_module):
    run_module.product_headers = {}
    run_module.answers = [('GET', '/api/v3/admin/hooks', 404, NOT_FOUND)]
    result = run_module('global_hook', dict(api_url='https://github-proxy.example.com', url='https://ci.example.com/h'))
    assert result['failed'] and 'is GitHub Enterprise Cloud' in result['msg'], result
    assert 'site administrator' not in result['msg']
    assert [method for method, url in run_module.sent] == ['GET']


@pytest.mark.parametrize('name, args', GHEC_ONLY)
def test_a_ghec_module_on_ghes_fails_before_any_write(run_module, name, args):
    run_module.answers = [('GET', '/api/v3/meta', 200, dict(installed_version='3.19.0'))]
    result = run_module(name, args)
    assert result['failed'] and 'is GitHub Enterprise Server 3.19.0' in result['msg'], result
    assert 'works only with GitHub Enterprise Cloud' in result['msg'] and 'api.github.com' in result['msg']
    assert run_module.sent == [('GET', 'https://ghe.example.com/api/v3/meta')]


@pytest.mark.parametrize('name, args', [('encryption_info', {}),
                                        ('encryption_key', dict(state='absent', confirm='api.github.com'))])
def test_encryption_at_rest_on_ghec_fails_before_any_request(run_module, name, args):
    result = run_module(name, dict(args, api_url=GHEC_URL))
    assert result['failed'] and 'is GitHub Enterprise Cloud' in result['msg'], result
    assert run_module.sent == []


def test_encryption_at_rest_answered_404_by_ghes_says_it_is_github_aes_api(run_module):
    run_module.answers = [('GET', '/api/v3/enterprise/encryption', 404, NOT_FOUND)]
    result = run_module('encryption_info', {})
    assert result['failed'] and "Encryption at rest is an API of GitHub AE" in result['msg'], result
    assert 'version 3.19.0' in result['msg']
    assert 'site administrator' not in result['msg']
    assert result['api_error']['status'] == 404


def test_a_web_address_of_ghec_is_used_as_its_api_with_a_warning(run_module, monkeypatch):
    warnings = []
    # Recorded here: once a controller-side test has run in this process, ansible routes module warnings to Display.
    monkeypatch.setattr(AnsibleModule, 'warn', lambda module, text: warnings.append(text))
    run_module.product_headers = {}
    run_module.answers = [('GET', '/enterprises/acme/announcement', 200,
                           dict(announcement=None, expires_at=None, user_dismissible=False))]
    result = run_module('announcement', dict(api_url='https://github.com', enterprise='acme', text='hello'),
                        check_mode=True)
    assert result['changed']
    assert run_module.sent == [('GET', 'https://api.github.com/enterprises/acme/announcement')]
    assert any('web address of GitHub Enterprise Cloud' in w and 'https://api.github.com' in w for w in warnings)
