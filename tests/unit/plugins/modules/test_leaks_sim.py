# -*- coding: utf-8 -*-
"""No secret appears in what a module emits, in success or failure, against the simulator.

What a module emits is everything a task's result and output can hold: its whole result (invocation, warnings,
deprecations, diff, exception, ...) and anything written to stdout or stderr. Each secret is searched for as it is and
JSON-escaped. Two parts:

* the leak runs (tests/integration/targets/setup_reliability/files/leak_runs.yml, the one list of them; the manifest
  test checks every module is there): each module with a distinctive token, in diff mode, run to success, into 500s
  quoting the token (max_retries 1) and into a 422 quoting it;
* the module-side cases of the former <module>_leaks targets: wrong tokens, webhook secrets sent, rotated and quoted
  back, credentials submitted, malformed and quoted back, encryption keys kept, refused, echoed and in failed or
  endless jobs, impersonation tokens created and quoted back, organizations renamed and deleted.

What only the controller shows (the action plugins' key_path and polling, no_log of a registered result, the output
of ansible-playbook -vvvv --diff and its log) is the integration target `leaks`. The client's waits (backoff) are
recorded instead of slept; a job wait sleeps its poll_interval (0.1 s)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import subprocess

import pytest
import requests
import yaml

from ansible_collections.ghe.admin.tests.unit.conftest import SIM_ADMIN_TOKEN, run_waiting_action, warning_texts

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
LEAKS = yaml.safe_load(open(os.path.join(ROOT, 'tests', 'integration', 'targets', 'setup_reliability', 'files',
                                         'leak_runs.yml')))
WRONG_TOKEN = 'ghp_wrong0token000000000000000000000000'
SIM_HOOK_SECRET = 'sim-hook-secret'  # the secret of the simulator's default hook 1


@pytest.fixture(scope='module')
def keys():
    """A 2048 bit and a 1024 bit RSA key, made for the run (as the integration target makes them, with openssl)."""
    return dict((bits, subprocess.check_output(['openssl', 'genrsa', str(bits)], stderr=subprocess.DEVNULL).decode())
                for bits in (2048, 1024))


def key_secrets(key):
    """The key, and each base64 line of it (a line alone must not show either)."""
    return [key, key.strip()] + [line for line in key.splitlines() if '-----' not in line and len(line) >= 16]


@pytest.fixture
def emitted(capsys, monkeypatch):
    """Everything the modules of a test wrote to stdout and stderr, one text a stream and a run: the capture that
    sim_module reads the result from, recorded as it is read."""
    texts = []
    readouterr = capsys.readouterr

    def recording():
        captured = readouterr()
        texts.extend([captured.out, captured.err])
        return captured
    monkeypatch.setattr(capsys, 'readouterr', recording)
    return texts


@pytest.fixture
def cloud(sim_module, monkeypatch):
    """GHE_CLOUD_API_URLS names the GHEC simulator a Cloud API root, as the integration targets' `environment` does."""
    monkeypatch.setenv('GHE_CLOUD_API_URLS', sim_module.ghec.api_url)


def assert_never_shown(texts, secrets, results=()):
    """None of ``secrets`` (nor its JSON-escaped form) appears in ``texts`` or in ``results`` (dumped as JSON)."""
    texts = list(texts) + [json.dumps(result) for result in results] + [json.dumps(result, ensure_ascii=False)
                                                                        for result in results]
    assert texts, 'nothing was emitted: the check would prove nothing'
    for secret in secrets:
        for form in set([secret, json.dumps(secret)[1:-1]]):
            shown = [index for index, text in enumerate(texts) if form in text]
            assert not shown, 'a secret (%d characters, starting %s) appears in emitted text %s' % (
                len(secret), secret[:4], shown)


def test_the_check_finds_a_secret_as_it_is_or_json_escaped():
    secret = 'ghp_quote"and\\backslash'
    for text in ('found: %s.' % secret, json.dumps({'msg': 'found: %s.' % secret})):
        with pytest.raises(AssertionError):
            assert_never_shown([text], [secret])
    assert_never_shown(['nothing here'], [secret])


def test_every_leak_run_names_a_module_and_its_first_request():
    assert len(LEAKS['runs']) == len(set(run['module'] for run in LEAKS['runs']))
    for run in LEAKS['runs']:
        assert os.path.exists(os.path.join(ROOT, 'plugins', 'modules', run['module'] + '.py')), run['module']
        assert len(run['first']) == 2 and len(run.get('write', run['first'])) == 2, run['module']


@pytest.mark.parametrize('run', LEAKS['runs'], ids=[run['module'] for run in LEAKS['runs']])
def test_the_token_never_shows_in_success_in_500s_or_in_a_422_that_quote_it(sim_module, emitted, waits, cloud, keys,
                                                                            run):
    token = LEAKS['token']
    quoting = LEAKS['quoting'].format(token=token)
    product = 'ghec' if run.get('cloud') else 'ghes'
    sim = sim_module.ghec if run.get('cloud') else sim_module.ghes
    args = dict(run['args'], token=token)
    args.update((name, keys[2048]) for name, value in run['args'].items() if value == 'GENERATED_KEY')

    def run_it(faults, **extra):
        sim.reset(LEAKS['fixture'])
        for fault in faults:
            sim.add_fault(**fault)
        return run_waiting_action(sim_module, run['module'], dict(args, **extra), diff=True, product=product)

    success = run_it([])
    server_error = run_it([{'method': run['first'][0], 'path': run['first'][1], 'status': 500, 'times': 2,
                            'body': {'message': 'Internal error: ' + quoting}}], max_retries=1)
    aim = run.get('write', run['first'])
    refused = run_it([{'method': aim[0], 'path': aim[1], 'status': 422, 'times': 1,
                       'body': {'message': 'Validation Failed',
                                'errors': [{'resource': 'Token', 'field': 'token', 'code': 'invalid', 'message': quoting}]}}])

    assert not success.get('failed'), success.get('msg')
    assert server_error.get('failed') and 'HTTP 500' in server_error['msg'], server_error.get('msg')
    assert refused.get('failed') and 'HTTP 422' in refused['msg'], refused.get('msg')
    # what was searched holds each run's whole result, its invocation (the module's arguments) included
    assert all('invocation' in result for result in (success, server_error, refused))
    assert len([text for text in emitted if '"invocation"' in text]) >= 3
    assert_never_shown(emitted, [token], [success, server_error, refused])


def test_announcement_shows_neither_token_in_success_check_mode_or_a_401(sim_module, emitted):
    set_banner = sim_module('announcement', dict(text='leak check'), diff=True)
    sim_module('announcement', dict(state='absent'), check_mode=True, diff=True)
    wrong_token = sim_module('announcement', dict(token=WRONG_TOKEN, text='leak check'), diff=True)

    assert set_banner['changed']
    assert wrong_token['failed'] and 'HTTP 401' in wrong_token['msg']
    assert_never_shown(emitted, [SIM_ADMIN_TOKEN, WRONG_TOKEN])


CREDENTIALS = dict(
    exposed=['ghp_leakcheck%027d' % index for index in range(3000)],
    fine_grained='github_pat_11LEAKCHECK00000000000_leakcheckfinegrained000000000000000000000000000000000000000',
    oauth='gho_leakcheckoauth0000000000000000000000',
    installation='ghs_leakcheckinstallation000000000000000',
    short='ghp_leakshort',
)
CREDENTIAL_SECRETS = [SIM_ADMIN_TOKEN] + [CREDENTIALS['exposed'][i] for i in (0, 1234, 2999)] + [
    CREDENTIALS[name] for name in ('fine_grained', 'oauth', 'installation', 'short')]


def test_credentials_never_show_in_a_preview_a_revocation_a_refused_chunk_or_malformed_input(sim_module, emitted,
                                                                                             waits, cloud):
    sim_module.ghec.reset({'settings': {'credential_revoke_limit': 3}})
    two = [CREDENTIALS['fine_grained'], CREDENTIALS['oauth']]

    preview = sim_module('credential_revocation', dict(credentials=CREDENTIALS['exposed'] + two),
                         check_mode=True, diff=True, product='ghec')
    revoked = sim_module('credential_revocation', dict(credentials=two), diff=True, product='ghec')
    spammed = sim_module('credential_revocation', dict(credentials=CREDENTIALS['exposed']), diff=True, product='ghec')
    malformed = sim_module('credential_revocation', dict(
        credentials=[CREDENTIALS['exposed'][0], CREDENTIALS['installation'], CREDENTIALS['short']]),
        diff=True, product='ghec')
    authorizations = sim_module('credential_authorization_revocation', dict(enterprise='acme', user='octocat'),
                                diff=True, product='ghec')
    in_use = sim_module('personal_access_token', dict(ids=[1]), diff=True)

    assert preview['changed'] and preview['submitted'] == 3002 and preview['chunks'] == 4
    assert revoked['changed'] and revoked['submitted'] == 2
    assert spammed['failed'] and spammed['remaining'] == 1000
    assert malformed['failed'] and 'credentials[1]' in malformed['msg'] and 'credentials[2]' in malformed['msg']
    assert authorizations['changed']
    assert in_use['failed'] and 'HTTP 403' in in_use['msg']
    assert_never_shown(emitted, CREDENTIAL_SECRETS)


def test_credentials_quoted_back_in_500s_and_a_422_never_show(sim_module, emitted, waits, cloud):
    two = [CREDENTIALS['fine_grained'], CREDENTIALS['oauth']]
    sim_module.ghec.add_fault(method='POST', path='^/credentials/revoke$', status=500, times=2,
                              body={'message': 'Internal error revoking %s and %s' % tuple(two)})
    sim_module.ghec.add_fault(method='POST', path='^/credentials/revoke$', status=422, times=1,
                              body={'message': 'Validation Failed',
                                    'errors': ['%s is not revocable' % two[0], '%s is unknown' % two[1]]})

    server_failure = sim_module('credential_revocation', dict(credentials=two, max_retries=1), diff=True, product='ghec')
    refused = sim_module('credential_revocation', dict(credentials=two), diff=True, product='ghec')

    assert server_failure['failed'] and 'HTTP 500' in server_failure['msg']
    assert '2 remain unsubmitted' in server_failure['msg']
    assert refused['failed'] and 'HTTP 422' in refused['msg'] and 'is not revocable' in refused['msg']
    assert_never_shown(emitted, CREDENTIAL_SECRETS)


def test_the_encryption_key_never_shows_kept_rotated_refused_echoed_or_in_failed_and_endless_jobs(sim_module, emitted,
                                                                                                  waits, keys):
    key, small = keys[2048], keys[1024]

    preview = run_waiting_action(sim_module, 'encryption_key', dict(key=key, force=True), check_mode=True, diff=True)
    inline_run = run_waiting_action(sim_module, 'encryption_key', dict(key=key, force=True, poll_interval=0.1), diff=True)
    keep_run = run_waiting_action(sim_module, 'encryption_key', dict(key=key, max_age_days=30), diff=True)
    small_inline = run_waiting_action(sim_module, 'encryption_key', dict(key=small, force=True), diff=True)
    sim_module.ghes.add_fault(method='PATCH', path='^/enterprise/encryption$', status=422, times=1, body={
        'message': 'Invalid key %s' % key.strip(),
        'errors': [{'resource': 'EncryptionKey', 'field': 'key', 'code': 'invalid', 'message': key}]})
    echoed = run_waiting_action(sim_module, 'encryption_key', dict(key=key, force=True), diff=True)

    sim_module.ghes.reset({'settings': {'fail_job_kinds': ['encryption']}})
    job_failed = run_waiting_action(sim_module, 'encryption_key', dict(key=key, force=True, poll_interval=0.1),
                                    diff=True)
    sim_module.ghes.reset({'settings': {'job_polls': -1}})
    timed_out = run_waiting_action(sim_module, 'encryption_key', dict(key=key, force=True, wait_timeout=0.3,
                                                                      poll_interval=0.1), diff=True)
    pending = sim_module('encryption_info', dict(request_id=timed_out['job']['request_id']))

    sim_module.ghes.add_fault(method='PATCH', path='^/enterprise/encryption$', status=500, times=-1,
                              body={'message': 'Internal error storing %s' % key.strip()})
    server_failure = run_waiting_action(sim_module, 'encryption_key', dict(key=key, force=True, max_retries=1),
                                        diff=True)

    assert preview['changed'] and 'job' not in preview
    assert inline_run['changed'] and inline_run['job']['state'] == 'complete'
    assert not keep_run['changed'] and not keep_run.get('failed')
    assert small_inline['failed'] and 'key is a 1024 bit RSA key' in small_inline['msg']
    assert echoed['failed'] and 'HTTP 422 Invalid key ********' in echoed['msg']
    assert job_failed['failed'] and job_failed['job']['state'] == 'failed'
    assert timed_out['failed'] and 'still pending' in timed_out['msg']
    assert pending['job']['result'] == 'started'
    assert server_failure['failed'] and 'HTTP 500' in server_failure['msg']
    assert_never_shown(emitted, [SIM_ADMIN_TOKEN] + key_secrets(key) + key_secrets(small))


HOOK_URL = 'https://leaks.example.com/hook'
FIRST_SECRET = 'whsec-leak-check-first-0001'
ROTATED_SECRET = 'whsec-leak-check-rotated-0002'


def test_hook_secrets_never_show_created_changed_rotated_refused_or_quoted_back_in_a_422(sim_module, emitted):
    preview = sim_module('global_hook', dict(url=HOOK_URL, secret=FIRST_SECRET), check_mode=True, diff=True)
    created = sim_module('global_hook', dict(url=HOOK_URL, secret=FIRST_SECRET, events=['organization'], ping=True),
                         diff=True)
    events_changed = sim_module('global_hook', dict(url=HOOK_URL, secret=FIRST_SECRET,
                                                    events=['organization', 'user', 'team']), diff=True)
    rotated = sim_module('global_hook', dict(url=HOOK_URL, secret=ROTATED_SECRET, update_secret='always'), diff=True)
    refused = sim_module('global_hook', dict(url=HOOK_URL, events=['user']), diff=True)
    sim_module.ghes.add_fault(method='PATCH', path='^/admin/hooks/', status=422, times=1, body={
        'message': 'Validation Failed: secret %s is weak' % ROTATED_SECRET,
        'errors': [{'resource': 'Hook', 'field': 'secret', 'code': 'invalid', 'message': '%s is weak' % ROTATED_SECRET}]})
    api_failure = sim_module('global_hook', dict(url=HOOK_URL, secret=ROTATED_SECRET, content_type='json'), diff=True)
    listed = sim_module('global_hook_info', {})
    deleted = sim_module('global_hook', dict(url=HOOK_URL, state='absent'), diff=True)

    assert preview['changed']
    assert created['changed'] and created['pinged']
    assert events_changed['changed']
    assert rotated['changed']
    assert refused['failed'] and 'secret is not given' in refused['msg']
    assert api_failure['failed'] and 'HTTP 422' in api_failure['msg'] and 'is weak' in api_failure['msg']
    assert len(listed['hooks']) == 2
    assert deleted['changed']
    assert len([write for write in sim_module.writes() if write['method'] == 'PATCH']) == 3
    assert_never_shown(emitted, [SIM_ADMIN_TOKEN, FIRST_SECRET, ROTATED_SECRET, SIM_HOOK_SECRET])


def test_hook_secrets_and_the_token_quoted_back_in_500s_or_a_lost_answer_never_show(sim_module, emitted, waits):
    sim_module.ghes.add_fault(method='PATCH', path='^/admin/hooks/1$', status=500, times=-1, body={
        'message': 'Internal error updating %s for Bearer %s' % (ROTATED_SECRET, SIM_ADMIN_TOKEN)})
    sim_module.ghes.add_fault(method='POST', path='^/admin/hooks$', status=502, phase='after', times=1, body={
        'message': 'Bad gateway while creating a hook with secret %s' % ROTATED_SECRET})

    server_failure = sim_module('global_hook', dict(id=1, secret=ROTATED_SECRET, events=['user'], max_retries=1),
                                diff=True)
    lost_answer = sim_module('global_hook', dict(url=HOOK_URL + '/lost', secret=ROTATED_SECRET), diff=True)

    assert server_failure['failed'] and 'HTTP 500' in server_failure['msg']
    assert 'run the task again' in server_failure['msg']
    assert lost_answer['changed'] and not lost_answer.get('failed')
    assert len([text for text in warning_texts(lost_answer) if re.search('was lost', text)]) == 1
    assert_never_shown(emitted, [SIM_ADMIN_TOKEN, ROTATED_SECRET, SIM_HOOK_SECRET], [server_failure, lost_answer])


def test_created_impersonation_tokens_never_show_again_nor_the_admin_token_or_a_wrong_one(sim_module, emitted, waits):
    sim_module('impersonation_token', dict(user='hubot', scopes=['repo']), check_mode=True, diff=True)
    first = sim_module('impersonation_token', dict(user='hubot', scopes=['repo']), diff=True)
    again = sim_module('impersonation_token', dict(user='hubot', scopes=['repo']), diff=True)
    second = sim_module('impersonation_token', dict(user='octocat', scopes=['read:org']), diff=True)
    # the two creations return their token (a task registers it with no_log: the integration target `leaks`)
    assert_never_shown(emitted, [SIM_ADMIN_TOKEN])
    del emitted[:]
    created = [first['token'], second['token']]
    used = requests.get(sim_module.ghes.api_url + '/users/nobody', timeout=30,
                        headers={'Authorization': 'Bearer %s' % second['token']})
    sim_module.ghes.add_fault(method='DELETE', path='^/admin/users/octocat/authorizations$', status=500, times=2,
                              body={'message': 'Internal error deleting %s and %s' % tuple(created)})
    sim_module.ghes.add_fault(method='POST', path='^/admin/users/octocat/authorizations$', status=422, times=1, body={
        'message': 'Validation Failed',
        'errors': [{'resource': 'OauthAccess', 'field': 'token', 'code': 'invalid',
                    'message': '%s already exists' % second['token']}]})

    server_failure = sim_module('impersonation_token', dict(user='octocat', state='absent', max_retries=1), diff=True)
    refused = sim_module('impersonation_token', dict(user='octocat', scopes=['read:org']), diff=True)
    deleted = sim_module('impersonation_token', dict(user='hubot', state='absent'), diff=True)
    wrong_token = sim_module('impersonation_token', dict(token=WRONG_TOKEN, user='octocat', scopes=['read:org']),
                             diff=True)

    assert first['changed'] and isinstance(first['token'], str) and first['token']
    assert not again['changed'] and again['token'] is None
    assert second['changed'] and second['token'] != first['token']
    assert used.status_code == 404
    assert server_failure['failed'] and 'HTTP 500' in server_failure['msg']
    assert refused['failed'] and 'HTTP 422' in refused['msg'] and 'already exists' in refused['msg']
    assert deleted['changed']
    assert wrong_token['failed'] and 'HTTP 401' in wrong_token['msg']
    assert_never_shown(emitted, [SIM_ADMIN_TOKEN, WRONG_TOKEN] + created)


def test_the_token_never_shows_renaming_previewing_and_deleting_an_organization_or_with_a_wrong_token(
        sim_module, emitted):
    # only an organization's owners may change or delete it: ghe-admin owns operations here
    sim_module.ghes.reset({'orgs': [{'login': 'operations', 'admin': 'ghe-admin'}]})

    renamed = run_waiting_action(sim_module, 'organization', dict(name='ops-team', rename_from='operations',
                                                                  profile_name='Operations', poll_interval=0.1),
                                 diff=True)
    preview = run_waiting_action(sim_module, 'organization', dict(name='ops-team', state='absent', confirm='ops-team'),
                                 check_mode=True, diff=True)
    deleted = run_waiting_action(sim_module, 'organization', dict(name='ops-team', state='absent', confirm='ops-team',
                                                                  poll_interval=0.1), diff=True)
    wrong_token = sim_module('organization', dict(token=WRONG_TOKEN, name='platform', admin='octocat'), diff=True)
    sim_module.ghes.add_fault(method='GET', path='^/orgs/eng$', times=1)
    sim_module.ghes.add_fault(method='GET', path='^/orgs/eng$', status=401, times=-1)
    poll_refused = run_waiting_action(sim_module, 'organization', dict(name='eng', rename_from='engineering',
                                                                       poll_interval=0.1), diff=True)

    assert renamed['changed'] and renamed['job']['state'] == 'complete'
    assert preview['changed'] and not preview.get('failed')
    assert deleted['changed'] and deleted['job']['state'] == 'complete'
    assert wrong_token['failed'] and 'HTTP 401' in wrong_token['msg']
    assert poll_refused['failed']
    assert re.match('while checking rename of organization engineering to eng: GET /api/v3/orgs/eng', poll_refused['msg'])
    assert_never_shown(emitted, [SIM_ADMIN_TOKEN, WRONG_TOKEN], [renamed, preview, deleted, poll_refused])
