# -*- coding: utf-8 -*-
"""The bad-input table (bad_input_cases.yml): every case fails before any request, naming the option.

Each case runs the module's ``main()`` through the ``run_module`` fixture (tests/unit/conftest.py), whose HTTP
session refuses every request: a case that reaches the network fails the test."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import jinja2
import pytest
import yaml

_TABLE = yaml.safe_load(open(os.path.join(os.path.dirname(__file__), 'bad_input_cases.yml')))


def _render(value):
    if isinstance(value, str):
        return jinja2.Template(value).render(good_credential=_TABLE['good_credential'], fake_pem=_TABLE['fake_pem'])
    if isinstance(value, dict):
        return dict((k, _render(v)) for k, v in value.items())
    if isinstance(value, list):
        return [_render(v) for v in value]
    return value


CASES = [_render(case) for case in _TABLE['bad_inputs'] if case.get('via') != 'action']


def _case_id(case):
    return '%s-%s-%s' % (case['module'], case['kind'], '-'.join(sorted(case['args'])) or 'none')


@pytest.mark.parametrize('case', CASES, ids=[_case_id(c) for c in CASES])
def test_bad_input_fails_before_any_request_naming_the_option(run_module, case):
    result = run_module(case['module'], case['args'])
    assert result.get('failed'), result
    assert case['says'] in result['msg'], (case['says'], result['msg'])
    assert run_module.sent == []


def test_the_table_covers_every_kind_of_mistake():
    kinds = set(case['kind'] for case in CASES)
    assert kinds == {'type', 'range', 'combination'}
    assert len(CASES) >= 140
