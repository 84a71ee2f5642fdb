# -*- coding: utf-8 -*-
"""TLS with a self-signed certificate, for every module path that writes
(tests/integration/targets/setup_reliability/files/writing_modules.yml), against simulators that serve HTTPS
(cases moved from the integration target reliability_tls): each fails before any request reaches the API unless
ca_path names the certificate or validate_certs is false, and then converges. (Trust from the environment,
SSL_CERT_FILE and GHE_CA_PATH, stays in the target: it is what the controller passes to the module.)"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import subprocess

import pytest

from ansible_collections.ghe.admin.tests.unit.conftest import SIMULATOR_PATH, run_waiting_action
from ansible_collections.ghe.admin.tests.unit.plugins.modules.test_fault_suite_sim import (
    MODULES, label, product, render, variables_of)


@pytest.fixture(scope='module')
def https(tmp_path_factory):
    """``{'ghes': Simulator, 'ghec': Simulator, 'ca': path}``: one HTTPS simulator of each product, with a
    self-signed certificate for 127.0.0.1 made here."""
    work = tmp_path_factory.mktemp('tls')
    cert, key = str(work / 'cert.pem'), str(work / 'key.pem')
    subprocess.check_call(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
                           '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import sys
    if SIMULATOR_PATH not in sys.path:
        sys.path.insert(0, SIMULATOR_PATH)
    from ghe_simulator.server import Simulator  # pylint: disable=import-error
    sims = dict(ghes=Simulator(certfile=cert, keyfile=key).start(),
                ghec=Simulator(product='ghec', certfile=cert, keyfile=key).start())
    yield dict(sims, ca=cert, key=subprocess.check_output(['openssl', 'genrsa', '2048'], stderr=subprocess.DEVNULL).decode())
    for sim in sims.values():
        sim.stop()


def log_of(sim):
    with sim.lock:
        entries, sim.requests = sim.requests, []
    return entries


@pytest.mark.parametrize('index', [pytest.param(index, id=label(m).replace(' ', ''))
                                   for index, m in enumerate(MODULES['fault_modules'])])
def test_a_self_signed_certificate_is_refused_before_any_request_unless_trusted_or_unverified(sim_module, monkeypatch,
                                                                                              https, index):
    m = render(MODULES['fault_modules'], variables_of(https['key']))[index]
    sim = https[product(m)]
    sim.clear_violations()
    if product(m) == 'ghec':
        monkeypatch.setenv('GHE_CLOUD_API_URLS', sim.api_url)

    def run(**options):
        return run_waiting_action(sim_module, m['module'], dict(m['args'], api_url=sim.api_url, **options), product=product(m))

    sim.reset(m['fixture'])
    refused = run()
    refused_log = log_of(sim)
    with_ca = run(ca_path=https['ca'])
    with_ca_log = log_of(sim)
    sim.reset(m['fixture'])
    unverified = run(validate_certs=False)
    unverified_log = log_of(sim)

    assert refused['failed'], label(m)
    assert refused_log == []
    assert 'TLS certificate of 127.0.0.1' in refused['msg']
    assert 'could not be verified (certificate verify failed: self-signed certificate)' in refused['msg']
    assert 'Set ca_path' in refused['msg'] and 'validate_certs: false' in refused['msg']
    assert 'module_stderr' not in refused and 'Traceback' not in json.dumps(refused)
    assert not with_ca.get('failed') and with_ca['changed'], with_ca.get('msg')
    assert len(with_ca_log) == m['requests']
    assert len([r for r in with_ca_log if r['method'] not in ('GET', 'HEAD')]) == m['writes']
    assert not unverified.get('failed') and unverified['changed'], unverified.get('msg')
    assert len(unverified_log) == m['requests']
    assert not sim.violations, sim.violations
