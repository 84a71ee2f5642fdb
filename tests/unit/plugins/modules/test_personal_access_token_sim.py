# -*- coding: utf-8 -*-
"""ghe.admin.personal_access_token against the simulator: the token in use, a token that vanishes, a deleted
token and bad input (cases moved from the integration target)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.tests.unit.conftest import SIM_USER_TOKEN


def reset(sim_module):
    """The target's state: the default tokens plus 120 generated ones (two pages)."""
    sim_module.ghes.reset({'generate_users': {'prefix': 'patuser', 'count': 60, 'width': 2, 'tokens_per_user': 2}})


def test_github_refuses_the_token_in_use_the_others_are_deleted_and_the_failure_is_named(sim_module):
    reset(sim_module)

    result = sim_module('personal_access_token', dict(ids=[1, 2, 5, 6]), diff=True)

    writes = sim_module.writes()
    tokens = sim_module.ghes.state['tokens']
    assert result['failed'] and result['changed']
    assert '1 of 4 tokens could not be deleted' in result['msg']
    assert '1: HTTP 403 This personal access token is in use and cannot be deleted' in result['msg']
    assert 'deleted 2, 5, 6' in result['msg']
    assert result['deleted'] == [2, 5, 6]
    assert [f['id'] for f in result['failures']] == [1]
    assert result['failures'][0]['reason'].startswith('HTTP 403 This personal access token is in use')
    assert [r['status'] for r in result['results']] == ['failed', 'deleted', 'deleted', 'deleted']
    assert [t['id'] for t in result['diff']['after']['tokens']] == [1]
    assert [w['path'] for w in writes] == ['/admin/tokens/1', '/admin/tokens/2', '/admin/tokens/5', '/admin/tokens/6']
    assert [w['status'] for w in writes] == [403, 204, 204, 204]
    assert [t for t in tokens if t['id'] in (2, 5, 6)] == []
    assert len([t for t in tokens if t['id'] == 1]) == 1


def test_a_token_that_vanishes_between_the_listing_and_its_deletion_is_absent_not_a_failure(sim_module):
    reset(sim_module)
    sim_module.ghes.add_fault(method='DELETE', path='^/admin/tokens/7$', status=404, times=1)

    result = sim_module('personal_access_token', dict(ids=[7]))

    assert not result['changed'] and not result.get('failed')
    assert result['absent'] == [7]
    assert result['results'][0]['status'] == 'absent'
    assert len(sim_module.writes()) == 1


def test_a_deleted_token_no_longer_authenticates(sim_module):
    reset(sim_module)
    sim_module('personal_access_token', dict(ids=[2]))
    sim_module.requests()

    result = sim_module('personal_access_token', dict(token=SIM_USER_TOKEN, ids=[2]))

    requests = sim_module.requests()
    assert result['failed'] and 'HTTP 401 Bad credentials' in result['msg']
    assert len(requests) == 1
    assert [r for r in requests if r['method'] != 'GET'] == []


def test_a_negative_id_is_refused_before_any_request(sim_module):
    result = sim_module('personal_access_token', dict(ids=[-1]))

    assert result['failed'] and 'ids[0] must be a positive integer, got -1' in result['msg']
    assert sim_module.requests() == []
