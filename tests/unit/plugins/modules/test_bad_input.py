# -*- coding: utf-8 -*-
"""The bad-input table (bad_input_cases.yml): every case fails before any request, naming the option.

Each case runs the module's ``main()`` through the ``run_module`` fixture (tests/unit/conftest.py), whose fake
GitHub refuses every request: a case that reaches the network fails the test. The ``via: action`` cases run
through the action plugin instead (tests/unit/plugins/action/test_bad_input_actions.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

import jinja2
import pytest
import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

_TABLE = yaml.safe_load(open(os.path.join(os.path.dirname(__file__), 'bad_input_cases.yml')))


def _pem(key, private_format=serialization.PrivateFormat.PKCS8):
    return key.private_bytes(serialization.Encoding.PEM, private_format, serialization.NoEncryption()).decode().strip()


def _test_keys():
    """Keys made for this run (none is kept in the repository): ``keys.small`` (1024 bit RSA), ``keys.ec``
    (P-256), ``keys.truncated`` (a 2048 bit RSA key cut short)."""
    pkcs8 = _pem(rsa.generate_private_key(public_exponent=65537, key_size=2048)).splitlines()
    return dict(small=_pem(rsa.generate_private_key(public_exponent=65537, key_size=1024),
                           serialization.PrivateFormat.TraditionalOpenSSL),
                ec=_pem(ec.generate_private_key(ec.SECP256R1()), serialization.PrivateFormat.TraditionalOpenSSL),
                truncated='\n'.join(pkcs8[:5] + pkcs8[-1:]))


VARIABLES = dict(good_credential=_TABLE['good_credential'], fake_pem=_TABLE['fake_pem'], keys=_test_keys())


def _render(value):
    if isinstance(value, str):
        return jinja2.Template(value).render(**VARIABLES)
    if isinstance(value, dict):
        return dict((k, _render(v)) for k, v in value.items())
    if isinstance(value, list):
        return [_render(v) for v in value]
    return value


def table_cases(via=None):
    """The table's cases decided by the module (``via=None``) or by its action plugin (``via='action'``)."""
    return [_render(case) for case in _TABLE['bad_inputs'] if case.get('via') == via]


def case_id(case):
    return '%s-%s-%s' % (case['module'], case['kind'], '-'.join(sorted(case['args'])) or 'none')


def check_failure(case, result):
    """``result`` failed with a message holding each of ``says``, and shows no line of a key it was given."""
    assert result.get('failed'), result
    says = case['says'] if isinstance(case['says'], list) else [case['says']]
    for words in says:
        assert words in result['msg'], (words, result['msg'])
    secret_lines = [line for value in case['args'].values() if isinstance(value, str) and 'PRIVATE KEY-----' in value
                    for line in value.splitlines() if line and not line.startswith('-----')]
    shown = json.dumps(result)
    assert [line for line in secret_lines if line in shown] == []


CASES = table_cases()


@pytest.mark.parametrize('case', CASES, ids=[case_id(c) for c in CASES])
def test_bad_input_fails_before_any_request_naming_the_option(run_module, case):
    result = run_module(case['module'], case['args'])
    check_failure(case, result)
    assert run_module.sent == []


def test_the_table_covers_every_kind_of_mistake():
    kinds = set(case['kind'] for case in CASES)
    assert kinds == {'type', 'range', 'combination'}
    assert len(CASES) >= 140
