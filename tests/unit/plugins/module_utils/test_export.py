# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.export import (
    announcement_vars,
    hook_vars,
    is_user_account,
    maintenance_vars,
    org_vars,
    secret_placeholders,
    settings_vars,
    user_vars,
)
from ansible_collections.ghe.admin.plugins.module_utils.hooks import hook_from_api
from ansible_collections.ghe.admin.plugins.modules import enterprise_info

from .fakes import response


def hook(hook_id, url, secret=False, **kwargs):
    config = dict(url=url, content_type=kwargs.pop('content_type', 'json'), insecure_ssl=kwargs.pop('insecure_ssl', '0'))
    if secret:
        config['secret'] = '********'
    data = dict(id=hook_id, active=kwargs.pop('active', True), events=kwargs.pop('events', ['user', 'organization']),
                config=config)
    return hook_from_api(data)


@pytest.mark.parametrize('data', [None, {}, {'announcement': None, 'expires_at': None, 'user_dismissible': False},
                                  {'announcement': '', 'expires_at': '2030-01-01T00:00:00Z'}])
def test_no_banner_is_null(data):
    assert announcement_vars(data) is None


def test_banner_expiry_in_utc_and_never_as_empty_string():
    banner = {'announcement': 'Hi', 'expires_at': '2031-05-06T07:08:09.000+02:00', 'user_dismissible': True}
    assert announcement_vars(banner) == dict(text='Hi', expires_at='2031-05-06T05:08:09Z', user_dismissible=True)
    never = {'announcement': 'Hi', 'expires_at': None}
    assert announcement_vars(never) == dict(text='Hi', expires_at='', user_dismissible=False)


def test_hooks_by_id_with_every_setting_and_an_id_only_where_a_url_is_shared():
    hooks = [hook(9, 'https://b.example.com', events=['user', 'fork'], content_type='form', insecure_ssl='1',
                  active=False),
             hook(2, 'https://twice.example.com', secret=True),
             hook(5, 'https://twice.example.com')]
    assert hook_vars(hooks) == [
        dict(id=2, url='https://twice.example.com', events=['organization', 'user'], content_type='json',
             insecure_ssl=False, active=True),
        dict(id=5, url='https://twice.example.com', events=['organization', 'user'], content_type='json',
             insecure_ssl=False, active=True),
        dict(url='https://b.example.com', events=['fork', 'user'], content_type='form', insecure_ssl=True,
             active=False),
    ]


def test_no_exported_hook_has_a_secret_and_the_ones_with_one_are_listed():
    hooks = [hook(3, 'https://a.example.com', secret=True), hook(1, 'https://b.example.com'),
             hook(2, 'https://c.example.com', secret=True)]
    assert all('secret' not in entry for entry in hook_vars(hooks))
    assert secret_placeholders(hooks) == [
        dict(id=2, url='https://c.example.com', variable='vault_ghe_hook_secret_2'),
        dict(id=3, url='https://a.example.com', variable='vault_ghe_hook_secret_3'),
    ]


def test_organizations_by_login_with_an_empty_profile_name_for_none():
    orgs = [{'login': 'zeta', 'name': 'Zeta'}, {'login': 'Alpha'}, {'login': 'beta', 'name': ''},
            {'login': 'gamma', 'name': None}]
    assert org_vars(orgs) == [dict(name='Alpha', profile_name=''), dict(name='beta', profile_name=''),
                              dict(name='gamma', profile_name=''), dict(name='zeta', profile_name='Zeta')]


def test_users_split_by_suspension_without_ldap_users():
    users = [{'login': 'zed', 'suspended_at': None}, {'login': 'Bob', 'suspended_at': '2025-01-01T00:00:00Z'},
             {'login': 'amy', 'suspended_at': '2025-01-01T00:00:00Z'}, {'login': 'carl', 'suspended_at': None},
             {'login': 'dir', 'suspended_at': '2025-01-01T00:00:00Z', 'ldap_dn': 'uid=dir'},
             {'login': 'dir2', 'suspended_at': None, 'ldap_dn': 'uid=dir2'}]
    assert user_vars(users) == (['amy', 'Bob'], ['carl', 'zed'], ['dir'])
    assert user_vars([]) == ([], [], [])


def test_user_listing_holds_organizations_too():
    assert is_user_account({'login': 'a', 'type': 'User'})
    assert is_user_account({'login': 'a'})
    assert not is_user_account({'login': 'org', 'type': 'Organization'})


@pytest.fixture
def fake_ghe(fake_ghe):
    """The shared fake GheModule (tests/unit/conftest.py): what enterprise_info's readers use of GheModule."""
    return fake_ghe.defaults(concurrency=1, max_retries=0, fails_with=AssertionError)


def private(login, suspended=False, **extra):
    return dict(login=login, type='User', suspended_at='2025-01-01T00:00:00Z' if suspended else None, **extra)


def test_users_are_listed_through_every_page_then_read_one_by_one(fake_ghe):
    nxt = '<https://ghe.example.com/api/v3/users?per_page=100&since=7>; rel="next"'
    ghe = fake_ghe([
        response(200, [{'login': 'amy', 'type': 'User'}, {'login': 'eng', 'type': 'Organization'}], {'Link': nxt}),
        response(200, [{'login': 'bob', 'type': 'User'}, {'login': 'gone', 'type': 'User'}]),
        response(200, private('amy', site_admin=True)),
        response(200, private('bob', suspended=True)),
        response(404, {'message': 'Not Found'}),
    ])
    session = ghe.session
    counts = {}
    assert enterprise_info.read_users(ghe, counts) == dict(
        suspended_users=['bob'], unsuspended_users=['amy'], ldap_suspended_users=[], site_admins=['amy'],
        ldap_mappings=[])
    assert counts == dict(users=2, suspended_users=1, ldap_users=0, vanished=1)
    assert [call['url'] for call in session.calls] == [
        'https://ghe.example.com/api/v3/users', 'https://ghe.example.com/api/v3/users?per_page=100&since=7',
        'https://ghe.example.com/api/v3/users/amy', 'https://ghe.example.com/api/v3/users/bob',
        'https://ghe.example.com/api/v3/users/gone']
    assert session.calls[0]['params'] == {'per_page': 100}


def test_an_unreadable_user_fails_the_read_naming_it(fake_ghe):
    ghe = fake_ghe([response(200, [{'login': 'amy'}, {'login': 'bob'}]), response(200, private('amy')),
                    response(403, {'message': 'Forbidden'})])
    with pytest.raises(AssertionError, match=r'could not read 1 of 2 users \(bob\): GET /api/v3/users/bob'):
        enterprise_info.read_users(ghe, {})


def test_a_public_view_fails_the_read(fake_ghe):
    ghe = fake_ghe([response(200, [{'login': 'amy'}]), response(200, {'login': 'amy', 'type': 'User'})])
    with pytest.raises(AssertionError, match="token is not a site administrator's"):
        enterprise_info.read_users(ghe, {})


def test_organizations_are_read_one_by_one_for_their_display_name(fake_ghe):
    ghe = fake_ghe([response(200, [{'login': 'eng'}, {'login': 'ops'}]),
                    response(200, {'login': 'eng', 'name': 'Engineering'}), response(200, {'login': 'ops'})])
    session = ghe.session
    counts = {}
    assert enterprise_info.read_organizations(ghe, counts) == dict(
        organizations=[dict(name='eng', profile_name='Engineering'), dict(name='ops', profile_name='')])
    assert counts == dict(organizations=2, vanished=0)
    assert [call['url'] for call in session.calls][1:] == ['https://ghe.example.com/api/v3/orgs/eng',
                                                           'https://ghe.example.com/api/v3/orgs/ops']


def test_settings_vars_export_the_named_settings_and_a_placeholder_for_each_write_only_one():
    current = dict(private_mode=False, syslog=dict(enabled=True, server='syslog.example.com:514'),
                   smtp=dict(enabled=True, address='smtp.example.com', password=None), ldap=dict(host='ldap'))
    exported, secrets = settings_vars(current, ['syslog', 'smtp', 'ldap.password', 'private_mode', 'no.such'])
    assert exported == dict(private_mode=False, syslog=dict(enabled=True, server='syslog.example.com:514'),
                            smtp=dict(enabled=True, address='smtp.example.com'))
    assert secrets == [dict(name='ldap.password', variable='vault_ghe_settings_ldap_password'),
                       dict(name='smtp.password', variable='vault_ghe_settings_smtp_password')]


@pytest.mark.parametrize('nodes, expected', [
    ([dict(hostname='a', status='off')], dict(enabled=False)),
    ([dict(hostname='a', status='on', ip_exception_list=['192.0.2.0/24'], maintenance_mode_message='Upgrade')],
     dict(enabled=True, ip_exception_list=['192.0.2.0/24'], maintenance_message='Upgrade')),
    ([dict(hostname='a', status='scheduled', scheduled_time='2030-01-31T22:00:00+00:00')],
     dict(enabled=True, when='2030-01-31T22:00:00Z', ip_exception_list=[], maintenance_message='')),
])
def test_maintenance_vars(nodes, expected):
    assert maintenance_vars(nodes) == expected
