# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.plugin_utils.job_action import wait_options


@pytest.mark.parametrize('value, expected', [
    ('false', False), ('no', False), ('False', False), ('0', False), (False, False),
    ('true', True), ('yes', True), (True, True)])
def test_wait_is_typed_like_the_module_types_it(value, expected):
    options, error = wait_options({'wait': value, 'name': 'not a wait option'})
    assert error is None and options['wait'] is expected
    assert set(options) == {'wait', 'wait_timeout', 'poll_interval'}


def test_defaults_and_numbers_from_strings():
    options, error = wait_options({'wait_timeout': '600', 'poll_interval': '2.5'})
    assert error is None
    assert options == dict(wait=True, wait_timeout=600.0, poll_interval=2.5)


def test_a_value_of_the_wrong_type_is_an_error():
    options, error = wait_options({'wait': 'perhaps'})
    assert options is None and 'wait' in error
