# -*- coding: utf-8 -*-
"""ghe.admin.site_admin through its main(): reads first, guardrails before any write, only the needed writes."""
from __future__ import absolute_import, division, print_function

__metaclass__ = type

ME = dict(login='ghe-admin', site_admin=True)


def user(login, admin=False):
    return dict(login=login, type='User', site_admin=admin, user_view_type='private', suspended_at=None)


def paths(run_module):
    return [(method, url.split('/api/v3/')[1]) for method, url in run_module.sent]


def test_promotes_only_who_is_not_yet_a_site_admin(run_module):
    run_module.answers = [('GET', '/user', 200, ME), ('GET', '/users/alice', 200, user('alice')),
                          ('GET', '/users/bob', 200, user('bob', True)), ('PUT', '/users/alice/site_admin', 204, None)]
    result = run_module('site_admin', dict(users=['alice', 'bob'], concurrency=1), diff=True)
    assert result['changed'] is True and not result.get('failed'), result
    assert result['changed_users'] == ['alice'] and result['unchanged_users'] == ['bob']
    assert result['site_admins'] == ['alice', 'bob']
    assert result['diff'] == dict(before=dict(site_admins=['bob']), after=dict(site_admins=['alice', 'bob']))
    assert paths(run_module)[-1] == ('PUT', 'users/alice/site_admin')


def test_a_second_run_writes_nothing(run_module):
    run_module.answers = [('GET', '/user', 200, ME), ('GET', '/users/alice', 200, user('alice', True))]
    result = run_module('site_admin', dict(users=['alice']))
    assert result['changed'] is False and result['unchanged_users'] == ['alice']
    assert [m for m, p in paths(run_module)] == ['GET', 'GET']


def test_check_mode_reads_and_writes_nothing(run_module):
    run_module.answers = [('GET', '/user', 200, ME), ('GET', '/users/alice', 200, user('alice', True))]
    result = run_module('site_admin', dict(users=['alice'], state='absent'), check_mode=True)
    assert result['changed'] is True and result['changed_users'] == ['alice'] and result['site_admins'] == []
    assert [m for m, p in paths(run_module)] == ['GET', 'GET']


def test_demoting_the_tokens_own_user_is_refused_before_any_write(run_module):
    run_module.answers = [('GET', '/user', 200, ME), ('GET', '/users/alice', 200, user('alice', True)),
                          ('GET', '/users/GHE-Admin', 200, user('ghe-admin', True))]
    result = run_module('site_admin', dict(users=['alice', 'GHE-Admin'], state='absent', concurrency=1))
    assert result['failed'] and result['changed'] is False
    assert "refusing to demote GHE-Admin: it is the token's own user (ghe-admin)" in result['msg']
    assert [m for m, p in paths(run_module)] == ['GET', 'GET', 'GET']


def test_exclusive_demotes_the_others_but_never_the_tokens_user(run_module):
    run_module.answers = [('GET', '/user', 200, ME), ('GET', '/users/alice', 200, user('alice')),
                          ('GET', '/users', 200, [user('ghe-admin', True), user('carol', True), user('dave'),
                                                  dict(user('org', True), type='Organization')])]
    result = run_module('site_admin', dict(users=['alice'], exclusive=True))
    assert result['failed'] and 'refusing to demote ghe-admin' in result['msg']
    assert [m for m, p in paths(run_module)] == ['GET', 'GET', 'GET']


def test_exclusive_promotes_the_listed_and_demotes_the_others(run_module):
    run_module.answers = [('GET', '/user', 200, ME), ('GET', '/users/ghe-admin', 200, user('ghe-admin', True)),
                          ('GET', '/users/alice', 200, user('alice')),
                          ('GET', '/users', 200, [user('ghe-admin', True), user('carol', True)]),
                          ('PUT', '/users/alice/site_admin', 204, None), ('DELETE', '/users/carol/site_admin', 204, None)]
    result = run_module('site_admin', dict(users=['ghe-admin', 'alice'], exclusive=True, concurrency=1))
    assert result['changed'] and result['changed_users'] == ['alice', 'carol'], result
    assert result['site_admins'] == ['ghe-admin', 'alice']


def test_max_changes_refuses_before_any_write_listing_count_and_first_users(run_module):
    logins = ['user%02d' % n for n in range(12)]
    run_module.answers = [('GET', '/user', 200, ME)] + [('GET', '/users/%s' % login, 200, user(login)) for login in logins]
    result = run_module('site_admin', dict(users=logins, max_changes=3, concurrency=1))
    assert result['failed'] and result['changed'] is False
    assert result['msg'].startswith('refusing to promote 12 items, more than max_changes (3): user00, user01')
    assert 'and 2 more' in result['msg'] and 'Nothing was changed' in result['msg']
    assert set(m for m, p in paths(run_module)) == {'GET'}


def test_a_failed_user_does_not_stop_the_others(run_module):
    run_module.answers = [('GET', '/user', 200, ME), ('GET', '/users/nobody', 404, dict(message='Not Found')),
                          ('GET', '/users/alice', 200, user('alice')), ('PUT', '/users/alice/site_admin', 204, None)]
    result = run_module('site_admin', dict(users=['nobody', 'alice'], concurrency=1))
    assert result['failed'] and result['changed'] is True
    assert result['failed_users'] == [dict(login='nobody', status=404, reason='no such user')]
    assert result['changed_users'] == ['alice']


def test_ldap_managed_users_are_listed_apart_and_fail_only_with_fail_on_ldap(run_module):
    answers = [('GET', '/user', 200, ME), ('GET', '/users/dir', 200, user('dir')),
               ('PUT', '/users/dir/site_admin', 403, dict(message='Site administrator status of LDAP users is '
                                                                  'managed by LDAP Sync'))]
    run_module.answers = list(answers)
    result = run_module('site_admin', dict(users=['dir']))
    assert not result.get('failed') and result['changed'] is False
    assert result['ldap_managed'][0]['login'] == 'dir' and 'LDAP' in result['ldap_managed'][0]['reason']
    assert result['failed_users'] == [] and result['outcome']['managed_by_ldap'] == ['dir']
    assert 'ldap_sync' in result['ldap_advice']
    run_module.answers = list(answers)
    result = run_module('site_admin', dict(users=['dir'], fail_on_ldap=True))
    assert result['failed'] and '1 managed by LDAP (fail_on_ldap is true): dir' in result['msg']


def test_a_server_error_stops_the_task_reporting_every_group(run_module):
    run_module.answers = [('GET', '/user', 200, ME), ('GET', '/users/a', 200, user('a')),
                          ('GET', '/users/b', 200, user('b')), ('PUT', '/users/a/site_admin', 401, dict(message='Bad credentials'))]
    result = run_module('site_admin', dict(users=['a', 'b'], concurrency=1))
    assert result['failed'] and result['msg'].startswith('stopped after 1 of 2 users')
    assert result['outcome']['failed'][0]['login'] == 'a' and result['outcome']['not_attempted'] == ['b']


def test_a_token_that_is_not_a_site_admins_is_refused_before_reading_users(run_module):
    run_module.answers = [('GET', '/user', 200, dict(login='octocat', site_admin=False))]
    result = run_module('site_admin', dict(users=['alice']))
    assert result['failed'] and 'octocat is not a site administrator' in result['msg']
