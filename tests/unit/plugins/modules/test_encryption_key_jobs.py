# -*- coding: utf-8 -*-
"""ghe.admin.encryption_key: the requests that start a job are sent once; a lost answer is adopted or explained."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

serialization = pytest.importorskip('cryptography.hazmat.primitives.serialization')
rsa = pytest.importorskip('cryptography.hazmat.primitives.asymmetric.rsa')

OLD = {'updated_at': '2020-01-01T00:00:00Z', 'primary_key_version': 'p1', 'replica_key_version': 'r1',
       'backup_key_version': 'b1'}
NEW = {'updated_at': '2030-01-01T00:00:00Z', 'primary_key_version': 'p2', 'replica_key_version': 'r2',
       'backup_key_version': 'b2'}
OFF = dict((name, None) for name in OLD)
BAD_GATEWAY = {'message': 'Bad Gateway'}
STATUS_URL = 'https://ghe.example.com/api/v3/enterprise/encryption/status/r1'


@pytest.fixture(scope='module')
def key():
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                 serialization.NoEncryption()).decode()


def writes(run_module):
    return [sent for sent in run_module.sent if sent[0] != 'GET']


def test_an_accepted_update_returns_its_job_record(run_module, key):
    run_module.answers = [('GET', '/enterprise/encryption', 200, OLD),
                          ('PATCH', '/enterprise/encryption', 202, {'message': 'Started.', 'status_url': STATUS_URL})]
    result = run_module('encryption_key', dict(key=key, force=True))
    job = result['job']
    assert (job['kind'], job['state']) == ('encryption_update', 'pending')
    assert (job['request_id'], job['status_url']) == ('r1', STATUS_URL)
    assert job['requested'] == dict(state='present') and 'request_id: r1' in job['how_to_check']
    assert result['operation'] == 'updated' and result['encryption']['primary_key_version'] == 'p1'


def test_a_lost_update_answer_is_not_resent_and_is_adopted_when_the_key_changed(run_module, key):
    run_module.answers = [('GET', '/enterprise/encryption', 200, OLD), ('PATCH', '/enterprise/encryption', 502, BAD_GATEWAY),
                          ('GET', '/enterprise/encryption', 200, NEW)]
    result = run_module('encryption_key', dict(key=key, force=True), diff=True)
    assert not result.get('failed'), result.get('msg')
    assert len(writes(run_module)) == 1
    assert result['changed'] is True and result['job']['state'] == 'complete' and result['job']['request_id'] is None
    assert result['encryption']['primary_key_version'] == 'p2' and result['diff']['after'] == result['encryption']


def test_a_lost_update_answer_with_no_visible_change_fails_saying_what_may_be_running(run_module, key):
    run_module.answers = [('GET', '/enterprise/encryption', 200, OLD), ('PATCH', '/enterprise/encryption', 502, BAD_GATEWAY),
                          ('GET', '/enterprise/encryption', 200, OLD)]
    result = run_module('encryption_key', dict(key=key, force=True))
    assert result['failed'] and len(writes(run_module)) == 1
    assert result['msg'].startswith('the answer to PATCH /api/v3/enterprise/encryption was lost (')
    assert 'GitHub may be updating the key' in result['msg'] and 'Do not run this task again with force: true' in result['msg']
    assert 'BEGIN' not in result['msg']


def test_a_lost_disable_answer_is_adopted_when_encryption_is_off(run_module):
    run_module.answers = [('GET', '/enterprise/encryption', 200, OLD), ('DELETE', '/enterprise/encryption', 502, BAD_GATEWAY),
                          ('GET', '/enterprise/encryption', 200, OFF)]
    result = run_module('encryption_key', dict(state='absent', confirm='ghe.example.com'))
    assert not result.get('failed') and len(writes(run_module)) == 1
    assert result['job']['kind'] == 'encryption_disable' and result['job']['state'] == 'complete'
    assert result['encryption']['enabled'] is False and result['operation'] == 'deleted'


@pytest.mark.parametrize('current, args, operation', [
    (OFF, dict(force=False), 'created'),
    (OLD, dict(force=True), 'updated'),
    (NEW, dict(max_age_days=36500), 'none'),
])
def test_check_mode_says_which_operation_a_key_upload_would_be(run_module, key, current, args, operation):
    run_module.answers = [('GET', '/enterprise/encryption', 200, current)]
    result = run_module('encryption_key', dict(args, key=key), check_mode=True)
    assert result['operation'] == operation and result['changed'] is (operation != 'none')
    assert 'diff' not in result and writes(run_module) == []


def test_disabling_in_check_mode_is_deleted_and_disabled_is_none(run_module):
    run_module.answers = [('GET', '/enterprise/encryption', 200, OLD)]
    result = run_module('encryption_key', dict(state='absent', confirm='ghe.example.com'), check_mode=True)
    assert (result['changed'], result['operation']) == (True, 'deleted')
    run_module.answers = [('GET', '/enterprise/encryption', 200, OFF)]
    result = run_module('encryption_key', dict(state='absent', confirm='ghe.example.com'))
    assert (result['changed'], result['operation']) == (False, 'none') and writes(run_module) == []
