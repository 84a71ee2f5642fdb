# -*- coding: utf-8 -*-
"""ghe.admin.maintenance against the simulated Manage API: bad input, waiting for every node to turn off, a window
scheduled once whatever its time zone, and a window that has started."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

IPS = ['192.0.2.0/24', '198.51.100.7']


@pytest.fixture
def run(sim_module):
    """``run(name='maintenance', **args)`` -> the module's result, with the Manage connection; the Manage API's clock
    set to 2030-01-01T00:00:00Z."""
    sim_module.ghes.merge_state({'manage': {'now': '2030-01-01T00:00:00Z'}})

    def run_module(name='maintenance', check_mode=False, diff=False, **args):
        args = dict(dict(manage_url=sim_module.manage_url, manage_password=sim_module.manage_password), **args)
        if name == 'maintenance':
            args.setdefault('poll_interval', 0.1)
        return sim_module(name, args, check_mode=check_mode, diff=diff)
    return run_module


@pytest.mark.parametrize('args, says', [
    (dict(when='next tuesday'), ['when must be now or an ISO 8601 instant']),
    (dict(when='2030-02-30T22:00:00Z'), ['is not a real date']),
    (dict(ip_exception_list=['192.0.2.0/24', 'office']), ['ip_exception_list: ', 'office']),
], ids=['when-not-an-instant', 'when-not-a-real-date', 'ip-not-an-address'])
def test_bad_input_is_refused_naming_the_option_before_any_request(sim_module, run, args, says):
    result = run(enabled=True, **args)
    assert result['failed'] and not result.get('changed')
    for text in says:
        assert text in result['msg']
    assert sim_module.requests() == []


def test_turning_maintenance_on_writes_one_post_and_every_node_is_on_with_its_connections(sim_module, run):
    result = run(enabled=True, ip_exception_list=IPS, maintenance_message='Upgrading to 3.19')
    writes = sim_module.writes()
    assert result['changed'] is True and not result.get('failed')
    assert [w['path'] for w in writes] == ['/manage/v1/maintenance']
    assert writes[0]['body']['enabled'] and 'when' not in writes[0]['body']
    assert set(node['status'] for node in result['maintenance']) == {'on'}
    assert len(result['maintenance'][0]['connection_services']) > 0


def test_turning_maintenance_off_waits_until_every_node_is_off(sim_module, run):
    assert run(enabled=True, ip_exception_list=IPS)['changed'] is True
    sim_module.ghes.merge_state({'manage': {'maintenance_polls': 2}})
    result = run(enabled=False)
    assert result['changed'] is True and not result.get('failed')
    assert result['polls'] == 2
    assert set(node['status'] for node in result['maintenance']) == {'off'}


def test_a_window_is_scheduled_once_whatever_its_time_zone_and_not_waited_for(sim_module, run):
    scheduled = run(enabled=True, when='2030-01-02T22:00:00Z')
    scheduled_again = run(enabled=True, when='2030-01-02T23:00:00+01:00')
    writes = sim_module.writes()
    assert scheduled['changed'] is True and 'polls' not in scheduled
    assert set(node['status'] for node in scheduled['maintenance']) == {'scheduled'}
    assert scheduled_again['changed'] is False
    assert len(writes) == 1 and writes[0]['body']['when'] == '2030-01-02T22:00:00Z'


def test_a_window_that_has_started_still_meets_the_declaration(sim_module, run):
    assert run(enabled=True, when='2030-01-02T22:00:00Z')['changed'] is True
    sim_module.ghes.merge_state({'manage': {'now': '2030-01-02T22:00:01Z'}})
    info = run('manage_info', gather=['maintenance'])
    started = run(enabled=True, when='2030-01-02T22:00:00Z')
    assert set(node['status'] for node in info['maintenance']) == {'on'}
    assert started['changed'] is False and not started.get('failed')
