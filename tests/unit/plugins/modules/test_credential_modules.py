# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.client import Client
from ansible_collections.ghe.admin.plugins.modules import credential_authorization_revocation as car
from ansible_collections.ghe.admin.plugins.modules import personal_access_token as pat
from ansible_collections.ghe.admin.plugins.modules import personal_access_token_info as pat_info
from ansible_collections.ghe.admin.plugins.modules import public_key_info as key_info
from ansible_collections.ghe.admin.plugins.modules.credential_revocation import chunks, prepare, problem
from ansible_collections.ghe.admin.plugins.modules.public_key import batches
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import FakeSession, response

NOW = datetime(2030, 6, 15, 12, 0, 0, tzinfo=timezone.utc)
FINE_GRAINED = 'github_pat_' + 'A1' * 11 + '_' + 'b2c' * 19 + 'd2'


# GitHub's own examples (the revocation API's OpenAPI description) and today's lengths.
OFFICIAL_EXAMPLES = [
    'ghp_1234567890abcdef1234567890abcdef12345678',
    'ghp_abcdef1234567890abcdef1234567890abcdef12',
    'github_pat_0A1B2C3D4E5F6G7H8I9J0K_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456',
]


@pytest.mark.parametrize('credential', OFFICIAL_EXAMPLES + [
    'ghp_' + 'a1B2' * 9,
    FINE_GRAINED,
    'gho_' + 'x' * 36,
    'ghu_' + '9' * 36,
    'ghr_' + 'Ab' * 38,
    'ghp_' + 'a' * 40,
    'ghp_' + 'a' * 251,
])
def test_accepted_formats(credential):
    assert problem(credential) is None


@pytest.mark.parametrize('credential, text', [
    ('', 'is empty'),
    ('ghp_' + 'a' * 29, 'too short for one (29 characters after the prefix, at least 30)'),
    ('ghp_' + 'a' * 35 + '-', 'what follows the prefix is not letters and digits (36 characters)'),
    ('ghp_' + 'a' * 20 + '_' + 'b' * 20, 'not letters and digits'),
    ('ghp_' + 'a' * 252, 'longer than 255 characters'),
    ('github_pat_' + 'a' * 82, 'not letters and digits in parts joined by underscores'),
    ('github_pat_' + 'a' * 22 + '__' + 'b' * 59, 'not letters and digits in parts joined by underscores'),
    ('ghr_' + 'a' * 10, 'too short'),
    ('ghp_' + 'a' * 40 + ' trailing words', 'not letters and digits'),
    ('ghs_' + 'a' * 36, 'installation token (ghs_)'),
    ('AKIAIOSFODNN7EXAMPLE', 'is not a credential the revocation API accepts'),
])
def test_refused_formats_never_show_the_value(credential, text):
    reason = problem(credential)
    assert text in reason
    assert not credential or credential not in reason


def test_prepare_strips_deduplicates_and_names_positions():
    good = 'ghp_' + 'a' * 36
    other = 'gho_' + 'b' * 36
    assert prepare([good, ' %s\n' % good, other, good]) == ([good, other], 2, [])
    distinct, duplicates, problems = prepare([good, 'nope', None, other])
    assert distinct == [good, other]
    assert problems == ['credentials[1] is not a credential the revocation API accepts (a token starting ghp_, '
                        'github_pat_, gho_, ghu_ or ghr_)', 'credentials[2] is empty']


def test_chunks_of_at_most_1000():
    assert [len(c) for c in chunks(list(range(2500)))] == [1000, 1000, 500]
    assert [len(c) for c in chunks(list(range(1000)))] == [1000]
    assert chunks([]) == []
    assert [len(b) for b in batches(list(range(250)))] == [100, 100, 50]


def revocation(**kwargs):
    params = dict(enterprise='acme', user=None, credential_type=None, revoke_credentials=False)
    params.update(kwargs)
    return params


def test_each_combination_calls_its_endpoint():
    base = 'enterprises/acme/credential-authorizations/'
    assert car.request_for(revocation()) == (base + 'revoke-all', dict(revoke_credentials=False))
    assert car.request_for(revocation(credential_type='ssh_key', revoke_credentials=True)) == \
        (base + 'revoke-credential-type', dict(revoke_credentials=True, credential_type='ssh_key'))
    assert car.request_for(revocation(user='octocat')) == (base + 'octocat/revoke', dict(revoke_credentials=False))
    assert car.request_for(revocation(user='jdoe_acme', credential_type='classic_pat'))[0] == \
        base + 'jdoe_acme/revoke-credential-type'


def test_revocation_is_described_for_people():
    assert car.describe(revocation()) == 'all credential authorizations of enterprise acme'
    assert car.describe(revocation(user='octocat', credential_type='ssh_key')) == \
        'the ssh_key credential authorizations of user octocat in enterprise acme'


def key(id, **kwargs):
    base = dict(id=id, kind='user', user_id=2, created_at='2030-01-01T00:00:00Z', last_used=None)
    base.update(kwargs)
    return base


def key_params(**kwargs):
    params = dict(ids=None, kind='all', never_used=None, created_before=None, older_than_days=None,
                  last_used_before=None, unused_for_days=None)
    params.update(kwargs)
    return params


def select_keys(keys, owners=None, **kwargs):
    params = key_params(**kwargs)
    created, used = key_info.limits(params, NOW)
    return [k['id'] for k in keys if key_info.matches(k, params, owners, created, used)]


def test_key_filters():
    keys = [key(1, last_used='2030-06-14T00:00:00Z'), key(2), key(3, kind='deploy', user_id=None),
            key(4, created_at='2030-06-10T00:00:00Z', user_id=5)]
    assert select_keys(keys) == [1, 2, 3, 4]
    assert select_keys(keys, owners={2}) == [1, 2]
    assert select_keys(keys, kind='deploy') == [3]
    assert select_keys(keys, never_used=True) == [2, 3, 4]
    assert select_keys(keys, never_used=False) == [1]
    assert select_keys(keys, older_than_days=30) == [1, 2, 3]
    assert select_keys(keys, unused_for_days=7) == [2, 3, 4]
    assert select_keys(keys, ids=[4, 1]) == [1, 4]
    assert select_keys(keys, ids=[]) == []


def token(id, **kwargs):
    base = dict(id=id, user='octocat', scopes=['repo'], created_at='2030-01-01T00:00:00Z', expires_at=None)
    base.update(kwargs)
    return base


def select_tokens(tokens, **kwargs):
    params = dict(ids=None, users=None, scopes=None, never_expires=None, expired=None, created_before=None,
                  older_than_days=None, expires_before=None)
    params.update(kwargs)
    created, expiry = pat_info.limits(params, NOW)
    return [t['id'] for t in tokens if pat_info.matches(t, params, created, expiry, NOW)]


def test_token_filters():
    tokens = [token(1, user='ghe-admin', scopes=['site_admin', 'repo']),
              token(2, expires_at='2030-06-01T00:00:00Z'),
              token(3, user='Hubot', expires_at='2031-01-01T00:00:00Z', created_at='2030-06-14T00:00:00Z'),
              token(4, user=None)]
    assert select_tokens(tokens) == [1, 2, 3, 4]
    assert select_tokens(tokens, users=['hubot', 'OCTOCAT']) == [2, 3]
    assert select_tokens(tokens, scopes=['site_admin', 'admin:org']) == [1]
    assert select_tokens(tokens, expired=True) == [2]
    assert select_tokens(tokens, expired=False) == [1, 3, 4]
    assert select_tokens(tokens, never_expires=True) == [1, 4]
    assert select_tokens(tokens, never_expires=False) == [2, 3]
    assert select_tokens(tokens, expires_before='2030-12-31') == [2]
    assert select_tokens(tokens, older_than_days=30) == [1, 2, 4]
    assert select_tokens(tokens, ids=[3]) == [3]


class CheckFailed(Exception):
    pass


class FakeTokenGhe:
    """Just what personal_access_token's converge uses, in check mode."""

    def __init__(self, token, ids, answers):
        self.params = dict(token=token, ids=ids, state='absent')
        self.session = FakeSession(*answers)
        self.client = Client('https://ghe.example.com', token=token, session=self.session, sleep=lambda seconds: None)
        self.check_mode = True
        self.module = SimpleNamespace(_diff=False)
        self.failure = None
        self.warnings = []

    def fail(self, msg, **kwargs):
        self.failure = dict(msg=msg, **kwargs)
        raise CheckFailed(msg)

    def warn(self, text):
        self.warnings.append(text)


def listed_token(token_id, login, value=None):
    hashed = hashlib.sha256(value.encode()).hexdigest() if value else 'ff' * 32
    return dict(id=token_id, user=dict(login=login), note='n', scopes=[], token_last_eight='xxxxxxxx',
                hashed_token=hashed)


def test_check_mode_reports_the_token_in_use_as_the_real_run_would():
    own = 'ghp_unit0000000000000000000000000000000'
    ghe = FakeTokenGhe(own, [1, 3, 999], [response(200, [listed_token(1, 'ghe-admin', own), listed_token(3, 'hubot')])])
    with pytest.raises(CheckFailed):
        pat.converge(ghe)
    failure = ghe.failure
    assert [c['method'] for c in ghe.session.calls] == ['GET']
    assert failure['deleted'] == [3] and failure['absent'] == [999]
    assert [r['status'] for r in failure['results']] == ['failed', 'deleted', 'absent']
    assert failure['outcome']['failed'][0]['id'] == 1 and failure['outcome']['failed'][0]['status'] == 403
    assert failure['msg'].startswith('1 of 3 tokens would not be deleted (1: GitHub would refuse (HTTP 403)')
    assert own not in repr(failure)
