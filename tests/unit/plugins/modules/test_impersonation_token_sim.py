# -*- coding: utf-8 -*-
"""ghe.admin.impersonation_token against the simulator: what the token can do, other scopes, deletion in check
mode and a user that does not exist (cases moved from the integration target)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import requests


def impersonation_tokens(sim_module):
    return [token for token in sim_module.ghes.state['tokens'] if token['kind'] == 'impersonation']


def test_the_created_token_acts_as_the_user(sim_module):
    created = sim_module('impersonation_token', dict(user='hubot', scopes=['repo', 'read:org']))
    assert created['changed'] and created['token']

    answer = requests.get(sim_module.ghes.api_url + '/users/hubot',
                          headers={'Authorization': 'Bearer %s' % created['token']}, timeout=30)

    assert answer.status_code == 200
    assert answer.json()['user_view_type'] == 'private'


def test_other_scopes_create_a_second_token_and_one_delete_removes_both(sim_module):
    created = sim_module('impersonation_token', dict(user='hubot', scopes=['repo', 'read:org']))

    other_scopes = sim_module('impersonation_token', dict(user='hubot', scopes=['gist']))

    assert other_scopes['changed'] and not other_scopes.get('failed')
    assert other_scopes['token'] and other_scopes['token'] != created['token']
    assert len(impersonation_tokens(sim_module)) == 2
    sim_module.requests()

    deleted = sim_module('impersonation_token', dict(user='hubot', state='absent'))

    writes = sim_module.writes()
    assert deleted['changed'] and not deleted.get('failed')
    assert [(w['method'], w['path']) for w in writes] == [('DELETE', '/admin/users/hubot/authorizations')]
    assert impersonation_tokens(sim_module) == []
    assert len([t for t in sim_module.ghes.state['tokens'] if t['user'] == 'hubot']) == 1


def test_deletion_in_check_mode_reports_a_change_and_writes_nothing(sim_module):
    sim_module('impersonation_token', dict(user='hubot', scopes=['repo']))
    sim_module.requests()

    delete_check = sim_module('impersonation_token', dict(user='hubot', state='absent'), check_mode=True)

    assert delete_check['changed'] and not delete_check.get('failed')
    assert sim_module.writes() == []
    assert len(impersonation_tokens(sim_module)) == 1


def test_a_user_that_does_not_exist_has_nothing_to_delete_and_gets_no_token(sim_module):
    delete_nobody = sim_module('impersonation_token', dict(user='nobody', state='absent'))
    assert len(sim_module.requests()) == 1
    create_nobody = sim_module('impersonation_token', dict(user='nobody', scopes=['repo']))

    requests_sent = sim_module.requests()
    assert not delete_nobody['changed'] and not delete_nobody.get('failed')
    assert create_nobody['failed']
    assert create_nobody['msg'] == 'user nobody does not exist'
    assert [r for r in requests_sent if r['method'] != 'GET'] == []
    assert len(requests_sent) == 1
