# -*- coding: utf-8 -*-
"""ghe.admin.encryption_info against the simulator: check mode, the disabled state, a job started by
ghe.admin.encryption_key polled until it finished (by id and by status URL), a failed job, and failures."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

import pytest
from ansible_collections.ghe.admin.tests.unit.conftest import SIM_USER_TOKEN

serialization = pytest.importorskip('cryptography.hazmat.primitives.serialization')
rsa = pytest.importorskip('cryptography.hazmat.primitives.asymmetric.rsa')

VAULT_ERROR = 'Failed to update the encryption at rest key: the key vault rejected the key.'


@pytest.fixture(scope='module')
def key():
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                 serialization.NoEncryption()).decode()


def test_check_mode_reads_the_same_state_with_the_same_one_get(sim_module):
    sim_module.ghes.reset({'encryption': {'enabled': True, 'updated_at': '2021-03-04T05:06:07.000Z'}})
    normal = sim_module('encryption_info', {})
    checked = sim_module('encryption_info', {}, check_mode=True)
    requests = sim_module.requests()
    assert checked['changed'] is False and not checked.get('failed') and not checked.get('skipped')
    assert checked['encryption'] == normal['encryption']
    assert normal['encryption']['updated_at'] == '2021-03-04T05:06:07Z'
    assert [(e['method'], e['path']) for e in requests] == [('GET', '/enterprise/encryption')] * 2


def test_everything_is_null_while_encryption_is_disabled(sim_module):
    sim_module.ghes.reset({'encryption': {'enabled': False}})
    result = sim_module('encryption_info', {})
    encryption = result['encryption']
    assert not encryption['enabled']
    assert encryption['updated_at'] is None and encryption['age_days'] is None
    assert encryption['primary_key_version'] is None


def test_a_job_started_without_waiting_is_polled_until_complete_and_stays_readable_by_its_status_url(sim_module, key):
    sim_module.ghes.reset({'encryption': {'enabled': False}, 'settings': {'job_polls': 3}})
    started = sim_module('encryption_key', dict(key=key, wait=False))
    assert started['job']['state'] == 'pending'
    request_id = started['job']['request_id']
    attempts = []
    for dummy in range(5):  # the documented `until: status.job.result != 'started'`, retries: 5
        status = sim_module('encryption_info', dict(request_id=request_id))
        attempts.append(status)
        if status['job']['result'] != 'started':
            break
    requests = sim_module.requests()
    state = sim_module.ghes.state
    assert len(attempts) == 3
    assert status['changed'] is False
    assert status['job'] == {'request_id': request_id, 'result': 'complete', 'error': None}
    assert status['encryption']['enabled']
    assert status['encryption']['primary_key_version'] == state['encryption']['primary_key_version']
    assert len([e for e in requests if e['method'] != 'GET']) == 1
    assert len([e for e in requests if e['path'].startswith('/enterprise/encryption/status/')]) == 3

    by_url = sim_module('encryption_info', dict(request_id=started['job']['status_url']))
    assert by_url['job']['request_id'] == request_id and by_url['job']['result'] == 'complete'


def test_a_failed_job_is_reported_not_raised(sim_module, key):
    sim_module.ghes.reset({'settings': {'job_polls': 1, 'fail_job_kinds': ['encryption']}})
    doomed = sim_module('encryption_key', dict(key=key, force=True, wait=False))
    result = sim_module('encryption_info', dict(request_id=doomed['job']['request_id']))
    assert not result.get('failed')
    assert result['job']['result'] == 'failed'
    assert result['job']['error'] == VAULT_ERROR


def test_an_unknown_request_id_fails_with_the_api_s_404(sim_module):
    result = sim_module('encryption_info', dict(request_id='00000000-0000-0000-0000-000000000000'))
    assert result['failed']
    assert re.match('reading the status of encryption job 00000000-0000-0000-0000-000000000000. '
                    'GET /api/v3/enterprise/encryption/status/', result['msg'])
    assert 'HTTP 404' in result['msg']
    assert [e['identity'] for e in sim_module.requests()] == ['ghe-admin']


def test_a_request_id_that_is_not_one_fails_before_any_request(sim_module):
    result = sim_module('encryption_info', dict(request_id='not an id!'))
    assert result['failed']
    assert result['msg'].startswith('request_id must be the id of an encryption job')
    assert sim_module.requests() == []


def test_an_ordinary_user_s_token_fails_saying_a_site_administrator_is_needed(sim_module):
    result = sim_module('encryption_info', dict(token=SIM_USER_TOKEN))
    requests = sim_module.requests()
    assert result['failed']
    assert 'site administrator' in result['msg'] or 'GitHub AE' in result['msg']
    assert [e['identity'] for e in requests] == ['octocat']
