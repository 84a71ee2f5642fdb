# -*- coding: utf-8 -*-
"""ghe.admin.user against the simulator: renames (pending, refused, too slow, lost answers), deletions and
GitHub's refusals (moved from the user integration target, with the same assertions)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.ghe.admin.tests.unit.conftest import run_waiting_action


def user(sim_module, login):
    return [entry for entry in sim_module.ghes.state['users'] if entry['login'] == login]


def paths(requests):
    return [entry['path'] for entry in requests]


def statuses(requests):
    return [entry['status'] for entry in requests]


def create_new_hire(sim_module):
    """new-hire created as the target's first tasks do, the request log cleared."""
    created = sim_module('user', dict(login='new-hire', email='new.hire@example.com'))
    assert created['changed']
    sim_module.requests()
    return created


def test_a_rename_in_check_mode_reads_both_logins_writes_nothing_and_does_not_wait(sim_module):
    create_new_hire(sim_module)

    result = run_waiting_action(sim_module, 'user', dict(login='newer-hire', rename_from='new-hire'),
                                check_mode=True, diff=True)

    requests = sim_module.requests()
    assert result['changed']
    assert 'job' not in result
    assert paths(requests) == ['/users/newer-hire', '/users/new-hire']
    assert result['user']['login'] == 'newer-hire'
    assert result['diff']['before']['login'] == 'new-hire'
    assert result['diff']['after']['login'] == 'newer-hire'


def test_a_rename_that_happened_is_not_sent_again(sim_module):
    create_new_hire(sim_module)
    renamed = run_waiting_action(sim_module, 'user', dict(login='newer-hire', rename_from='new-hire', poll_interval=0.1))
    assert renamed['changed'] and renamed['job']['state'] == 'complete'
    sim_module.requests()

    again = run_waiting_action(sim_module, 'user', dict(login='newer-hire', rename_from='new-hire'))

    requests = sim_module.requests()
    assert not again['changed']
    assert 'job' not in again
    assert paths(requests) == ['/users/newer-hire', '/users/new-hire']
    assert statuses(requests) == [200, 404]


def test_a_rename_not_waited_for_is_pending_and_the_same_rename_meanwhile_is_refused_saying_why(sim_module):
    no_wait = run_waiting_action(sim_module, 'user', dict(login='hubot2', rename_from='hubot', wait=False))

    requests = sim_module.requests()
    assert no_wait['changed']
    assert no_wait['job']['state'] == 'pending'
    assert re.search('/user/3$', no_wait['job']['url'])
    assert no_wait['user']['login'] == 'hubot2'
    assert len(requests) == 3
    assert len(user(sim_module, 'hubot')) == 1

    while_pending = run_waiting_action(sim_module, 'user', dict(login='hubot2', rename_from='hubot'))

    assert while_pending['failed']
    assert 'HTTP 422' in while_pending['msg']
    assert 'a rename to it is most likely still in progress' in while_pending['msg']
    assert while_pending['api_error']['status'] == 422


def test_a_rename_that_does_not_finish_in_time_fails_saying_what_is_pending_and_what_to_do(sim_module):
    sim_module.ghes.reset({'settings': {'job_polls': -1}})  # renames never finish

    result = run_waiting_action(sim_module, 'user', dict(login='octocat2', rename_from='octocat', wait_timeout=0.3,
                                                         poll_interval=0.1))

    assert result['failed'] and result['changed']
    assert result['msg'].startswith('rename of user octocat to octocat2 still pending after 0.3 s')
    assert 'It may still complete: GET /users/octocat2 answers 200 once GitHub has renamed the user' in result['msg']
    assert result['job']['state'] == 'pending'
    assert result['job']['polls'] >= 2
    assert len(sim_module.writes()) == 1


def test_a_rename_from_a_login_that_does_not_exist_fails_and_writes_nothing(sim_module):
    result = run_waiting_action(sim_module, 'user', dict(login='someone-else', rename_from='nobody'))

    assert result['failed']
    assert result['msg'] == 'cannot rename user nobody to someone-else: neither exists'
    assert sim_module.writes() == []


def test_a_deletion_without_the_right_confirm_is_refused_before_any_request(sim_module):
    no_confirm = sim_module('user', dict(login='hubot', state='absent'))
    wrong_confirm = sim_module('user', dict(login='hubot', state='absent', confirm='octocat'))

    assert sim_module.requests() == []
    assert no_confirm['failed']
    assert no_confirm['msg'] == 'deleting user hubot cannot be undone; set confirm: hubot to proceed (got nothing)'
    assert wrong_confirm['failed'] and "(got 'octocat')" in wrong_confirm['msg']


def test_a_deletion_in_check_mode_writes_nothing_and_a_deleted_user_is_not_deleted_again(sim_module):
    args = dict(login='hubot', state='absent', confirm='hubot')

    check = sim_module('user', args, check_mode=True, diff=True)
    assert sim_module.writes() == []
    deleted = sim_module('user', args)
    assert deleted['changed']
    sim_module.requests()
    again = sim_module('user', args)

    requests = sim_module.requests()
    assert check['changed']
    assert check['diff']['before']['login'] == 'hubot'
    assert check['diff']['after'] == {'state': 'absent'}
    assert not again['changed']
    assert len(requests) == 1 and requests[0]['method'] == 'GET'


def test_github_s_refusals_to_delete_yourself_or_reuse_an_email_are_reported_in_a_sentence(sim_module):
    sim_module.ghes.reset({'users': [{'login': 'octocat', 'email': 'octocat@example.com'}]})

    myself = sim_module('user', dict(login='ghe-admin', state='absent', confirm='ghe-admin'))
    taken_email = sim_module('user', dict(login='second-account', email='octocat@example.com'))

    assert myself['failed']
    assert 'GitHub refused to delete user ghe-admin (HTTP 403): You cannot delete your own account' in myself['msg']
    assert taken_email['failed'] and 'HTTP 422' in taken_email['msg'] and 'already associated' in taken_email['msg']
    assert len(user(sim_module, 'ghe-admin')) == 1


def test_a_lost_rename_answer_is_adopted_when_the_new_login_answers(sim_module):
    sim_module.ghes.reset({'settings': {'job_polls': 1}})
    sim_module.ghes.add_fault(method='PATCH', path='^/admin/users/hubot$', phase='after', status=502)

    result = run_waiting_action(sim_module, 'user', dict(login='hubot2', rename_from='hubot', poll_interval=0.1))

    requests = sim_module.requests()
    assert result['changed'] and not result.get('failed')
    assert statuses([entry for entry in requests if entry['method'] != 'GET']) == [502]
    assert paths(requests) == ['/users/hubot2', '/users/hubot', '/admin/users/hubot', '/users/hubot2']
    assert result['job']['kind'] == 'user_rename' and result['job']['state'] == 'complete'
    assert result['user']['login'] == 'hubot2' and result['user']['id'] == 3
    assert len(user(sim_module, 'hubot2')) == 1


def test_a_rename_between_two_existing_users_fails_naming_both_and_writes_nothing(sim_module):
    sim_module.ghes.reset({'settings': {'job_polls': 1}})
    renamed = run_waiting_action(sim_module, 'user', dict(login='hubot2', rename_from='hubot', poll_interval=0.1))
    assert renamed['job']['state'] == 'complete'
    sim_module.requests()

    result = run_waiting_action(sim_module, 'user', dict(login='hubot2', rename_from='octocat'))

    assert result['failed']
    assert re.match(r'cannot rename user octocat to hubot2: both exist \(login: hubot2 and rename_from: octocat\)',
                    result['msg'])
    assert 'Remove rename_from if hubot2 is the user you mean' in result['msg']
    assert sim_module.writes() == []
