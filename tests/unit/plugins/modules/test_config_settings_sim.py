# -*- coding: utf-8 -*-
"""ghe.admin.config_settings against the simulated Manage API: bad input, a secret rotated with update_secrets,
and a change refused while a node is unhealthy unless require_healthy is false."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

SMTP_PASSWORD = 'smtp-Secret-4711'
ROTATED = 'smtp-Rotated-0815'


@pytest.fixture
def run(sim_module):
    """``run(**args)`` -> the module's result, with the Manage connection."""
    def run_module(check_mode=False, diff=False, **args):
        args = dict(dict(manage_url=sim_module.manage_url, manage_password=sim_module.manage_password,
                         poll_interval=0.1), **args)
        return sim_module('config_settings', args, check_mode=check_mode, diff=diff)
    return run_module


@pytest.mark.parametrize('settings, says', [
    ('private_mode=true', 'settings must be a non-empty dictionary'),
    (['private_mode'], 'settings'),
    ({'configuration_run_count': 9}, 'configuration_run_count cannot be set'),
], ids=['a-string', 'a-list', 'a-read-only-setting'])
def test_bad_input_is_refused_naming_the_option_before_any_request(sim_module, run, settings, says):
    result = run(settings=settings)
    assert result['failed'] and not result.get('changed')
    assert says in result['msg']
    assert sim_module.requests() == []


def test_update_secrets_always_sends_only_the_rotated_password(sim_module, run):
    first = run(settings={'smtp': {'enabled': True, 'address': 'smtp.example.com', 'password': SMTP_PASSWORD}})
    assert first['changed'] is True and sim_module.ghes.state['manage']['secrets']['smtp.password'] == SMTP_PASSWORD
    sim_module.requests()
    rotated = run(settings={'smtp': {'password': ROTATED}}, update_secrets='always')
    writes = sim_module.writes()
    assert rotated['changed'] is True and not rotated.get('failed')
    assert len(writes) == 1
    assert list(writes[0]['body']) == ['smtp'] and list(writes[0]['body']['smtp']) == ['password']
    assert sim_module.ghes.state['manage']['secrets']['smtp.password'] == ROTATED
    assert ROTATED not in json.dumps(rotated) and SMTP_PASSWORD not in json.dumps(first)


def test_a_change_while_a_node_is_unhealthy_is_refused_naming_the_node_with_zero_writes(sim_module, run):
    sim_module.ghes.merge_state({'manage': {'settings': {'private_mode': True}, 'health': {'ghe-replica': 'CRITICAL'}}})
    result = run(settings={'private_mode': False})
    assert result['failed']
    assert 'ghe-replica is CRITICAL in replication status' in result['msg']
    assert sim_module.writes() == []
    assert sim_module.ghes.state['manage']['settings']['private_mode']


def test_require_healthy_false_writes_the_change_while_a_node_is_unhealthy(sim_module, run):
    sim_module.ghes.merge_state({'manage': {'settings': {'private_mode': True}, 'health': {'ghe-replica': 'CRITICAL'}}})
    result = run(settings={'private_mode': False}, require_healthy=False)
    assert result['changed'] is True and not result.get('failed')
    assert [w['path'] for w in sim_module.writes()] == ['/manage/v1/config/settings']
    assert not sim_module.ghes.state['manage']['settings']['private_mode']
