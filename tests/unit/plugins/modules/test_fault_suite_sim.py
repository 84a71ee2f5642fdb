# -*- coding: utf-8 -*-
"""The fault suite against the simulator: every module path that writes
(tests/integration/targets/setup_reliability/files/writing_modules.yml) under every fault case
(tests/integration/targets/reliability_faults/cases.yml), the two tables the integration target reads too.

Each case: the faults are injected (each aimed at the path's first read or its write), the module runs into them
and converges, or fails with a sentence a person can act on (never a traceback, never a secret); every fault fired;
then a plain re-run converges. Exact request counts throughout (cases.yml says how they are made up).

Deterministic, and at the cost of the requests: the client's waits (backoff, rate limits) are recorded instead of
slept (the simulator's faults fire by count, not by time), and each wait is checked against max_retry_wait. The one
wall-clock wait is the read timeout of the `hang` fault: the client waits its 10 s timeout for a simulator that hangs
60 s, so only the hang can time out. That costs 10 s a path, so the `chain` case keeps its hang for HANG_PATHS
only, one path of each way a write is repeated (an IDEMPOTENT write sent again, a ONCE create re-read and created
again, a ONCE job start that fails saying how to check); the other paths run the chain without the hang (one repeat,
and for a create one re-read, fewer). The integration target reliability_faults runs one chain, with its hang,
through ansible-playbook."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import json
import os
import re
import subprocess

import jinja2
import pytest
import yaml

from ansible_collections.ghe.admin.tests.unit.conftest import SIM_ADMIN_TOKEN, run_waiting_action, warning_texts

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
TARGETS = os.path.join(ROOT, 'tests', 'integration', 'targets')
MODULES = yaml.safe_load(open(os.path.join(TARGETS, 'setup_reliability', 'files', 'writing_modules.yml')))
CASES = yaml.safe_load(open(os.path.join(TARGETS, 'reliability_faults', 'cases.yml')))
# The paths (labels) whose `chain` keeps the hang: IDEMPOTENT PATCH, ONCE create, ONCE job start.
HANG_PATHS = ('announcement', 'global_hook', 'encryption_key')


def label(module):
    return module.get('label', module['module'])


def product(module):
    """'ghec' for a module of GitHub Enterprise Cloud only (as setup_reliability/files/simulators.sh decides)."""
    source = open(os.path.join(ROOT, 'plugins', 'modules', module['module'] + '.py')).read()
    return 'ghec' if re.search(r"products=\('ghec',\)", source) else 'ghes'


def now(utc=False):
    return datetime.datetime.now(datetime.timezone.utc) if utc else datetime.datetime.now()


def render(value, variables):
    """``value`` with every template rendered (as the playbook renders them, when the case runs)."""
    if isinstance(value, dict):
        return dict((key, render(item, variables)) for key, item in value.items())
    if isinstance(value, list):
        return [render(item, variables) for item in value]
    if isinstance(value, str) and '{{' in value:
        return jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(value).render(now=now, **variables)
    return value


def variables_of(fault_key):
    """The variables the tables' templates use."""
    return dict(ghe_admin_token=SIM_ADMIN_TOKEN, fault_key=fault_key, fault_hook_secret=MODULES['fault_hook_secret'],
                fault_credential=MODULES['fault_credential'], primary_limit=CASES['primary_limit'],
                secondary_limit=CASES['secondary_limit'])


def without_hang(case):
    """The `chain` case without its hang: one repeat fewer, and for a create one re-read fewer."""
    assert case['count'] == 'chain', 'only the chain case may drop its hang (%s)' % case['id']
    hangs = [fault for fault in case['faults'] if fault.get('action') == 'hang']
    return dict(case, faults=[fault for fault in case['faults'] if fault.get('action') != 'hang'],
                repeats=case['repeats'] - len(hangs), recreate=case['recreate'] - len(hangs))


def paths_and_cases():
    params = []
    for index, module in enumerate(MODULES['fault_modules']):
        for case in CASES['fault_cases']:
            name = '%s-%s' % (label(module).replace(' ', ''), case['id'])
            params.append(pytest.param(index, case['id'], id=name))
    return params


@pytest.fixture(scope='module')
def fault_key(tmp_path_factory):
    """An RSA key for the encryption_key path (what the playbook generates with openssl)."""
    return subprocess.check_output(['openssl', 'genrsa', '2048'], stderr=subprocess.DEVNULL).decode()


@pytest.mark.parametrize('index, case_id', paths_and_cases())
def test_a_writing_module_survives_the_fault_case_and_a_plain_rerun_converges(sim_module, monkeypatch, waits,
                                                                              fault_key, index, case_id):
    variables = variables_of(fault_key)
    modules = render(MODULES['fault_modules'], variables)
    m = modules[index]
    case = [c for c in CASES['fault_cases'] if c['id'] == case_id][0]
    case = dict(case, **(m.get('cases') or {}).get(case_id, {}))
    if label(m) not in HANG_PATHS and any(f.get('action') == 'hang' for f in case['faults']):
        case = without_hang(case)
    c = render(case, dict(variables, fault_modules=modules, fault_index=index))
    sim = sim_module.ghec if product(m) == 'ghec' else sim_module.ghes
    if product(m) == 'ghec':
        monkeypatch.setenv('GHE_CLOUD_API_URLS', sim.api_url)  # as the playbook's `environment` says

    sim.reset(m['fixture'])
    for fault in c['faults']:
        aimed = m.get(fault['at']) or m['write']
        spec = dict(times=1)
        spec.update((key, item) for key, item in fault.items() if key != 'at')
        spec.update(aimed)
        sim.add_fault(**spec)

    faulted = run_waiting_action(sim_module, m['module'], dict(m['args'], **c.get('conn', {})), product=product(m))
    faulted_log = sim_module.requests(product(m))
    with sim.lock:
        unfired = [fault for fault in sim.faults if fault['remaining'] > 0]
    sim.clear_faults()
    rerun = run_waiting_action(sim_module, m['module'], m['args'], product=product(m))
    rerun_log = sim_module.requests(product(m))

    count = c['count']
    expected = count if isinstance(count, int) else {
        'chain': m['requests'] + c.get('repeats', 0) + c.get('recreate', 0) * m['find'],
        'lost': m['requests'] + max(m['find'], 1),
        'fast': m['reads_before_write'] + 1,
        'twice': m['reads_before_write'] + 2 * (1 + m['find']),
    }[count]
    fails = c.get('fails', False)
    secrets = [SIM_ADMIN_TOKEN] + [line for line in m['secret'].splitlines() if '-----' not in line]
    faulted_text = json.dumps(faulted)
    warnings = ' '.join(warning_texts(faulted))
    seen = ', '.join('%s %s %s' % (r['method'], r['path'], r['status'] or r['action']) for r in faulted_log)
    why = '%s / %s: saw %s; faulted: %s' % (label(m), c['name'], seen, faulted.get('msg', 'ok'))

    assert len(faulted_log) == expected, why
    assert unfired == [], why
    assert bool(faulted.get('failed')) == fails, why
    assert faulted.get('changed') or fails, why
    assert 'module_stderr' not in faulted and 'Traceback' not in faulted_text
    assert [secret for secret in secrets if secret in faulted_text] == [], label(m)
    assert [say for say in c.get('says', []) if say not in faulted.get('msg', '')] == [], why
    assert count != 'lost' or m['find'] == 0 or 'was lost' in warnings, warnings
    assert all(0 <= wait <= c.get('conn', {}).get('max_retry_wait', 120) for wait in waits), waits
    rerun_writes = [r for r in rerun_log if r['method'] not in ('GET', 'HEAD')]
    assert not rerun.get('failed'), rerun.get('msg')
    assert len(rerun_log) == (m['requests'] if fails else m['rerun_requests'])
    assert len(rerun_writes) == (m['writes'] if fails else m['rerun_writes'])
    assert bool(rerun.get('changed')) == (True if fails else m['rerun_changed'])
    assert [warn for warn in c.get('warns', []) if warn not in warnings] == [], warnings
