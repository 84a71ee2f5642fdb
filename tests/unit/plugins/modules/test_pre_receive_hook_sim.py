# -*- coding: utf-8 -*-
"""ghe.admin.pre_receive_hook against the simulator: updates, unknown repositories and environments, bad input
and check-mode deletion (moved from the pre_receive_hook target)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

HOOK = dict(name='Reject secrets', script='checks/secrets.sh', script_repository='engineering/hooks',
            environment='Default', enforcement='testing')
TOOLS = {'name': 'Tools', 'image_url': 'https://files.example.com/hooks/tools.tar.gz',
         'download': {'state': 'success', 'downloaded_at': '2030-01-01T00:00:00Z', 'message': None}}
UPDATE = dict(name='Reject secrets', environment='Tools', enforcement='enabled', allow_downstream_configuration=True)


def with_hook(sim_module):
    """The hook of HOOK exists and an environment Tools; the request log starts empty."""
    sim_module.ghes.reset({'pre_receive_environments': [TOOLS]})
    created = sim_module('pre_receive_hook', HOOK)
    assert created['changed'] and not created.get('failed')
    sim_module.requests()


def repository_reads(requests):
    return [entry['path'] for entry in requests if entry['path'].startswith('/repos/')]


def test_an_update_in_check_mode_is_reported_and_nothing_is_written(sim_module):
    with_hook(sim_module)

    result = sim_module('pre_receive_hook', UPDATE, check_mode=True, diff=True)

    assert result['changed'] and not result.get('failed')
    assert result['diff']['before']['environment'] == 'Default'
    assert result['diff']['after']['environment'] == 'Tools'
    assert result['diff']['after']['enforcement'] == 'enabled'
    assert sim_module.writes() == []


def test_an_update_sends_one_patch_with_only_what_changed(sim_module):
    with_hook(sim_module)

    result = sim_module('pre_receive_hook', UPDATE)

    writes = sim_module.writes()
    assert result['changed'] and not result.get('failed')
    assert result['hook']['environment'] == 'Tools'
    assert result['hook']['allow_downstream_configuration'] is True
    assert result['hook']['script'] == 'checks/secrets.sh'
    assert len(writes) == 1 and writes[0]['method'] == 'PATCH'
    assert sorted(writes[0]['body']) == ['allow_downstream_configuration', 'enforcement', 'environment']


def test_an_unknown_script_repository_fails_naming_it_and_writes_nothing(sim_module):
    with_hook(sim_module)

    result = sim_module('pre_receive_hook', dict(name='Reject secrets', script_repository='engineering/nope'))

    requests = sim_module.requests()
    assert result['failed']
    assert 'script_repository engineering/nope: there is no such repository' in result['msg']
    assert [entry for entry in requests if entry['method'] != 'GET'] == []
    assert repository_reads(requests) == ['/repos/engineering/nope']


def test_an_unknown_environment_fails_naming_it_and_writes_nothing(sim_module):
    with_hook(sim_module)

    result = sim_module('pre_receive_hook', dict(name='Size limit', script='checks/size.sh',
                                                 script_repository='engineering/hooks', environment='Nowhere'))

    requests = sim_module.requests()
    assert result['failed']
    assert 'environment Nowhere: there is no pre-receive environment with this name' in result['msg']
    assert [entry for entry in requests if entry['method'] != 'GET'] == []
    assert repository_reads(requests) == []


def test_a_new_hook_without_its_script_fails_naming_what_is_missing(sim_module):
    with_hook(sim_module)

    result = sim_module('pre_receive_hook', dict(name='Size limit', environment='Tools'))

    requests = sim_module.requests()
    assert result['failed']
    assert 'script and script_repository are required to create pre-receive hook Size limit' in result['msg']
    assert [entry for entry in requests if entry['method'] != 'GET'] == []
    assert repository_reads(requests) == []


def test_a_repository_that_is_not_owner_slash_repo_fails_naming_the_option(sim_module):
    with_hook(sim_module)

    result = sim_module('pre_receive_hook', dict(name='Size limit', script_repository='hooks'))

    requests = sim_module.requests()
    assert result['failed']
    assert 'script_repository must be a repository as owner/repo' in result['msg']
    assert [entry for entry in requests if entry['method'] != 'GET'] == []
    assert repository_reads(requests) == []


def test_a_deletion_in_check_mode_reports_an_empty_after_and_writes_nothing(sim_module):
    with_hook(sim_module)

    result = sim_module('pre_receive_hook', dict(name='Reject secrets', state='absent'), check_mode=True, diff=True)

    assert result['changed'] and not result.get('failed')
    assert result['diff']['after'] == {}
    assert sim_module.writes() == []
    assert len(sim_module.ghes.state['pre_receive_hooks']) == 1
