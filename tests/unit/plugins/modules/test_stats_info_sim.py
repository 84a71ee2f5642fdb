# -*- coding: utf-8 -*-
"""ghe.admin.stats_info against the simulator: chosen types, repeats, security products in check mode and an
unknown type (cases moved from the integration target)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def test_chosen_types_are_one_get_each_repeats_read_once_and_match_all(sim_module):
    all_stats = sim_module('stats_info', {})
    some_stats = sim_module('stats_info', dict(type=['users', 'orgs', 'users']))

    requests = sim_module.requests()
    assert not some_stats['changed'] and not some_stats.get('failed')
    assert sorted(some_stats['stats']) == ['orgs', 'users']
    assert some_stats['stats']['users'] == all_stats['stats']['users']
    assert [(r['method'], r['path']) for r in requests] == [
        ('GET', '/enterprise/stats/all'), ('GET', '/enterprise/stats/users'), ('GET', '/enterprise/stats/orgs')]


def test_all_plus_security_products_in_check_mode_reads_both(sim_module):
    all_stats = sim_module('stats_info', {})
    sim_module.requests()

    result = sim_module('stats_info', dict(type=['all', 'security-products']), check_mode=True)

    requests = sim_module.requests()
    assert not result['changed'] and not result.get('failed')
    assert isinstance(result['stats']['security_products'], dict)
    assert result['stats']['users'] == all_stats['stats']['users']
    assert [(r['method'], r['path']) for r in requests] == [
        ('GET', '/enterprise/stats/all'), ('GET', '/enterprise/stats/security-products')]


def test_an_unknown_type_fails_naming_it_before_any_request(sim_module):
    result = sim_module('stats_info', dict(type=['users', 'people']))

    assert result['failed'] and 'type' in result['msg'] and 'people' in result['msg']
    assert sim_module.requests() == []
