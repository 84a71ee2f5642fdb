# -*- coding: utf-8 -*-
"""The encryption_key action reads key_path on the controller (the wait is the shared one, see test_job_actions)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFileNotFound
from ansible.parsing.dataloader import DataLoader
from ansible.parsing.vault import VaultLib, VaultSecret

serialization = pytest.importorskip('cryptography.hazmat.primitives.serialization')
rsa = pytest.importorskip('cryptography.hazmat.primitives.asymmetric.rsa')

CONNECTION = dict(api_url='https://ghe.example.com', token='ghp_token0000')
UNCHANGED = dict(changed=False, reason='...', encryption=dict(enabled=True))


def pem(bits):
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                             serialization.NoEncryption()).decode()


@pytest.fixture(scope='module')
def key_pem():
    return pem(2048)


class Controller:
    """The shared action harness, for ghe.admin.encryption_key."""

    def __init__(self, run_action):
        self.run_action = run_action
        run_action.results = {'ghe.admin.encryption_key': UNCHANGED}

    @property
    def module_calls(self):
        return self.run_action.calls

    def run(self, find=None, loader=None, **args):
        return self.run_action('encryption_key', dict(CONNECTION, **args), find=find, loader=loader)


@pytest.fixture
def controller(run_action):
    return Controller(run_action)


def test_key_path_is_read_on_the_controller_and_passed_as_key(controller, key_pem, tmp_path):
    path = tmp_path / 'key.pem'
    path.write_text(key_pem)
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
    assert controller.module_calls == []
