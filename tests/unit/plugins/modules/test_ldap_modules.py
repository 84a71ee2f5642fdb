# -*- coding: utf-8 -*-
"""ghe.admin.ldap_mapping and ghe.admin.ldap_sync through their main()."""
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DN = 'uid=alice,ou=people,dc=example,dc=com'


def user(login, dn=None):
    data = dict(login=login, user_view_type='private', suspended_at=None, site_admin=False)
    if dn:
        data['ldap_dn'] = dn
    return data


def methods(run_module):
    return [method for method, url in run_module.sent]


def test_users_whose_dn_differs_only_in_case_and_spacing_are_not_changed(run_module):
    run_module.answers = [('GET', '/users/alice', 200, user('alice', 'UID=Alice, OU=People,dc=example,dc=com')),
                          ('GET', '/users/bob', 200, user('bob')),
                          ('PATCH', '/admin/ldap/users/bob/mapping', 200, dict(user('bob'), ldap_dn='uid=bob,dc=x'))]
    result = run_module('ldap_mapping', dict(users=[dict(login='alice', ldap_dn=DN), dict(login='bob', ldap_dn='uid=bob,dc=x')],
                                             concurrency=1), diff=True)
    assert result['changed'] and result['changed_users'] == ['bob'] and result['unchanged_users'] == ['alice']
    assert result['results'][1] == dict(login='bob', ldap_dn_before=None, ldap_dn='uid=bob,dc=x', changed=True)
    assert result['diff']['before']['ldap_dn'] == {'alice': 'UID=Alice, OU=People,dc=example,dc=com', 'bob': None}
    assert methods(run_module) == ['GET', 'GET', 'PATCH']


def test_check_mode_sends_no_mapping(run_module):
    run_module.answers = [('GET', '/users/alice', 200, user('alice'))]
    result = run_module('ldap_mapping', dict(users=[dict(login='alice', ldap_dn=DN)]), check_mode=True)
    assert result['changed'] and result['results'][0]['ldap_dn'] == DN and methods(run_module) == ['GET']


def test_max_changes_refuses_before_any_mapping(run_module):
    run_module.answers = [('GET', '/users/a', 200, user('a')), ('GET', '/users/b', 200, user('b'))]
    result = run_module('ldap_mapping', dict(users=[dict(login='a', ldap_dn='uid=a,dc=x'), dict(login='b', ldap_dn='uid=b,dc=x')],
                                             max_changes=1, concurrency=1))
    assert result['failed'] and 'refusing to change the LDAP mapping of 2 items, more than max_changes (1): a, b' in result['msg']
    assert methods(run_module) == ['GET', 'GET']


def test_a_non_admin_view_stops_before_any_write(run_module):
    run_module.answers = [('GET', '/users/alice', 200, dict(login='alice', user_view_type='public'))]
    result = run_module('ldap_mapping', dict(users=[dict(login='alice', ldap_dn=DN)]))
    assert result['failed'] and 'site administrator' in result['msg'] and methods(run_module) == ['GET']


def test_a_team_is_read_by_slug_and_mapped_by_id(run_module):
    run_module.answers = [('GET', '/orgs/engineering/teams/platform', 200, dict(id=7, slug='platform')),
                          ('PATCH', '/admin/ldap/teams/7/mapping', 200, dict(id=7, ldap_dn='cn=Platform,dc=x'))]
    result = run_module('ldap_mapping', dict(organization='engineering', team='platform', ldap_dn='cn=Platform,dc=x'))
    assert result['changed'] and result['team'] == dict(organization='engineering', team='platform', id=7,
                                                        ldap_dn_before=None, ldap_dn='cn=Platform,dc=x')


def test_a_team_already_mapped_is_not_written(run_module):
    run_module.answers = [('GET', '/orgs/engineering/teams/platform', 200, dict(id=7, slug='platform', ldap_dn='CN=platform, DC=x'))]
    result = run_module('ldap_mapping', dict(organization='engineering', team='platform', ldap_dn='cn=Platform,dc=x'))
    assert result['changed'] is False and methods(run_module) == ['GET']


def test_an_unknown_team_fails_naming_it(run_module):
    run_module.answers = [('GET', '/orgs/engineering/teams/nope', 404, dict(message='Not Found'))]
    result = run_module('ldap_mapping', dict(organization='engineering', team='nope', ldap_dn='cn=x'))
    assert result['failed'] and 'team engineering/nope: no such team' in result['msg']


def test_sync_queues_users_and_teams_and_reports_them(run_module):
    run_module.answers = [('GET', '/meta', 200, {}), ('POST', '/admin/ldap/users/alice/sync', 201, dict(status='queued')),
                          ('GET', '/orgs/engineering/teams/platform', 200, dict(id=7, slug='platform')),
                          ('POST', '/admin/ldap/teams/7/sync', 201, dict(status='queued'))]
    result = run_module('ldap_sync', dict(users=['alice', 'ALICE'], teams=[dict(organization='engineering', team='platform')]))
    assert result['changed'] is True
    assert result['queued'] == dict(users=['alice'], teams=[dict(organization='engineering', team='platform', id=7)])
    assert 'never says when it ends' in result['how_to_check']


def test_sync_in_check_mode_only_reads(run_module):
    run_module.answers = [('GET', '/users/alice', 200, user('alice'))]
    result = run_module('ldap_sync', dict(users=['alice']), check_mode=True)
    assert result['changed'] and result['queued']['users'] == ['alice'] and methods(run_module) == ['GET']


def test_sync_of_an_unknown_user_fails_after_queueing_the_others(run_module):
    run_module.answers = [('GET', '/meta', 200, {}), ('POST', '/admin/ldap/users/nobody/sync', 404, dict(message='Not Found')),
                          ('POST', '/admin/ldap/users/alice/sync', 201, dict(status='queued'))]
    result = run_module('ldap_sync', dict(users=['nobody', 'alice']))
    assert result['failed'] and result['changed'] and result['queued']['users'] == ['alice']
    assert result['failures'][0]['user'] == 'nobody' and 'Queued alice' in result['msg']
