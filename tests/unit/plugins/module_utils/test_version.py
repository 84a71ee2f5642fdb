# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import yaml

from ansible_collections.ghe.admin.plugins.module_utils.version import COLLECTION_VERSION

ROOT = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..')


def test_version_matches_galaxy_yml():
    with open(os.path.join(ROOT, 'galaxy.yml')) as handle:
        assert yaml.safe_load(handle)['version'] == COLLECTION_VERSION
