# -*- coding: utf-8 -*-
"""The AWX fleet credential type of docs/awx/fleet_credential_type.yml, injected as AWX injects it, then used by a job.

AWX (awx/main/models/credential/__init__.py, CredentialType.inject_credential) renders each ``extra_vars`` injector
with a sandboxed Jinja environment over the credential's inputs (the result is always a string), writes them with
``awx.main.utils.safe_yaml.safe_dump`` (every string tagged ``!unsafe``) to a temporary file under the job's ``env/``
directory, and adds ``-e @<that file>`` to the command line that ansible-runner runs. Here, two (and three) GHES
simulators each know only their own site administrator's token and their own Manage API password, so a token or a
password sent to the wrong enterprise is refused (401), and the request log names the user each token belongs to.
The jobs run at verbosity 4 and nothing they write may contain a token or a password. Run by `make ecosystem`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import pathlib
import sys
import tempfile

import pytest
import yaml
from jinja2 import sandbox

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent
sys.path.insert(0, str(ROOT / 'tests' / 'simulator'))

from ghe_simulator import ADMIN_TOKEN, Simulator  # noqa: E402  pylint: disable=wrong-import-position

CREDENTIAL_TYPE = ROOT / 'docs' / 'awx' / 'fleet_credential_type.yml'

# Each enterprise's own secrets. The staging password would change if anything templated it.
SECRETS = {
    'ghe-prod': {'token': 'ghp_fleetprod' + 'p' * 27, 'manage_password': 'prod-Manage-pw-7c1e'},
    'ghe-staging': {'token': 'ghp_fleetstaging' + 's' * 24, 'manage_password': "st{{ lookup('env', 'HOME') }}-4d2f"},
    'ghe-dr': {'token': 'ghp_fleetdr' + 'd' * 29, 'manage_password': 'dr-Manage-pw-90aa'},
}
ADMINS = {'ghe-prod': 'prod-admin', 'ghe-staging': 'staging-admin', 'ghe-dr': 'dr-admin'}


class _UnsafeDumper(yaml.SafeDumper):
    """awx.main.utils.safe_yaml.SafeStringDumper: every string is written as !unsafe."""

    def represent_data(self, data):
        if isinstance(data, str):
            return self.represent_scalar('!unsafe', data)
        return super(_UnsafeDumper, self).represent_data(data)


def load_type(path=CREDENTIAL_TYPE):
    return yaml.safe_load(pathlib.Path(path).read_text())


def inject_extra_vars(credential_type, inputs, private_data_dir):
    """The ``-e @FILE`` arguments AWX gives a job for a credential with ``inputs``; writes FILE as AWX does."""
    jinja = sandbox.ImmutableSandboxedEnvironment()
    namespace = dict((name, value) for name, value in inputs.items() if isinstance(value, bool) or len(value))

    def build(node):
        if isinstance(node, dict):
            return dict((build(key), build(value)) for key, value in node.items())
        if isinstance(node, list):
            return [build(item) for item in node]
        return jinja.from_string(node).render(**namespace)

    extra_vars = build(credential_type['injectors'].get('extra_vars', {}))
    if not extra_vars:
        return []
    env_dir = pathlib.Path(private_data_dir) / 'env'
    env_dir.mkdir(parents=True, exist_ok=True)
    handle, path = tempfile.mkstemp(dir=str(env_dir))
    with os.fdopen(handle, 'w') as out:
        out.write(''.join(yaml.dump_all([{key: value}], Dumper=_UnsafeDumper, default_flow_style=False)
                          for key, value in extra_vars.items()))
    os.chmod(path, 0o400)
    return ['-e', '@%s' % path]


def simulator_state(host):
    """Only this enterprise's administrator token works (the default admin token is replaced) and its own password."""
    return {
        'users': [{'login': ADMINS[host], 'site_admin': True}],
        'tokens': [{'id': 1, 'token': SECRETS[host]['token'], 'user': ADMINS[host]}],
        'settings': {'manage_password': SECRETS[host]['manage_password']},
    }


@pytest.fixture
def fleet():
    sims = {}
    try:
        for host in SECRETS:
            sims[host] = Simulator(state=simulator_state(host), manage=True)
            sims[host].start()
        yield sims
    finally:
        for sim in sims.values():
            sim.stop()


@pytest.fixture
def job_environment(monkeypatch, collections):
    for name in list(os.environ):
        if name.startswith(('GHE_', 'GITHUB_', 'ANSIBLE_')):
            monkeypatch.delenv(name)
    monkeypatch.setenv('PATH', '%s%s%s' % (BIN, os.pathsep, os.environ.get('PATH', '')))
    return dict(ANSIBLE_COLLECTIONS_PATH=str(collections), ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false')


# Both playbooks converge the banner and the maintenance mode of every enterprise first.
CONVERGE_PLAY = """
- name: %s
  hosts: enterprises
  gather_facts: false
  roles:
    - role: ghe.admin.enterprise
      vars:
        ghe_announcement:
          text: "Maintenance on {{ inventory_hostname }} tonight"
        ghe_maintenance:
          enabled: false
"""
PLAYBOOK = CONVERGE_PLAY % 'Converge every enterprise of the fleet' + """
- name: Offboard a user everywhere
  hosts: enterprises
  gather_facts: false
  roles:
    - role: ghe.admin.offboard_user
      vars:
        ghe_offboard_users: [octocat]
"""

# The least a job does to prove, with both roles, which token and password each enterprise gets: the enterprise
# role sends REST API requests (the banner) and one Manage API call (the maintenance mode) per host; the
# offboard_user role, loaded without a user to offboard, resolves the same fleet entry (or, without the fleet
# credential, the same empty one) for each host as the enterprise role did. PLAYBOOK shows, with the YAML text,
# that every task of both roles then sends the host's own entry, and
# test_both_roles_resolve_the_fleet_entry_and_the_connection_with_the_same_templates that the roles' templates
# only differ in their prefix.
OFFBOARD_CHECK = 'Check that the offboard_user role resolves the fleet entry the enterprise role used'
LIGHT_PLAYBOOK = CONVERGE_PLAY % 'Converge the banner and the maintenance mode of every enterprise of the fleet' + """\
  tasks:
    - name: Load the offboard_user role without a user to offboard
      ansible.builtin.include_role:
        name: ghe.admin.offboard_user
        public: true

    - name: %s
      ansible.builtin.assert:
        that: offboard_user_fleet_credential == enterprise_fleet_credential
        quiet: true
""" % OFFBOARD_CHECK


def inventory(sims, hosts):
    """prod's URLs come from its fleet entry; the other hosts' from their host variables."""
    lines = ['[enterprises]']
    for host in hosts:
        if host == 'ghe-prod':
            lines.append(host)
        else:
            lines.append('%s ghe_api_url=%s ghe_manage_url=%s' % (host, sims[host].url, sims[host].manage_url))
    lines += ['', '[enterprises:vars]', 'ansible_connection=local', 'ansible_python_interpreter=%s' % sys.executable]
    return '\n'.join(lines) + '\n'


def fleet_mapping(sims, hosts):
    mapping = dict((host, dict(SECRETS[host])) for host in hosts)
    if 'ghe-prod' in mapping:
        mapping['ghe-prod'].update(api_url=sims['ghe-prod'].url, manage_url=sims['ghe-prod'].manage_url)
    return mapping


def run_job(private_data_dir, sims, inventory_hosts, credentials_text, base_env, extra_env=None, job_extra_vars=None,
            playbook=PLAYBOOK):
    """Run the playbook as an AWX job with the fleet credential: its extra variables passed with -e @FILE.

    ``job_extra_vars`` are the job template's own extra variables, which AWX writes to ``env/extravars``.
    """
    import ansible_runner  # pylint: disable=import-outside-toplevel
    private_data_dir = pathlib.Path(private_data_dir)
    (private_data_dir / 'project').mkdir(parents=True, exist_ok=True)
    (private_data_dir / 'project' / 'job.yml').write_text(playbook)
    (private_data_dir / 'inventory').mkdir(exist_ok=True)
    (private_data_dir / 'inventory' / 'hosts').write_text(inventory(sims, inventory_hosts))
    cmdline = []
    if credentials_text is not None:
        cmdline = inject_extra_vars(load_type(), {'credentials': credentials_text}, private_data_dir)
    (private_data_dir / 'env').mkdir(exist_ok=True)
    (private_data_dir / 'env' / 'envvars').write_text(yaml.safe_dump(dict(base_env, **(extra_env or {}))))
    if job_extra_vars:
        (private_data_dir / 'env' / 'extravars').write_text(yaml.dump(job_extra_vars, Dumper=_UnsafeDumper))
    runner = ansible_runner.run(private_data_dir=str(private_data_dir), playbook='job.yml', quiet=True, verbosity=4,
                                cmdline=' '.join(cmdline) or None, settings={'suppress_ansible_output': True})
    failures = dict((e['event_data']['host'], e['event_data'].get('res', {}).get('msg'))
                    for e in runner.events
                    if e.get('event') == 'runner_on_failed' and not e['event_data'].get('ignore_errors'))
    return runner, failures


def assert_no_secret_written(runner, private_data_dir):
    """No token, no password, in the job's output, events or any artifact (the env/ directory holds the inputs)."""
    secrets = [value for entry in SECRETS.values() for value in entry.values()] + [ADMIN_TOKEN]
    written = [runner.stdout.read(), json.dumps(list(runner.events))]
    artifacts = pathlib.Path(private_data_dir) / 'artifacts'
    files = [path for path in artifacts.rglob('*') if path.is_file()]
    assert any(path.parent.name == 'job_events' for path in files)
    written += [path.read_text(errors='replace') for path in files]
    # the check is not vacuous: the job ran at verbosity 4 and wrote its output
    assert any(path.name == 'command' and '-vvvv' in path.read_text() for path in files)
    assert 'ansible-playbook [core' in written[0] and 'PLAY RECAP' in written[0]
    for secret in secrets:
        for text in written:
            assert secret not in text
            assert json.dumps(secret)[1:-1] not in text


def api_identities(sim):
    return sorted(set(entry['identity'] for entry in sim.requests if entry['listener'] == 'api'))


def ok_hosts(runner, task):
    return sorted(e['event_data']['host'] for e in runner.events
                  if e.get('event') == 'runner_on_ok' and e['event_data'].get('task') == task)


def test_the_type_injects_one_secret_mapping_as_an_extra_variable(tmp_path):
    credential_type = load_type()
    fields = credential_type['inputs']['fields']
    assert [(f['id'], f.get('secret'), f.get('multiline')) for f in fields] == [('credentials', True, True)]
    assert credential_type['inputs']['required'] == ['credentials']
    assert set(credential_type['injectors']) == {'extra_vars'}
    text = yaml.safe_dump({'ghe-prod': {'token': "t{{ '0' }}ken"}})
    args = inject_extra_vars(credential_type, {'credentials': text}, tmp_path)
    written = pathlib.Path(args[1][1:]).read_text()
    assert args[0] == '-e' and pathlib.Path(args[1][1:]).parent == tmp_path / 'env'
    loader = type('UnsafeLoader', (yaml.SafeLoader,), {})
    tagged = []
    loader.add_constructor('!unsafe', lambda load, node: tagged.append(node.value) or load.construct_scalar(node))
    assert yaml.load(written, Loader=loader) == {'ghe_fleet_credentials': text}  # a SafeLoader that keeps the tags
    assert tagged == ['ghe_fleet_credentials', text]


@pytest.mark.parametrize('form', ['yaml', 'json', 'mapping'])
def test_one_job_gives_each_enterprise_its_own_token_and_password(form, fleet, tmp_path, job_environment):
    """The credential's text (YAML or JSON), or a mapping given as an extra variable of the job template.

    The YAML job converges both roles in full (PLAYBOOK: every task of both roles uses the host's own entry); the
    JSON and mapping jobs run LIGHT_PLAYBOOK (both roles resolve the host's own entry, both APIs accept it).
    """
    hosts = ['ghe-prod', 'ghe-staging']
    mapping = fleet_mapping(fleet, hosts)
    playbook = PLAYBOOK if form == 'yaml' else LIGHT_PLAYBOOK
    if form == 'mapping':
        runner, failures = run_job(tmp_path, fleet, hosts, None, job_environment,
                                   job_extra_vars={'ghe_fleet_credentials': mapping}, playbook=playbook)
    else:
        text = yaml.safe_dump(mapping, default_flow_style=False) if form == 'yaml' else json.dumps(mapping, indent=2)
        runner, failures = run_job(tmp_path, fleet, hosts, text, job_environment, playbook=playbook)
    assert runner.status == 'successful', failures
    for host in hosts:
        sim = fleet[host]
        assert api_identities(sim) == [ADMINS[host]], sim.requests
        assert all(entry['status'] < 400 for entry in sim.requests), [e for e in sim.requests if e['status'] >= 400]
        manage = [entry for entry in sim.requests if entry['listener'] == 'manage']
        assert manage and all(entry['authorization_scheme'] == 'basic' for entry in manage)
        assert sim.state['announcement']['announcement'] == 'Maintenance on %s tonight' % host
        suspended = any(entry['method'] == 'PUT' and entry['path'] == '/users/octocat/suspended' for entry in sim.requests)
        assert suspended == (form == 'yaml')
    if form != 'yaml':
        assert ok_hosts(runner, OFFBOARD_CHECK) == hosts
    assert fleet['ghe-dr'].requests == []
    assert_no_secret_written(runner, tmp_path)


def test_a_host_without_an_entry_or_with_a_bad_one_fails_alone_naming_itself(fleet, tmp_path, job_environment):
    mapping = fleet_mapping(fleet, ['ghe-prod', 'ghe-staging'])
    mapping['ghe-staging'] = {'tokne': SECRETS['ghe-staging']['token']}
    runner, failures = run_job(tmp_path, fleet, ['ghe-prod', 'ghe-staging', 'ghe-dr'], yaml.safe_dump(mapping),
                               job_environment, playbook=LIGHT_PLAYBOOK)
    assert runner.status == 'failed'
    assert sorted(failures) == ['ghe-dr', 'ghe-staging']
    assert 'ghe_fleet_credentials has no entry for the inventory host ghe-dr' in failures['ghe-dr']
    assert 'ghe_fleet_credentials[ghe-staging] must be a mapping with a non-empty token' in failures['ghe-staging']
    assert fleet['ghe-dr'].requests == [] and fleet['ghe-staging'].requests == []
    assert api_identities(fleet['ghe-prod']) == [ADMINS['ghe-prod']]
    assert ok_hosts(runner, OFFBOARD_CHECK) == ['ghe-prod']
    assert_no_secret_written(runner, tmp_path)


def test_text_that_is_not_yaml_fails_every_host_without_showing_it(fleet, tmp_path, job_environment):
    prod = SECRETS['ghe-prod']
    text = '{"ghe-prod": {"token": "%s", "manage_password": "%s"' % (prod['token'], prod['manage_password'])
    runner, failures = run_job(tmp_path, fleet, ['ghe-prod', 'ghe-staging'], text, job_environment)
    assert runner.status == 'failed'
    assert sorted(failures) == ['ghe-prod', 'ghe-staging']
    assert all('from_yaml' in message for message in failures.values()), failures
    assert all(sim.requests == [] for sim in fleet.values())
    assert_no_secret_written(runner, tmp_path)


def test_without_the_fleet_credential_one_environment_token_reaches_only_its_enterprise(fleet, tmp_path, job_environment):
    """What the fleet credential fixes: the single credential's GHE_TOKEN is refused by the other enterprise."""
    runner, failures = run_job(tmp_path, fleet, ['ghe-staging', 'ghe-dr'], None, job_environment,
                               extra_env={'GHE_TOKEN': SECRETS['ghe-staging']['token'],
                                          'GHE_MANAGE_PASSWORD': SECRETS['ghe-staging']['manage_password']},
                               playbook=LIGHT_PLAYBOOK)
    assert runner.status == 'failed'
    assert sorted(failures) == ['ghe-dr']
    assert [entry['status'] for entry in fleet['ghe-dr'].requests if entry['listener'] == 'api'] == [401]
    staging = fleet['ghe-staging'].requests
    assert api_identities(fleet['ghe-staging']) == [ADMINS['ghe-staging']]
    assert all(entry['status'] < 400 for entry in staging), staging
    assert [entry['listener'] for entry in staging].count('manage') > 0
    assert ok_hosts(runner, OFFBOARD_CHECK) == ['ghe-staging']


def test_both_roles_resolve_the_fleet_entry_and_the_connection_with_the_same_templates():
    """What lets LIGHT_PLAYBOOK run the offboard_user role without a user: its templates are the enterprise role's."""
    roles = ROOT / 'roles'
    defaults = dict((role, yaml.safe_load((roles / role / 'defaults' / 'main.yml').read_text()))
                    for role in ('enterprise', 'offboard_user'))
    for name in ('fleet_credentials', 'fleet_entry', 'fleet_credential'):
        assert (defaults['enterprise']['enterprise_' + name].replace('enterprise_fleet_', 'offboard_user_fleet_')
                == defaults['offboard_user']['offboard_user_' + name])
    blocks = dict((role, yaml.safe_load((roles / role / 'tasks' / 'main.yml').read_text())[0]) for role in defaults)
    enterprise = json.dumps(blocks['enterprise']['module_defaults']['group/ghe.admin.api'], sort_keys=True)
    assert (enterprise.replace('enterprise_fleet_', 'offboard_user_fleet_')
            == json.dumps(blocks['offboard_user']['module_defaults']['group/ghe.admin.api'], sort_keys=True))
    assert blocks['enterprise']['delegate_to'] == blocks['offboard_user']['delegate_to'] == 'localhost'
