# -*- coding: utf-8 -*-
"""ghe.admin.ldap_mapping against the simulator: a team's mapping, read by slug and mapped by id, and the
max_changes guardrail (moved from the ldap_mapping target)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

PLATFORM_DN = 'cn=Platform,ou=groups,dc=example,dc=com'
TEAM = dict(organization='engineering', team='platform')


def test_more_changes_than_max_changes_are_refused_naming_the_count_and_the_users(sim_module):
    result = sim_module('ldap_mapping', dict(users=[dict(login='ldap-user', ldap_dn='uid=ldap-user,ou=staff,dc=example,dc=com'),
                                                    dict(login='hubot', ldap_dn='uid=hubot,ou=bots,dc=example,dc=com')],
                                             max_changes=1))

    requests = sim_module.requests()
    assert result['failed'] and not result['changed']
    assert ("refusing to change the LDAP mapping of 2 items, more than max_changes (1): ldap-user, hubot"
            in result['msg'])
    assert [entry for entry in requests if entry['method'] != 'GET'] == []
    assert len(requests) == 2


def test_a_team_is_read_by_slug_each_time_and_mapped_by_id_once(sim_module):
    check = sim_module('ldap_mapping', dict(TEAM, ldap_dn=PLATFORM_DN), check_mode=True, diff=True)
    applied = sim_module('ldap_mapping', dict(TEAM, ldap_dn=PLATFORM_DN))
    repeat = sim_module('ldap_mapping', dict(TEAM, ldap_dn='CN=platform, OU=Groups, DC=example, DC=com'))

    requests = sim_module.requests()
    team = [entry for entry in sim_module.ghes.state['teams'] if entry['slug'] == 'platform'][0]
    assert check['changed'] and not check.get('failed')
    assert check['diff']['before']['ldap_dn'] is None
    assert check['diff']['after']['ldap_dn'] == PLATFORM_DN
    assert applied['changed'] and not applied.get('failed')
    assert applied['team'] == dict(TEAM, id=1, ldap_dn_before=None, ldap_dn=PLATFORM_DN)
    assert not repeat['changed'] and not repeat.get('failed')
    assert sorted(set(entry['path'] for entry in requests if entry['method'] == 'GET')) == ['/orgs/engineering/teams/platform']
    assert [entry['path'] for entry in requests if entry['method'] != 'GET'] == ['/admin/ldap/teams/1/mapping']
    assert team['ldap_dn'] == PLATFORM_DN
