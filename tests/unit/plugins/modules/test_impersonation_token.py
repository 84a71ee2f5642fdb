# -*- coding: utf-8 -*-
"""ghe.admin.impersonation_token: what GitHub's 200/201 answers mean, and that the token stays out of diffs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError
from ansible_collections.ghe.admin.plugins.modules.impersonation_token import authorization_view, converge
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import response

API = 'https://ghe.example.com'
NEW_TOKEN = 'ghp_new0impersonation0token00000000000'


class Failed(Exception):
    pass


@pytest.fixture
def fake_ghe(fake_ghe):
    """The shared fake GheModule (tests/unit/conftest.py) with the impersonation_token module's parameters."""
    return fake_ghe.defaults(user='hubot', scopes=['repo', 'read:org', 'repo'], state='present', diff=True,
                             fails_with=Failed)


def authorization(token=''):
    return dict(id=5, url=API + '/api/v3/authorizations/5', scopes=['read:org', 'repo'], token=token,
                token_last_eight='00000000', hashed_token='abc', app={}, note=None, note_url=None,
                created_at='2030-01-01T00:00:00Z', updated_at='2030-01-01T00:00:00Z', fingerprint=None,
                expires_at=None, user=dict(login='hubot', id=3))


def hubot():
    return response(200, dict(login='hubot', id=3, suspended_at=None))


def test_201_is_a_new_token_returned_once_and_never_in_the_diff(fake_ghe):
    ghe = fake_ghe([hubot(), response(201, authorization(NEW_TOKEN))])
    result = converge(ghe)
    assert ghe.calls == [('GET', 'users/hubot'), ('POST', 'admin/users/hubot/authorizations')]
    assert ghe.session.calls[1]['json'] == dict(scopes=['read:org', 'repo'])
    assert result['changed'] is True and result['token'] == NEW_TOKEN
    assert 'token' not in result['authorization'] and result['authorization']['user'] == 'hubot'
    assert NEW_TOKEN not in json.dumps(result['diff'])
    assert result['diff']['before']['state'] == 'absent' and result['diff']['after']['state'] == 'present'
    assert ghe.client.redact('x %s y' % NEW_TOKEN) == 'x ******** y'


def test_200_is_the_existing_token_whose_value_github_cannot_show(fake_ghe):
    ghe = fake_ghe([hubot(), response(200, authorization(''))])
    result = converge(ghe)
    assert result['changed'] is False and result['token'] is None and result['authorization']['id'] == 5
    assert result['diff']['before'] == result['diff']['after']


def test_check_mode_reads_the_user_only(fake_ghe):
    ghe = fake_ghe([hubot()], check_mode=True)
    result = converge(ghe)
    assert ghe.calls == [('GET', 'users/hubot')]
    assert result['changed'] is True and result['token'] is None
    assert result['diff']['before']['state'] == 'unknown'


def test_present_for_a_missing_user_fails_without_writing(fake_ghe):
    ghe = fake_ghe([response(404, {'message': 'Not Found'})])
    with pytest.raises(Failed, match='user hubot does not exist'):
        converge(ghe)
    assert len(ghe.calls) == 1


def test_absent_deletes_when_the_user_exists(fake_ghe):
    ghe = fake_ghe([hubot(), response(204)], state='absent', scopes=None)
    result = converge(ghe)
    assert ghe.calls[-1] == ('DELETE', 'admin/users/hubot/authorizations')
    assert result['changed'] is True
    assert result['diff'] == dict(before=dict(user='hubot', scopes=None, state='unknown'),
                                  after=dict(user='hubot', scopes=None, state='absent'))


def test_absent_for_a_missing_user_sends_nothing_more(fake_ghe):
    ghe = fake_ghe([response(404, {'message': 'Not Found'})], state='absent', scopes=None)
    assert converge(ghe)['changed'] is False and len(ghe.calls) == 1


def test_an_error_after_creation_never_shows_the_token(fake_ghe):
    ghe = fake_ghe([hubot(), response(201, authorization(NEW_TOKEN))])
    converge(ghe)
    ghe.session.answers.append(response(422, {'message': 'failed for %s' % NEW_TOKEN}))
    with pytest.raises(ApiError) as info:
        ghe.client.get('users/hubot')
    assert NEW_TOKEN not in str(info.value) and 'failed for ********' in str(info.value)


def test_authorization_view_leaves_the_value_out():
    view = authorization_view(authorization(NEW_TOKEN), 'hubot')
    assert NEW_TOKEN not in json.dumps(view)
    assert view['scopes'] == ['read:org', 'repo'] and view['token_last_eight'] == '00000000'


def test_a_lost_answer_is_asked_again_and_the_token_it_made_is_reported_as_a_change(fake_ghe):
    ghe = fake_ghe([hubot(), response(502, {}), response(200, authorization(''))])
    result = converge(ghe)
    assert ghe.calls == [('GET', 'users/hubot'), ('POST', 'admin/users/hubot/authorizations'),
                         ('POST', 'admin/users/hubot/authorizations')]
    assert result['changed'] is True and result['token'] is None and result['authorization']['id'] == 5
    assert 'was lost' in ghe.warnings[0] and 'state: absent' in ghe.warnings[0]


def test_a_lost_answer_then_a_new_token_returns_it(fake_ghe):
    ghe = fake_ghe([hubot(), response(503, {}), response(201, authorization(NEW_TOKEN))])
    result = converge(ghe)
    assert result['changed'] is True and result['token'] == NEW_TOKEN and not ghe.warnings
