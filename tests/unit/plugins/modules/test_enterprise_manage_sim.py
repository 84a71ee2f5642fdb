# -*- coding: utf-8 -*-
"""The Manage API areas of the enterprise role's round trip against the simulator: ghe.admin.enterprise_info exports
ghe_settings and ghe_maintenance (or skips them without a Manage password), and converging the export with
ghe.admin.config_settings and ghe.admin.maintenance, given as the role gives them (roles/enterprise/tasks/settings.yml
and maintenance.yml), writes nothing. The role's converge and drift report run in the enterprise_manage target."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import requests


@pytest.fixture
def changed_by_hand(sim_module):
    """The syslog server changed and a maintenance window scheduled through the Manage API, not by the collection."""
    sim_module.ghes.merge_state({'manage': {'settings': {'syslog': {'enabled': True,
                                                                    'server': 'elsewhere.example.com:514'}}}})
    answer = requests.post(sim_module.manage_url + '/maintenance', auth=('api_key', sim_module.manage_password),
                           json={'enabled': True, 'when': '2030-01-31T22:00:00Z', 'ip_exception_list': ['198.51.100.7']},
                           timeout=30)
    assert answer.status_code == 200, answer.text
    sim_module.requests()
    return sim_module


def export(sim_module, **manage):
    return sim_module('enterprise_info', dict(areas=['settings', 'maintenance'], settings_keys=['syslog', 'smtp.password'],
                                              **manage))


def manage(sim_module):
    return dict(manage_url=sim_module.manage_url, manage_password=sim_module.manage_password)


def test_without_a_manage_password_the_appliance_areas_are_skipped(changed_by_hand):
    skipped = export(changed_by_hand)
    assert not skipped.get('failed')
    assert len(skipped['skipped']) == 2
    assert 'settings' not in skipped and 'maintenance' not in skipped
    assert changed_by_hand.requests() == []


def test_the_export_has_the_values_read_and_a_placeholder_for_a_write_only_setting(changed_by_hand):
    exported = export(changed_by_hand, **manage(changed_by_hand))
    assert not exported.get('failed') and exported['skipped'] == []
    assert exported['settings']['syslog']['server'] == 'elsewhere.example.com:514'
    assert 'smtp' not in exported['settings']
    assert [secret['name'] for secret in exported['setting_secrets']] == ['smtp.password']
    assert exported['setting_secrets'][0]['variable'] == 'vault_ghe_settings_smtp_password'
    maintenance = exported['maintenance']
    assert maintenance['enabled'] and maintenance['when'] == '2030-01-31T22:00:00Z'
    assert maintenance['ip_exception_list'] == ['198.51.100.7']
    assert changed_by_hand.writes() == []


def test_converging_the_export_writes_nothing(changed_by_hand):
    exported = export(changed_by_hand, **manage(changed_by_hand))
    changed_by_hand.requests()
    ghe_maintenance = exported['maintenance']
    maintenance = changed_by_hand('maintenance', dict(
        manage(changed_by_hand), enabled=ghe_maintenance['enabled'],
        **dict((name, ghe_maintenance[name]) for name in ('when', 'ip_exception_list', 'maintenance_message')
               if name in ghe_maintenance)))
    settings = changed_by_hand('config_settings', dict(manage(changed_by_hand), settings=exported['settings'], apply=True))
    assert not maintenance.get('failed') and maintenance['changed'] is False
    assert not settings.get('failed') and settings['changed'] is False
    assert changed_by_hand.writes() == []
