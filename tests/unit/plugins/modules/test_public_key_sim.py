# -*- coding: utf-8 -*-
"""ghe.admin.public_key against the simulator: bulk deletion in batches, a failed batch retried key by key, an
ordinary user's token and bad input (cases moved from the integration target)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.tests.unit.conftest import SIM_USER_TOKEN


def test_150_keys_are_deleted_in_two_deletes_of_100_and_50_ids(sim_module):
    sim_module.ghes.reset({'generate_users': {'prefix': 'pkuser', 'count': 75, 'width': 2, 'keys_per_user': 2}})
    ids = [key['id'] for key in sim_module.ghes.state['keys'] if (key['user'] or '').startswith('pkuser')]
    assert len(ids) == 150

    result = sim_module('public_key', dict(ids=ids))

    requests = sim_module.requests()
    writes = [r for r in requests if r['method'] != 'GET']
    assert result['changed'] and not result.get('failed')
    assert len(result['deleted']) == 150
    assert len(requests) == 4
    assert len(writes) == 2
    assert len(writes[0]['path'].split('/')[-1].split(',')) == 100
    assert len(writes[1]['path'].split('/')[-1].split(',')) == 50
    assert [key['id'] for key in sim_module.ghes.state['keys']] == [1, 2, 3]


def test_a_failed_batch_is_retried_key_by_key_and_the_failure_is_named(sim_module):
    sim_module.ghes.reset({'keys': [
        {'id': 10, 'user': 'hubot', 'title': 'hubot a'},
        {'id': 11, 'user': 'hubot', 'title': 'hubot b'},
        {'id': 12, 'user': 'hubot', 'title': 'hubot c'},
        {'id': 13, 'user': 'hubot', 'title': 'hubot d'},
    ]})
    # key 11 disappears between the listing and the batch, and GitHub refuses key 12
    sim_module.ghes.add_fault(method='DELETE', path='^/admin/keys/10,11,12,13$', status=404, times=1)
    sim_module.ghes.add_fault(method='DELETE', path='^/admin/keys/11$', status=404, times=1)
    sim_module.ghes.add_fault(method='DELETE', path='^/admin/keys/12$', status=422, times=1,
                              body={'message': 'Key is used by a running deployment',
                                    'documentation_url': 'https://docs.github.com'})

    result = sim_module('public_key', dict(ids=[10, 11, 12, 13]))

    writes = sim_module.writes()
    assert result['failed'] and result['changed']
    assert '1 of 4 keys could not be deleted' in result['msg']
    assert '12: HTTP 422 Key is used by a running deployment' in result['msg']
    assert 'deleted 10, 13' in result['msg']
    assert result['deleted'] == [10, 13]
    assert result['absent'] == [11]
    assert result['failures'] == [{'id': 12, 'reason': 'HTTP 422 Key is used by a running deployment'}]
    assert [r['status'] for r in result['results']] == ['deleted', 'absent', 'failed', 'deleted']
    assert [w['path'] for w in writes] == ['/admin/keys/10,11,12,13', '/admin/keys/10', '/admin/keys/11',
                                           '/admin/keys/12', '/admin/keys/13']
    assert sorted(key['id'] for key in sim_module.ghes.state['keys']) == [1, 2, 3, 11, 12]


def test_an_ordinary_users_listing_is_refused_and_nothing_is_deleted(sim_module):
    result = sim_module('public_key', dict(token=SIM_USER_TOKEN, ids=[1]))

    requests = sim_module.requests()
    assert result['failed'] and 'HTTP 403' in result['msg']
    assert len(requests) == 1
    assert [r for r in requests if r['method'] != 'GET'] == []


def test_no_ids_or_a_state_it_cannot_reach_fail_naming_the_option_before_any_request(sim_module):
    no_ids = sim_module('public_key', dict(state='absent'))
    present = sim_module('public_key', dict(ids=[1], state='present'))

    assert sim_module.requests() == []
    assert no_ids['failed'] and 'ids' in no_ids['msg']
    assert present['failed'] and 'state' in present['msg']
