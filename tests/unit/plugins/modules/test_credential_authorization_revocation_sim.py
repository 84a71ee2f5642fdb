# -*- coding: utf-8 -*-
"""ghe.admin.credential_authorization_revocation against the GHEC simulator: refusals, each endpoint's request,
warnings, GitHub's errors and EMU enterprises (cases moved from the integration target)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

import pytest
from ansible.module_utils.common import warnings as module_warnings

from ansible_collections.ghe.admin.tests.unit.conftest import SIM_USER_TOKEN, warning_texts

BASE = '/enterprises/acme/credential-authorizations'


@pytest.fixture
def revoke(sim_module, monkeypatch):
    """``revoke(args, check_mode=False)`` -> the module's result against the GHEC simulator, which
    GHE_CLOUD_API_URLS names a cloud API root, as the integration target's ``environment`` does."""
    monkeypatch.setenv('GHE_CLOUD_API_URLS', sim_module.ghec.api_url)

    def run(args, check_mode=False):
        # ansible-core keeps a module's warnings in a global of this process: each run starts without them, as
        # each task of a playbook does
        getattr(module_warnings, '_global_warnings').clear()
        return sim_module('credential_authorization_revocation', args, check_mode=check_mode, product='ghec')
    return run


def test_the_wrong_confirm_is_refused_before_any_request_in_check_mode(sim_module, revoke):
    result = revoke(dict(enterprise='acme', credential_type='classic_pat', confirm='ACME'), check_mode=True)

    assert sim_module.requests('ghec') == []
    assert result['failed']
    assert 'the classic_pat credential authorizations of enterprise acme' in result['msg']
    assert "got 'ACME'" in result['msg']


def test_check_mode_for_one_user_reports_the_revocation_and_sends_nothing(sim_module, revoke):
    result = revoke(dict(enterprise='acme', user='octocat', credential_type='ssh_key'), check_mode=True)

    assert sim_module.requests('ghec') == []
    assert result['changed'] and not result.get('failed')
    assert result['revocation']['user'] == 'octocat'
    assert result['revocation']['credential_type'] == 'ssh_key'
    assert sim_module.ghec.state['credential_revocations'] == []


def test_each_option_set_is_one_authenticated_post_to_its_endpoint_and_always_a_change(sim_module, revoke):
    revoke_type = revoke(dict(enterprise='acme', credential_type='classic_pat', confirm='acme'))
    revoke_user = revoke(dict(enterprise='acme', user='octocat'))
    revoke_user_again = revoke(dict(enterprise='acme', user='octocat'))
    revoke_user_type = revoke(dict(enterprise='acme', user='hubot', credential_type='fine_grained_pat'))
    revoke_self = revoke(dict(enterprise='acme', user='ghe-admin'))

    requests = sim_module.requests('ghec')
    assert len(requests) == 5
    assert [r['path'] for r in requests] == [
        BASE + '/revoke-credential-type', BASE + '/octocat/revoke', BASE + '/octocat/revoke',
        BASE + '/hubot/revoke-credential-type', BASE + '/ghe-admin/revoke']
    assert set(r['method'] for r in requests) == set(['POST'])
    assert set(r['status'] for r in requests) == set([202])
    assert set(r['authenticated'] for r in requests) == set([True])
    assert requests[0]['body'] == {'revoke_credentials': False, 'credential_type': 'classic_pat'}
    assert requests[1]['body'] == {'revoke_credentials': False}
    assert requests[3]['body'] == {'revoke_credentials': False, 'credential_type': 'fine_grained_pat'}
    for result in (revoke_type, revoke_user, revoke_user_again, revoke_user_type, revoke_self):
        assert result['changed'] and not result.get('failed')
    assert revoke_user['revocation']['api_message'] == "Credential authorization revocation for user 'octocat' has been queued"
    assert 'warnings' not in revoke_user
    assert len([w for w in warning_texts(revoke_self)
                if re.search('^GitHub. The token used for this request may also have its authorization revoked', w)]) == 1
    revocations = sim_module.ghec.state['credential_revocations']
    assert [r['scope'] for r in revocations] == ['enterprise', 'user', 'user', 'user', 'user']
    assert revocations[0]['credential_type'] == 'classic_pat'
    assert len(sim_module.ghec.state['tokens']) == 4


def test_revoke_credentials_on_an_enterprise_that_is_not_emu_is_githubs_422(sim_module, revoke):
    result = revoke(dict(enterprise='acme', user='octocat', revoke_credentials=True))

    assert len(sim_module.requests('ghec')) == 1
    assert result['failed']
    assert 'GitHub refused revoking all credential authorizations of user octocat in enterprise acme' in result['msg']
    assert ('HTTP 422 The `revoke_credentials` option is only available for Enterprise Managed User (EMU) enterprises'
            in result['msg'])
    assert result['api_error']['status'] == 422
    assert sim_module.ghec.state['credential_revocations'] == []


def test_an_unknown_enterprise_is_githubs_404_with_a_hint(sim_module, revoke):
    result = revoke(dict(enterprise='nope', user='octocat'))

    assert len(sim_module.requests('ghec')) == 1
    assert result['failed'] and 'HTTP 404 Not Found (check the enterprise slug nope' in result['msg']
    assert result['api_error']['status'] == 404
    assert sim_module.ghec.state['credential_revocations'] == []


def test_a_caller_who_is_not_an_enterprise_owner_is_told_to_be_one(sim_module, revoke):
    result = revoke(dict(token=SIM_USER_TOKEN, enterprise='acme', user='hubot'))

    assert len(sim_module.requests('ghec')) == 1
    assert result['failed'] and 'HTTP 403 You must be an enterprise owner' in result['msg']
    assert 'the caller must be an owner of enterprise acme' in result['msg']
    assert 'site administrator' not in result['msg']
    assert sim_module.ghec.state['credential_revocations'] == []


def test_on_an_emu_enterprise_the_credentials_are_destroyed_and_the_first_owner_is_refused(sim_module, revoke):
    sim_module.ghec.reset({'enterprise': {'emu': True, 'first_owner': 'ghe-admin'}})

    destroy = revoke(dict(enterprise='acme', user='octocat', revoke_credentials=True))
    first_owner = revoke(dict(enterprise='acme', user='ghe-admin', credential_type='ssh_key'))

    writes = sim_module.writes('ghec')
    state = sim_module.ghec.state
    assert destroy['changed'] and not destroy.get('failed')
    assert destroy['revocation']['revoke_credentials']
    assert len(writes) == 2
    assert writes[0]['body'] == {'revoke_credentials': True}
    assert [t for t in state['tokens'] if t['user'] == 'octocat'] == []
    assert [k for k in state['keys'] if k['user'] == 'octocat'] == []
    assert len([t for t in state['tokens'] if t['user'] == 'hubot']) == 1
    assert first_owner['failed']
    assert 'HTTP 422 The first EMU owner cannot be targeted for credential revocation' in first_owner['msg']
