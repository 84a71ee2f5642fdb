# -*- coding: utf-8 -*-
"""ghe.admin.site_admin against the simulator: guardrails, exclusive lists and users LDAP Sync manages (moved from
the site_admin target)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# ghe-admin (the token's user) and octocat are site administrators
TWO_ADMINS = {'users': [{'login': 'octocat', 'site_admin': True}]}


def admins(sim_module):
    return sorted(user['login'] for user in sim_module.ghes.state['users'] if user.get('site_admin'))


def test_demoting_the_token_s_own_user_is_refused_after_reading_only(sim_module):
    sim_module.ghes.reset(TWO_ADMINS)

    result = sim_module('site_admin', dict(users=['octocat', 'GHE-Admin'], state='absent'))

    requests = sim_module.requests()
    assert result['failed'] and not result['changed']
    assert "refusing to demote GHE-Admin: it is the token's own user (ghe-admin)" in result['msg']
    assert requests and set(entry['method'] for entry in requests) == {'GET'}
    assert admins(sim_module) == ['ghe-admin', 'octocat']


def test_more_promotions_than_max_changes_are_refused_naming_the_users_after_reading_only(sim_module):
    sim_module.ghes.reset(TWO_ADMINS)

    result = sim_module('site_admin', dict(users=['hubot', 'former-employee', 'octocat'], max_changes=1))

    requests = sim_module.requests()
    assert result['failed'] and not result['changed']
    assert result['msg'].startswith('refusing to promote 2 items, more than max_changes (1): hubot, former-employee.')
    assert requests and set(entry['method'] for entry in requests) == {'GET'}
    assert admins(sim_module) == ['ghe-admin', 'octocat']


def test_max_changes_is_enforced_in_check_mode_too(sim_module):
    sim_module.ghes.reset(TWO_ADMINS)

    result = sim_module('site_admin', dict(users=['hubot', 'former-employee'], max_changes=0), check_mode=True)

    requests = sim_module.requests()
    assert result['failed']
    assert 'more than max_changes (0)' in result['msg']
    assert requests and set(entry['method'] for entry in requests) == {'GET'}
    assert admins(sim_module) == ['ghe-admin', 'octocat']


def test_an_exclusive_list_promotes_the_listed_and_demotes_the_others_once(sim_module):
    sim_module.ghes.reset(TWO_ADMINS)
    args = dict(users=['ghe-admin', 'hubot'], exclusive=True)

    check = sim_module('site_admin', args, check_mode=True)
    applied = sim_module('site_admin', args)

    writes = sim_module.writes()
    assert check['changed'] and check['changed_users'] == ['hubot', 'octocat']
    assert applied['changed'] and not applied.get('failed')
    assert applied['changed_users'] == ['hubot', 'octocat']
    assert applied['site_admins'] == ['ghe-admin', 'hubot']
    assert sorted(w['method'] for w in writes) == ['DELETE', 'PUT']
    assert sorted(w['path'] for w in writes) == ['/users/hubot/site_admin', '/users/octocat/site_admin']
    assert admins(sim_module) == ['ghe-admin', 'hubot']


def test_an_exclusive_list_without_the_token_s_own_user_is_refused_before_any_write(sim_module):
    sim_module.ghes.reset({'users': [{'login': 'hubot', 'site_admin': True}]})

    result = sim_module('site_admin', dict(users=['hubot'], exclusive=True))

    assert result['failed']
    assert 'refusing to demote ghe-admin' in result['msg']
    assert sim_module.writes() == []


def test_users_ldap_sync_manages_are_reported_apart_and_fail_the_task_only_with_fail_on_ldap(sim_module):
    sim_module.ghes.reset({'settings': {'ldap_sync_site_admins': True}})

    ldap_run = sim_module('site_admin', dict(users=['ldap-user', 'octocat']))
    strict = sim_module('site_admin', dict(users=['ldap-user', 'octocat'], fail_on_ldap=True))

    assert not ldap_run.get('failed') and ldap_run['changed']
    assert ldap_run['changed_users'] == ['octocat']
    assert ldap_run['failed_users'] == []
    assert [entry['login'] for entry in ldap_run['ldap_managed']] == ['ldap-user']
    assert 'LDAP' in ldap_run['ldap_managed'][0]['reason']
    assert ldap_run['outcome']['managed_by_ldap'] == ['ldap-user']
    assert 'ghe.admin.ldap_sync' in ldap_run['ldap_advice']
    assert strict['failed'] and not strict['changed']
    assert '1 managed by LDAP (fail_on_ldap is true): ldap-user' in strict['msg']
    assert admins(sim_module) == ['ghe-admin', 'octocat']
