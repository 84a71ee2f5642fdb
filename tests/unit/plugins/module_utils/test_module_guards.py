# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.module import connection_problem


@pytest.mark.parametrize('params', [
    dict(api_version='2022-11-28'), dict(api_version=None), dict(), dict(ca_path=None),
    dict(ca_path='/nonexistent/ca.pem', validate_certs=False),
])
def test_good_connection_options(params):
    assert connection_problem(params) is None


def test_an_existing_ca_path_is_accepted(tmp_path):
    bundle = tmp_path / 'ca.pem'
    bundle.write_text('-----BEGIN CERTIFICATE-----\n')
    assert connection_problem(dict(ca_path=str(bundle), validate_certs=True)) is None


@pytest.mark.parametrize('params, message', [
    (dict(api_version='latest'), "api_version must be a REST API version date such as 2022-11-28, got 'latest'"),
    (dict(api_version='2022/11/28'), 'api_version must be a REST API version date'),
    (dict(ca_path='/nonexistent/ca.pem', validate_certs=True), 'ca_path /nonexistent/ca.pem: no such file or directory'),
])
def test_bad_connection_options_are_named(params, message):
    assert message in connection_problem(params)
