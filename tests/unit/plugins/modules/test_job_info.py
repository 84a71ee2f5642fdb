# -*- coding: utf-8 -*-
"""ghe.admin.job_info: checks or waits for one job record, where it runs, with the connection it is given."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

import pytest

from ansible_collections.ghe.admin.plugins.module_utils import jobs
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import FakeClock

ORG = dict(login='new', id=7, name='New', url='https://ghe.example.com/api/v3/orgs/new')
NOT_FOUND = {'message': 'Not Found'}


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(time, 'sleep', fake.sleep)
    monkeypatch.setattr(time, 'monotonic', fake.time)
    return fake


def test_one_check_of_a_pending_job(run_module):
    run_module.answers = [('GET', '/api/v3/orgs/new', 404, NOT_FOUND)]
    result = run_module('job_info', dict(job=jobs.org_rename_job('old', 'new')))
    assert not result.get('failed') and result['changed'] is False
    assert result['job']['state'] == 'pending' and result['outcome'] is None


def test_waits_until_complete_and_returns_the_outcome(run_module, clock):
    run_module.answers = [('GET', '/api/v3/orgs/new', 404, NOT_FOUND), ('GET', '/api/v3/orgs/new', 200, ORG)]
    result = run_module('job_info', dict(job=jobs.org_rename_job('old', 'new'), wait=True, poll_interval=2))
    assert result['job']['state'] == 'complete' and result['job']['polls'] == 2
    assert result['outcome'] == dict(login='new', id=7, profile_name='New', url=ORG['url'])
    assert clock.sleeps == [2.0]


def test_a_timeout_fails_saying_what_is_pending_and_how_to_check(run_module, clock):
    run_module.answers = [('GET', '/api/v3/orgs/gone', 200, ORG)] * 3
    result = run_module('job_info', dict(job=jobs.org_delete_job('gone'), wait=True, wait_timeout=10, poll_interval=5))
    assert result['failed'] is True
    assert result['msg'].startswith('deletion of organization gone still pending after 10 s (3 polls). It may still '
                                    'complete: GET /orgs/gone answers 404 once GitHub has deleted the organization')
    assert result['job']['state'] == 'pending' and result['job']['polls'] == 3


def test_a_failed_job_fails_with_its_error(run_module, clock):
    job = jobs.encryption_job({'status_url': 'https://ghe.example.com/api/v3/enterprise/encryption/status/r1'},
                              'encryption_update')
    run_module.answers = [('GET', '/enterprise/encryption/status/r1', 200, {'result': 'failed', 'error': 'vault down'})]
    result = run_module('job_info', dict(job=job, wait=True))
    assert result['failed'] and result['msg'] == 'update of the encryption at rest key (request r1) failed: vault down'
    assert result['job']['state'] == 'failed'


@pytest.mark.parametrize('args, message', [
    (dict(job=dict(kind='rename', login='x')), "job is not a job record returned by a ghe.admin module (kind 'rename'"),
    (dict(job=jobs.org_delete_job('x'), wait_timeout=0), 'wait_timeout must be a positive number of seconds'),
])
def test_bad_input_fails_before_any_request(run_module, args, message):
    result = run_module('job_info', args)
    assert result['failed'] and message in result['msg'] and run_module.sent == []


def test_the_connection_comes_from_where_the_module_runs(run_module, monkeypatch):
    monkeypatch.setenv('GHE_API_URL', 'https://where-the-module-runs.example.com')
    monkeypatch.setenv('GHE_TOKEN', 'ghp_remote00000000000000000000000000000')
    run_module.answers = [('GET', '/orgs/new', 200, ORG)]
    result = run_module('job_info', dict(job=jobs.org_rename_job('old', 'new')), connection=False)
    assert result['job']['state'] == 'complete'
    assert run_module.sent == [('GET', 'https://where-the-module-runs.example.com/api/v3/orgs/new')]


def test_without_a_connection_it_says_which_option_is_missing(run_module):
    result = run_module('job_info', dict(job=jobs.org_delete_job('x')), connection=False)
    assert result['failed'] and result['msg'].startswith('api_url is required') and run_module.sent == []
