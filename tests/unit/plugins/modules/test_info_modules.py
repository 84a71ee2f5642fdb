# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.modules.license_info import iso_expiry
from ansible_collections.ghe.admin.plugins.modules.stats_info import result_key


@pytest.mark.parametrize('given, expected', [
    ('2016/02/06 12:41:52 -0600', '2016-02-06T18:41:52Z'),
    ('2030/12/31 23:00:00 +0100', '2030-12-31T22:00:00Z'),
    ('2030/02/30 23:00:00 +0100', None),
    ('soon', None),
    (None, None),
])
def test_license_expiry_as_iso(given, expected):
    assert iso_expiry(given) == expected


def test_stats_keys_are_jinja_friendly():
    assert result_key('security-products') == 'security_products'
    assert result_key('users') == 'users'
