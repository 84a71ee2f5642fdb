# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

from datetime import datetime, timezone

import pytest

from ansible_collections.ghe.admin.plugins.modules import credential_authorization_revocation as car
from ansible_collections.ghe.admin.plugins.modules import personal_access_token_info as pat_info
from ansible_collections.ghe.admin.plugins.modules import public_key_info as key_info
from ansible_collections.ghe.admin.plugins.modules.credential_revocation import chunks, prepare, problem
from ansible_collections.ghe.admin.plugins.modules.public_key import batches

NOW = datetime(2030, 6, 15, 12, 0, 0, tzinfo=timezone.utc)
FINE_GRAINED = 'github_pat_' + 'A1' * 11 + '_' + 'b2c' * 19 + 'd2'


@pytest.mark.parametrize('credential', [
    'ghp_' + 'a1B2' * 9,
    FINE_GRAINED,
    'gho_' + 'x' * 36,
    'ghu_' + '9' * 36,
    'ghr_' + 'Ab' * 38,
])
def test_accepted_formats(credential):
    assert problem(credential) is None


@pytest.mark.parametrize('credential, text', [
    ('', 'is empty'),
    ('ghp_' + 'a' * 35, 'not ghp_ followed by 36 letters or digits (35 characters after the prefix)'),
    ('ghp_' + 'a' * 35 + '-', '(36 characters after the prefix)'),
    ('ghp_' + 'a' * 40, '(40 characters after the prefix)'),
    ('github_pat_' + 'a' * 82, 'an underscore and 59 letters or digits'),
    ('ghr_' + 'a' * 36, 'ghr_ followed by 76'),
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
