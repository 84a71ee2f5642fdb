# -*- coding: utf-8 -*-
"""ghe.admin.license_info against the simulator: an ordinary user's token."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.tests.unit.conftest import SIM_USER_TOKEN


def test_an_ordinary_user_s_token_fails_saying_a_site_administrator_is_needed(sim_module):
    result = sim_module('license_info', dict(token=SIM_USER_TOKEN))
    assert result['failed']
    assert 'HTTP 404' in result['msg']
    assert 'site administrator' in result['msg']
    assert sim_module.writes() == []
