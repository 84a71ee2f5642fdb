# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.errors import AnsibleActionFail

from ansible_collections.ghe.admin.plugins.plugin_utils.job_action import controller_params


@pytest.fixture
def clean_env(monkeypatch):
    for name in ('GHE_API_URL', 'GITHUB_API_URL', 'GHE_TOKEN', 'GITHUB_TOKEN', 'GHE_VALIDATE_CERTS'):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_task_arguments_win_and_are_typed(clean_env):
    clean_env.setenv('GHE_TOKEN', 'from-env')
    params = controller_params({'api_url': 'https://ghe.example.com', 'token': 'from-task', 'timeout': '7',
                                'validate_certs': 'no', 'name': 'not a connection option'})
    assert params['token'] == 'from-task'
    assert params['timeout'] == 7.0
    assert params['validate_certs'] is False
    assert 'name' not in params


def test_environment_fallbacks_in_order(clean_env):
    clean_env.setenv('GITHUB_API_URL', 'https://second.example.com')
    clean_env.setenv('GHE_API_URL', 'https://first.example.com')
    clean_env.setenv('GITHUB_TOKEN', 'github-token')
    clean_env.setenv('GHE_VALIDATE_CERTS', 'false')
    params = controller_params({})
    assert params['api_url'] == 'https://first.example.com'
    assert params['token'] == 'github-token'
    assert params['validate_certs'] is False
    assert params['max_retries'] == 5 and params['api_version'] == '2022-11-28'


def test_missing_api_url_is_refused(clean_env):
    with pytest.raises(AnsibleActionFail, match='api_url'):
        controller_params({'token': 'x'})
