# -*- coding: utf-8 -*-
"""ghe.admin.public_key_info against the simulator: the filters and the logins they look up (cases moved from the
integration target)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest


def reset(sim_module):
    """The target's state: the default keys plus 120 new ones of 60 users (two pages)."""
    sim_module.ghes.reset({'generate_users': {'prefix': 'keyuser', 'count': 60, 'width': 2, 'keys_per_user': 2}})


def test_a_user_filter_looks_up_the_login_then_lists(sim_module):
    reset(sim_module)

    result = sim_module('public_key_info', dict(users=['Octocat']))

    assert [key['id'] for key in result['public_keys']] == [1]
    assert [r['path'] for r in sim_module.requests()] == ['/users/Octocat', '/admin/keys', '/admin/keys']


@pytest.mark.parametrize('args, ids', [
    pytest.param(dict(kind='deploy'), [3], id='deploy keys'),
    pytest.param(dict(never_used=True, older_than_days=30), [2], id='never used and older than 30 days'),
    pytest.param(dict(kind='user', unused_for_days=30, older_than_days=30), [2],
                 id='user keys not used in 30 days, never used included'),
    pytest.param(dict(never_used=False), [1, 3], id='used at least once'),
    pytest.param(dict(ids=[3, 1, 999]), [1, 3], id='by id, one unknown'),
    pytest.param(dict(ids=[]), [], id='an empty id list'),
    pytest.param(dict(created_before='2000-01-01'), [], id='created before 2000'),
])
def test_a_filter_selects_its_keys_from_both_pages_of_the_listing(sim_module, args, ids):
    reset(sim_module)

    result = sim_module('public_key_info', args)

    assert not result['changed'] and not result.get('failed')
    assert [key['id'] for key in result['public_keys']] == ids
    assert [(r['method'], r['path']) for r in sim_module.requests()] == [('GET', '/admin/keys')] * 2


def test_keys_not_used_since_a_future_date_of_one_login(sim_module):
    reset(sim_module)

    result = sim_module('public_key_info', dict(last_used_before='2999-01-01T00:00:00+01:00', users='keyuser01'))

    assert len(result['public_keys']) == 2
    assert [key['title'] for key in result['public_keys']] == ['keyuser01 key 0', 'keyuser01 key 1']
    assert [(r['method'], r['path']) for r in sim_module.requests()] == [
        ('GET', '/users/keyuser01'), ('GET', '/admin/keys'), ('GET', '/admin/keys')]
