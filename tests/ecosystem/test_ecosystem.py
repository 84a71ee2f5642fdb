# -*- coding: utf-8 -*-
"""How people install and run the collection: a release tarball, an AWX job, an execution environment.

Run by `make ecosystem` with the project's .venv (ansible-core, ansible-runner, ansible-builder).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import pathlib
import subprocess
import sys

import jinja2
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent
sys.path.insert(0, str(ROOT / 'tests' / 'simulator'))

from ghe_simulator import ADMIN_TOKEN, Simulator  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture(scope='module')
def tarball(tmp_path_factory):
    out = tmp_path_factory.mktemp('release')
    subprocess.run([str(BIN / 'ansible-galaxy'), 'collection', 'build', '--output-path', str(out), str(ROOT)],
                   check=True, capture_output=True)
    (found,) = out.glob('ghe-admin-*.tar.gz')
    return found


@pytest.fixture(scope='module')
def installed(tarball, tmp_path_factory):
    path = tmp_path_factory.mktemp('collections')
    subprocess.run([str(BIN / 'ansible-galaxy'), 'collection', 'install', '-p', str(path), str(tarball)],
                   check=True, capture_output=True, env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(path)))
    return path


@pytest.fixture
def simulator():
    with Simulator() as sim:
        yield sim
        assert sim.violations == []


def clean_env(**extra):
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(('GHE_', 'GITHUB_', 'ANSIBLE_')))
    env.update(extra)
    return env


def test_release_tarball_leaves_development_files_out(tarball):
    listing = subprocess.run(['tar', '-tzf', str(tarball)], check=True, capture_output=True, text=True).stdout.split()
    assert 'plugins/modules/announcement.py' in listing
    assert 'meta/runtime.yml' in listing
    assert not [name for name in listing if name.startswith(('.venv', 'build', 'tools/', 'tests/output', '.ci'))]


def test_installed_release_runs_a_module(installed, simulator):
    result = subprocess.run(
        [str(BIN / 'ansible'), 'localhost', '-m', 'ghe.admin.license_info', '-e',
         'ansible_python_interpreter=%s' % sys.executable, '-o'],
        check=False, capture_output=True, text=True, cwd=str(installed),
        env=clean_env(ANSIBLE_COLLECTIONS_PATH=str(installed), ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false',
                      GHE_API_URL=simulator.url, GHE_TOKEN=ADMIN_TOKEN))
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout.split('=>', 1)[1])['license']['seats'] == 1400
    assert [r['path'] for r in simulator.requests] == ['/enterprise/settings/license']


def awx_environment(api_url, token, validate_certs):
    """The environment AWX gives a job whose template has our credential: the type's env injectors, rendered."""
    credential_type = yaml.safe_load((ROOT / 'docs' / 'awx' / 'credential_type.yml').read_text())
    inputs = dict(api_url=api_url, token=token)
    if not validate_certs:
        inputs['skip_tls_verify'] = True
    fields = credential_type['inputs']['fields']
    assert set(inputs) <= set(f['id'] for f in fields)
    namespace = dict((f['id'], False) for f in fields if f['type'] == 'boolean')  # AWX: a boolean not set is False
    namespace.update(inputs)
    return dict((name, jinja2.Template(template).render(**namespace))
                for name, template in credential_type['injectors']['env'].items())


def run_job(private_data_dir, env):
    import ansible_runner  # pylint: disable=import-outside-toplevel
    runner = ansible_runner.run(private_data_dir=str(private_data_dir), playbook='demo.yml', envvars=env,
                                quiet=True, settings={'suppress_ansible_output': True})
    return runner


def test_awx_job_template_runs_demo_with_injected_credential(installed, simulator, tmp_path, monkeypatch):
    playbook = (ROOT / 'playbooks' / 'demo.yml').read_text()
    assert 'api_url' not in playbook and 'token' not in playbook
    project = tmp_path / 'project'
    project.mkdir()
    (project / 'demo.yml').write_text(playbook)
    (tmp_path / 'inventory').mkdir()
    (tmp_path / 'inventory' / 'hosts').write_text('localhost ansible_connection=local ansible_python_interpreter=%s\n'
                                                  % sys.executable)
    env = awx_environment(simulator.url, ADMIN_TOKEN, True)
    env.update(ANSIBLE_COLLECTIONS_PATH=str(installed), ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false')
    for name in ('GHE_API_URL', 'GHE_TOKEN', 'GITHUB_API_URL', 'GITHUB_TOKEN', 'GHE_VALIDATE_CERTS'):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv('PATH', '%s%s%s' % (BIN, os.pathsep, os.environ.get('PATH', '')))

    first = run_job(tmp_path, env)
    assert first.status == 'successful', first.stdout.read()
    assert first.stats['changed'] == {'localhost': 1}
    assert simulator.state['announcement']['announcement'].startswith('Scheduled maintenance')

    second = run_job(tmp_path, env)
    assert second.status == 'successful', second.stdout.read()
    assert second.stats['changed'] == {}
    writes = [r for r in simulator.requests if r['method'] != 'GET']
    assert [(w['method'], w['path']) for w in writes] == [('PATCH', '/enterprise/announcement')]

    events = json.dumps(list(second.events) + list(first.events))
    assert ADMIN_TOKEN not in events


def test_execution_environment_context_installs_the_local_tarball(tarball, tmp_path):
    """`make ee-context`: ansible-builder writes a context that installs this checkout's tarball, not Galaxy's."""
    result = subprocess.run([str(ROOT / 'tools' / 'ee_context.sh'), str(tarball), str(tmp_path / 'ee')],
                            check=False, capture_output=True, text=True,
                            env=dict(os.environ, ANSIBLE_BUILDER=str(BIN / 'ansible-builder')))
    assert result.returncode == 0, result.stdout + result.stderr
    context = pathlib.Path(result.stdout.strip().splitlines()[-1])
    containerfile = (context / 'Containerfile').read_text()
    assert 'FROM $EE_BASE_IMAGE' in containerfile and 'COPY _build /build' in containerfile
    assert 'ubi9/python-312' in containerfile
    collections = yaml.safe_load((context / '_build' / 'requirements.yml').read_text())['collections']
    assert collections == [{'name': '/build/ghe-admin.tar.gz', 'type': 'file'}]
    copied = context / '_build' / 'ghe-admin.tar.gz'
    assert copied.read_bytes() == tarball.read_bytes()
    assert 'requests' in (context / '_build' / 'requirements.txt').read_text()


def test_collection_declares_its_python_dependency_for_execution_environments():
    meta = yaml.safe_load((ROOT / 'meta' / 'execution-environment.yml').read_text())
    requirements = (ROOT / meta['dependencies']['python']).read_text()
    assert 'requests' in requirements


def test_the_next_release_notes_are_built_from_the_fragments_above_the_released_ones(tmp_path):
    tree = tmp_path / 'tree'
    tree.mkdir()
    files = subprocess.run(['git', '-C', str(ROOT), 'ls-files', '-z'], check=True, capture_output=True).stdout
    archive = subprocess.run(['tar', '-C', str(ROOT), '--null', '-T', '-', '-cf', '-'], input=files, check=True,
                             capture_output=True).stdout
    subprocess.run(['tar', '-C', str(tree), '-xf', '-'], input=archive, check=True)
    released = yaml.safe_load((ROOT / 'galaxy.yml').read_text())['version']
    galaxy = (tree / 'galaxy.yml').read_text().replace('version: %s' % released, 'version: 99.0.0')
    (tree / 'galaxy.yml').write_text(galaxy)
    (tree / 'changelogs' / 'fragments').mkdir(exist_ok=True)
    (tree / 'changelogs' / 'fragments' / 'next.yml').write_text(
        'bugfixes:\n  - announcement - a fix that only the next release has.\n')
    collections = tmp_path / 'collections'
    subprocess.run([str(ROOT / 'tools' / 'collection_copy.sh'), str(collections)], check=True, capture_output=True)
    env = dict(os.environ, PATH='%s%s%s' % (BIN, os.pathsep, os.environ['PATH']), ANSIBLE_COLLECTIONS_PATH=str(collections))
    result = subprocess.run([str(BIN / 'antsibull-changelog'), 'release'], check=False, capture_output=True, text=True,
                            cwd=str(tree), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    notes = (tree / 'CHANGELOG.rst').read_text()
    assert notes.index('v99.0.0') < notes.index('v%s' % released) < notes.index('v0.1.0')
    assert 'a fix that only the next release has' in notes.split('v%s' % released)[0]
    assert not list((tree / 'changelogs' / 'fragments').glob('*.yml'))


def test_the_released_version_has_its_notes_and_an_unreleased_one_has_none():
    released = yaml.safe_load((ROOT / 'galaxy.yml').read_text())['version']
    notes = subprocess.run([sys.executable, str(ROOT / 'tools' / 'release_notes.py'), released], check=True,
                           capture_output=True, text=True).stdout
    assert notes.startswith('v%s\n' % released)
    assert 'Release Summary' in notes and 'v0.1.0' not in notes or released == '0.1.0'
    assert 'New Modules' in notes or released == '0.1.0'
    missing = subprocess.run([sys.executable, str(ROOT / 'tools' / 'release_notes.py'), '99.0.0'], check=False,
                             capture_output=True, text=True)
    assert missing.returncode != 0 and 'not released' in missing.stderr
