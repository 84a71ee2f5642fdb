# -*- coding: utf-8 -*-
"""ghe.admin.encryption_key against the simulator: the key kept or rotated, enabling, waiting and not waiting, failed
and endless jobs, refused and repeated disables, lost answers, and an ordinary user's token.

A task runs the action plugin (plugins/action/encryption_key.py): it runs the module, then waits for the job the
module started with ghe.admin.job_info, and merges the two results (that merge is tested in
tests/unit/plugins/action/test_job_actions.py). ``run_task`` (tests/unit/conftest.py) runs the same two modules
against the simulator and returns both results: the module's, and job_info's (None when the action would not wait)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json

import pytest
from ansible_collections.ghe.admin.tests.unit.conftest import SIM_USER_TOKEN, run_task

serialization = pytest.importorskip('cryptography.hazmat.primitives.serialization')
rsa = pytest.importorskip('cryptography.hazmat.primitives.asymmetric.rsa')

OLD_PRIMARY = '9b24a469887e416787173383958c6fb9'
LONG_AGO = {'encryption': {'enabled': True, 'updated_at': '2020-01-01T00:00:00Z'}}
VAULT_ERROR = 'Failed to update the encryption at rest key: the key vault rejected the key.'


@pytest.fixture(scope='module')
def key():
    """A 2048 bit RSA key in PKCS#8, made for this run."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode()


def sha256(key_text):
    return hashlib.sha256(key_text.strip().encode()).hexdigest()


def key_line(key_text):
    """A line of the key's body: it must appear in no result."""
    return key_text.splitlines()[1]


def methods(requests):
    return [entry['method'] for entry in requests]


def test_a_key_without_force_or_max_age_days_is_kept_with_one_read(sim_module, key):
    sim_module.ghes.reset(LONG_AGO)
    result, waited = run_task(sim_module, 'encryption_key', dict(key=key))
    requests = sim_module.requests()
    assert waited is None
    assert not result.get('failed') and result['changed'] is False
    assert 'job' not in result
    assert 'neither force nor max_age_days' in result['reason']
    assert methods(requests) == ['GET']
    encryption = result['encryption']
    assert encryption['enabled'] and encryption['primary_key_version'] == OLD_PRIMARY
    assert encryption['updated_at'] == '2020-01-01T00:00:00Z' and encryption['age_days'] > 2000


def test_a_forced_rotation_with_a_pkcs1_key_uploads_that_key(sim_module, key):
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pkcs1 = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                  serialization.NoEncryption()).decode()
    sim_module.ghes.reset(LONG_AGO)
    result, waited = run_task(sim_module, 'encryption_key', dict(key=pkcs1, force=True, poll_interval=0.1))
    writes = sim_module.writes()
    state = sim_module.ghes.state
    assert not result.get('failed') and result['changed'] is True
    assert result['reason'] == 'force is true'
    assert not waited.get('failed') and waited['job']['state'] == 'complete'
    assert [(w['method'], w['path']) for w in writes] == [('PATCH', '/enterprise/encryption')]
    assert state['encryption']['key_sha256'] == sha256(pkcs1)
    assert waited['outcome']['primary_key_version'] == state['encryption']['primary_key_version'] != OLD_PRIMARY
    assert key_line(pkcs1) not in json.dumps([result, waited])


def test_a_rotation_not_waited_on_starts_the_job_and_does_not_poll(sim_module, key):
    sim_module.ghes.reset(LONG_AGO)
    result, waited = run_task(sim_module, 'encryption_key', dict(key=key, force=True, wait=False))
    requests = sim_module.requests()
    state = sim_module.ghes.state
    assert waited is None
    assert result['changed'] is True and not result.get('failed')
    assert result['job']['state'] == 'pending' and 'polls' not in result['job']
    assert methods(requests) == ['GET', 'PATCH']
    job = [j for j in state['jobs'] if j['id'] == result['job']['request_id']][0]
    assert job['status'] == 'started'
    assert state['encryption'].get('key_sha256') != sha256(key)


def test_a_key_given_while_encryption_is_disabled_enables_it(sim_module, key):
    sim_module.ghes.reset({'encryption': {'enabled': False}})
    result, waited = run_task(sim_module, 'encryption_key', dict(key=key, poll_interval=0.1))
    writes = sim_module.writes()
    state = sim_module.ghes.state
    assert result['changed'] is True and not result.get('failed')
    assert result['reason'] == 'encryption at rest is not enabled'
    assert not waited.get('failed') and waited['job']['state'] == 'complete'
    assert len(writes) == 1
    assert state['encryption']['enabled'] and waited['outcome']['enabled']
    assert waited['outcome']['primary_key_version'] == state['encryption']['primary_key_version']


def test_a_job_the_key_vault_fails_fails_the_wait_with_its_error_and_the_key_is_unchanged(sim_module, key):
    sim_module.ghes.reset({'settings': {'fail_job_kinds': ['encryption']}})
    result, waited = run_task(sim_module, 'encryption_key', dict(key=key, force=True, poll_interval=0.1))
    requests = sim_module.requests()
    state = sim_module.ghes.state
    job = waited['job']
    assert result['changed'] is True and result['job']['state'] == 'pending'
    assert waited['failed']
    assert waited['msg'] == ('update of the encryption at rest key (request %s) failed: %s' % (job['request_id'], VAULT_ERROR))
    assert job['state'] == 'failed' and job['error'] == VAULT_ERROR
    assert methods(requests) == ['GET', 'PATCH', 'GET', 'GET']
    assert state['jobs'][0]['status'] == 'failed'
    assert state['encryption']['primary_key_version'] == OLD_PRIMARY
    assert result['encryption']['primary_key_version'] == OLD_PRIMARY
    assert key_line(key) not in json.dumps([result, waited])


def test_a_job_that_never_finishes_times_out_saying_which_request_is_pending_and_how_to_check(sim_module, key):
    sim_module.ghes.reset({'settings': {'job_polls': -1}})
    result, waited = run_task(sim_module, 'encryption_key', dict(key=key, force=True, wait_timeout=1.5, poll_interval=0.1))
    requests = sim_module.requests()
    job = waited['job']
    assert result['changed'] is True
    assert waited['failed']
    assert job['state'] == 'pending' and job['polls'] >= 2
    assert waited['msg'].startswith('update of the encryption at rest key (request %s) still pending after 1.5 s'
                                    % job['request_id'])
    assert ('ghe.admin.encryption_info with request_id: ' + job['request_id']) in waited['msg']
    assert len([e for e in requests if e['method'] != 'GET']) == 1
    assert len([e for e in requests if e['path'].startswith('/enterprise/encryption/status/')]) == job['polls']
    assert sim_module.ghes.state['jobs'][0]['status'] == 'started'


def api_host(sim_module):
    return sim_module.ghes.api_url.split('//', 1)[1].split('/', 1)[0]


def test_disabling_is_refused_before_any_request_unless_confirm_names_the_host_and_port(sim_module):
    no_confirm = sim_module('encryption_key', dict(state='absent'))
    wrong_confirm = sim_module('encryption_key', dict(state='absent', confirm='ghe.example.com'))
    no_port_confirm = sim_module('encryption_key', dict(state='absent', confirm=api_host(sim_module).rsplit(':', 1)[0]))
    assert sim_module.requests() == []
    assert no_confirm['failed'] and not no_confirm.get('changed')
    assert ('set confirm: %s to proceed (got nothing)' % api_host(sim_module)) in no_confirm['msg']
    assert 'freezes the enterprise' in no_confirm['msg']
    assert wrong_confirm['failed'] and "(got 'ghe.example.com')" in wrong_confirm['msg']
    assert no_port_confirm['failed']
    assert sim_module.ghes.state['encryption']['enabled']


def test_disabling_in_check_mode_shows_the_diff_and_writes_nothing(sim_module):
    result, waited = run_task(sim_module, 'encryption_key', dict(state='absent', confirm=api_host(sim_module)), check_mode=True, diff=True)
    requests = sim_module.requests()
    assert waited is None
    assert result['changed'] is True and 'job' not in result
    assert methods(requests) == ['GET']
    assert result['diff']['before']['enabled'] and not result['diff']['after']['enabled']
    assert result['diff']['after']['primary_key_version'] is None
    assert sim_module.ghes.state['encryption']['enabled']


def test_disabling_again_when_disabled_is_no_change_and_no_write(sim_module):
    sim_module.ghes.reset({'encryption': {'enabled': False}})
    result, waited = run_task(sim_module, 'encryption_key', dict(state='absent', confirm=api_host(sim_module)))
    requests = sim_module.requests()
    assert waited is None
    assert result['changed'] is False and not result.get('failed')
    assert result['reason'] == 'encryption at rest is already disabled'
    assert methods(requests) == ['GET']


def test_a_lost_update_answer_is_adopted_when_the_key_versions_show_the_update(sim_module, key):
    sim_module.ghes.reset(dict(LONG_AGO, settings={'job_polls': 0}))
    sim_module.ghes.add_fault(method='PATCH', path='^/enterprise/encryption$', phase='after', action='drop')
    result, waited = run_task(sim_module, 'encryption_key', dict(key=key, force=True), diff=True)
    requests = sim_module.requests()
    writes = [e for e in requests if e['method'] != 'GET']
    state = sim_module.ghes.state
    assert waited is None
    assert result['changed'] is True and not result.get('failed')
    assert len(writes) == 1 and writes[0]['status'] is None
    assert methods(requests) == ['GET', 'PATCH', 'GET']
    assert len(state['jobs']) == 1
    job = result['job']
    assert (job['kind'], job['state'], job['request_id']) == ('encryption_update', 'complete', None)
    assert result['encryption']['primary_key_version'] == state['encryption']['primary_key_version'] != OLD_PRIMARY
    assert result['diff']['after'] == result['encryption']


def test_a_lost_update_answer_while_the_job_runs_fails_saying_a_key_update_may_be_running(sim_module, key):
    sim_module.ghes.reset(LONG_AGO)
    sim_module.ghes.add_fault(method='PATCH', path='^/enterprise/encryption$', phase='after', status=502)
    result, waited = run_task(sim_module, 'encryption_key', dict(key=key, force=True))
    writes = sim_module.writes()
    assert waited is None and result['failed']
    assert len(writes) == 1
    assert result['msg'].startswith('the answer to PATCH /api/v3/enterprise/encryption was lost (')
    assert 'GitHub may be updating the key' in result['msg']
    assert 'ghe.admin.encryption_info' in result['msg']
    assert 'Do not run this task again with force: true' in result['msg']


def test_an_ordinary_user_s_token_fails_with_the_api_s_404_explained(sim_module, key):
    result, waited = run_task(sim_module, 'encryption_key', dict(key=key, force=True, token=SIM_USER_TOKEN))
    assert waited is None and result['failed']
    assert 'HTTP 404' in result['msg']
    assert 'site administrator' in result['msg'] or 'GitHub AE' in result['msg']
    assert key_line(key) not in json.dumps(result)
