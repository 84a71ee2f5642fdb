# -*- coding: utf-8 -*-
"""The Manage API's comparisons, parsing and client (plugins/module_utils/manage.py)."""
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
from datetime import datetime, timezone

import pytest

from ansible_collections.ghe.admin.plugins.module_utils import manage
from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT
from ansible_collections.ghe.admin.plugins.module_utils.waiter import JobFailed
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import FakeSession, response

KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh1YmJ5b2N0b2NhdGxhcHRvcGtleTAwMDAwMDAwMDE= admin@example.com'
PASSWORD = 'root-Passw0rd!'


def client(*script):
    return manage.ManageClient('https://ghe.example.com:8443', PASSWORD, session=FakeSession(*script),
                               sleep=lambda seconds: None)


# ----------------------------------------------------------------------------- connection

@pytest.mark.parametrize('manage_url, api_url, expected', [
    ('https://ghe.example.com:8443', None, 'https://ghe.example.com:8443/manage/v1'),
    ('https://ghe.example.com:8443/manage/v1/', None, 'https://ghe.example.com:8443/manage/v1'),
    (None, 'https://ghe.example.com/api/v3', 'https://ghe.example.com:8443/manage/v1'),
    (None, 'https://ghe.example.com', 'https://ghe.example.com:8443/manage/v1'),
])
def test_the_manage_url(manage_url, api_url, expected):
    assert manage.manage_base_url(manage_url, api_url) == expected


@pytest.mark.parametrize('params, says', [
    (dict(manage_url='ghe.example.com:8443', manage_password='x' * 8), 'manage_url must be an absolute http(s) URL'),
    (dict(manage_url='https://ghe.example.com:8443?a=1', manage_password='x' * 8), 'manage_url must not have a query'),
    (dict(manage_password='x' * 8), 'manage_url is required'),
    (dict(manage_url='https://ghe.example.com:8443'), 'manage_password is required'),
    (dict(manage_url='https://ghe.example.com:8443', manage_password=''), 'manage_password is required'),
])
def test_connection_problems_are_named(params, says):
    assert says in manage.manage_problem(params)


def test_basic_auth_with_the_password_which_never_appears_in_an_error():
    fake = client(response(401, {'message': 'Unauthorized: wrong password %s' % PASSWORD}))
    with pytest.raises(ApiError) as caught:
        fake.get('/version')
    sent = fake.session._session.calls[0]
    assert sent['headers']['Authorization'] == 'Basic ' + base64.b64encode(('api_key:' + PASSWORD).encode()).decode()
    assert sent['url'] == 'https://ghe.example.com:8443/manage/v1/version'
    assert PASSWORD not in str(caught.value)
    assert 'manage_password' in str(caught.value)


def test_a_licence_goes_as_multipart():
    fake = client(response(202))
    manage.write(fake, 'PUT', '/config/license', json=manage.Multipart(license=('enterprise.ghl', b'\x85data')),
                 repeat=IDEMPOTENT)
    sent = fake.session._session.calls[0]
    assert sent['json'] is None
    assert sent['files']['license'][:2] == ('enterprise.ghl', b'\x85data')


# ----------------------------------------------------------------------------- settings

CURRENT = {
    'private_mode': False,
    'smtp': {'enabled': True, 'address': 'smtp.example.com', 'port': '25', 'username': 'ghe'},
    'ldap': {'bind_dn': 'CN=Bind,OU=Service,DC=example,DC=com', 'base': ['ou=a,dc=example,dc=com', 'ou=b,dc=example,dc=com'],
             'user_groups': []},
}


def test_what_is_not_declared_is_left_alone():
    body, changes, secrets = manage.plan_settings({'private_mode': True}, CURRENT, 'on_change')
    assert body == {'private_mode': True}
    assert changes == [('private_mode',)]


def test_same_settings_are_no_change():
    declared = {'smtp': {'enabled': True, 'port': 25}, 'ldap': {'bind_dn': 'cn=bind, ou=service, dc=EXAMPLE, dc=com'}}
    assert manage.plan_settings(declared, CURRENT, 'on_change') == (None, [], [])


def test_dn_lists_are_sets_of_dns():
    declared = {'ldap': {'base': ['OU=B, DC=Example,DC=com', 'ou=a,dc=example,dc=com']}}
    assert manage.plan_settings(declared, CURRENT, 'on_change')[0] is None
    declared = {'ldap': {'base': ['ou=c,dc=example,dc=com']}}
    assert manage.plan_settings(declared, CURRENT, 'on_change')[1] == [('ldap', 'base')]


def test_normalize_dn():
    assert manage.normalize_dn(' CN=Admins , OU=Groups,DC=Example, dc=com ') == 'cn=admins,ou=groups,dc=example,dc=com'
    assert manage.normalize_dn('cn=a\\, b,dc=x') == 'cn=a\\, b,dc=x'


def test_a_secret_alone_is_never_compared_nor_sent():
    declared = {'smtp': {'password': 'hunter22'}}
    assert manage.plan_settings(declared, CURRENT, 'on_change') == (None, [], [])


def test_a_secret_goes_with_a_change_of_its_object():
    declared = {'smtp': {'address': 'mail.example.com', 'password': 'hunter22'}, 'ldap': {'password': 'other'}}
    body, changes, secrets = manage.plan_settings(declared, CURRENT, 'on_change')
    assert body == {'smtp': {'address': 'mail.example.com', 'password': 'hunter22'}}
    assert secrets == [('smtp', 'password')]


def test_update_secrets_always_sends_every_declared_secret():
    declared = {'smtp': {'password': 'hunter22'}, 'github_ssl': {'key': 'PEM'}, 'ldap': {'bind_dn': CURRENT['ldap']['bind_dn']}}
    body, changes, secrets = manage.plan_settings(declared, CURRENT, 'always')
    assert body == {'smtp': {'password': 'hunter22'}, 'github_ssl': {'key': 'PEM'}}
    assert changes == []


@pytest.mark.parametrize('path', [('smtp', 'password'), ('admin_password',), ('github_oauth', 'client_secret'),
                                  ('github_ssl', 'key'), ('customer', 'secret_key_data'), ('mapping', 'token'),
                                  ('snmp', 'community'), ('collectd', 'password')])
def test_write_only_settings(path):
    assert manage.is_secret(path)


def test_secrets_are_masked():
    masked = manage.masked_settings({'smtp': {'password': 'hunter22', 'address': 'a'}, 'ldap': {'password': None}})
    assert masked == {'smtp': {'password': '********', 'address': 'a'}, 'ldap': {'password': None}}


@pytest.mark.parametrize('settings, says', [
    ('private_mode=true', 'settings must be a non-empty dictionary'),
    ({}, 'settings must be a non-empty dictionary'),
    ({'configuration_run_count': 3}, 'configuration_run_count cannot be set'),
])
def test_bad_settings(settings, says):
    assert says in manage.settings_problem(settings)


# ----------------------------------------------------------------------------- maintenance

def node(status, **kwargs):
    return dict(dict(hostname='ghe-primary', status=status, ip_exception_list=['192.0.2.0/24', '10.0.0.1']), **kwargs)


def test_ip_exception_lists_are_sets_of_networks():
    assert manage.same_ip_set(['10.0.0.1', '192.0.2.0/24'], ['192.0.2.0/24', '10.0.0.1/32'])
    assert manage.same_ip_set(['2001:db8::/32'], ['2001:DB8::/32'])
    assert not manage.same_ip_set(['10.0.0.1'], ['10.0.0.2'])
    with pytest.raises(ValueError, match='not an IPv4 or IPv6 address'):
        manage.ip_network('10.0.0.300')


def test_when_parsing():
    assert manage.parse_when(None) is None
    assert manage.parse_when('now') is None
    assert manage.parse_when('2030-01-31T22:00:00+01:00') == datetime(2030, 1, 31, 21, 0, tzinfo=timezone.utc)
    for bad in ('tomorrow', '2030-02-30T00:00:00Z', '2030-01-01T00:00:00+25:00'):
        with pytest.raises(ValueError):
            manage.parse_when(bad)


def test_maintenance_comparisons():
    when = manage.parse_when('2030-01-31T22:00:00Z')
    ips = ['10.0.0.1/32', '192.0.2.0/24']
    assert manage.maintenance_differences([node('on')], True, None, ips, None) == []
    assert manage.maintenance_differences([node('off')], True, None, None, None) == ['ghe-primary is off, not on']
    scheduled = node('scheduled', scheduled_time='2030-01-31T23:00:00+01:00')
    assert manage.maintenance_differences([scheduled], True, when, ips, None) == []
    assert manage.maintenance_differences([node('on')], True, when, None, None) == []
    later = node('scheduled', scheduled_time='2030-02-01T22:00:00Z')
    assert manage.maintenance_differences([later], True, when, None, None)
    assert manage.maintenance_differences([node('on')], True, None, ['10.0.0.2'], None)
    assert manage.maintenance_differences([node('off')], False, None, ['10.9.9.9'], None) == []
    assert manage.maintenance_differences([scheduled], False, None, None, None) == ['ghe-primary is scheduled']


def test_maintenance_body():
    assert manage.maintenance_body(True, None, None, None) == {'enabled': True}
    when = manage.parse_when('2030-01-31T23:00:00+01:00')
    assert manage.maintenance_body(True, when, ['10.0.0.1'], 'Upgrade') == {
        'enabled': True, 'when': '2030-01-31T22:00:00Z', 'ip_exception_list': ['10.0.0.1'],
        'maintenance_mode_message': 'Upgrade'}
    assert manage.maintenance_body(False, None, ['10.0.0.1'], 'x') == {'enabled': False}


# ----------------------------------------------------------------------------- health, licence, keys

def test_unhealthy_nodes_are_named_with_their_services():
    replication = {'status': 'CRITICAL', 'nodes': [
        {'hostname': 'ghe-primary', 'status': 'OK', 'services': []},
        {'hostname': 'ghe-replica', 'status': 'CRITICAL', 'services': [
            {'name': 'mysql', 'status': 'CRITICAL', 'details': 'replication is not running'},
            {'name': 'git', 'status': 'OK', 'details': ''}]}]}
    found = manage.unhealthy_nodes(('replication', replication), ('cluster', None))
    assert manage.describe_unhealthy(found) == ('ghe-replica is CRITICAL in replication status '
                                                '(mysql CRITICAL: replication is not running)')
    assert manage.unhealthy_nodes(('cluster', {'status': 'OK', 'nodes': []})) == []


@pytest.mark.parametrize('data, says', [
    (b'', 'is empty'),
    (b'-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n', 'is a PEM file (BEGIN RSA PRIVATE KEY)'),
    (b'{"seats": 10}', 'is not a GitHub Enterprise licence file'),
    (b'PK\x03\x04zip', 'is not a GitHub Enterprise licence file'),
])
def test_what_is_not_a_licence(data, says):
    with pytest.raises(manage.InvalidLicense, match=says.replace('(', '\\(').replace(')', '\\)')):
        manage.check_license(data)


def test_licences():
    assert manage.check_license(b'-----BEGIN PGP MESSAGE-----\n\nhQEMA\n-----END PGP MESSAGE-----\n')
    assert manage.check_license(b'\x85\x01\x0cdata')


def test_ssh_keys_are_identified_by_fingerprint():
    assert manage.same_key(KEY, KEY.rsplit(' ', 1)[0] + ' another comment')
    assert manage.ssh_fingerprint(KEY).startswith('SHA256:')
    assert not manage.same_key(KEY, 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDFb3JtZXJlbXBsb3llZWtleWZvcnNpbXVsYXRvcnRlc3Rz')
    for bad in ('not a key', 'ssh-ed25519 !!!', 'ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIGh1YmJ5b2N0b2NhdGxhcHRvcGtleTAwMDAwMDAwMDE='):
        with pytest.raises(ValueError):
            manage.parse_ssh_key(bad)


# ----------------------------------------------------------------------------- configuration runs

def test_a_run_is_pending_then_complete():
    fake = client(response(200, {'running': True, 'successful': False, 'nodes': []}),
                  response(200, {'running': False, 'successful': True, 'nodes': [{'hostname': 'a', 'successful': True}]}))
    job = manage.config_run_job('d34db33f', 'test')
    assert job['kind'] == 'config_apply' and job['state'] == 'pending'
    assert manage.check_config_run(fake, job) is None
    assert manage.check_config_run(fake, job)['successful'] is True
    assert fake.session._session.calls[0]['params'] == {'run_id': 'd34db33f'}


def test_a_failed_run_names_its_nodes_and_last_errors():
    status = {'running': False, 'successful': False, 'nodes': [
        {'hostname': 'ghe-primary', 'running': False, 'successful': True},
        {'hostname': 'ghe-replica', 'running': False, 'successful': False}]}
    events = {'nodes': [{'node': 'ghe-replica', 'events': [
        {'config_run_id': 'd34db33f', 'severity_text': 'INFO', 'body': 'fine', 'timestamp': '1'},
        {'config_run_id': 'other', 'severity_text': 'ERROR', 'body': 'old run', 'timestamp': '2'},
        {'config_run_id': 'd34db33f', 'severity_text': 'ERROR', 'body': 'migrations failed', 'hostname': 'ghe-replica',
         'event_name': 'PhaseMigrations', 'timestamp': '3'}]}]}
    fake = client(response(200, status), response(200, events))
    job = manage.config_run_job('d34db33f', 'test')
    with pytest.raises(JobFailed) as caught:
        manage.check_config_run(fake, job)
    assert str(caught.value) == 'it failed on ghe-replica. Last errors: ghe-replica PhaseMigrations: migrations failed'
    assert job['failed_nodes'] == ['ghe-replica']


def test_a_lost_start_is_adopted_by_its_run_id():
    fake = client(response(502, {'message': 'Bad Gateway'}),
                  response(200, {'running': True, 'successful': False, 'nodes': [{'run_id': 'abc', 'hostname': 'a'}]}))
    job = manage.start_config_run(fake, 'abc')
    assert job['run_id'] == 'abc'
    assert [c['method'] for c in fake.session._session.calls] == ['POST', 'GET']


def test_a_lost_start_of_an_unknown_run_is_not_repeated():
    fake = client(response(502, {'message': 'Bad Gateway'}), response(200, {'running': False, 'successful': False, 'nodes': []}))
    with pytest.raises(ApiError, match='may still start'):
        manage.start_config_run(fake, 'abc')
    assert [c['method'] for c in fake.session._session.calls] == ['POST', 'GET']


def test_a_number_for_a_string_setting_is_sent_as_a_string():
    body = manage.plan_settings({'smtp': {'port': 587}, 'ldap': {'port': 389}}, {'smtp': {'port': '25'}, 'ldap': {'port': 0}},
                                'on_change')[0]
    assert body == {'smtp': {'port': '587'}, 'ldap': {'port': 389}}
