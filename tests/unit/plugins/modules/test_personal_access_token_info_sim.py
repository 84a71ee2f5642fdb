# -*- coding: utf-8 -*-
"""ghe.admin.personal_access_token_info against the simulator: each filter, and bad filters (cases moved from the
integration target)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest


def reset(sim_module):
    """The target's state: the default tokens, two with expiry dates and 100 generated ones (two pages)."""
    sim_module.ghes.reset({
        'tokens': [
            {'id': 500, 'token': 'ghp_expired00000000000000000000000000000', 'user': 'hubot', 'note': 'expired',
             'scopes': ['repo'], 'created_at': '2020-01-01T00:00:00Z', 'expires_at': '2020-06-01T00:00:00Z'},
            {'id': 501, 'token': 'ghp_expiresfar00000000000000000000000000', 'user': 'octocat', 'note': 'far future',
             'scopes': ['read:org'], 'created_at': '2020-03-01T00:00:00Z', 'expires_at': '2999-01-01T00:00:00Z'},
        ],
        'generate_users': {'prefix': 'tokenuser', 'count': 50, 'width': 2, 'tokens_per_user': 2},
    })


@pytest.mark.parametrize('args, ids', [
    pytest.param(dict(users=['hubot', 'Octocat']), [2, 3, 500, 501], id='two users, one in other case'),
    pytest.param(dict(scopes=['site_admin']), [1], id='site administrator rights'),
    pytest.param(dict(scopes=['write:packages', 'read:org']), [4, 501], id='either of two scopes'),
    pytest.param(dict(older_than_days=30), [1, 2, 4, 500, 501], id='older than 30 days'),
    pytest.param(dict(created_before='2021-01-01', older_than_days=30), [500, 501], id='created before 2021'),
    pytest.param(dict(expired=True), [500], id='expired'),
    pytest.param(dict(never_expires=False), [500, 501], id='with an expiry date'),
    pytest.param(dict(expires_before='2100-01-01T00:00:00+02:00'), [500], id='expiring before 2100'),
])
def test_a_filter_selects_its_tokens_from_both_pages_of_the_listing(sim_module, args, ids):
    reset(sim_module)

    result = sim_module('personal_access_token_info', args)

    requests = sim_module.requests()
    assert not result['changed'] and not result.get('failed')
    assert [token['id'] for token in result['tokens']] == ids
    assert [(r['method'], r['path']) for r in requests] == [('GET', '/admin/tokens')] * 2


def test_tokens_that_have_not_expired_include_those_without_an_expiry_date(sim_module):
    reset(sim_module)

    result = sim_module('personal_access_token_info', dict(expired=False))

    requests = sim_module.requests()
    ids = [token['id'] for token in result['tokens']]
    assert len(ids) == 105
    assert 500 not in ids
    assert [(r['method'], r['path']) for r in requests] == [('GET', '/admin/tokens')] * 2


def test_bad_filters_are_named_and_send_nothing(sim_module):
    bad_filters = sim_module('personal_access_token_info', dict(ids=[-3], users=['']))
    bad_expiry = sim_module('personal_access_token_info', dict(expires_before='31/12/2030'))
    bad_age = sim_module('personal_access_token_info', dict(older_than_days=-5))

    assert sim_module.requests() == []
    assert bad_filters['failed']
    assert 'ids[0] must be a positive integer, got -3' in bad_filters['msg']
    assert 'users[0] must be a login' in bad_filters['msg']
    assert bad_expiry['failed'] and bad_expiry['msg'].startswith('expires_before:')
    assert bad_age['failed'] and 'older_than_days must be 0 or more' in bad_age['msg']
