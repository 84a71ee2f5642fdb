# -*- coding: utf-8 -*-
"""ghe.admin.credential_revocation against the GHEC simulator: repeats, other token kinds, no token, the hourly
limit and malformed credentials (cases moved from the integration target)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

GENERATED = ['ghp_revoke%030d' % number for number in range(2499)]
HUBOT_TOKEN = 'ghp_simhubot0000000000000000000000000000'
EXPOSED = GENERATED + [HUBOT_TOKEN] + GENERATED[:10]
OTHER_KINDS = [
    # GitHub's examples in the API description (ghp_ and 40 characters) and the other documented prefixes.
    'ghp_1234567890abcdef1234567890abcdef12345678',
    'github_pat_0A1B2C3D4E5F6G7H8I9J0K_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456',
    'gho_' + 'a' * 36,
    'ghu_' + 'B1' * 18,
    'ghr_' + '0123' * 19,
]


@pytest.fixture
def revoke(sim_module, monkeypatch):
    """``revoke(args, check_mode=False)`` -> the module's result against the GHEC simulator, which
    GHE_CLOUD_API_URLS names a cloud API root, as the integration target's ``environment`` does."""
    monkeypatch.setenv('GHE_CLOUD_API_URLS', sim_module.ghec.api_url)

    def run(args, check_mode=False):
        return sim_module('credential_revocation', args, check_mode=check_mode, product='ghec')
    return run


def test_repeats_with_surrounding_whitespace_are_counted_once_in_check_mode(sim_module, revoke):
    result = revoke(dict(credentials=[GENERATED[0], '  %s\n' % GENERATED[0], GENERATED[1]]), check_mode=True)

    assert sim_module.requests('ghec') == []
    assert result['changed']
    assert result['submitted'] == 2 and result['duplicates'] == 1 and result['chunks'] == 1
    assert sim_module.ghec.state['revoked_credentials'] == []


def test_the_other_token_kinds_go_in_one_unauthenticated_request_without_any_token(sim_module, revoke):
    result = revoke(dict(token='', credentials=OTHER_KINDS))

    requests = sim_module.requests('ghec')
    assert result['changed'] and not result.get('failed')
    assert result['submitted'] == 5 and result['chunks'] == 1
    assert len(requests) == 1
    assert requests[0]['authenticated'] is False
    assert requests[0]['body']['credentials'] == OTHER_KINDS


def test_an_empty_list_is_no_change_and_no_request(sim_module, revoke):
    result = revoke(dict(credentials=[]))

    assert not result['changed'] and not result.get('failed')
    assert result['submitted'] == 0 and result['chunks'] == 0
    assert sim_module.requests('ghec') == []


def test_a_refused_chunk_says_how_many_were_submitted_and_how_many_remain(sim_module, revoke):
    sim_module.ghec.reset({'settings': {'credential_revoke_limit': 2}})

    result = revoke(dict(credentials=EXPOSED))

    requests = sim_module.requests('ghec')
    assert result['failed'] and result['changed']
    assert 'GitHub refused request 3 of 3 (500 credentials)' in result['msg']
    assert 'HTTP 422 Endpoint has been spammed' in result['msg']
    assert '2000 credentials were submitted, 500 remain unsubmitted' in result['msg']
    assert '60 requests an hour' in result['msg']
    assert result['submitted'] == 2000
    assert result['remaining'] == 500
    assert result['chunks'] == 2
    assert result['api_error']['status'] == 422
    assert [r['status'] for r in requests] == [202, 202, 422]
    assert set(r['authenticated'] for r in requests) == set([False])
    assert len(sim_module.ghec.state['revoked_credentials']) == 2000
    assert 'ghp_revoke' not in result['msg']
    assert 'ghp_revoke' not in json.dumps(result)


def test_malformed_credentials_are_named_by_position_never_value_and_nothing_is_sent(sim_module, revoke):
    result = revoke(dict(credentials=[GENERATED[0], 'ghs_' + 'x' * 36, 'ghp_short', 'not-a-token-at-all', '',
                                      'github_pat_' + 'x' * 22 + 'y' * 59, GENERATED[1]]))

    assert sim_module.requests('ghec') == []
    assert result['failed']
    msg = result['msg']
    assert '5 of 7 credentials cannot be submitted, nothing was sent' in msg
    assert 'credentials[1] is a GitHub App installation token (ghs_)' in msg
    assert ('credentials[2] starts like a ghp_ token but is too short for one (5 characters after the prefix, '
            'at least 30)') in msg
    assert 'credentials[3] is not a credential the revocation API accepts' in msg
    assert 'credentials[4] is empty' in msg
    assert 'credentials[5] starts like a github_pat_ token' in msg
    assert 'credentials[0]' not in msg and 'credentials[6]' not in msg
    assert 'xxxx' not in msg
    assert 'not-a-token-at-all' not in msg


def test_many_malformed_credentials_name_the_first_ten_and_count_the_rest(sim_module, revoke):
    result = revoke(dict(credentials=['gh_nope'] * 12))

    assert sim_module.requests('ghec') == []
    assert result['failed']
    assert '12 of 12 credentials cannot be submitted' in result['msg']
    assert 'credentials[9] is not' in result['msg']
    assert 'credentials[10]' not in result['msg']
    assert 'and 2 more' in result['msg']
