# -*- coding: utf-8 -*-
"""The user action plugin: waiting for a rename with a fake client and a fake clock."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import functools
from types import SimpleNamespace

from ansible_collections.ghe.admin.plugins.action.user import ActionModule
from ansible_collections.ghe.admin.plugins.module_utils import waiter
from ansible_collections.ghe.admin.plugins.module_utils.client import Client
from ansible_collections.ghe.admin.plugins.plugin_utils import job_action
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import FakeClock, FakeSession, response

TOKEN = 'ghp_unit0test0token00000000000000000000'
API = 'https://ghe.example.com'


def user(login, user_id=9):
    return response(200, dict(login=login, id=user_id, user_view_type='private', suspended_at=None,
                              html_url='https://ghe.example.com/%s' % login))


def not_found():
    return response(404, {'message': 'Not Found'})


def renamed():
    return dict(changed=True, user=dict(login='new', id=9),
                job=dict(description='renaming user old to new', old_login='old', new_login='new', url=None,
                         state='pending'))


class Harness:
    def __init__(self, monkeypatch, module_result, answers=(), check_mode=False, **args):
        self.args = dict(api_url=API, token=TOKEN, login='new', rename_from='old', **args)
        self.module_result = module_result
        self.session = FakeSession(*answers)
        self.clock = FakeClock()
        self.modules = []
        task = SimpleNamespace(args=self.args, check_mode=check_mode, async_val=0, action='ghe.admin.user')
        connection = SimpleNamespace(_shell=SimpleNamespace(tmpdir=None))
        self.action = ActionModule(task, connection, None, None, None, None)
        self.action._execute_module = self._execute_module
        monkeypatch.setattr(job_action, 'client_from_params', lambda params: Client(
            params['api_url'], token=params['token'], session=self.session, sleep=self.clock.sleep))
        monkeypatch.setattr(job_action, 'wait_for', functools.partial(
            waiter.wait_for, sleep=self.clock.sleep, now=self.clock.time))

    def _execute_module(self, module_name=None, module_args=None, task_vars=None):
        self.modules.append(module_name)
        return copy.deepcopy(self.module_result)

    def run(self):
        return self.action.run(task_vars={})

    @property
    def paths(self):
        return [call['url'].replace(API + '/api/v3', '') for call in self.session.calls]


def test_polls_the_new_login_until_it_answers(monkeypatch):
    h = Harness(monkeypatch, renamed(), [not_found(), not_found(), user('new')], poll_interval=3)
    result = h.run()
    assert h.modules == ['ghe.admin.user']
    assert h.paths == ['/users/new'] * 3 and h.clock.sleeps == [3.0, 3.0]
    assert result['job']['state'] == 'complete' and result['job']['polls'] == 3
    assert result['user']['login'] == 'new' and result['user']['html_url'] == 'https://ghe.example.com/new'


def test_a_case_only_rename_waits_for_the_exact_login(monkeypatch):
    module_result = renamed()
    module_result['job'].update(old_login='jdoe', new_login='JDoe')
    h = Harness(monkeypatch, module_result, [user('jdoe'), user('JDoe')], poll_interval=1)
    assert h.run()['job']['polls'] == 2


def test_timeout_says_what_is_pending_and_how_to_check(monkeypatch):
    h = Harness(monkeypatch, renamed(), [not_found()] * 10, wait_timeout=10, poll_interval=5)
    result = h.run()
    assert result['failed'] is True and result['changed'] is True
    assert result['msg'].startswith('renaming user old to new still pending after 10 s (3 polls). '
                                    'GitHub renames users in the background')
    assert 'GET /users/new answers once it is done' in result['msg']
    assert result['job']['state'] == 'pending' and result['job']['polls'] == 3


def test_no_wait_no_poll(monkeypatch):
    h = Harness(monkeypatch, renamed(), [], wait=False)
    result = h.run()
    assert h.session.calls == [] and result['job']['state'] == 'pending'


def test_create_and_delete_have_no_job(monkeypatch):
    h = Harness(monkeypatch, dict(changed=True, user=dict(login='new')), [])
    assert h.run()['user'] == dict(login='new') and h.session.calls == []


def test_check_mode_never_polls(monkeypatch):
    h = Harness(monkeypatch, renamed(), [], check_mode=True)
    assert h.run()['job']['state'] == 'pending' and h.session.calls == []
