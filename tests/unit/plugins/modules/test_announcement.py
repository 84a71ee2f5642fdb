# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.plugins.modules.announcement import banner, desired_banner


def params(**kwargs):
    base = dict(state='present', text='hello', expires_at=None, user_dismissible=None)
    base.update(kwargs)
    return base


def test_banner_normalises_the_api_answer():
    assert banner({'announcement': 'hi', 'expires_at': '2021-01-01T01:00:00.000+01:00', 'user_dismissible': None}) == \
        dict(text='hi', expires_at='2021-01-01T00:00:00Z', user_dismissible=False)


def test_no_banner():
    absent = dict(text=None, expires_at=None, user_dismissible=False)
    assert banner(None) == absent
    assert banner({'announcement': None, 'expires_at': None}) == absent
    assert banner({'announcement': '', 'expires_at': '2021-01-01T00:00:00Z', 'user_dismissible': True}) == absent


def test_omitted_options_keep_the_current_values():
    current = dict(text='old', expires_at='2031-01-01T00:00:00Z', user_dismissible=True)
    assert desired_banner(params(), current) == dict(text='hello', expires_at='2031-01-01T00:00:00Z',
                                                     user_dismissible=True)


def test_empty_expiry_means_never_and_instants_are_normalised():
    current = dict(text='old', expires_at='2031-01-01T00:00:00Z', user_dismissible=True)
    assert desired_banner(params(expires_at=''), current)['expires_at'] is None
    assert desired_banner(params(expires_at='2031-01-01T02:00:00+02:00'), current)['expires_at'] == '2031-01-01T00:00:00Z'
    assert desired_banner(params(user_dismissible=False), current)['user_dismissible'] is False
