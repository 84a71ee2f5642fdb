# -*- coding: utf-8 -*-
"""The guardrails every bulk module shares (module_utils/guardrails.py), through the modules' main()."""
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.guardrails import (
    last_admin_refusal,
    own_user_refusal,
    too_many,
)

ME = dict(login='ghe-admin', site_admin=True)


def private(login, suspended=False, site_admin=False):
    return dict(login=login, user_view_type='private', site_admin=site_admin,
                suspended_at='2030-01-01T00:00:00Z' if suspended else None)


def methods(run_module):
    return [method for method, url in run_module.sent]


def test_too_many_names_the_count_and_the_first_items():
    assert too_many(None, list(range(1000)), 'suspend') is None
    assert too_many(3, ['a', 'b', 'c'], 'suspend') is None
    text = too_many(2, ['u%d' % n for n in range(14)], 'suspend')
    assert text.startswith('refusing to suspend 14 items, more than max_changes (2): u0, u1, u2')
    assert 'u9, and 4 more. Nothing was changed' in text
    assert too_many(0, ['a'], 'delete').startswith('refusing to delete 1 items, more than max_changes (0): a.')


def test_own_user_and_last_admin_refusals_name_the_users():
    assert own_user_refusal('Me', ['a', 'me'], 'demote').startswith("refusing to demote me: it is the token's own user (Me)")
    assert own_user_refusal('me', ['a'], 'demote') is None
    assert last_admin_refusal(['a', 'b'], ['A', 'b'], 'suspend').startswith('refusing to suspend a, b: no site administrator')
    assert last_admin_refusal(['a', 'b'], ['a'], 'suspend') is None


def test_suspension_of_the_tokens_own_user_is_refused_before_any_write(run_module):
    run_module.answers = [('GET', '/users/octocat', 200, private('octocat')),
                          ('GET', '/users/ghe-admin', 200, private('ghe-admin', site_admin=True)),
                          ('GET', '/user', 200, ME)]
    result = run_module('user_suspension', dict(users=['octocat', 'ghe-admin'], concurrency=1))
    assert result['failed'] and result['changed'] is False
    assert "refusing to suspend ghe-admin: it is the token's own user (ghe-admin)" in result['msg']
    assert methods(run_module) == ['GET', 'GET', 'GET']


def test_suspension_of_the_last_unsuspended_site_admin_is_refused(run_module):
    run_module.answers = [('GET', '/users/boss', 200, private('boss', site_admin=True)),
                          ('GET', '/user', 200, dict(login='robot', site_admin=False))]
    result = run_module('user_suspension', dict(users=['boss']))
    assert result['failed'] and 'refusing to suspend boss: no site administrator would be left' in result['msg']
    assert methods(run_module) == ['GET', 'GET']


def test_suspension_without_site_admins_among_the_changes_does_not_read_the_token_user(run_module):
    run_module.answers = [('GET', '/users/octocat', 200, private('octocat')),
                          ('PUT', '/users/octocat/suspended', 204, None)]
    result = run_module('user_suspension', dict(users=['octocat']))
    assert result['changed'] and methods(run_module) == ['GET', 'PUT']


def test_suspension_max_changes_refuses_before_any_write(run_module):
    run_module.answers = [('GET', '/users/a', 200, private('a')), ('GET', '/users/b', 200, private('b', suspended=True)),
                          ('GET', '/users/c', 200, private('c'))]
    result = run_module('user_suspension', dict(users=['a', 'b', 'c'], max_changes=1, concurrency=1), check_mode=True)
    assert result['failed'] and result['msg'].startswith('refusing to suspend 2 items, more than max_changes (1): a, c.')
    assert methods(run_module) == ['GET', 'GET', 'GET']


LDAP_REFUSAL = dict(message='Active Directory LDAP-authenticated users cannot be suspended through the API.')


@pytest.mark.parametrize('fail_on_ldap', [False, True])
def test_ldap_managed_users_are_listed_apart(run_module, fail_on_ldap):
    run_module.answers = [('GET', '/users/dir', 200, private('dir')), ('GET', '/users/octocat', 200, private('octocat')),
                          ('PUT', '/users/dir/suspended', 403, LDAP_REFUSAL), ('PUT', '/users/octocat/suspended', 204, None)]
    result = run_module('user_suspension', dict(users=['dir', 'octocat'], concurrency=1, fail_on_ldap=fail_on_ldap))
    assert result['changed'] is True and result['changed_users'] == ['octocat']
    assert result['failed_users'] == [] and result['outcome']['managed_by_ldap'] == ['dir']
    assert result['ldap_managed'][0]['login'] == 'dir' and 'LDAP' in result['ldap_managed'][0]['reason']
    assert bool(result.get('failed')) is fail_on_ldap
    if fail_on_ldap:
        assert result['msg'].startswith('1 managed by LDAP (fail_on_ldap is true): dir. LDAP Sync manages')
    else:
        assert 'managed by LDAP, left as they are: dir' in json.dumps(result['warnings'])


@pytest.mark.parametrize('module, path, items', [
    ('public_key', 'admin/keys', [dict(id=n, key='ssh-ed25519 AAAA', title='k%d' % n, created_at=None) for n in (1, 2, 3)]),
    ('personal_access_token', 'admin/tokens', [dict(id=n, user=dict(login='u'), scopes=[]) for n in (1, 2, 3)]),
])
def test_deletions_refuse_more_than_max_changes(run_module, module, path, items):
    run_module.answers = [('GET', '/%s' % path, 200, items)]
    result = run_module(module, dict(ids=[1, 2, 3, 4], max_changes=2))
    assert result['failed'] and result['msg'].startswith('refusing to delete 3 items, more than max_changes (2): 1, 2, 3.')
    assert methods(run_module) == ['GET']
