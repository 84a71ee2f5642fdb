# -*- coding: utf-8 -*-
"""Pre-receive environments, hooks and enforcement: bad input (no request), comparisons, refusals before writes."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.jobs import KINDS, pre_receive_download_job
from ansible_collections.ghe.admin.plugins.module_utils.prereceive import (
    check_download,
    environment_view,
    hook_view,
    image_url_problem,
    level_of,
    repository_problem,
)
from ansible_collections.ghe.admin.plugins.module_utils.waiter import JobFailed
from ansible_collections.ghe.admin.plugins.modules.pre_receive_environment import desired_environment, download_reason
from ansible_collections.ghe.admin.plugins.modules.pre_receive_hook import changed_settings, desired_hook

IMAGE = 'https://files.example.com/env.tar.gz'

BAD_INPUTS = [
    ('pre_receive_environment', dict(name='Tools', image_url='files.example.com/env.tar.gz'), 'image_url must be an http'),
    ('pre_receive_environment', dict(name='Tools', image_url='ftp://files.example.com/env.tar.gz'), 'image_url must be an http'),
    ('pre_receive_environment', dict(name='Tools', image_url='https://files.example.com/env.zip'), 'image_url must name a tarball'),
    ('pre_receive_environment', dict(name='Default', image_url=IMAGE), "default pre-receive environment"),
    ('pre_receive_environment', dict(name='default', state='absent'), "default pre-receive environment"),
    ('pre_receive_environment', dict(name='  '), 'name must not be empty'),
    ('pre_receive_environment', dict(name='Tools', state='absent', image_url=IMAGE), 'image_url cannot be used with state: absent'),
    ('pre_receive_environment', dict(name='Tools', state='absent', download='always'), 'download cannot be used with state: absent'),
    ('pre_receive_environment', dict(name='Tools', download='sometimes'), 'value of download must be one of'),
    ('pre_receive_environment', dict(name='Tools', wait_timeout=0), 'wait_timeout must be a positive number'),
    ('pre_receive_environment', dict(image_url=IMAGE), 'missing required arguments: name'),
    ('pre_receive_hook', dict(name='x', script_repository='engineering'), 'script_repository must be a repository as owner/repo'),
    ('pre_receive_hook', dict(name='x', script_repository='a/b/c'), 'script_repository must be a repository as owner/repo'),
    ('pre_receive_hook', dict(name='x', script_repository='-a/b'), 'script_repository must be a repository as owner/repo'),
    ('pre_receive_hook', dict(name='x', enforcement='on'), 'value of enforcement must be one of: enabled, disabled, testing'),
    ('pre_receive_hook', dict(name='x', allow_downstream_configuration='perhaps'), 'allow_downstream_configuration'),
    ('pre_receive_hook', dict(name='x', state='absent', script='a.sh'), 'script cannot be used with state: absent'),
    ('pre_receive_hook', dict(name='x', environment=' '), 'environment must not be empty'),
    ('pre_receive_hook_enforcement', dict(hook='x', organization='engineering', repository='engineering/app'),
     'parameters are mutually exclusive: organization|repository'),
    ('pre_receive_hook_enforcement', dict(hook='x', enforcement='enabled'), 'one of the following is required: organization, repository'),
    ('pre_receive_hook_enforcement', dict(hook='x', organization='engineering', enforcement='strict'),
     'value of enforcement must be one of: enabled, disabled, testing'),
    ('pre_receive_hook_enforcement', dict(hook='x', repository='engineering'), 'repository must be a repository as owner/repo'),
    ('pre_receive_hook_enforcement', dict(hook='x', repository='engineering/app', allow_downstream_configuration=True),
     'allow_downstream_configuration is for organizations only'),
    ('pre_receive_hook_enforcement', dict(hook='x', organization='engineering', state='absent', enforcement='enabled'),
     'enforcement cannot be used with state: absent'),
    ('pre_receive_info', dict(repositories=['engineering']), 'repositories: must be a repository as owner/repo'),
]


@pytest.mark.parametrize('module, args, says', BAD_INPUTS, ids=['%s-%d' % (case[0], i) for i, case in enumerate(BAD_INPUTS)])
def test_bad_input_fails_before_any_request_naming_the_option(run_module, module, args, says):
    result = run_module(module, args)
    assert result.get('failed'), result
    assert says in result['msg'], (says, result['msg'])
    assert run_module.sent == []


@pytest.mark.parametrize('url', [IMAGE, 'http://files.example.com/a/env.tgz', 'https://files.example.com/env.tar?x=1'])
def test_tarball_urls_are_accepted(url):
    assert image_url_problem(url) is None


@pytest.mark.parametrize('name', ['engineering/hooks', 'a/b.c', 'Octo-Org/repo_name'])
def test_repository_names_are_accepted(name):
    assert repository_problem(name) is None


def api_env(state='success', image_url=IMAGE, env_id=2):
    return dict(id=env_id, name='Tools', image_url=image_url, default_environment=False, hooks_count=0,
                created_at='2025-01-01T00:00:00Z', download=dict(state=state, downloaded_at=None, message=None))


def env_params(**kwargs):
    base = dict(name='Tools', image_url=None, download='on_change', state='present')
    base.update(kwargs)
    return base


@pytest.mark.parametrize('params, state, reason', [
    (env_params(), 'success', None),
    (env_params(image_url=IMAGE), 'success', None),
    (env_params(image_url='https://files.example.com/v2.tar.gz'), 'success', 'image_url changed'),
    (env_params(download='always'), 'success', 'download is always'),
    (env_params(), 'failed', 'the latest download is failed'),
    (env_params(), 'not_started', 'the latest download is not_started'),
    (env_params(download='always'), 'in_progress', None),
])
def test_when_a_download_starts(params, state, reason):
    current = environment_view(api_env(state))
    assert download_reason(params, current, desired_environment(params, current)) == reason


def test_a_new_environment_is_downloaded():
    params = env_params(image_url=IMAGE)
    assert download_reason(params, None, desired_environment(params, None)) == 'the environment was created'


def api_hook(**kwargs):
    data = dict(id=3, name='Reject secrets', script='checks/secrets.sh', enforcement='enabled',
                script_repository=dict(id=41, full_name='Engineering/Hooks'), environment=api_env(),
                allow_downstream_configuration=False)
    data.update(kwargs)
    return data


def hook_params(**kwargs):
    base = dict(name='Reject secrets', script=None, script_repository=None, environment=None, enforcement=None,
                allow_downstream_configuration=None, state='present')
    base.update(kwargs)
    return base


def test_hooks_compare_repository_and_environment_case_insensitively():
    current = hook_view(api_hook())
    assert current['script_repository'] == 'Engineering/Hooks' and current['environment'] == 'Tools'
    params = hook_params(script_repository='engineering/hooks', environment='TOOLS', script='checks/secrets.sh')
    assert changed_settings(current, desired_hook(params, current)) == []


def test_hook_changes_are_named():
    current = hook_view(api_hook())
    params = hook_params(enforcement='testing', allow_downstream_configuration=True, script='checks/secrets.sh')
    assert changed_settings(current, desired_hook(params, current)) == ['enforcement', 'allow_downstream_configuration']
    assert changed_settings(current, desired_hook(hook_params(script='Checks/secrets.sh'), current)) == ['script']


def test_a_new_hook_gets_the_api_defaults():
    desired = desired_hook(hook_params(script='a.sh', script_repository='a/b', environment='Default'), None)
    assert desired['enforcement'] == 'disabled' and desired['allow_downstream_configuration'] is False


@pytest.mark.parametrize('url, level', [
    ('https://ghe.example.com/api/v3/admin/pre-receive-hooks/3', 'enterprise'),
    ('https://ghe.example.com/api/v3/orgs/engineering/pre-receive-hooks/3', 'organization'),
    ('https://ghe.example.com/api/v3/repos/engineering/app/pre-receive-hooks/3', 'repository'),
    (None, 'enterprise'),
])
def test_where_the_enforcement_is_configured(url, level):
    assert level_of(url) == level


class FakeClient:
    def __init__(self, *answers):
        self.answers = list(answers)
        self.paths = []

    def get(self, path):
        self.paths.append(path)
        return self.answers.pop(0)


def test_the_download_job_is_registered_and_polled():
    job = pre_receive_download_job(environment_view(api_env('in_progress')))
    assert job['kind'] == 'pre_receive_download' and job['state'] == 'pending' and job['environment_id'] == 2
    assert KINDS['pre_receive_download'].result_key == 'environment'
    client = FakeClient(dict(state='in_progress'), dict(state='success'), api_env('success'))
    assert check_download(client, job) is None
    assert check_download(client, job)['download']['state'] == 'success'
    assert client.paths == ['admin/pre-receive-environments/2/downloads/latest'] * 2 + ['admin/pre-receive-environments/2']


def test_a_failed_download_raises_the_api_message():
    job = pre_receive_download_job(environment_view(api_env('in_progress')))
    client = FakeClient(dict(state='failed', message='Failed to download https://x/env.tar.gz: 404'))
    with pytest.raises(JobFailed, match='Failed to download https://x/env.tar.gz: 404'):
        check_download(client, job)


def test_the_default_environment_is_refused_after_reading_and_nothing_is_written(run_module):
    default = dict(api_env(), name='Builtin', default_environment=True)
    run_module.answers = [('GET', '/admin/pre-receive-environments', 200, [default])]
    result = run_module('pre_receive_environment', dict(name='Builtin', image_url=IMAGE))
    assert result['failed'] and "default pre-receive environment" in result['msg']
    assert [method for method, url in run_module.sent] == ['GET']


def test_an_environment_in_use_is_not_deleted_and_the_hooks_are_named(run_module):
    run_module.answers = [
        ('GET', '/admin/pre-receive-environments', 200, [api_env()]),
        ('GET', '/admin/pre-receive-hooks', 200, [api_hook(), api_hook(id=4, name='Size limit')]),
    ]
    result = run_module('pre_receive_environment', dict(name='tools', state='absent'))
    assert result['failed']
    assert 'hooks Reject secrets, Size limit still use it' in result['msg']
    assert [method for method, url in run_module.sent] == ['GET', 'GET']


def test_an_unknown_environment_is_named_and_nothing_is_written(run_module):
    run_module.answers = [
        ('GET', '/admin/pre-receive-hooks', 200, []),
        ('GET', '/admin/pre-receive-environments', 200, [api_env()]),
    ]
    result = run_module('pre_receive_hook', dict(name='x', script='a.sh', script_repository='engineering/hooks',
                                                 environment='Nope'))
    assert result['failed'] and 'environment Nope: there is no pre-receive environment' in result['msg']
    assert 'there are: Tools' in result['msg']
    assert [method for method, url in run_module.sent] == ['GET', 'GET']


def test_an_unknown_repository_is_named_and_nothing_is_written(run_module):
    run_module.answers = [
        ('GET', '/admin/pre-receive-hooks', 200, []),
        ('GET', '/admin/pre-receive-environments', 200, [api_env()]),
        ('GET', '/repos/engineering/nope', 404, dict(message='Not Found')),
    ]
    result = run_module('pre_receive_hook', dict(name='x', script='a.sh', script_repository='engineering/nope',
                                                 environment='Tools'))
    assert result['failed'] and 'script_repository engineering/nope: there is no such repository' in result['msg']
    assert [method for method, url in run_module.sent] == ['GET', 'GET', 'GET']


def test_an_override_the_hook_does_not_allow_is_refused_before_any_write(run_module):
    org_hook = dict(id=3, name='Reject secrets', enforcement='enabled', allow_downstream_configuration=False,
                    configuration_url='https://ghe.example.com/api/v3/admin/pre-receive-hooks/3')
    run_module.answers = [('GET', '/orgs/engineering/pre-receive-hooks', 200, [org_hook])]
    result = run_module('pre_receive_hook_enforcement', dict(hook='reject secrets', organization='engineering',
                                                             enforcement='disabled'))
    assert result['failed'] and 'the hook does not allow downstream configuration' in result['msg']
    assert [method for method, url in run_module.sent] == ['GET']


def test_a_repository_override_the_organization_does_not_allow_is_refused_before_any_write(run_module):
    base = dict(id=3, name='Reject secrets', enforcement='enabled')
    run_module.answers = [
        ('GET', '/repos/engineering/app/pre-receive-hooks', 200,
         [dict(base, configuration_url='https://ghe.example.com/api/v3/orgs/engineering/pre-receive-hooks/3')]),
        ('GET', '/orgs/engineering/pre-receive-hooks/3', 200,
         dict(base, allow_downstream_configuration=False,
              configuration_url='https://ghe.example.com/api/v3/orgs/engineering/pre-receive-hooks/3')),
    ]
    result = run_module('pre_receive_hook_enforcement', dict(hook='Reject secrets', repository='engineering/app',
                                                             enforcement='testing'))
    assert result['failed'] and 'organization engineering does not allow downstream configuration' in result['msg']
    assert [method for method, url in run_module.sent] == ['GET', 'GET']


def test_the_export_leaves_the_default_environment_out_and_keeps_only_overrides():
    from ansible_collections.ghe.admin.plugins.module_utils.export import pre_receive_environment_vars, pre_receive_hook_vars
    from ansible_collections.ghe.admin.plugins.module_utils.prereceive import org_enforcement_view
    envs = [environment_view(dict(api_env(), name='Default', id=1, default_environment=True)), environment_view(api_env())]
    assert pre_receive_environment_vars(envs) == [dict(name='Tools', image_url=IMAGE)]
    admin_url = 'https://ghe.example.com/api/v3/admin/pre-receive-hooks/3'
    org_url = 'https://ghe.example.com/api/v3/orgs/eng/pre-receive-hooks/3'
    org_views = {
        'eng': [org_enforcement_view(dict(id=3, name='Reject secrets', enforcement='testing',
                                          allow_downstream_configuration=False, configuration_url=org_url), 'eng')],
        'ops': [org_enforcement_view(dict(id=3, name='Reject secrets', enforcement='enabled',
                                          allow_downstream_configuration=True, configuration_url=admin_url), 'ops')],
    }
    assert pre_receive_hook_vars([hook_view(api_hook(allow_downstream_configuration=True))], org_views) == [dict(
        name='Reject secrets', script='checks/secrets.sh', script_repository='Engineering/Hooks', environment='Tools',
        enforcement='enabled', allow_downstream_configuration=True,
        organizations=[dict(organization='eng', enforcement='testing', allow_downstream_configuration=False)])]
