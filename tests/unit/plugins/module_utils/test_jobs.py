# -*- coding: utf-8 -*-
"""The job model: one record shape, one registry of checks by kind, one wait."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils import jobs
from ansible_collections.ghe.admin.plugins.module_utils.client import Client
from ansible_collections.ghe.admin.plugins.module_utils.waiter import JobFailed, WaitTimeout
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import FakeClock, FakeSession, response

API = 'https://ghe.example.com/api/v3'
TOKEN = 'ghp_unit0test0token00000000000000000000'
STATUS = API + '/enterprise/encryption/status/r1'
STARTED = {'result': 'started', 'error': None}
ENABLED = {'updated_at': '2030-01-01T00:00:00Z', 'primary_key_version': 'p2', 'replica_key_version': 'r2',
           'backup_key_version': 'b2'}


def client(*answers):
    return Client(API, token=TOKEN, session=FakeSession(*answers))


def missing():
    return response(404, {'message': 'Not Found'})


def update_job():
    return jobs.encryption_job({'message': 'Started.', 'status_url': STATUS}, 'encryption_update')


def every_kind():
    return [jobs.org_rename_job('a', 'b', API + '/organizations/7'), jobs.org_delete_job('c'),
            jobs.user_rename_job('d', 'e', API + '/user/9'), update_job(),
            jobs.encryption_job({'status_url': STATUS}, 'encryption_disable')]


@pytest.mark.parametrize('job', every_kind(), ids=lambda job: job['kind'])
def test_every_job_has_the_same_record_shape_and_a_registered_check(job):
    assert job['state'] == 'pending'
    assert set(job) >= {'kind', 'state', 'description', 'requested', 'how_to_check'}
    assert job['kind'] in jobs.KINDS and jobs.connection_of(job) is jobs.CONNECTIONS['api']
    assert 'ghe.admin.job_info' in job['how_to_check']


def test_records_keep_their_details():
    rename = jobs.org_rename_job('a', 'b', 'u')
    assert rename['description'] == 'rename of organization a to b'
    assert rename['requested'] == dict(name='b', rename_from='a')
    assert (rename['login'], rename['old_login'], rename['url']) == ('b', 'a', 'u')
    assert rename['how_to_check'].startswith('GET /orgs/b answers 200 once GitHub has renamed the organization')
    assert jobs.user_rename_job('d', 'e')['new_login'] == 'e'
    update = update_job()
    assert update['description'] == 'update of the encryption at rest key (request r1)'
    assert (update['request_id'], update['status_url'], update['message']) == ('r1', STATUS, 'Started.')
    assert 'request_id: r1' in update['how_to_check']
    lost = jobs.encryption_job(None, 'encryption_update')
    assert lost['request_id'] is None and lost['description'].endswith('(request id unknown)')


def test_an_unknown_record_is_refused():
    with pytest.raises(jobs.UnknownJob, match="kind 'rename'; known kinds: .*encryption_update, .*org_rename"):
        jobs.kind_of(dict(kind='rename'))
    with pytest.raises(jobs.UnknownJob):
        jobs.kind_of('not a dict')


def test_organization_checks_poll_the_login_that_shows_the_outcome():
    c = client(missing(), response(200, dict(login='b', id=7, name='B')), response(200, dict(login='c')), missing())
    rename, delete = jobs.org_rename_job('a', 'b'), jobs.org_delete_job('c')
    assert jobs.check(c, rename) is None and rename['state'] == 'pending'
    assert jobs.check(c, rename)['profile_name'] == 'B' and rename['state'] == 'complete'
    assert jobs.check(c, delete) is None
    assert jobs.check(c, delete) == {} and delete['state'] == 'complete'
    assert [call['url'] for call in c.session.calls] == [API + '/orgs/b'] * 2 + [API + '/orgs/c'] * 2


def test_a_user_rename_is_done_when_the_new_login_answers_with_exactly_that_login():
    c = client(missing(), response(200, dict(login='E', id=9)), response(200, dict(login='e', id=9)))
    job = jobs.user_rename_job('d', 'e')
    assert jobs.check(c, job) is None and jobs.check(c, job) is None
    assert jobs.check(c, job)['login'] == 'e' and job['state'] == 'complete'


def test_an_encryption_update_is_done_when_its_status_says_so_and_then_reads_the_new_state():
    c = client(response(200, STARTED), response(200, {'result': 'complete', 'error': None}), response(200, ENABLED))
    job = update_job()
    clock = FakeClock()
    outcome = jobs.wait(c, job, 60, 5, sleep=clock.sleep, now=clock.time)
    assert outcome['primary_key_version'] == 'p2' and outcome['enabled'] is True
    assert job['state'] == 'complete' and job['polls'] == 2 and job['result'] == 'complete'
    assert [call['url'] for call in c.session.calls] == [STATUS, STATUS, API + '/enterprise/encryption']
    assert clock.sleeps == [5]


def test_a_disable_needs_no_extra_read():
    c = client(response(200, {'result': 'complete', 'error': None}))
    job = jobs.encryption_job({'status_url': STATUS}, 'encryption_disable')
    assert jobs.check(c, job)['enabled'] is False and len(c.session.calls) == 1


def test_the_token_never_goes_to_another_host():
    c = client()
    job = update_job()
    assert jobs.encryption_status_location(c, job) == STATUS
    job['status_url'] = 'https://octocoders.github.io/api/v3/enterprise/encryption/status/r1'
    assert jobs.encryption_status_location(c, job) == 'enterprise/encryption/status/r1'


def test_a_failed_job_raises_what_failed_and_why_and_marks_the_record():
    c = client(response(200, STARTED), response(200, {'result': 'failed', 'error': 'the key vault rejected the key'}))
    job = update_job()
    clock = FakeClock()
    with pytest.raises(JobFailed) as info:
        jobs.wait(c, job, 60, 1, sleep=clock.sleep, now=clock.time)
    assert str(info.value) == ('update of the encryption at rest key (request r1) failed: '
                               'the key vault rejected the key')
    assert job['state'] == 'failed' and job['error'] == 'the key vault rejected the key' and job['polls'] == 2


def test_a_timeout_says_what_is_pending_and_how_to_check_it_later():
    c = client(*[missing() for dummy in range(5)])
    job = jobs.org_rename_job('a', 'b')
    clock = FakeClock()
    with pytest.raises(WaitTimeout) as info:
        jobs.wait(c, job, 10, 4, sleep=clock.sleep, now=clock.time)
    assert str(info.value) == ('rename of organization a to b still pending after 10 s (4 polls). It may still '
                               'complete: %s' % job['how_to_check'])
    assert job['state'] == 'pending' and job['polls'] == 4 and clock.sleeps == [4, 4, 2]


def test_connection_options_are_those_of_every_connection():
    names = jobs.connection_option_names()
    assert {'api_url', 'token', 'validate_certs', 'ca_path', 'timeout', 'api_version'} <= names
    assert 'job' not in names and 'wait' not in names


def test_the_api_connection_problems_come_before_any_request():
    assert 'api_url is required' in jobs.api_problem(dict(token='x'))
    assert 'token is required' in jobs.api_problem(dict(api_url='https://ghe.example.com'))
    assert 'absolute http(s) URL' in jobs.api_problem(dict(api_url='ghe.example.com', token='x'))
    assert jobs.api_problem(dict(api_url='https://ghe.example.com', token='x', api_version='2022-11-28')) is None
