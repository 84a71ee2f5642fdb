# -*- coding: utf-8 -*-
"""ghe.admin.ldap_sync against the simulator: bad input (moved from the ldap_sync target)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re


def test_naming_nothing_fails_before_any_request(sim_module):
    result = sim_module('ldap_sync', dict(users=[]))

    assert result['failed']
    assert re.match('users or teams is required', result['msg'])
    assert sim_module.requests() == []


def test_a_login_that_is_not_one_fails_naming_the_option_before_any_request(sim_module):
    result = sim_module('ldap_sync', dict(users=['a/b']))

    assert result['failed']
    assert "users: 'a/b' is not a GitHub login" in result['msg']
    assert sim_module.requests() == []
