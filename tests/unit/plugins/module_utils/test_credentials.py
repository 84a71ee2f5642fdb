# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import hashlib
from datetime import datetime, timezone

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError, api_reason
from ansible_collections.ghe.admin.plugins.module_utils.credentials import (
    Deletion,
    before,
    check_filters,
    check_ids,
    cutoff,
    key_summary,
    not_since,
    ssh_fingerprint,
    token_hashes,
    token_summary,
    unique,
)

NOW = datetime(2030, 6, 15, 12, 0, 0, tzinfo=timezone.utc)
ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh1YmJ5b2N0b2NhdGxhcHRvcGtleTAwMDAwMDAwMDE= octocat@laptop'


def error(status, message=None):
    return ApiError('DELETE', 'https://ghe.example.com/api/v3/admin/tokens/1', status=status, message=message)


@pytest.fixture
def fake_ghe(fake_ghe):
    """The shared fake GheModule (tests/unit/conftest.py), failing as the real one does: the module exits."""
    return fake_ghe.defaults(fails_with=SystemExit)


def test_unique_keeps_the_first_order():
    assert unique([3, 1, 3, 2, 1]) == [3, 1, 2]
    assert unique(None) == []


def test_ids_and_logins_are_checked_by_position():
    assert check_ids([1, 0, -4]) == ['ids[1] must be a positive integer, got 0', 'ids[2] must be a positive integer, got -4']
    problems = check_filters(dict(ids=[5], users=['octocat', '', 'a/b', ' x']))
    assert problems == ["users[1] must be a login, got ''", "users[2] must be a login, got 'a/b'",
                        "users[3] must be a login, got ' x'"]


def test_cutoff_is_the_strictest_limit():
    assert cutoff(dict(created_before=None, older_than_days=None), 'created_before', 'older_than_days', NOW) is None
    assert cutoff(dict(older_than_days=15), 'created_before', 'older_than_days', NOW) == \
        datetime(2030, 5, 31, 12, 0, 0, tzinfo=timezone.utc)
    both = dict(created_before='2030-06-01T02:00:00+02:00', older_than_days=10)
    assert cutoff(both, 'created_before', 'older_than_days', NOW) == datetime(2030, 6, 1, 0, 0, tzinfo=timezone.utc)
    assert cutoff(dict(expires_before='2031-01-01'), 'expires_before', None, NOW) == \
        datetime(2031, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize('params, text', [
    (dict(created_before='2030-02-30'), 'created_before:'),
    (dict(created_before='soon'), 'created_before:'),
    (dict(created_before=''), 'created_before must be an ISO 8601 timestamp'),
    (dict(older_than_days=-1), 'older_than_days must be 0 or more'),
])
def test_cutoff_names_the_bad_option(params, text):
    with pytest.raises(ValueError, match=text):
        cutoff(params, 'created_before', 'older_than_days', NOW)


def test_before_and_not_since():
    limit = datetime(2030, 1, 1, tzinfo=timezone.utc)
    assert before('2029-12-31T23:59:59Z', limit)
    assert not before('2030-01-01T00:00:00Z', limit)
    assert not before(None, limit)
    assert before(None, None)
    assert not_since(None, limit)
    assert not_since('2029-01-01T00:00:00Z', limit)
    assert not not_since('2030-01-01T00:00:01+00:00', limit)


def test_ssh_fingerprint_matches_openssh():
    blob = base64.b64decode(ED25519.split()[1])
    expected = 'SHA256:' + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip('=')
    assert ssh_fingerprint(ED25519) == expected
    assert ssh_fingerprint(ED25519.split()[1]) == expected
    assert ssh_fingerprint('not a key') is None
    assert ssh_fingerprint(None) is None


def test_key_summary():
    key = key_summary(dict(id=7, key=ED25519, user_id=None, repository_id=42, title='deploy', read_only=True,
                           verified=True, created_at='2024-01-01T01:00:00.000+01:00', last_used=None, url='u'))
    assert key['kind'] == 'deploy'
    assert key['created_at'] == '2024-01-01T00:00:00Z'
    assert key['last_used'] is None
    assert key['fingerprint'].startswith('SHA256:')


def test_token_summary_never_has_the_value_and_marks_the_token_in_use():
    value = 'ghp_' + 'a' * 36
    digest = hashlib.sha256(value.encode()).hexdigest()
    listed = dict(id=1, token='', token_last_eight='aaaaaaaa', hashed_token=digest, scopes=None, app={'name': 'x'},
                  note=None, note_url=None, created_at='2024-01-01T00:00:00Z', updated_at='2024-01-01T00:00:00Z',
                  expires_at=None, fingerprint=None, user={'login': 'octocat'}, url='u')
    summary = token_summary(listed, token_hashes(value))
    assert 'token' not in summary
    assert summary['in_use'] is True
    assert summary['user'] == 'octocat'
    assert summary['scopes'] == []
    assert token_summary(listed, token_hashes('ghp_other'))['in_use'] is False
    assert token_summary(dict(listed, user=None, hashed_token=None), frozenset())['user'] is None
    b64 = base64.b64encode(hashlib.sha256(value.encode()).digest()).decode()
    assert b64 in token_hashes(value)
    assert token_hashes(None) == frozenset()


def test_api_reason():
    assert api_reason(error(403, 'in use')) == 'HTTP 403 in use'
    assert api_reason(error(500)) == 'HTTP 500'
    assert 'refused' in api_reason(ApiError('DELETE', 'https://h/x', reason='connection refused'))
    limited = ApiError('DELETE', 'https://h/x', status=403, message='You have exceeded a secondary rate limit.',
                       reason='GitHub rate limit: the API asks to wait 60 s. Run again after that time')
    assert api_reason(limited) == ('HTTP 403 You have exceeded a secondary rate limit. GitHub rate limit: the API asks '
                                   'to wait 60 s. Run again after that time')


def test_deletion_reports_each_id(fake_ghe):
    existing = {1: dict(id=1, title='a'), 2: dict(id=2, title='b'), 3: dict(id=3, title='c')}
    run = Deletion([1, 2, 3, 9, 1], existing)
    assert run.pending == [1, 2, 3]
    run.deleted(1)
    run.settle(2, error(404))
    ghe = fake_ghe(diff=True)
    run.deleted(3)
    result = run.report(ghe, 'keys', 'public_keys', lambda item: dict(id=item['id']))
    assert result['changed'] is True
    assert result['deleted'] == [1, 3]
    assert result['absent'] == [2, 9]
    assert result['failures'] == []
    assert [r['status'] for r in result['results']] == ['deleted', 'absent', 'deleted', 'absent']
    assert result['results'][0]['title'] == 'a'
    assert result['results'][3] == dict(id=9, status='absent')
    assert result['diff'] == dict(before=dict(public_keys=[dict(id=1), dict(id=2), dict(id=3)]),
                                  after=dict(public_keys=[dict(id=2)]))


def test_deletion_fails_naming_the_failed_ids_after_the_others(fake_ghe):
    run = Deletion([1, 2, 3], {1: dict(id=1), 2: dict(id=2), 3: dict(id=3)})
    run.settle(1, error(403, 'This personal access token is in use'))
    run.deleted(2)
    run.settle(3, error(500, 'boom'))
    ghe = fake_ghe()
    with pytest.raises(SystemExit):
        run.report(ghe, 'tokens', 'tokens', dict)
    assert ghe.failure['msg'] == ('2 of 3 tokens could not be deleted (1: HTTP 403 This personal access token is in use; '
                                  '3: HTTP 500 boom); deleted 2. Running the task again retries only those still there')
    assert ghe.failure['changed'] is True
    assert ghe.failure['failures'] == [dict(id=1, reason='HTTP 403 This personal access token is in use'),
                                       dict(id=3, reason='HTTP 500 boom')]
    assert 'diff' not in ghe.failure


def test_nothing_to_delete_is_not_a_change(fake_ghe):
    run = Deletion([4], {})
    result = run.report(fake_ghe(), 'keys', 'public_keys', dict)
    assert result['changed'] is False
    assert result['absent'] == [4]
