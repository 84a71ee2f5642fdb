# -*- coding: utf-8 -*-
"""The ``via: action`` cases of the bad-input table (tests/unit/plugins/modules/bad_input_cases.yml): the action
plugin refuses them on the controller, naming the option, and never runs the module (so no request is sent).

They run through the shared action harness (conftest.py). A relative key_path is searched in a files directory
holding ``small.pem`` (the table's ``keys.small``); any other path is not found, as on a controller without it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest
from ansible.errors import AnsibleFileNotFound

from ansible_collections.ghe.admin.tests.unit.plugins.modules.test_bad_input import (
    VARIABLES,
    case_id,
    check_failure,
    table_cases,
)

CASES = table_cases(via='action')
CONNECTION = dict(api_url='https://ghe.example.com', token='ghp_unit0000000000000000000000000000000000')


@pytest.fixture
def files(tmp_path):
    (tmp_path / 'small.pem').write_text(VARIABLES['keys']['small'] + '\n')

    def find(dirname, needle):
        path = str(tmp_path / needle)
        if os.path.isabs(needle) or not os.path.exists(path):
            raise AnsibleFileNotFound("Could not find or access '%s'" % needle)
        return path
    return find


@pytest.mark.parametrize('case', CASES, ids=[case_id(c) for c in CASES])
def test_bad_input_fails_in_the_action_naming_the_option(run_action, files, case):
    result = run_action(case['module'], dict(CONNECTION, **case['args']), find=files)
    check_failure(case, result)
    assert run_action.calls == []


def test_the_action_cases_are_there():
    assert len(CASES) >= 3
