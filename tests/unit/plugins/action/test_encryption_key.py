# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import functools
from unittest.mock import MagicMock

import pytest
from ansible.errors import AnsibleFileNotFound
from ansible.parsing.dataloader import DataLoader
from ansible.parsing.vault import VaultLib, VaultSecret

from ansible_collections.ghe.admin.plugins.action import encryption_key as action_module
from ansible_collections.ghe.admin.plugins.module_utils.client import Client
from ansible_collections.ghe.admin.plugins.module_utils.encryption import started_job
from ansible_collections.ghe.admin.plugins.module_utils.waiter import wait_for
from ansible_collections.ghe.admin.plugins.plugin_utils import job_action
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import FakeClock, FakeSession, response

serialization = pytest.importorskip('cryptography.hazmat.primitives.serialization')
rsa = pytest.importorskip('cryptography.hazmat.primitives.asymmetric.rsa')

API = 'https://ghe.example.com/api/v3'
STATUS = API + '/enterprise/encryption/status/r1'
OLD = dict(enabled=True, updated_at='2020-01-01T00:00:00Z', age_days=3000, primary_key_version='p1',
           replica_key_version='r1', backup_key_version='b1')
NEW_API = dict(updated_at='2030-01-01T00:00:00Z', primary_key_version='p2', replica_key_version='r2',
               backup_key_version='b2')
STARTED = {'result': 'started', 'error': None}


def pem(bits):
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                             serialization.NoEncryption()).decode()


@pytest.fixture(scope='module')
def key_pem():
    return pem(2048)


def module_result(kind='update'):
    answer = dict(message='Started.', status_url=STATUS)
    return dict(changed=True, reason='force is true', encryption=dict(OLD), job=started_job(answer, kind),
                diff=dict(before=dict(OLD), after=dict(OLD, primary_key_version='(new)')))


class Controller:
    """The action under test with a scripted module result, scripted API answers and a fake clock."""

    def __init__(self, monkeypatch):
        self.session = FakeSession()
        self.clock = FakeClock()
        self.module_calls = []
        self.module_result = module_result()
        monkeypatch.setattr(job_action, 'client_from_params',
                            lambda params: Client(params['api_url'], token=params['token'], session=self.session))
        monkeypatch.setattr(job_action, 'wait_for', functools.partial(wait_for, sleep=self.clock.sleep, now=self.clock.time))

    def run(self, check_mode=False, find=None, loader=None, **args):
        task = MagicMock()
        task.args = dict(dict(api_url='https://ghe.example.com', token='ghp_token0000'), **args)
        task.async_val = 0
        task.check_mode = check_mode
        action = action_module.ActionModule(task, MagicMock(), MagicMock(), loader or DataLoader(), MagicMock())
        if find:
            action._find_needle = find

        def execute(module_name, module_args, task_vars):
            self.module_calls.append((module_name, dict(module_args)))
            return copy.deepcopy(self.module_result)
        action._execute_module = execute
        return action.run(task_vars={})


@pytest.fixture
def controller(monkeypatch):
    return Controller(monkeypatch)


def test_a_rotation_is_waited_on_and_reports_the_new_state(controller):
    controller.session.script = [response(200, STARTED), response(200, {'result': 'complete', 'error': None}),
                                 response(200, NEW_API)]
    result = controller.run(key='k', force=True, poll_interval=3)
    assert not result.get('failed') and result['changed']
    assert result['job']['state'] == 'complete' and result['job']['polls'] == 2
    assert result['encryption']['primary_key_version'] == 'p2' and result['encryption']['enabled']
    assert result['diff']['after'] == result['encryption'] and result['diff']['before'] == OLD
    assert [c['url'] for c in controller.session.calls] == [STATUS, STATUS, API + '/enterprise/encryption']
    assert controller.clock.sleeps == [3]
    assert controller.module_calls[0][0] == 'ghe.admin.encryption_key'


def test_a_failed_job_fails_the_task_with_its_error_and_nothing_changed(controller):
    controller.session.script = [response(200, STARTED), response(200, {'result': 'failed', 'error': 'the key vault rejected the key'})]
    result = controller.run(key='k', force=True)
    assert result['failed'] and not result['changed']
    assert result['msg'] == 'updating the encryption at rest key (request r1) failed: the key vault rejected the key'
    assert result['job']['state'] == 'failed' and result['job']['error'] == 'the key vault rejected the key'
    assert result['encryption'] == OLD


def test_a_timeout_names_the_request_and_how_to_check_later(controller):
    controller.session.script = [response(200, STARTED) for dummy in range(4)]
    result = controller.run(key='k', force=True, wait_timeout=10, poll_interval=4)
    assert result['failed'] and result['changed']
    assert result['msg'].startswith('updating the encryption at rest key (request r1) still pending after 10 s (4 polls).')
    assert 'ghe.admin.encryption_info and request_id: r1' in result['msg']
    assert result['job']['state'] == 'started' and result['job']['polls'] == 4
    assert controller.clock.sleeps == [4, 4, 2]


def test_a_disable_job_is_waited_on(controller):
    controller.module_result = module_result('disable')
    controller.session.script = [response(200, {'result': 'complete', 'error': None})]
    result = controller.run(state='absent', confirm='ghe.example.com')
    assert result['job']['state'] == 'complete' and not result['encryption']['enabled']
    assert len(controller.session.calls) == 1


@pytest.mark.parametrize('check_mode, args', [(True, {}), (False, dict(wait=False))])
def test_check_mode_and_wait_false_never_poll(controller, check_mode, args):
    result = controller.run(check_mode=check_mode, key='k', force=True, **args)
    assert controller.session.calls == []
    assert result['job']['state'] == 'started' and 'polls' not in result['job']


def test_a_failed_module_is_returned_as_it_is(controller):
    controller.module_result = dict(failed=True, msg='key is a 1024 bit RSA key')
    assert controller.run(key='k') == dict(failed=True, msg='key is a 1024 bit RSA key')
    assert controller.session.calls == []


def test_key_path_is_read_on_the_controller_and_passed_as_key(controller, key_pem, tmp_path):
    path = tmp_path / 'key.pem'
    path.write_text(key_pem)
    controller.module_result = dict(changed=False, reason='...', encryption=dict(OLD))
    result = controller.run(key_path='key.pem', find=lambda dirname, needle: str(tmp_path / needle))
    assert not result.get('failed')
    args = controller.module_calls[0][1]
    assert 'key_path' not in args and args['key'] == key_pem.strip() + '\n'


def test_a_vaulted_key_path_is_decrypted(controller, key_pem, tmp_path):
    secrets = [('default', VaultSecret(b'vault password'))]
    path = tmp_path / 'key.pem.vault'
    path.write_bytes(VaultLib(secrets).encrypt(key_pem))
    loader = DataLoader()
    loader.set_vault_secrets(secrets)
    controller.module_result = dict(changed=False, reason='...', encryption=dict(OLD))
    result = controller.run(key_path=str(path), find=lambda dirname, needle: needle, loader=loader)
    assert not result.get('failed')
    assert controller.module_calls[0][1]['key'] == key_pem.strip() + '\n'


def test_key_path_problems_fail_before_the_module_runs(controller, tmp_path):
    small = tmp_path / 'small.pem'
    small.write_text(pem(1024))
    binary = tmp_path / 'key.der'
    binary.write_bytes(b'\x30\x82\x04\xa4\xff\xfe')

    def find(dirname, needle):
        if needle == 'missing.pem':
            raise AnsibleFileNotFound("Could not find or access 'missing.pem'")
        return str(tmp_path / needle)

    small_result = controller.run(key_path='small.pem', find=find)
    assert small_result['failed'] and small_result['msg'] == (
        'key_path small.pem: the key is a 1024 bit RSA key; encryption at rest needs exactly 2048 bits')
    binary_result = controller.run(key_path='key.der', find=find)
    assert binary_result['failed'] and 'is not a text file in PEM format' in binary_result['msg']
    missing = controller.run(key_path='missing.pem', find=find)
    assert missing['failed'] and missing['msg'].startswith('key_path missing.pem: no such file on the controller')
    both = controller.run(key='k', key_path='small.pem', find=find)
    assert both['failed'] and 'mutually exclusive: key|key_path' in both['msg']
    assert controller.module_calls == [] and controller.session.calls == []
