# -*- coding: utf-8 -*-
"""The AWX credential type of docs/awx/credential_type.yml, injected as AWX injects it, then used by a job.

AWX (awx/main/models/credential/__init__.py, CredentialType.inject_credential) renders the injectors with a
sandboxed Jinja environment over the credential's inputs, where a boolean input the credential does not set is
False and a string input it does not set is undefined; each ``file`` injector becomes a file under the job's
``env/`` directory, named by ``tower.filename.<label>``. The job then runs through ansible-runner, which reads
the environment from ``env/envvars``. Run by `make ecosystem`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import pathlib
import subprocess
import sys
import tempfile

import pytest
import yaml
from jinja2 import sandbox

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent
sys.path.insert(0, str(ROOT / 'tests' / 'simulator'))

from ghe_simulator import ADMIN_TOKEN, Simulator  # noqa: E402  pylint: disable=wrong-import-position

CREDENTIAL_TYPE = ROOT / 'docs' / 'awx' / 'credential_type.yml'


class _Namespace:
    pass


def inject_credential(credential_type, inputs, private_data_dir):
    """The environment AWX gives a job for a credential with ``inputs`` (what the credential sets, only)."""
    namespace = {'tower': _Namespace()}
    for name, value in inputs.items():
        if isinstance(value, bool) or len(value):
            namespace[name] = value
    for field in credential_type['inputs'].get('fields', []):
        if field['type'] == 'boolean' and field['id'] not in inputs:
            namespace[field['id']] = False
    env_dir = pathlib.Path(private_data_dir) / 'env'
    env_dir.mkdir(parents=True, exist_ok=True)
    jinja = sandbox.ImmutableSandboxedEnvironment()
    for label, template in credential_type['injectors'].get('file', {}).items():
        handle, path = tempfile.mkstemp(dir=str(env_dir))
        with os.fdopen(handle, 'w') as out:
            out.write(jinja.from_string(template).render(**namespace))
        if '.' not in label:
            namespace['tower'].filename = path
        else:
            if not hasattr(namespace['tower'], 'filename'):
                namespace['tower'].filename = _Namespace()
            setattr(namespace['tower'].filename, label.split('.', 1)[1], path)
    return dict((name, jinja.from_string(template).render(**namespace))
                for name, template in credential_type['injectors'].get('env', {}).items())


def load_type(path=CREDENTIAL_TYPE):
    return yaml.safe_load(pathlib.Path(path).read_text())


PLAYBOOK = """
- name: Read the licence with the connection the credential injects
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Read the licence
      ghe.admin.license_info:
      register: licence
    - name: Record the outcome
      ansible.builtin.set_stats:
        data:
          seats: "{{ licence.license.seats }}"
"""


@pytest.fixture(scope='module')
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1: nothing trusts it unless told to."""
    path = tmp_path_factory.mktemp('tls')
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
                    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', str(path / 'key.pem'),
                    '-out', str(path / 'cert.pem')], check=True, capture_output=True)
    return path / 'cert.pem', path / 'key.pem'


@pytest.fixture
def https_simulator(certificate):
    cert, key = certificate
    with Simulator(certfile=str(cert), keyfile=str(key)) as sim:
        yield sim


@pytest.fixture
def job_environment(monkeypatch, collections):
    for name in list(os.environ):
        if name.startswith(('GHE_', 'GITHUB_', 'ANSIBLE_')) or name in ('SSL_CERT_FILE', 'SSL_CERT_DIR',
                                                                        'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'):
            monkeypatch.delenv(name)
    monkeypatch.setenv('PATH', '%s%s%s' % (BIN, os.pathsep, os.environ.get('PATH', '')))
    return dict(ANSIBLE_COLLECTIONS_PATH=str(collections), ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false')


def run_job(private_data_dir, credential_env, base_env):
    """Run the playbook as an AWX job: the credential's environment in ``env/envvars``."""
    import ansible_runner  # pylint: disable=import-outside-toplevel
    private_data_dir = pathlib.Path(private_data_dir)
    (private_data_dir / 'project').mkdir(exist_ok=True)
    (private_data_dir / 'project' / 'job.yml').write_text(PLAYBOOK)
    (private_data_dir / 'inventory').mkdir(exist_ok=True)
    (private_data_dir / 'inventory' / 'hosts').write_text(
        'localhost ansible_connection=local ansible_python_interpreter=%s\n' % sys.executable)
    (private_data_dir / 'env' / 'envvars').write_text(yaml.safe_dump(dict(base_env, **credential_env)))
    runner = ansible_runner.run(private_data_dir=str(private_data_dir), playbook='job.yml', quiet=True,
                                settings={'suppress_ansible_output': True})
    failures = [e['event_data'].get('res', {}).get('msg') for e in runner.events if e.get('event') == 'runner_on_failed']
    return runner, failures


@pytest.mark.parametrize('inputs', [{}, {'ca_cert': ''}])
def test_a_credential_that_leaves_the_tls_fields_out_keeps_verification_on(inputs):
    env = inject_credential(load_type(), dict(api_url='https://ghe.example.com', token='t0ken', **inputs),
                            tempfile.mkdtemp())
    assert env['GHE_VALIDATE_CERTS'] == 'true'
    assert env['GHE_CA_PATH'] == ''
    assert env['GHE_API_URL'] == 'https://ghe.example.com' and env['GHE_TOKEN'] == 't0ken'


def test_the_ca_certificate_is_injected_as_a_file(tmp_path):
    pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
    env = inject_credential(load_type(), dict(api_url='https://ghe.example.com', token='t0ken', ca_cert=pem), tmp_path)
    assert pathlib.Path(env['GHE_CA_PATH']).parent == tmp_path / 'env'
    assert pathlib.Path(env['GHE_CA_PATH']).read_text() == pem
    assert env['GHE_VALIDATE_CERTS'] == 'true'


def test_only_skip_tls_verify_turns_verification_off(tmp_path):
    env = inject_credential(load_type(), dict(api_url='https://h', token='t', skip_tls_verify=True), tmp_path)
    assert env['GHE_VALIDATE_CERTS'] == 'false'
    env = inject_credential(load_type(), dict(api_url='https://h', token='t', skip_tls_verify=False), tmp_path)
    assert env['GHE_VALIDATE_CERTS'] == 'true'


def test_every_boolean_input_is_safe_when_left_out():
    """AWX renders a boolean left out as False: False must never be the insecure value."""
    fields = load_type()['inputs']['fields']
    assert [f['id'] for f in fields if f['type'] == 'boolean'] == ['skip_tls_verify']
    assert [f['default'] for f in fields if f['type'] == 'boolean'] == [False]


def test_a_job_whose_credential_sets_no_tls_field_verifies_the_certificate(https_simulator, tmp_path, job_environment):
    env = inject_credential(load_type(), dict(api_url=https_simulator.url, token=ADMIN_TOKEN), tmp_path)
    runner, failures = run_job(tmp_path, env, job_environment)
    assert runner.status == 'failed', failures
    assert len(failures) == 1 and 'could not be verified' in failures[0], failures
    assert https_simulator.requests == []
    assert ADMIN_TOKEN not in json.dumps(list(runner.events))


def test_a_job_whose_credential_gives_the_ca_certificate_trusts_it(https_simulator, certificate, tmp_path,
                                                                   job_environment):
    inputs = dict(api_url=https_simulator.url, token=ADMIN_TOKEN, ca_cert=certificate[0].read_text())
    env = inject_credential(load_type(), inputs, tmp_path)
    runner, failures = run_job(tmp_path, env, job_environment)
    assert runner.status == 'successful', failures
    assert runner.stats.get('ok', {}).get('localhost') == 2
    assert [r['path'] for r in https_simulator.requests] == ['/enterprise/settings/license']


def test_a_job_whose_credential_skips_verification_connects(https_simulator, tmp_path, job_environment):
    env = inject_credential(load_type(), dict(api_url=https_simulator.url, token=ADMIN_TOKEN, skip_tls_verify=True),
                            tmp_path)
    runner, failures = run_job(tmp_path, env, job_environment)
    assert runner.status == 'successful', failures
