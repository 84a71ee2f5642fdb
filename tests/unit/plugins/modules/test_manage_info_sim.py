# -*- coding: utf-8 -*-
"""ghe.admin.manage_info against the simulated Manage API: an unhealthy replica named, parts asked for, and a wrong
password."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json


def test_an_unhealthy_replica_is_named_only_the_parts_asked_for_are_read_and_secrets_are_not_shown(sim_module):
    sim_module.ghes.merge_state({'manage': {'health': {'ghe-replica': 'CRITICAL'}}})
    health = sim_module('manage_info', dict(manage_url=sim_module.manage_url, manage_password=sim_module.manage_password,
                                            gather=['replication', 'cluster', 'settings']))
    assert not health.get('failed') and health['changed'] is False
    assert not health['healthy']
    assert 'ghe-replica is CRITICAL in replication status' in health['unhealthy'][0]
    assert 'version' not in health
    assert health['settings']['github_hostname'] == 'ghe.example.com'
    assert sim_module.manage_password not in json.dumps(health)
    assert sim_module.writes() == []


def test_a_wrong_password_fails_with_http_401_naming_the_option_to_check(sim_module):
    wrong = sim_module('manage_info', dict(manage_url=sim_module.manage_url, manage_password='not-the-password',
                                           gather=['version']))
    assert wrong['failed']
    assert 'HTTP 401' in wrong['msg']
    assert 'manage_password' in wrong['msg']
    assert 'not-the-password' not in json.dumps(wrong)
