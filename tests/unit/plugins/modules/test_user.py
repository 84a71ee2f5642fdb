# -*- coding: utf-8 -*-
"""ghe.admin.user: create, rename and delete decisions against scripted HTTP answers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.jobs import user_rename_job
from ansible_collections.ghe.admin.plugins.modules.user import converge, presence
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import response

API = 'https://ghe.example.com'


class Failed(Exception):
    pass


@pytest.fixture
def fake_ghe(fake_ghe):
    """The shared fake GheModule (tests/unit/conftest.py) with the user module's parameters."""
    return fake_ghe.defaults(login='new', email=None, rename_from=None, state='present', confirm=None, diff=True,
                             fails_with=Failed)


def user(login, user_id=9, **extra):
    data = dict(login=login, id=user_id, user_view_type='private', email=None, site_admin=False, suspended_at=None,
                html_url='https://ghe.example.com/%s' % login, created_at='2020-01-01T00:00:00Z')
    data.update(extra)
    return response(200, data)


def missing():
    return response(404, {'message': 'Not Found'})


def test_creates_a_missing_user_with_login_and_email(fake_ghe):
    ghe = fake_ghe([missing(), response(201, dict(login='new', id=12, email='n@example.com'))], email='n@example.com')
    result = converge(ghe)
    assert ghe.calls == [('GET', 'users/new'), ('POST', 'admin/users')]
    assert ghe.session.calls[1]['json'] == dict(login='new', email='n@example.com')
    assert result['changed'] is True and result['user']['id'] == 12
    assert result['diff'] == dict(before=dict(state='absent'),
                                  after=dict(state='present', login='new', email='n@example.com'))


def test_an_existing_user_is_left_alone_and_its_email_not_compared(fake_ghe):
    ghe = fake_ghe([user('new', email='old@example.com')], email='n@example.com')
    result = converge(ghe)
    assert ghe.calls == [('GET', 'users/new')]
    assert result['changed'] is False and result['user']['email'] == 'old@example.com'
    assert result['diff']['before'] == result['diff']['after']


def test_check_mode_create_sends_only_the_get(fake_ghe):
    ghe = fake_ghe([missing()], check_mode=True)
    result = converge(ghe)
    assert ghe.calls == [('GET', 'users/new')]
    assert result['changed'] is True and result['user']['login'] == 'new' and result['user']['id'] is None


def test_rename_patches_the_old_login_and_returns_the_job(fake_ghe):
    ghe = fake_ghe([missing(), user('old'), response(202, dict(message='Job queued', url=API + '/api/v3/user/9'))],
                   rename_from='old')
    result = converge(ghe)
    assert ghe.calls == [('GET', 'users/new'), ('GET', 'users/old'), ('PATCH', 'admin/users/old')]
    assert ghe.session.calls[2]['json'] == dict(login='new')
    assert result['job'] == user_rename_job('old', 'new', API + '/api/v3/user/9')
    assert result['job']['kind'] == 'user_rename' and result['job']['state'] == 'pending'
    assert result['job']['requested'] == dict(login='new', rename_from='old')
    assert result['user']['login'] == 'new' and result['user']['id'] == 9 and result['user']['html_url'] is None
    assert result['diff']['before']['login'] == 'old' and result['diff']['after']['login'] == 'new'


def test_rename_is_done_once_the_new_login_exists(fake_ghe):
    ghe = fake_ghe([user('new'), missing()], rename_from='old')
    result = converge(ghe)
    assert ghe.calls == [('GET', 'users/new'), ('GET', 'users/old')]
    assert result['changed'] is False and 'job' not in result


def test_both_logins_existing_is_an_error_naming_both(fake_ghe):
    ghe = fake_ghe([user('new', user_id=9), user('old', user_id=10)], rename_from='old')
    with pytest.raises(Failed) as info:
        converge(ghe)
    assert str(info.value).startswith('cannot rename user old to new: both exist (login: new and rename_from: old). '
                                      'Remove rename_from if new is the user you mean')
    assert [c[0] for c in ghe.calls] == ['GET', 'GET']


def test_lost_rename_answer_is_not_resent_and_adopts_the_finished_rename(fake_ghe):
    ghe = fake_ghe([missing(), user('old'), response(502, {'message': 'Bad Gateway'}), user('new')], rename_from='old')
    result = converge(ghe)
    assert ghe.calls == [('GET', 'users/new'), ('GET', 'users/old'), ('PATCH', 'admin/users/old'), ('GET', 'users/new')]
    assert result['changed'] and result['job']['state'] == 'complete' and result['user']['login'] == 'new'
    assert 'was lost; GitHub had received it' in ghe.warnings[0]


def test_lost_rename_answer_adopts_a_pending_rename_when_the_old_login_is_gone(fake_ghe):
    ghe = fake_ghe([missing(), user('old'), response(502, {}), missing(), missing()], rename_from='old')
    result = converge(ghe)
    assert result['changed'] and result['job']['state'] == 'pending' and result['job']['new_login'] == 'new'


def test_lost_rename_answer_fails_saying_what_may_be_running_when_it_cannot_tell(fake_ghe):
    ghe = fake_ghe([missing(), user('old'), response(502, {}), missing(), user('old')], rename_from='old')
    with pytest.raises(Failed, match='the answer to the request to rename user old to new was lost'):
        converge(ghe)
    assert [c for c in ghe.calls if c[0] != 'GET'] == [('PATCH', 'admin/users/old')]


def test_a_case_only_rename(fake_ghe):
    ghe = fake_ghe([user('jdoe'), user('jdoe'), response(202, {})], login='JDoe', rename_from='jdoe')
    result = converge(ghe)
    assert ghe.calls[-1] == ('PATCH', 'admin/users/jdoe') and ghe.session.calls[-1]['json'] == dict(login='JDoe')
    assert result['job']['new_login'] == 'JDoe'


def test_rename_check_mode_has_no_job(fake_ghe):
    ghe = fake_ghe([missing(), user('old')], rename_from='old', check_mode=True)
    result = converge(ghe)
    assert result['changed'] is True and 'job' not in result and len(ghe.calls) == 2


def test_rename_from_nobody_fails(fake_ghe):
    ghe = fake_ghe([missing(), missing()], rename_from='old')
    with pytest.raises(Failed, match='cannot rename user old to new: neither exists'):
        converge(ghe)


def test_a_rename_to_a_reserved_login_says_a_rename_is_probably_running(fake_ghe):
    taken = response(422, {'message': 'Validation Failed', 'errors': [{'message': "login 'new' is already taken"}]})
    ghe = fake_ghe([missing(), user('old'), taken], rename_from='old')
    with pytest.raises(Failed, match='most likely still in progress; check later that GET /users/new answers'):
        converge(ghe)


def test_delete_an_existing_user(fake_ghe):
    ghe = fake_ghe([user('gone'), response(204)], login='gone', state='absent', confirm='gone')
    result = converge(ghe)
    assert ghe.calls == [('GET', 'users/gone'), ('DELETE', 'admin/users/gone')]
    assert result['changed'] is True and result['user'] == {} and result['operation'] == 'deleted'
    assert result['diff']['after'] == dict(state='absent')


def test_delete_a_missing_user_sends_nothing_more(fake_ghe):
    ghe = fake_ghe([missing()], login='gone', state='absent', confirm='gone')
    assert converge(ghe)['changed'] is False and len(ghe.calls) == 1


def test_no_diff_unless_asked(fake_ghe):
    ghe = fake_ghe([user('new')], diff=False)
    assert 'diff' not in converge(ghe)


def test_presence():
    assert presence(None) == dict(state='absent')
    assert presence(dict(login='a', email=None), 'a@example.com') == dict(state='present', login='a', email='a@example.com')


def test_a_create_whose_answer_is_lost_adopts_the_user(fake_ghe):
    ghe = fake_ghe([missing(), response(504, {}), user('new')], email='new@example.com')
    result = converge(ghe)
    assert ghe.calls == [('GET', 'users/new'), ('POST', 'admin/users'), ('GET', 'users/new')]
    assert result['changed'] and result['user']['login'] == 'new' and 'was lost' in ghe.warnings[0]


def test_a_create_that_made_nothing_is_sent_again_after_reading(fake_ghe):
    ghe = fake_ghe([missing(), response(503, {}), missing(), response(201, dict(login='new', id=11))])
    result = converge(ghe)
    assert ghe.calls == [('GET', 'users/new'), ('POST', 'admin/users'), ('GET', 'users/new'), ('POST', 'admin/users')]
    assert result['user']['id'] == 11 and not ghe.warnings


def test_a_create_refused_as_taken_by_a_concurrent_run_adopts_the_user(fake_ghe):
    ghe = fake_ghe([missing(), response(422, {'message': 'Validation Failed'}), user('new')])
    result = converge(ghe)
    assert result['changed'] and result['user']['login'] == 'new' and not ghe.warnings


def test_deleting_your_own_account_says_what_github_said(fake_ghe):
    ghe = fake_ghe([user('ghe-admin'), response(403, {'message': 'You cannot delete your own account.'})],
                   login='ghe-admin', state='absent', confirm='ghe-admin')
    with pytest.raises(Failed) as failure:
        converge(ghe)
    assert str(failure.value) == 'GitHub refused to delete user ghe-admin (HTTP 403): You cannot delete your own account.'
    assert 'site administrator' not in str(failure.value)
