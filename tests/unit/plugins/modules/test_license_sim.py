# -*- coding: utf-8 -*-
"""ghe.admin.license against the simulated Manage API: a valid licence left alone, an expired one replaced, a missing
manage_password. The action plugin (plugins/action/license.py) reads the file on the controller and passes it as
``content``; here the module gets that content directly."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import os

import pytest
from ansible_collections.ghe.admin.plugins.module_utils.manage import check_license

LICENSE_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'integration', 'targets',
                            'license', 'files', 'enterprise.ghl')


@pytest.fixture
def run(sim_module):
    """``run(**args)`` -> ghe.admin.license's result, given the licence file's content and the Manage connection."""
    with open(LICENSE_FILE, 'rb') as handle:
        content = base64.b64encode(check_license(handle.read())).decode('ascii')

    def run_license(check_mode=False, diff=False, **args):
        args = dict(dict(content=content, path='enterprise.ghl', manage_url=sim_module.manage_url,
                         manage_password=sim_module.manage_password, poll_interval=0.1), **args)
        return sim_module('license', args, check_mode=check_mode, diff=diff)
    return run_license


def test_without_reference_number_a_valid_licence_is_left_alone(sim_module, run):
    result = run()
    assert not result.get('failed') and result['changed'] is False
    assert sim_module.writes() == []


def test_an_expired_licence_is_replaced_even_without_reference_number(sim_module, run):
    sim_module.ghes.merge_state({'manage': {'license_status': 'expired'}})
    result = run()
    writes = sim_module.writes()
    assert not result.get('failed') and result['changed'] is True
    assert result['license_check'] == 'valid'
    assert [w['path'] for w in writes] == ['/manage/v1/config/license']


def test_a_missing_manage_password_fails_before_any_request(sim_module, run):
    result = run(manage_password='')
    assert result['failed']
    assert 'manage_password is required' in result['msg']
    assert sim_module.requests() == []
