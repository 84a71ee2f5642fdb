# -*- coding: utf-8 -*-
"""The module manifest (tests/manifest.yml) is complete: every module appears everywhere a module must appear.

A newcomer adding a module adds it to the manifest and follows what this test says is missing
(docs/adding_a_module.md)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import subprocess
import sys

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
MANIFEST = yaml.safe_load(open(os.path.join(ROOT, 'tests', 'manifest.yml')))['modules']
NAMES = [entry['name'] for entry in MANIFEST]
FRAGMENT_PRODUCTS = {
    'ghe.admin.products.ghes': ('ghes',),
    'ghe.admin.products.ghec': ('ghec',),
    'ghe.admin.products.ghes_and_ghec': ('ghes', 'ghec'),
}


def _read(*parts):
    with open(os.path.join(ROOT, *parts)) as handle:
        return handle.read()


def _module_source(name):
    return _read('plugins', 'modules', name + '.py')


def _declared_products(name):
    """The products a module passes to GheModule, and those its documentation fragment names."""
    source = _module_source(name)
    documented = [FRAGMENT_PRODUCTS[f] for f in FRAGMENT_PRODUCTS
                  if re.search(r'^\s*-\s*%s\s*$' % re.escape(f), source, re.M)]
    code = [tuple(re.findall(r"'(\w+)'", found)) for found in re.findall(r"products=\(([^)]*)\)", source)]
    if 'ManageModule(' in source:
        code.append(('ghes',))  # the Manage API exists on GitHub Enterprise Server only
    entry = [e for e in MANIFEST if e['name'] == name][0]
    if 'products' in entry:  # a module not built on GheModule says its products in the manifest
        code.append(tuple(entry['products']))
    return code, documented


def _readme_rows():
    rows = {}
    for line in _read('README.md').splitlines():
        match = re.match(r'^\| `ghe\.admin\.(\w+)` \| ([^|]*) \| ([^|]*) \|', line)
        if match:
            rows[match.group(1)] = (match.group(2).strip(), match.group(3).strip())
    return rows


def test_the_manifest_lists_every_module_once_in_order():
    on_disk = sorted(f[:-3] for f in os.listdir(os.path.join(ROOT, 'plugins', 'modules'))
                     if f.endswith('.py') and not f.startswith('_'))
    assert NAMES == sorted(set(NAMES)), 'tests/manifest.yml: keep one entry per module, in alphabetical order'
    assert NAMES == on_disk


def test_every_module_is_in_the_action_group():
    group = yaml.safe_load(_read('meta', 'runtime.yml'))['action_groups']['api']
    assert sorted(group) == NAMES


@pytest.mark.parametrize('name', NAMES)
def test_every_module_declares_its_products_in_code_docs_and_readme(name):
    code, documented = _declared_products(name)
    assert len(code) == 1, '%s: pass products=(...) to GheModule exactly once' % name
    assert documented == code, '%s: the ghe.admin.products doc fragment must name the products of the code' % name
    row = _readme_rows().get(name)
    assert row is not None, 'README.md: the modules table has no row for ghe.admin.%s' % name
    ghes, ghec = (cell.startswith('yes') for cell in row)
    assert (ghes, ghec) == ('ghes' in code[0], 'ghec' in code[0]), 'README.md: ghe.admin.%s products %r' % (name, row)


def test_every_module_with_options_has_bad_input_cases():
    table = yaml.safe_load(_read('tests', 'unit', 'plugins', 'modules', 'bad_input_cases.yml'))['bad_inputs']
    covered = set(case['module'] for case in table)
    exempt = set(entry['name'] for entry in MANIFEST if entry.get('bad_input') is False)
    assert sorted(set(NAMES) - covered - exempt) == []


def test_every_module_is_in_the_leak_suite():
    runs = yaml.safe_load(_read('tests', 'integration', 'targets', 'setup_reliability', 'files', 'leak_runs.yml'))['runs']
    leaking = set(run['module'] for run in runs)
    wanted = set(entry['name'] for entry in MANIFEST if entry.get('reliability', True))
    assert sorted(wanted - leaking) == []


def test_the_generated_run_tasks_are_up_to_date():
    result = subprocess.run([sys.executable, os.path.join(ROOT, 'tools', 'generate_run_tasks.py'), '--check'],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    assert result.returncode == 0, result.stdout
