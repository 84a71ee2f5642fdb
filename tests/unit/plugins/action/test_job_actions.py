# -*- coding: utf-8 -*-
"""Every job-starting action: run the module, then wait with ghe.admin.job_info where the module ran, with the
module's connection options; typed wait options; check mode and wait: false never wait."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils import jobs
from ansible_collections.ghe.admin.plugins.plugin_utils.job_action import merge_wait

API = 'https://ghe.example.com'
TOKEN = 'ghp_unit0test0token00000000000000000000'
CONNECTION = dict(api_url=API, token=TOKEN, validate_certs=False, timeout=7)
ORG = dict(login='new', id=7, profile_name='New', url=API + '/api/v3/orgs/new')
USER = dict(login='new', id=9, name=None, email=None, site_admin=False, suspended_at=None, ldap_dn=None,
            html_url=None, created_at=None)
ENCRYPTION = dict(enabled=True, updated_at='2030-01-01T00:00:00Z', age_days=0, primary_key_version='p2',
                  replica_key_version='r2', backup_key_version='b2')
OLD_ENCRYPTION = dict(ENCRYPTION, updated_at='2020-01-01T00:00:00Z', primary_key_version='p1')
STATUS = API + '/api/v3/enterprise/encryption/status/r1'

CASES = {
    'organization': (dict(name='new', rename_from='old'), jobs.org_rename_job('old', 'new'), 'organization',
                     dict(login='new', id=7, profile_name=None, url=None), ORG),
    'user': (dict(login='new', rename_from='old'), jobs.user_rename_job('old', 'new'), 'user', dict(USER, login='new'),
             USER),
    'encryption_key': (dict(key='k', force=True), jobs.encryption_job({'status_url': STATUS}, 'encryption_update'),
                       'encryption', OLD_ENCRYPTION, ENCRYPTION),
}


def started(name, **extra):
    args, job, key, before, dummy = CASES[name]
    result = {'changed': True, 'job': job, key: before}
    result.update(extra)
    return result


def waited(name, **job_fields):
    dummy, job, dummy, dummy, after = CASES[name]
    return dict(changed=False, job=dict(job, state='complete', polls=2, **job_fields), outcome=after)


@pytest.fixture(params=sorted(CASES))
def name(request):
    return request.param


def test_waits_with_job_info_given_the_module_s_connection_options_only(run_action, name):
    args, job, key, dummy, after = CASES[name]
    run_action.results = {'ghe.admin.' + name: started(name), 'ghe.admin.job_info': waited(name)}
    result = run_action(name, dict(args, poll_interval=2, wait_timeout=60, **CONNECTION))
    assert run_action.modules == ['ghe.admin.' + name, 'ghe.admin.job_info']
    assert run_action.calls[1][1] == dict(CONNECTION, job=job, wait=True, wait_timeout=60.0, poll_interval=2.0)
    assert not result.get('failed') and result['changed'] is True
    assert result['job']['state'] == 'complete' and result['job']['polls'] == 2
    assert result[key] == after


def test_a_connection_from_the_task_environment_is_left_to_where_the_module_runs(run_action, name, monkeypatch):
    """The controller's environment points elsewhere: it is not read; job_info resolves GHE_API_URL as the module did."""
    monkeypatch.setenv('GHE_API_URL', 'https://controller-elsewhere.example.com')
    monkeypatch.setenv('GHE_TOKEN', 'ghp_controller000000000000000000000000')
    args = CASES[name][0]
    run_action.results = {'ghe.admin.' + name: started(name), 'ghe.admin.job_info': waited(name)}
    result = run_action(name, args)
    assert not result.get('failed')
    sent = run_action.calls[1][1]
    assert 'api_url' not in sent and 'token' not in sent
    assert set(sent) == {'job', 'wait', 'wait_timeout', 'poll_interval'}


@pytest.mark.parametrize('wait', [False, 'false', 'no', 'False', 0])
def test_wait_false_in_any_spelling_does_not_wait(run_action, name, wait):
    run_action.results = {'ghe.admin.' + name: started(name)}
    result = run_action(name, dict(CASES[name][0], wait=wait, **CONNECTION))
    assert run_action.modules == ['ghe.admin.' + name]
    assert result['job']['state'] == 'pending' and 'polls' not in result['job']


@pytest.mark.parametrize('option, value, message', [
    ('wait', 'maybe', "wait"), ('wait_timeout', 'soon', 'wait_timeout'), ('poll_interval', [1], 'poll_interval')])
def test_bad_wait_options_fail_before_the_module_runs(run_action, name, option, value, message):
    result = run_action(name, dict(CASES[name][0], **{option: value}))
    assert result['failed'] and message in result['msg']
    assert run_action.calls == []


def test_check_mode_never_waits(run_action, name):
    args, dummy, key, before, dummy = CASES[name]
    run_action.results = {'ghe.admin.' + name: {'changed': True, key: before}}
    result = run_action(name, dict(args, **CONNECTION), check_mode=True)
    assert run_action.modules == ['ghe.admin.' + name] and result['changed'] is True


def test_check_mode_never_waits_even_for_a_returned_job(run_action, name):
    run_action.results = {'ghe.admin.' + name: started(name)}
    run_action(name, dict(CASES[name][0], **CONNECTION), check_mode=True)
    assert run_action.modules == ['ghe.admin.' + name]


def test_a_module_failure_is_returned_as_it_is(run_action, name):
    failure = dict(failed=True, msg='cannot rename: both exist')
    run_action.results = {'ghe.admin.' + name: failure}
    assert run_action(name, dict(CASES[name][0], **CONNECTION)) == failure
    assert run_action.modules == ['ghe.admin.' + name]


def test_no_job_or_a_finished_job_no_wait(run_action, name):
    args, job, key, before, dummy = CASES[name]
    run_action.results = {'ghe.admin.' + name: [{'changed': False, key: before},
                                                {'changed': True, key: before, 'job': dict(job, state='complete')}]}
    assert run_action(name, dict(args, **CONNECTION))['changed'] is False
    assert run_action(name, dict(args, **CONNECTION))['job']['state'] == 'complete'
    assert run_action.modules == ['ghe.admin.' + name] * 2


def test_a_timeout_keeps_the_change_and_says_how_to_check(run_action, name):
    job = CASES[name][1]
    msg = '%s still pending after 60 s (13 polls). It may still complete: %s' % (job['description'], job['how_to_check'])
    run_action.results = {'ghe.admin.' + name: started(name),
                          'ghe.admin.job_info': dict(failed=True, msg=msg, job=dict(job, polls=13), outcome=None)}
    result = run_action(name, dict(CASES[name][0], **CONNECTION))
    assert result['failed'] is True and result['changed'] is True and result['msg'] == msg
    assert result['job']['state'] == 'pending' and result['job']['polls'] == 13


def test_a_failed_job_fails_the_task_and_nothing_changed(run_action, name):
    job = CASES[name][1]
    run_action.results = {'ghe.admin.' + name: started(name),
                          'ghe.admin.job_info': dict(failed=True, msg='%s failed: boom' % job['description'],
                                                     job=dict(job, state='failed', polls=1), outcome=None)}
    result = run_action(name, dict(CASES[name][0], **CONNECTION))
    assert result['failed'] and result['changed'] is False and result['msg'].endswith('failed: boom')
    assert result['job']['state'] == 'failed'


def test_a_wait_that_could_not_start_says_what_it_was_waiting_for(run_action, name):
    job = CASES[name][1]
    run_action.results = {'ghe.admin.' + name: started(name),
                          'ghe.admin.job_info': dict(failed=True, msg='Unsupported parameters: surprise')}
    result = run_action(name, dict(CASES[name][0], **CONNECTION))
    assert result['failed'] and result['msg'] == 'while waiting for %s: Unsupported parameters: surprise' % (
        job['description'])
    assert result['job'] == job


def test_the_diff_after_becomes_the_finished_state():
    diff = dict(before=dict(login='old', profile_name=None), after=dict(login='new', profile_name=None))
    result = merge_wait(started('organization', diff=diff), waited('organization'))
    assert result['diff']['after'] == dict(login='new', profile_name='New')
    result = merge_wait(started('encryption_key', diff=dict(before=OLD_ENCRYPTION, after={})), waited('encryption_key'))
    assert result['diff']['after'] == ENCRYPTION
