# -*- coding: utf-8 -*-
"""What the ecosystem tests share."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope='session')
def collections(tmp_path_factory):
    """A collections path whose ghe.admin is this checkout."""
    path = tmp_path_factory.mktemp('collections')
    (path / 'ansible_collections' / 'ghe').mkdir(parents=True)
    (path / 'ansible_collections' / 'ghe' / 'admin').symlink_to(ROOT)
    return path
