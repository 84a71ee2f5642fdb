# -*- coding: utf-8 -*-
"""The organization action plugin: waiting on renames and deletions, with a fake client and a fake clock."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import functools
from types import SimpleNamespace

import pytest

from ansible_collections.ghe.admin.plugins.action.organization import ActionModule
from ansible_collections.ghe.admin.plugins.module_utils import waiter
from ansible_collections.ghe.admin.plugins.module_utils.client import Client
from ansible_collections.ghe.admin.plugins.module_utils.orgs import delete_job, rename_job
from ansible_collections.ghe.admin.plugins.plugin_utils import job_action
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import FakeClock, FakeSession, response

TOKEN = 'ghp_unit0test0token00000000000000000000'
API = 'https://ghe.example.com'


def org(login, org_id=7, name=None):
    data = dict(login=login, id=org_id, url='%s/api/v3/orgs/%s' % (API, login), type='Organization')
    if name is not None:
        data['name'] = name
    return data


def not_found():
    return response(404, {'message': 'Not Found', 'documentation_url': 'https://docs.github.com/rest'})


class Harness:
    """Runs the action with a scripted module result, HTTP answers and clock; records what happened."""

    def __init__(self, monkeypatch, module_result, answers=(), check_mode=False, **args):
        self.args = dict(api_url=API, token=TOKEN, name='new', rename_from='old', **args)
        self.module_result = module_result
        self.session = FakeSession(*answers)
        self.clock = FakeClock()
        self.module_calls = []
        self.clients = []
        task = SimpleNamespace(args=self.args, check_mode=check_mode, async_val=0, action='ghe.admin.organization')
        connection = SimpleNamespace(_shell=SimpleNamespace(tmpdir=None))
        self.action = ActionModule(task, connection, None, None, None, None)
        self.action._execute_module = self._execute_module
        monkeypatch.setattr(job_action, 'client_from_params', self._client)
        monkeypatch.setattr(job_action, 'wait_for', functools.partial(
            waiter.wait_for, sleep=self.clock.sleep, now=self.clock.time))

    def _execute_module(self, module_name=None, module_args=None, task_vars=None):
        self.module_calls.append((module_name, dict(module_args)))
        return copy.deepcopy(self.module_result)

    def _client(self, params):
        client = Client(params['api_url'], token=params['token'], validate_certs=params['validate_certs'],
                        timeout=params['timeout'], session=self.session, sleep=self.clock.sleep)
        self.clients.append((params, client))
        return client

    def run(self):
        return self.action.run(task_vars={})

    @property
    def paths(self):
        return [call['url'].replace(API + '/api/v3', '') for call in self.session.calls]


def renamed(**extra):
    result = dict(changed=True, organization=dict(login='new', id=7, profile_name=None, url=None),
                  job=rename_job('old', 'new', '%s/api/v3/organizations/7' % API))
    result.update(extra)
    return result


def deleted():
    return dict(changed=True, organization={}, job=delete_job('gone'))


def test_waits_for_the_new_login_and_returns_the_renamed_organization(monkeypatch):
    h = Harness(monkeypatch, renamed(), [not_found(), not_found(), response(200, org('new', name='New'))],
                poll_interval=2, wait_timeout=60)
    result = h.run()
    assert h.module_calls == [('ghe.admin.organization', h.args)]
    assert h.paths == ['/orgs/new'] * 3
    assert h.clock.sleeps == [2.0, 2.0]
    assert result['job']['state'] == 'complete' and result['job']['polls'] == 3
    assert result['organization'] == dict(login='new', id=7, profile_name='New', url='%s/api/v3/orgs/new' % API)
    assert not result.get('failed')


def test_the_controller_client_uses_the_task_connection_options(monkeypatch):
    h = Harness(monkeypatch, renamed(), [response(200, org('new'))], validate_certs=False, timeout=7)
    h.run()
    params, client = h.clients[0]
    assert params['api_url'] == API and params['validate_certs'] is False and params['timeout'] == 7
    assert h.session.calls[0]['headers']['Authorization'] == 'Bearer %s' % TOKEN
    assert h.session.calls[0]['verify'] is False and h.session.calls[0]['timeout'] == 7


def test_the_connection_comes_from_the_environment_like_in_the_module(monkeypatch):
    monkeypatch.setenv('GHE_API_URL', 'https://other.example.com')
    monkeypatch.setenv('GHE_TOKEN', 'ghp_from0environment000000000000000000')
    h = Harness(monkeypatch, renamed(), [response(200, org('new'))])
    del h.args['api_url'], h.args['token']
    h.run()
    assert h.clients[0][0]['api_url'] == 'https://other.example.com'
    assert h.session.calls[0]['url'] == 'https://other.example.com/api/v3/orgs/new'


def test_timeout_says_what_is_pending_and_how_to_check(monkeypatch):
    h = Harness(monkeypatch, renamed(), [not_found()] * 10, wait_timeout=12, poll_interval=5)
    result = h.run()
    assert result['failed'] is True
    assert result['msg'] == (
        'rename of organization old to new still pending after 12 s (4 polls). GET /orgs/new still answers 404, so '
        'the rename has not completed yet; it may still complete. Check with ghe.admin.organization (name: new, '
        'rename_from: old) again, which does not rename twice, or run with a longer wait_timeout')
    assert h.clock.sleeps == [5.0, 5.0, 2.0]
    assert result['job']['state'] == 'pending' and result['job']['polls'] == 4
    assert result['changed'] is True


def test_default_timeout_and_interval(monkeypatch):
    h = Harness(monkeypatch, renamed(), [not_found()] * 70)
    result = h.run()
    assert 'still pending after 300 s (61 polls)' in result['msg']
    assert set(h.clock.sleeps) == {5.0}


def test_wait_false_returns_the_job_without_polling(monkeypatch):
    h = Harness(monkeypatch, renamed(), [], wait=False)
    result = h.run()
    assert h.session.calls == [] and h.clients == []
    assert result['job']['state'] == 'pending' and 'polls' not in result['job']
    assert result['organization']['login'] == 'new'


def test_check_mode_never_polls(monkeypatch):
    h = Harness(monkeypatch, dict(changed=True, organization={}), [], check_mode=True)
    assert h.run()['changed'] is True
    assert h.session.calls == [] and h.clients == []


def test_a_module_failure_is_returned_as_it_is(monkeypatch):
    failure = dict(failed=True, msg='cannot rename organization old to new: both exist')
    h = Harness(monkeypatch, failure, [])
    assert h.run() == failure
    assert h.clients == []


def test_no_job_no_poll(monkeypatch):
    h = Harness(monkeypatch, dict(changed=False, organization=dict(login='new')), [])
    assert h.run()['changed'] is False
    assert h.clients == []


def test_waits_for_a_deletion_until_the_login_is_gone(monkeypatch):
    h = Harness(monkeypatch, deleted(), [response(200, org('gone')), not_found()], poll_interval=1)
    result = h.run()
    assert h.paths == ['/orgs/gone', '/orgs/gone']
    assert result['organization'] == {}
    assert result['job']['state'] == 'complete' and result['job']['polls'] == 2


def test_a_deletion_that_does_not_finish(monkeypatch):
    h = Harness(monkeypatch, deleted(), [response(200, org('gone'))] * 5, wait_timeout=3, poll_interval=1)
    result = h.run()
    assert result['msg'].startswith('deletion of organization gone still pending after 3 s (4 polls). '
                                    'GET /orgs/gone still answers 200')
    assert 'longer wait_timeout' in result['msg']


def test_an_api_error_while_polling_fails_with_what_was_awaited_and_no_token(monkeypatch):
    bad = response(401, {'message': 'Bad credentials %s' % TOKEN}, headers={'X-GitHub-Request-Id': 'AB:CD'})
    h = Harness(monkeypatch, renamed(), [not_found(), bad], poll_interval=1)
    result = h.run()
    assert result['failed'] is True
    assert result['msg'].startswith('while waiting for rename of organization old to new: GET /api/v3/orgs/new on '
                                    'ghe.example.com failed: HTTP 401 Bad credentials ********')
    assert TOKEN not in result['msg']
    assert result['job']['state'] == 'pending'


@pytest.mark.parametrize('answer', [response(500, {'message': 'oops'}), response(502, {'message': 'bad gateway'})])
def test_a_server_error_while_polling_is_retried_by_the_client(monkeypatch, answer):
    h = Harness(monkeypatch, renamed(), [answer, response(200, org('new'))])
    result = h.run()
    assert result['job']['polls'] == 1 and len(h.session.calls) == 2
