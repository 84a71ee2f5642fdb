# -*- coding: utf-8 -*-
"""ghe.admin.pre_receive_environment against the simulator: updates, forced and failed downloads, downloads
started without waiting, and what the module refuses (moved from the pre_receive_environment target).

The action plugin runs the module, then waits for the pending download it started with ghe.admin.job_info and
merges the two results (its own logic has its own tests in tests/unit/plugins/action/test_job_actions.py).
``run_task`` (tests/unit/conftest.py) runs the same two modules; a test asserts on the module's result and on
job_info's."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.tests.unit.conftest import run_task

IMAGE = 'https://files.example.com/hooks/tools-env.tar.gz'
IMAGE_V2 = 'https://files.example.com/hooks/tools-env-v2.tar.gz'
TOOLS = {'name': 'Tools', 'image_url': IMAGE,
         'download': {'state': 'success', 'downloaded_at': '2030-01-01T00:00:00Z', 'message': None}}


def with_tools(sim_module, **settings):
    """Tools exists, downloaded; the request log starts empty."""
    sim_module.ghes.reset({'settings': dict({'job_polls': 3}, **settings), 'pre_receive_environments': [TOOLS]})


def env_named(sim_module, name):
    return [env for env in sim_module.ghes.state['pre_receive_environments'] if env['name'] == name]


def test_a_new_image_in_check_mode_is_reported_and_nothing_is_written(sim_module):
    with_tools(sim_module)

    result, waited = run_task(sim_module, 'pre_receive_environment', dict(name='Tools', image_url=IMAGE_V2), check_mode=True)

    assert result['changed'] and not result.get('failed') and waited is None
    assert result['reason'] == 'image_url changed'
    assert sim_module.writes() == []


def test_a_new_image_is_patched_then_downloaded_and_waited_on(sim_module):
    with_tools(sim_module)

    result, waited = run_task(sim_module, 'pre_receive_environment', dict(name='Tools', image_url=IMAGE_V2, poll_interval=0.1), diff=True)

    writes = sim_module.writes()
    assert result['changed'] and not result.get('failed')
    assert result['diff']['before']['image_url'] == IMAGE
    assert result['diff']['after']['image_url'] == IMAGE_V2
    assert not waited.get('failed')
    assert waited['job']['state'] == 'complete'
    assert waited['outcome']['download']['state'] == 'success'
    assert [w['method'] for w in writes] == ['PATCH', 'POST']
    assert writes[0]['body'] == {'image_url': IMAGE_V2}


def test_download_always_downloads_the_same_image_again_and_waits(sim_module):
    with_tools(sim_module)

    result, waited = run_task(sim_module, 'pre_receive_environment', dict(name='Tools', download='always', poll_interval=0.1))

    writes = sim_module.writes()
    assert result['changed'] and not result.get('failed')
    assert result['reason'] == 'download is always'
    assert not waited.get('failed') and waited['job']['state'] == 'complete'
    assert [w['method'] for w in writes] == ['POST']


def test_a_failed_download_fails_with_github_s_message_then_is_downloaded_again(sim_module):
    sim_module.ghes.reset({'settings': {'job_polls': 3, 'fail_job_kinds': ['pre_receive_download']}})
    args = dict(name='Broken', image_url='https://files.example.com/hooks/missing.tar.gz', poll_interval=0.1)

    started, broken = run_task(sim_module, 'pre_receive_environment', args)

    assert started['changed'] and not started.get('failed')
    assert broken['failed']
    assert 'download of pre-receive environment Broken failed' in broken['msg']
    assert 'Failed to download https://files.example.com/hooks/missing.tar.gz' in broken['msg']
    assert broken['job']['state'] == 'failed'
    assert [w['method'] for w in sim_module.writes()] == ['POST', 'POST']

    sim_module.ghes.set_settings(fail_job_kinds=[])
    retried, waited = run_task(sim_module, 'pre_receive_environment', args)

    assert retried['changed'] and not retried.get('failed')
    assert retried['reason'] == 'the latest download is failed'
    assert not waited.get('failed') and waited['job']['state'] == 'complete'
    assert [w['method'] for w in sim_module.writes()] == ['POST']


def test_a_download_started_without_waiting_is_waited_on_by_the_next_run_not_started_again(sim_module):
    with_tools(sim_module)

    nowait, not_waited = run_task(sim_module, 'pre_receive_environment', dict(name='Tools', download='always', wait=False))
    adopt, waited = run_task(sim_module, 'pre_receive_environment', dict(name='Tools', poll_interval=0.1))

    assert nowait['changed'] and nowait['job']['state'] == 'pending' and not_waited is None
    assert not adopt['changed'] and not adopt.get('failed')
    assert not waited.get('failed') and waited['job']['state'] == 'complete'
    assert waited['outcome']['download']['state'] == 'success'
    assert [w['method'] for w in sim_module.writes()] == ['POST']


def test_an_environment_a_hook_uses_is_not_deleted_and_the_hook_is_named(sim_module):
    with_tools(sim_module)
    hook = sim_module('pre_receive_hook', dict(name='Reject secrets', script='checks/secrets.sh',
                                               script_repository='engineering/hooks', environment='Tools'))
    assert hook['changed'] and not hook.get('failed')
    sim_module.requests()

    result, dummy = run_task(sim_module, 'pre_receive_environment', dict(name='Tools', state='absent'))

    assert result['failed']
    assert 'hook Reject secrets still uses it' in result['msg']
    assert [w for w in sim_module.writes() if w['method'] == 'DELETE'] == []
    assert len(env_named(sim_module, 'Tools')) == 1


def test_the_default_environment_is_refused_before_any_request(sim_module):
    result, dummy = run_task(sim_module, 'pre_receive_environment', dict(name='Default', image_url=IMAGE))

    assert result['failed']
    assert 'default pre-receive environment' in result['msg']
    assert sim_module.requests() == []


def test_an_image_url_that_names_no_tarball_fails_naming_the_option_before_any_request(sim_module):
    result, dummy = run_task(sim_module, 'pre_receive_environment', dict(name='Zip', image_url='https://files.example.com/env.zip'))

    assert result['failed']
    assert 'image_url must name a tarball' in result['msg']
    assert sim_module.requests() == []


def test_a_deletion_in_check_mode_is_reported_and_nothing_is_deleted(sim_module):
    with_tools(sim_module)

    result, waited = run_task(sim_module, 'pre_receive_environment', dict(name='Tools', state='absent'), check_mode=True)

    assert result['changed'] and not result.get('failed') and waited is None
    assert sim_module.writes() == []
    assert len(env_named(sim_module, 'Tools')) == 1
