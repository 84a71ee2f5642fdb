# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.timestamps import format_instant, parse_instant


@pytest.mark.parametrize('given, expected', [
    ('2030-01-31T18:00:00Z', '2030-01-31T18:00:00Z'),
    ('2030-01-31T19:00:00+01:00', '2030-01-31T18:00:00Z'),
    ('2030-01-31T13:00:00-0500', '2030-01-31T18:00:00Z'),
    ('2030-01-31T18:00:00.000+00:00', '2030-01-31T18:00:00Z'),
    ('2030-01-31T18:00:00.123456789Z', '2030-01-31T18:00:00Z'),
    ('2030-01-31T18:00', '2030-01-31T18:00:00Z'),
    ('2030-01-31', '2030-01-31T00:00:00Z'),
    ('2030-01-01T00:30:00+01:00', '2029-12-31T23:30:00Z'),
])
def test_parse_and_format(given, expected):
    assert format_instant(parse_instant(given)) == expected


@pytest.mark.parametrize('empty', [None, '', '  '])
def test_empty_means_none(empty):
    assert parse_instant(empty) is None
    assert format_instant(None) is None


@pytest.mark.parametrize('bad', ['2030-02-30T00:00:00Z', '2030-13-01', 'tomorrow', '2030-01-01T25:00:00Z',
                                 '2030-01-01T10:00:00+25:00', '31/01/2030'])
def test_impossible_instants(bad):
    with pytest.raises(ValueError):
        parse_instant(bad)


def test_one_instant_spelled_in_two_zones_parses_equal():
    assert parse_instant('2021-01-01T00:00:00.000+00:00') == parse_instant('2021-01-01T01:00:00+01:00')
    assert parse_instant(None) == parse_instant('')
    assert parse_instant('2021-01-01T00:00:00Z') != parse_instant(None)
