# -*- coding: utf-8 -*-
"""The Manage modules run through main(): bad input fails before any request; gates, check mode and diffs."""
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64

import pytest

MANAGE = 'https://ghe.example.com:8443'
PASSWORD = 'root-Passw0rd!'
LICENSE = base64.b64encode(b'-----BEGIN PGP MESSAGE-----\n\nhQEMA\n-----END PGP MESSAGE-----\n').decode()
KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh1YmJ5b2N0b2NhdGxhcHRvcGtleTAwMDAwMDAwMDE= admin@example.com'
HEALTHY = {'status': 'OK', 'nodes': [{'hostname': 'ghe-primary', 'status': 'OK', 'services': []}]}
SICK = {'status': 'CRITICAL', 'nodes': [{'hostname': 'ghe-replica', 'status': 'CRITICAL', 'services': [
    {'name': 'mysql', 'status': 'CRITICAL', 'details': 'replication is not running'}]}]}


def run(run_module, name, args, **kwargs):
    full = dict(manage_url=MANAGE, manage_password=PASSWORD)
    full.update(args)
    return run_module(name, full, connection=False, **kwargs)


BAD = [
    ('maintenance', dict(enabled=True, when='next tuesday'), 'when must be now or an ISO 8601 instant'),
    ('maintenance', dict(enabled=True, when='2030-02-30T10:00:00Z'), 'when must be now or an ISO 8601 instant'),
    ('maintenance', dict(enabled=False, when='2030-01-01T10:00:00Z'), 'when can only be used with enabled: true'),
    ('maintenance', dict(enabled=True, ip_exception_list=['10.0.0.1', 'office']), "ip_exception_list: 'office' is not"),
    ('maintenance', dict(enabled=True, ip_exception_list=['10.0.0.0/33']), 'ip_exception_list'),
    ('maintenance', dict(enabled=True, manage_password=None), 'manage_password is required'),
    ('maintenance', dict(enabled=True, manage_url='ghe.example.com:8443'), 'manage_url must be an absolute'),
    ('maintenance', dict(enabled=True, manage_url=None), 'manage_url is required'),
    ('maintenance', dict(enabled=True, wait_timeout=0), 'wait_timeout must be a positive number'),
    ('config_settings', dict(settings='private_mode=true'), 'settings'),
    ('config_settings', dict(settings={}), 'settings must be a non-empty dictionary'),
    ('config_settings', dict(settings={'configuration_id': 3}), 'configuration_id cannot be set'),
    ('config_settings', dict(settings={'private_mode': True}, update_secrets='sometimes'), 'update_secrets'),
    ('config_settings', dict(settings={'private_mode': True}, manage_password=''), 'manage_password is required'),
    ('config_apply', dict(run_id=' '), 'run_id must not be empty'),
    ('config_apply', dict(manage_url='ftp://ghe.example.com'), 'manage_url must be an absolute'),
    ('license', dict(path='x.ghl'), 'path is read on the controller'),
    ('license', dict(path='x.ghl', content=base64.b64encode(b'-----BEGIN CERTIFICATE-----\n').decode()), 'is a PEM file'),
    ('license', dict(path='x.ghl', content=base64.b64encode(b'').decode()), 'is empty'),
    ('management_ssh_key', dict(key='not a key'), 'key is not an OpenSSH public key line'),
    ('management_ssh_key', dict(key=KEY, state='gone'), 'state'),
    ('manage_info', dict(gather=['everything']), 'gather'),
]


@pytest.mark.parametrize('name, args, says', BAD, ids=['%s-%s' % (case[0], '-'.join(sorted(case[1]))) for case in BAD])
def test_bad_input_fails_before_any_request(run_module, name, args, says):
    result = run(run_module, name, args)
    assert result.get('failed'), result
    assert says in result['msg'], result['msg']
    assert run_module.sent == []
    assert PASSWORD not in str(result)


def test_settings_check_mode_and_diff_mask_secrets(run_module):
    run_module.answers = [
        ('GET', '/manage/v1/config/settings', 200, {'smtp': {'address': 'old.example.com', 'enabled': True}}),
        ('GET', '/manage/v1/replication/status', 200, HEALTHY),
        ('GET', '/manage/v1/cluster/status', 200, HEALTHY),
    ]
    result = run(run_module, 'config_settings', dict(settings={'smtp': {'address': 'new.example.com', 'password': 'hunter22x'}}),
                 check_mode=True, diff=True)
    assert result['changed'] is True
    assert result['changes'] == ['smtp.address'] and result['secrets_sent'] == ['smtp.password']
    assert result['diff']['after'] == {'smtp': {'address': 'new.example.com', 'password': '********'}}
    assert 'hunter22x' not in str(result)
    assert [m for m, url in run_module.sent] == ['GET', 'GET', 'GET']


def test_an_unhealthy_node_is_refused_with_zero_writes(run_module):
    run_module.answers = [
        ('GET', '/manage/v1/config/settings', 200, {'private_mode': False}),
        ('GET', '/manage/v1/replication/status', 200, SICK),
        ('GET', '/manage/v1/cluster/status', 200, HEALTHY),
    ]
    result = run(run_module, 'config_settings', dict(settings={'private_mode': True}))
    assert result['failed']
    assert 'ghe-replica is CRITICAL in replication status (mysql CRITICAL: replication is not running)' in result['msg']
    assert [m for m, url in run_module.sent] == ['GET', 'GET', 'GET']


def test_config_apply_is_refused_on_an_unhealthy_node(run_module):
    run_module.answers = [('GET', '/replication/status', 200, HEALTHY), ('GET', '/cluster/status', 200, SICK)]
    result = run(run_module, 'config_apply', {})
    assert result['failed'] and 'ghe-replica is CRITICAL in cluster status' in result['msg']


def test_config_apply_starts_a_run_with_a_job(run_module):
    run_module.answers = [('GET', '/replication/status', 200, HEALTHY), ('GET', '/cluster/status', 200, HEALTHY),
                          ('POST', '/manage/v1/config/apply', 200, {'run_id': 'd34db33f'})]
    result = run(run_module, 'config_apply', dict(run_id='d34db33f', wait=False))
    assert result['changed'] is True
    assert result['job']['kind'] == 'config_apply' and result['job']['run_id'] == 'd34db33f'


def test_maintenance_already_on_is_no_change(run_module):
    run_module.answers = [('GET', '/manage/v1/maintenance', 200, [
        {'hostname': 'ghe-primary', 'uuid': 'u1', 'status': 'on', 'ip_exception_list': ['10.0.0.1/32']}])]
    result = run(run_module, 'maintenance', dict(enabled=True, ip_exception_list=['10.0.0.1']))
    assert result['changed'] is False and result['reasons'] == []


def test_maintenance_check_mode_sends_no_write(run_module):
    run_module.answers = [('GET', '/manage/v1/maintenance', 200, [{'hostname': 'ghe-primary', 'uuid': 'u1', 'status': 'off'}])]
    result = run(run_module, 'maintenance', dict(enabled=True, when='2030-01-31T22:00:00Z'), check_mode=True, diff=True)
    assert result['changed'] is True
    assert result['diff']['after']['ghe-primary']['status'] == 'scheduled'
    assert result['diff']['after']['ghe-primary']['scheduled_time'] == '2030-01-31T22:00:00Z'
    assert run_module.sent == [('GET', MANAGE + '/manage/v1/maintenance')]


def test_license_valid_without_reference_is_left_alone(run_module):
    run_module.answers = [('GET', '/config/license', 200, {'referenceNumber': 'abc'}),
                          ('GET', '/config/license/check', 200, {'status': 'valid'})]
    result = run(run_module, 'license', dict(path='x.ghl', content=LICENSE))
    assert result['changed'] is False


def test_ssh_key_present_by_fingerprint(run_module):
    run_module.answers = [('GET', '/manage/v1/access/ssh', 200, [{'key': KEY.rsplit(' ', 1)[0], 'fingerprint': 'aa:bb'}])]
    result = run(run_module, 'management_ssh_key', dict(key=KEY))
    assert result['changed'] is False
