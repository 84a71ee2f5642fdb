# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.client import Client
from ansible_collections.ghe.admin.plugins.module_utils.retry import RetryPolicy
from ansible_collections.ghe.admin.plugins.modules.user_suspension import (
    Stop,
    converge,
    converge_user,
    failure_message,
    settle,
    summary,
    unique_logins,
)
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import FakeClock, FakeSession, response


def client_for(*answers):
    clock = FakeClock()
    session = FakeSession(*answers)
    client = Client('https://ghe.example.com', token='ghp_unit0000000000000000000000000000000',
                    retry_policy=RetryPolicy(max_retries=1, jitter=0, now=clock.time), session=session, sleep=clock.sleep)
    return client, session


def private(login, suspended=False):
    return response(200, dict(login=login, user_view_type='private', suspended_at='2030-01-01T00:00:00Z' if suspended else None))


def test_duplicates_are_handled_once_case_insensitively_first_spelling_kept():
    assert unique_logins(['Alice', 'bob', 'alice', 'BOB', 'carol']) == ['Alice', 'bob', 'carol']


def test_a_user_to_suspend_gets_one_get_and_one_put_with_the_reason():
    client, session = client_for(private('alice'), response(204))
    entry = converge_user(client, 'alice', True, 'Left', check_mode=False)
    assert entry == dict(login='alice', suspended_before=False, suspended=True, changed=True, error=None, status=None)
    assert [(c['method'], c['url'].split('/api/v3/')[1]) for c in session.calls] == [
        ('GET', 'users/alice'), ('PUT', 'users/alice/suspended')]
    assert session.calls[1]['json'] == {'reason': 'Left'}


def test_without_a_reason_nothing_is_sent_in_the_body():
    client, session = client_for(private('alice', suspended=True), response(204))
    converge_user(client, 'alice', False, None, check_mode=False)
    assert session.calls[1]['method'] == 'DELETE' and session.calls[1]['json'] is None


def test_a_user_already_in_the_wanted_state_gets_only_the_get():
    client, session = client_for(private('alice', suspended=True))
    entry = converge_user(client, 'alice', True, 'Left', check_mode=False)
    assert entry['changed'] is False and entry['suspended'] is True and len(session.calls) == 1


def test_check_mode_never_writes():
    client, session = client_for(private('alice'))
    entry = converge_user(client, 'alice', True, None, check_mode=True)
    assert entry['changed'] is True and entry['suspended'] is True and len(session.calls) == 1


def test_an_unknown_login_is_this_users_problem():
    client, dummy = client_for(response(404, {'message': 'Not Found'}))
    entry = converge_user(client, 'nobody', True, None, check_mode=False)
    assert entry['error'] == 'no such user' and entry['status'] == 404 and entry['suspended_before'] is None


@pytest.mark.parametrize('status, message', [
    (403, 'Active Directory LDAP-authenticated users cannot be suspended through the API.'),
    (403, 'You cannot suspend yourself.'),
    (404, 'Not Found'),
    (422, 'Validation Failed'),
])
def test_a_refused_write_is_this_users_problem(status, message):
    client, dummy = client_for(private('dave'), response(status, {'message': message}))
    entry = converge_user(client, 'dave', True, None, check_mode=False)
    assert entry['error'] == 'HTTP %d: %s' % (status, message)
    assert entry['status'] == status and entry['changed'] is False and entry['suspended'] is False


def test_the_public_view_means_the_token_is_not_a_site_admins():
    client, dummy = client_for(response(200, dict(login='alice', user_view_type='public')))
    with pytest.raises(Stop, match="token must be a site administrator's"):
        converge_user(client, 'alice', True, None, check_mode=False)


@pytest.mark.parametrize('answers', [
    [response(401, {'message': 'Bad credentials'})],
    [response(403, {'message': 'Sorry. Your account was suspended.'})],
    [response(500, {'message': 'oops'}), response(500, {'message': 'oops'})],
    [private('alice'), response(401, {'message': 'Bad credentials'})],
    [private('alice'), response(403, {'message': 'You have exceeded a secondary rate limit.'}, {'Retry-After': '9999'})],
])
def test_errors_that_are_not_about_one_user_stop_everything(answers):
    client, dummy = client_for(*answers)
    with pytest.raises(Stop):
        converge_user(client, 'alice', True, None, check_mode=False)


def entry(login, before, after, changed=False, error=None, status=None):
    return dict(login=login, suspended_before=before, suspended=after, changed=changed, error=error, status=status)


RESULTS = [
    entry('alice', False, True, changed=True),
    entry('nobody', None, None, error='no such user', status=404),
    entry('carol', True, True),
    entry('dave', False, False, error='HTTP 403: LDAP', status=403),
]


def summary_of(entries):
    return summary(*settle([e['login'] for e in entries], [(e, None) for e in entries])[:2])


def test_summary_lists_users_by_outcome_in_the_given_order():
    result = summary_of(RESULTS)
    assert result['changed'] is True
    assert result['changed_users'] == ['alice']
    assert result['unchanged_users'] == ['carol']
    assert result['failed_users'] == [dict(login='nobody', status=404, reason='no such user')]
    assert result['not_attempted_users'] == []
    assert result['outcome'] == dict(done=['alice'], unchanged=['carol'], failed=result['failed_users'],
                                     not_attempted=[], managed_by_ldap=['dave'])
    assert all('status' not in r for r in result['results'])
    assert result['diff'] == dict(before=dict(suspended=['carol']), after=dict(suspended=['alice', 'carol']))


def test_nothing_changed():
    assert summary_of([entry('carol', True, True)])['changed'] is False
    assert summary_of([])['changed'] is False


def test_failure_message_names_each_failed_user_and_the_rest():
    result = summary_of(RESULTS)
    assert failure_message(result, True, 4, False) == (
        'could not suspend 1 of 4 users: nobody (no such user). The other 2 are suspended (1 changed)')
    assert failure_message(result, False, 4, True).endswith('The other 2 would be unsuspended (1 would change)')


class Failed(Exception):
    pass


def test_a_server_failure_reports_done_failed_and_not_attempted(fake_ghe):
    ghe = fake_ghe([private('alice'), private('bob'), private('carol'), private('dave'), response(204),
                    response(500, {'message': 'Server Error'}), response(500, {'message': 'Server Error'})],
                   users=['alice', 'bob', 'carol', 'dave'], state='suspended', reason=None, concurrency=1, max_retries=1,
                   fails_with=Failed)
    with pytest.raises(Failed):
        converge(ghe)
    failure = ghe.failure
    assert [c['method'] for c in ghe.session.calls] == ['GET', 'GET', 'GET', 'GET', 'PUT', 'PUT', 'PUT']
    assert failure['changed'] is True
    assert failure['changed_users'] == ['alice']
    assert [(f['login'], f['status']) for f in failure['failed_users']] == [('bob', 500)]
    assert 'HTTP 500' in failure['failed_users'][0]['reason']
    assert failure['not_attempted_users'] == ['carol', 'dave']
    assert failure['outcome']['done'] == ['alice']
    assert failure['outcome']['not_attempted'] == ['carol', 'dave']
    assert failure['msg'].startswith('stopped after 1 of 4 users: ')
    assert 'done: alice' in failure['msg'] and 'failed: bob (HTTP 500' in failure['msg']
    assert failure['msg'].endswith('not attempted: carol, dave')
