# -*- coding: utf-8 -*-
"""The one fake GitHub of the unit tests, and the fixtures built on it.

``FakeGitHub`` is a programmable in-memory server: it serves the answers a test scripts, in order, records every
request, and refuses any request beyond the script. Two fixtures put it in front of the code under test:

* ``run_module`` runs a module's ``main()`` (in the style of community.docker's ``patch_ansible_module``): module
  arguments in, the module's JSON result out, every HTTP request of any ``requests`` session sent to the fake.
* ``sim_module`` runs a module's ``main()`` the same way against the simulator of the integration suite
  (``tests/simulator``), started in this process once for the session: the behaviour cases that need no
  ansible-core (faults, lost answers, errors, edge cases) run here at the cost of the requests, not of a playbook.
* ``fake_ghe`` makes what a module's functions use of ``GheModule`` (params, a real ``Client`` over the fake, check
  and diff mode, ``warn``, ``fail``), for tests of a module's decisions below ``main()``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import importlib
import json
import os
import sys
from types import SimpleNamespace

import pytest
import requests
from _pytest.runner import runtestprotocol
from ansible.module_utils.common import warnings as module_warnings
from ansible_collections.ghe.admin.plugins.module_utils.client import Client
from ansible_collections.ghe.admin.plugins.module_utils.retry import RetryPolicy

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    import contextlib

    from ansible.module_utils import basic
    from ansible.module_utils.common.text.converters import to_bytes

    @contextlib.contextmanager
    def patch_module_args(args=None):
        previous = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = to_bytes(json.dumps(dict(ANSIBLE_MODULE_ARGS=args or {})))
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = previous

SIM_URL = 'https://ghe.example.com'
ADMIN_TOKEN = 'ghp_unit0000000000000000000000000000000000'


class FakeGitHub:
    """A programmable in-memory GitHub, used as the ``requests`` session of the code under test.

    ``answers`` are served in order, one a request. An answer is a ``requests.Response``, an exception to raise
    (a lost connection, a timeout), or a ``(method, path-suffix, status, body)`` tuple: the request must have that
    method and its URL end with that path, and the answer carries ``product_headers`` and a JSON body. A request
    when no answer is left fails the test. ``calls`` records each request: method, url and the keyword arguments
    (``json``, ``params``, ...)."""

    def __init__(self, answers=()):
        self.answers = list(answers)
        self.calls = []
        # GHES sends its version on every answer; a test of GitHub Enterprise Cloud sets this to {}.
        self.product_headers = {'X-GitHub-Enterprise-Version': '3.19.0'}

    def request(self, method, url, **kwargs):
        self.calls.append(dict(method=method, url=url, **kwargs))
        if not self.answers:
            raise AssertionError('the module sent %s %s, and no request was expected' % (method, url))
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        if isinstance(answer, requests.Response):
            return answer
        want_method, want_path, status, body = answer
        assert method == want_method and url.endswith(want_path), (method, url, want_method, want_path)
        response = requests.Response()
        response.status_code = status
        response.url = url
        response.headers['Content-Type'] = 'application/json; charset=utf-8'
        response.headers.update(self.product_headers)
        response._content = json.dumps(body).encode() if body is not None else b''
        return response

    def close(self):
        pass

    @property
    def sent(self):
        """``(method, url)`` of each request."""
        return [(call['method'], call['url']) for call in self.calls]


CONNECTION_ENVIRONMENT = ('GHE_API_URL', 'GITHUB_API_URL', 'GHE_TOKEN', 'GITHUB_TOKEN', 'GHE_VALIDATE_CERTS',
                          'GHE_CA_PATH', 'GHE_MANAGE_URL', 'GHE_MANAGE_PASSWORD')


def clear_connection_environment(monkeypatch):
    """A module run under test gets its connection from its arguments only, never from the shell running the tests."""
    for name in CONNECTION_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


class ModuleRun:
    """Runs ``ghe.admin.<name>``'s ``main()`` with every ``requests`` session answered by ``github``, a
    :class:`FakeGitHub`; ``answers``, ``sent`` and ``product_headers`` are the fake's."""

    def __init__(self, monkeypatch, capsys):
        self._capsys = capsys
        self.github = FakeGitHub()
        # a bound method is no descriptor: the session itself is not passed, and a test may wrap it
        monkeypatch.setattr(requests.Session, 'request', self.github.request)
        clear_connection_environment(monkeypatch)

    @property
    def answers(self):
        return self.github.answers

    @answers.setter
    def answers(self, answers):
        self.github.answers = list(answers)

    @property
    def product_headers(self):
        return self.github.product_headers

    @product_headers.setter
    def product_headers(self, headers):
        self.github.product_headers = headers

    @property
    def sent(self):
        return self.github.sent

    def __call__(self, name, args, check_mode=False, diff=False, connection=True):
        module = importlib.import_module('ansible_collections.ghe.admin.plugins.modules.%s' % name)
        args = dict(args)
        if connection:
            args.setdefault('api_url', SIM_URL)
            args.setdefault('token', ADMIN_TOKEN)
        if check_mode:
            args['_ansible_check_mode'] = True
        if diff:
            args['_ansible_diff'] = True
        # ansible-core keeps a module's warnings and deprecations process-wide: one run must not see another's
        for store in ('_global_warnings', '_global_deprecations'):
            getattr(module_warnings, store, {}).clear()
        with patch_module_args(args):
            with pytest.raises(SystemExit):
                module.main()
        out = self._capsys.readouterr().out
        return json.loads(out)


SIMULATOR_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'simulator')
SIM_ADMIN_TOKEN = 'ghp_simadmin000000000000000000000000000'
SIM_USER_TOKEN = 'ghp_simuser0000000000000000000000000000'


class Simulators:
    """The GHES simulator (with its Manage API) and the GHEC one, as the integration suite starts them."""

    def __init__(self):
        if self.preloaded_by is None:
            self.preload()
        from ghe_simulator.server import Simulator  # pylint: disable=import-error
        self.ghes = Simulator(manage=True).start()
        self.ghec = Simulator(product='ghec').start()

    def stop(self):
        self.ghes.stop()
        self.ghec.stop()

    preloaded_by = None

    @classmethod
    def preload(cls):
        """Import the simulator and load GitHub's descriptions (cached per process)."""
        cls.preloaded_by = os.getpid()
        if SIMULATOR_PATH not in sys.path:
            sys.path.insert(0, SIMULATOR_PATH)
        from ghe_simulator import validation  # pylint: disable=import-error
        for name in validation.SPEC_FILES:
            validation.load_spec(name)
        validation.SpecValidator().wait_ready()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    """ansible-test runs each test in a fork of its own (its ansible_forked plugin). A test of a module against the
    simulators runs in the test process instead: the simulators started once serve every such test, each of which
    resets them and the module's process-wide warnings. Other tests keep their fork."""
    if 'sim_module' not in getattr(item, 'fixturenames', ()):
        return None
    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    runtestprotocol(item, nextitem=nextitem)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


def pytest_collection_finish(session):
    """ansible-test runs each test in a fork of its own: load what every simulator needs once, before the forks,
    instead of once a test."""
    if any('sim_module' in getattr(item, 'fixturenames', ()) for item in session.items):
        Simulators.preload()


class SimulatedModuleRun(ModuleRun):
    """Runs ``ghe.admin.<name>``'s ``main()`` against the in-process simulators, through real HTTP.

    ``sim_module(name, args, check_mode=False, diff=False, product='ghes')`` -> the module's result (the connection
    defaults to the product's simulator and the admin token). ``ghes`` / ``ghec`` are the simulators
    (``reset(fixture)``, ``add_fault(**spec)``, ``merge_state``, ``state``); ``requests()`` / ``writes()`` read and
    clear the request log of one of them, as the integration suite's ``requests`` step does. Every test starts from
    the default state and ends with no OpenAPI violation."""

    def __init__(self, simulators, monkeypatch, capsys):  # pylint: disable=super-init-not-called
        self._capsys = capsys
        self.ghes = simulators.ghes
        self.ghec = simulators.ghec
        for sim in (self.ghes, self.ghec):
            sim.reset({})
            sim.clear_violations()
        clear_connection_environment(monkeypatch)

    @property
    def manage_url(self):
        return self.ghes.manage_url

    @property
    def manage_password(self):
        return self.ghes.state['settings']['manage_password']

    def __call__(self, name, args, check_mode=False, diff=False, connection=True, product='ghes'):
        args = dict(args)
        if connection:
            args.setdefault('api_url', (self.ghec if product == 'ghec' else self.ghes).api_url)
            args.setdefault('token', SIM_ADMIN_TOKEN)
        return super(SimulatedModuleRun, self).__call__(name, args, check_mode=check_mode, diff=diff, connection=False)

    def requests(self, product='ghes'):
        """The requests since the last reset or read, then the log cleared."""
        sim = self.ghec if product == 'ghec' else self.ghes
        with sim.lock:
            entries = sim.requests
            sim.requests = []
        return entries

    def writes(self, product='ghes'):
        """The write requests since the last reset or read (the whole log is cleared)."""
        return [entry for entry in self.requests(product) if entry['method'] not in ('GET', 'HEAD')]

    def check_violations(self):
        for sim in (self.ghes, self.ghec):
            assert not sim.violations, json.dumps(sim.violations, indent=1, default=str)


@pytest.fixture
def waits(monkeypatch):
    """The waits (backoff before a retry) of every client a module builds, recorded instead of slept."""
    recorded = []
    original = Client.__init__

    def init(self, *args, **kwargs):
        kwargs.setdefault('sleep', recorded.append)
        original(self, *args, **kwargs)
    monkeypatch.setattr(Client, '__init__', init)
    return recorded


def warning_texts(result):
    """The texts of a module result's warnings (ansible-core 2.19 and later send each as an object)."""
    texts = []
    for warning in result.get('warnings', []):
        if isinstance(warning, dict):  # a WarningSummary: its event, and the events that caused it
            event, texts_of_event = warning.get('event', warning), []
            while event:
                texts_of_event.append(str(event.get('msg', '')))
                event = event.get('chain', {}).get('event')
            warning = ' '.join(texts_of_event)
        texts.append(warning)
    return texts


class ModuleFailed(Exception):
    """What :meth:`FakeGhe.fail` raises unless the test says otherwise (``fails_with``)."""


class FakeGhe:
    """What a module's functions use of ``GheModule``: ``params``, a real ``Client`` whose session is a
    :class:`FakeGitHub` (``session``), ``check_mode``, ``module._diff``, ``warn`` (kept in ``warnings``) and ``fail``
    (kept in ``failure``, then raises ``fails_with``)."""

    def __init__(self, answers=(), params=None, check_mode=False, diff=False, fails_with=ModuleFailed,
                 max_retries=None):
        self.params = dict(params or {})
        self.session = FakeGitHub(answers)
        retry_policy = None if max_retries is None else RetryPolicy(max_retries=max_retries, jitter=0)
        self.client = Client(SIM_URL, token=ADMIN_TOKEN, retry_policy=retry_policy, session=self.session,
                             sleep=lambda seconds: None)
        self.check_mode = check_mode
        self.module = SimpleNamespace(_diff=diff)
        self.warnings = []
        self.failure = None
        self._fails_with = fails_with

    def fail(self, msg, **kwargs):
        self.failure = dict(msg=msg, **kwargs)
        raise self._fails_with(msg)

    def fail_api(self, error, what=None):
        self.fail(str(error) if what is None else '%s: %s' % (what, error), api_error=error.as_dict())

    def warn(self, text):
        self.warnings.append(text)

    @property
    def calls(self):
        """``(method, path)`` of each request, the path after ``/api/v3/``."""
        return [(c['method'], c['url'].replace(SIM_URL + '/api/v3/', '')) for c in self.session.calls]

    @property
    def sent(self):
        """``(method, /path, json body)`` of each request."""
        return [(c['method'], c['url'].replace(SIM_URL + '/api/v3', ''), c.get('json')) for c in self.session.calls]

    @property
    def writes(self):
        return [s for s in self.sent if s[0] != 'GET']


class FakeGheMaker:
    """``fake_ghe(answers, check_mode=False, diff=False, **params)`` -> a :class:`FakeGhe` whose fake GitHub
    serves ``answers``; ``params`` update the defaults. ``defaults(...)`` -> a maker with other defaults: the
    module's parameters, and ``check_mode``, ``diff``, ``fails_with`` or ``max_retries``."""

    def __init__(self, **defaults):
        self._defaults = defaults

    def defaults(self, **defaults):
        merged = dict(self._defaults)
        merged.update(defaults)
        return FakeGheMaker(**merged)

    def __call__(self, answers=(), **kwargs):
        settings = copy.deepcopy(self._defaults)  # each fake gets its own lists
        settings.update(kwargs)
        options = dict((key, settings.pop(key)) for key in ('check_mode', 'diff', 'fails_with', 'max_retries')
                       if key in settings)
        return FakeGhe(answers, params=settings, **options)


@pytest.fixture
def run_module(monkeypatch, capsys):
    """``run_module(name, args)`` -> the module's result; ``run_module.sent`` -> the requests it tried."""
    return ModuleRun(monkeypatch, capsys)


@pytest.fixture(scope='session')
def _simulators():
    simulators = Simulators()
    yield simulators
    # A test process forked by ansible-test exits next: waiting for the servers' shutdown would only cost time.
    if Simulators.preloaded_by in (None, os.getpid()):
        simulators.stop()


@pytest.fixture
def sim_module(_simulators, monkeypatch, capsys):  # pylint: disable=redefined-outer-name
    """``sim_module(name, args)`` -> the module's result against the in-process simulators (see
    :class:`SimulatedModuleRun`)."""
    run = SimulatedModuleRun(_simulators, monkeypatch, capsys)
    yield run
    run.check_violations()


@pytest.fixture
def fake_ghe():
    """``fake_ghe(answers, **params)`` -> a :class:`FakeGhe`. A test module with its own defaults overrides this
    fixture with one that returns ``fake_ghe.defaults(...)`` of this one."""
    return FakeGheMaker()


def run_task(sim_module, name, args, check_mode=False, diff=False, product='ghes'):
    """``(the module's result, ghe.admin.job_info's result or None)``: ``sim_module(name, args)``, then what a
    job-waiting action plugin (plugin_utils/job_action.py, whose own decisions tests/unit/plugins/action/
    test_job_actions.py covers) does when the module has one: when the module started a job that is still pending and
    ``wait`` is true (and not in check mode), ``ghe.admin.job_info`` waits for it against the same simulator with the
    task's connection options. Bad wait options fail as the plugin fails them, before the module runs."""
    from ansible_collections.ghe.admin.plugins.module_utils import jobs
    job_action = _job_action()
    options, error = job_action.wait_options(args)
    if error:
        return dict(failed=True, msg=error), None
    result = sim_module(name, args, check_mode=check_mode, diff=diff, product=product)
    job = result.get('job')
    if (not _waits_for_jobs(name) or result.get('failed') or not isinstance(job, dict)
            or job.get('state') != jobs.PENDING or check_mode or not options['wait']):
        return result, None
    job_args = dict((key, value) for key, value in args.items() if key in jobs.connection_option_names())
    job_args.update(job=job, wait=True, wait_timeout=options['wait_timeout'], poll_interval=options['poll_interval'])
    return result, sim_module('job_info', job_args, product=product)


def run_waiting_action(sim_module, name, args, check_mode=False, diff=False, product='ghes'):
    """The task's result as the job-waiting action plugin reports it: ``run_task``'s two results merged."""
    result, waited = run_task(sim_module, name, args, check_mode=check_mode, diff=diff, product=product)
    return result if waited is None else _job_action().merge_wait(result, waited)


def _waits_for_jobs(name):
    """Whether the module's action plugin is a job-waiting one (plugins/action/NAME.py)."""
    path = os.path.join(os.path.dirname(__file__), '..', '..', 'plugins', 'action', name + '.py')
    if not os.path.exists(path):
        return False
    with open(path) as plugin:
        return 'JobWaitingAction' in plugin.read()


def _job_action():
    """plugin_utils/job_action.py for the module tests, to which ansible-test offers no ``ansible.plugins``: loaded
    with a stand-in ``ActionBase`` (``wait_options`` and ``merge_wait`` need none), leaving ``sys.modules`` as it was."""
    import types
    name = 'ansible_collections.ghe.admin.plugins.plugin_utils.job_action'
    if name in sys.modules:
        return sys.modules[name]
    stubs = {'ansible.plugins': types.ModuleType('ansible.plugins'),
             'ansible.plugins.action': types.ModuleType('ansible.plugins.action')}
    stubs['ansible.plugins.action'].ActionBase = object
    added = [key for key in stubs if key not in sys.modules]
    for key in added:
        sys.modules[key] = stubs[key]
    try:
        return importlib.import_module(name)
    finally:
        if added:  # the loaded module stays with the caller, not in sys.modules with a stand-in base
            sys.modules.pop(name, None)
        for key in added:
            sys.modules.pop(key, None)
