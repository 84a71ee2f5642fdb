# -*- coding: utf-8 -*-
"""ghe.admin.user_suspension against the simulator: unsuspension, users that cannot be changed, guardrails, tokens
that are refused, and hundreds of users over kept-alive connections (moved from the user_suspension integration
target, with the same assertions)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.tests.unit.conftest import SIM_USER_TOKEN

MIX = ['nobody', 'octocat', 'ldap-user', 'hubot', 'former-employee']
NOBODY = {'login': 'nobody', 'status': 404, 'reason': 'no such user'}


def suspended(sim_module):
    return sorted(user['login'] for user in sim_module.ghes.state['users'] if user['suspended_at'] is not None)


def paths(requests):
    return [entry['path'] for entry in requests]


def suspend_first(sim_module, users):
    """``users`` suspended by the module, the request log cleared."""
    result = sim_module('user_suspension', dict(users=users))
    assert result['changed'] and not result.get('failed')
    sim_module.requests()


def test_unsuspending_sends_one_delete_without_a_body_per_suspended_user_and_duplicates_once(sim_module):
    suspend_first(sim_module, ['octocat', 'hubot'])

    result = sim_module('user_suspension', dict(users=['hubot', 'former-employee', 'hubot'], state='unsuspended'),
                        diff=True)

    requests = sim_module.requests()
    writes = [entry for entry in requests if entry['method'] != 'GET']
    assert result['changed']
    assert result['changed_users'] == ['hubot', 'former-employee']
    assert len(requests) == 4
    assert len(writes) == 2
    assert set(entry['method'] for entry in writes) == {'DELETE'}
    assert [entry['body'] for entry in writes] == [None, None]
    assert suspended(sim_module) == ['octocat']
    assert result['diff']['before']['suspended'] == ['hubot', 'former-employee']
    assert result['diff']['after']['suspended'] == []


def test_the_token_s_own_user_is_refused_after_reading_before_any_write(sim_module):
    result = sim_module('user_suspension', dict(users=['nobody', 'octocat', 'ldap-user', 'ghe-admin', 'hubot',
                                                       'former-employee'], reason='Security incident 17', concurrency=3))

    requests = sim_module.requests()
    assert result['failed'] and not result['changed']
    assert "refusing to suspend ghe-admin: it is the token's own user (ghe-admin)" in result['msg']
    assert [entry for entry in requests if entry['method'] != 'GET'] == []
    assert paths(requests).count('/user') == 1
    assert len(requests) == 7


def test_users_github_refuses_do_not_stop_the_others_and_ldap_users_are_listed_apart(sim_module):
    result = sim_module('user_suspension', dict(users=MIX, reason='Security incident 17', concurrency=3))

    requests = sim_module.requests()
    writes = [entry for entry in requests if entry['method'] != 'GET']
    assert result['failed'] and result['changed']
    assert result['changed_users'] == ['octocat', 'hubot']
    assert result['unchanged_users'] == ['former-employee']
    assert result['failed_users'] == [NOBODY]
    assert [entry['login'] for entry in result['ldap_managed']] == ['ldap-user']
    assert 'LDAP' in result['ldap_managed'][0]['reason']
    assert result['outcome']['managed_by_ldap'] == ['ldap-user']
    assert 'ghe.admin.ldap_sync' in result['ldap_advice']
    assert result['msg'] == 'could not suspend 1 of 5 users: nobody (no such user). The other 3 are suspended (2 changed)'
    assert suspended(sim_module) == ['former-employee', 'hubot', 'octocat']
    assert len([entry for entry in requests if entry['method'] == 'GET']) == 5
    assert sorted(paths(writes)) == ['/users/hubot/suspended', '/users/ldap-user/suspended', '/users/octocat/suspended']
    assert [entry['suspended'] for entry in result['results'] if entry['login'] == 'ldap-user'] == [False]


def test_a_second_run_tries_only_the_refused_users_and_ldap_users_alone_fail_only_with_fail_on_ldap(sim_module):
    first = sim_module('user_suspension', dict(users=MIX, reason='Security incident 17', concurrency=3))
    assert first['failed'] and first['changed']
    sim_module.requests()

    again = sim_module('user_suspension', dict(users=MIX))
    ldap_only = sim_module('user_suspension', dict(users=['octocat', 'ldap-user']))
    ldap_strict = sim_module('user_suspension', dict(users=['octocat', 'ldap-user'], fail_on_ldap=True))

    writes = sim_module.writes()
    assert again['failed'] and not again['changed']
    assert [entry['login'] for entry in again['failed_users']] == ['nobody']
    assert [entry['login'] for entry in again['ldap_managed']] == ['ldap-user']
    assert not ldap_only.get('failed') and not ldap_only['changed']
    assert [entry['login'] for entry in ldap_only['ldap_managed']] == ['ldap-user']
    assert ldap_strict['failed'] and not ldap_strict['changed']
    assert '1 managed by LDAP (fail_on_ldap is true): ldap-user' in ldap_strict['msg']
    assert paths(writes) == ['/users/ldap-user/suspended'] * 3
    assert set(entry['status'] for entry in writes) == {403}


def test_more_changes_than_max_changes_are_refused_before_any_write_naming_the_count_and_users(sim_module):
    suspend_first(sim_module, ['octocat', 'hubot'])

    result = sim_module('user_suspension', dict(users=['octocat', 'hubot', 'ghe-admin'], state='unsuspended',
                                                max_changes=1))

    requests = sim_module.requests()
    assert result['failed'] and not result['changed']
    assert result['msg'].startswith('refusing to unsuspend 2 items, more than max_changes (1): octocat, hubot.')
    assert [entry for entry in requests if entry['method'] != 'GET'] == []
    assert len(requests) == 3


def test_check_mode_reports_an_unknown_login_and_what_would_change_and_writes_nothing(sim_module):
    suspend_first(sim_module, ['hubot'])

    result = sim_module('user_suspension', dict(users=['ldap-user', 'nobody', 'hubot'], state='unsuspended'),
                        check_mode=True)

    requests = sim_module.requests()
    assert result['failed']
    assert result['failed_users'] == [NOBODY]
    assert result['changed_users'] == ['hubot']
    assert 'The other 2 would be unsuspended (1 would change)' in result['msg']
    assert result['unchanged_users'] == ['ldap-user']
    assert [entry for entry in requests if entry['method'] != 'GET'] == []
    assert len(requests) == 3


def test_errors_that_are_not_about_one_user_stop_the_task_at_once_before_any_write(sim_module):
    not_admin = sim_module('user_suspension', dict(token=SIM_USER_TOKEN, users=['hubot', 'former-employee'],
                                                   concurrency=1))
    bad_token = sim_module('user_suspension', dict(token='ghp_wrong0token000000000000000000000000',
                                                   users=['hubot', 'former-employee'], concurrency=1))

    requests = sim_module.requests()
    assert not_admin['failed'] and not not_admin['changed']
    assert not_admin['msg'].startswith('stopped after 0 of 2 users: ')
    assert 'site administrator' in not_admin['msg']
    assert 'api_error' not in not_admin
    assert bad_token['failed'] and 'HTTP 401' in bad_token['msg']
    assert bad_token['api_error']['status'] == 401
    assert bad_token['msg'].startswith('stopped after 0 of 2 users: ')
    assert [entry for entry in requests if entry['method'] != 'GET'] == []
    assert len(requests) == 2


def test_hundreds_of_users_go_over_at_most_concurrency_kept_alive_connections(sim_module):
    sim_module.ghes.reset({'generate_users': {'prefix': 'member', 'count': 300, 'width': 3, 'suspended_every': 3}})
    members = ['member%03d' % number for number in range(1, 301)]

    bulk = sim_module('user_suspension', dict(users=members, reason='Bulk suspension', concurrency=16))

    requests = sim_module.requests()
    writes = [entry for entry in requests if entry['method'] != 'GET']
    generated = [user for user in sim_module.ghes.state['users'] if user['login'].startswith('member')]
    assert bulk['changed']
    assert len(bulk['changed_users']) == 200
    assert len(bulk['unchanged_users']) == 100
    assert bulk['failed_users'] == []
    assert len(bulk['results']) == 300
    assert bulk['results'][0]['login'] == 'member001'
    assert len([entry for entry in requests if entry['method'] == 'GET']) == 300
    assert len(writes) == 200
    assert set(entry['status'] for entry in writes) == {204}
    assert [user for user in generated if user['suspended_at'] is None] == []
    assert len(set(entry['connection'] for entry in requests)) <= 16

    serial = sim_module('user_suspension', dict(users=bulk['changed_users'], state='unsuspended', concurrency=1))

    requests = sim_module.requests()
    assert serial['changed_users'] == bulk['changed_users']
    assert len([entry for entry in requests if entry['method'] != 'GET']) == 200
    assert len(set(entry['connection'] for entry in requests)) == 1


def test_an_empty_list_of_users_sends_nothing(sim_module):
    result = sim_module('user_suspension', dict(users=[]))

    assert not result['changed']
    assert result['results'] == []
    assert sim_module.requests() == []
