# -*- coding: utf-8 -*-
"""ghe.admin.enterprise_info against the simulator: check mode over one connection, a partial read, an empty
enterprise with a user deleted while the export reads, a user that cannot be read, and an ordinary user's token."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

import pytest
from ansible_collections.ghe.admin.tests.unit.conftest import SIM_USER_TOKEN

SHARED_URL = 'https://twice.example.com/hook'
BANNER = 'Read-only {{ soon }}'
# A banner, four hooks (two share a URL), three organizations and 236 users on three pages (the playbook's fixture)
FULL = {
    'announcement': {'announcement': BANNER, 'expires_at': '2031-05-06T07:08:09+02:00', 'user_dismissible': True},
    'replace': ['hooks'],
    'hooks': [
        {'id': 1, 'url': 'https://hooks.example.com/ghe-events', 'content_type': 'json', 'secret': 'sim-hook-secret'},
        {'id': 4, 'url': SHARED_URL, 'events': ['repository']},
        {'id': 7, 'url': SHARED_URL, 'insecure_ssl': '1', 'active': False, 'events': ['user', 'team'],
         'secret': 'info-secret-7'},
        {'id': 9, 'url': 'https://ci.example.com/hook', 'content_type': 'form', 'events': ['fork']},
    ],
    'orgs': [{'login': 'platform', 'admin': 'hubot', 'name': 'Platform Team'}],
    'users': ['Zed', {'login': 'ldap-away', 'ldap': True, 'suspended': True}, {'login': 'quitter', 'suspended': True}],
    'generate_users': {'prefix': 'bulk', 'count': 230, 'width': 3, 'suspended_every': 50},
}
ALL_REQUESTS = 1 + 1 + 1 + 3 + 3 + 238 + 2


@pytest.fixture
def full(sim_module):
    sim_module.ghes.reset(FULL)
    return sim_module


def test_check_mode_one_at_a_time_reads_the_same_over_one_connection_and_writes_nothing(full):
    everything = full('enterprise_info', {})
    full.requests()
    checked = full('enterprise_info', dict(concurrency=1), check_mode=True)
    requests = full.requests()
    assert checked['changed'] is False and not checked.get('failed') and not checked.get('skipped')
    for key in ('suspended_users', 'unsuspended_users', 'organizations'):
        assert checked[key] == everything[key]
    assert checked['api_requests'] == len(requests) == ALL_REQUESTS
    assert [e for e in requests if e['method'] != 'GET'] == []
    assert len(set(e['connection'] for e in requests)) == 1


def test_asking_for_the_banner_and_the_hooks_reads_those_only_with_two_requests(full):
    everything = full('enterprise_info', {})
    full.requests()
    cheap = full('enterprise_info', dict(areas=['announcement', 'global_hooks']))
    requests = full.requests()
    assert [e['path'] for e in requests] == ['/enterprise/announcement', '/admin/hooks']
    assert cheap['global_hooks'] == everything['global_hooks']
    assert 'suspended_users' not in cheap and 'organizations' not in cheap
    assert cheap['counts'] == {'global_hooks': 4, 'hooks_with_secret': 2}
    assert cheap['api_requests'] == 2


def test_an_empty_enterprise_reads_as_null_and_empty_lists_and_a_vanished_user_is_left_out(sim_module):
    sim_module.ghes.reset({'replace': ['hooks', 'orgs'], 'hooks': [], 'orgs': []})
    sim_module.ghes.add_fault(method='GET', path='^/users/hubot$', status=404)
    empty = sim_module('enterprise_info', {})
    assert not empty.get('failed')
    assert empty['announcement'] is None
    assert empty['global_hooks'] == [] and empty['hook_secrets'] == [] and empty['organizations'] == []
    assert 'hubot' not in empty['unsuspended_users']
    assert empty['unsuspended_users'] == ['ghe-admin', 'octocat']
    assert empty['counts']['vanished'] == 1 and empty['counts']['users'] == 4


def test_a_user_that_cannot_be_read_fails_the_export_naming_the_user(sim_module):
    sim_module.ghes.reset({'replace': ['hooks', 'orgs'], 'hooks': [], 'orgs': []})
    sim_module.ghes.add_fault(method='GET', path='^/users/octocat$', status=502, times=-1)
    result = sim_module('enterprise_info', dict(areas=['users'], max_retries=0))
    assert result['failed']
    assert re.search(r'could not read 1 of 5 users \(octocat\)', result['msg'])
    assert 'HTTP 502' in result['msg']
    assert result['api_error']['status'] == 502


def test_an_ordinary_user_s_token_fails_instead_of_reporting_every_user_as_not_suspended(sim_module):
    result = sim_module('enterprise_info', dict(token=SIM_USER_TOKEN, areas=['users']))
    assert result['failed']
    assert 'not a site administrator' in result['msg']
    assert 'suspended_users' not in result
