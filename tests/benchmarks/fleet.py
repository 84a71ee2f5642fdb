#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: the ghe.admin.enterprise role over a fleet of N enterprises, first converge and no-op converge.

One GHES simulator process per enterprise (request/response validation on), one inventory of N hosts, each
host one enterprise (its own ghe_api_url), the role ghe.admin.enterprise, `ansible-playbook --forks N`.
The declared state of every enterprise: a banner, --hooks global webhooks, --orgs organizations and, of
--users generated users, every tenth one suspended (ghe_suspended_users).

  first converge  every simulator is reset to a fresh enterprise with the --users users, none suspended, and
                  neither the banner, the hooks nor the organizations: the role creates them all;
  no-op converge  every simulator is reset (through the control API `/_sim/reset`) to a fixture that already
                  is the declared state: the role must change nothing (checked: no write request).

For each N the time of both runs is printed, with the requests each enterprise saw (from its simulator's
request log; the same on every enterprise, else the range) and the ratio to the smallest N. Every run is
checked: the declared state reached, no contract violation.

  .venv/bin/python tests/benchmarks/fleet.py [--sizes 1 5 20] [--users 500] [--keep] [--profile]

--keep leaves the work directory (inventory, playbook, the output of every run, simulator logs) in place and
prints where it is; --profile adds the time of every task (slowest first) to the output of each run.
Exit status 1 when the target is missed: the no-op converge of the largest N within 4x the time of N=1
(only judged when 1 is among --sizes).
"""

from __future__ import absolute_import, division, print_function

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
TOKEN = 'ghp_simadmin000000000000000000000000000'
ADMIN = 'ghe-admin'
PREFIX = 'fleet'
BANNER = {'text': 'Maintenance window on Saturday 06:00-08:00 UTC', 'expires_at': '2031-05-06T05:08:09Z',
          'user_dismissible': True}
EVENTS = ['organization', 'user', 'repository']
TARGET = 4.0

# --profile: the time of every task (first host start to last host result), slowest first, at the end of the run.
PROFILE_CALLBACK = '''
import time
from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'fleet_profile'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.tasks, self.current, self.started = [], None, time.monotonic()

    def _close(self):
        if self.current:
            self.current[2] = time.monotonic() - self.current[1]

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._close()
        self.current = [task.get_name(), time.monotonic(), 0.0]
        self.tasks.append(self.current)

    def v2_playbook_on_handler_task_start(self, task):
        self.v2_playbook_on_task_start(task, False)

    def v2_playbook_on_stats(self, stats):
        self._close()
        total = time.monotonic() - self.started
        self._display.display('FLEET PROFILE total %.2f s' % total)
        for name, dummy, seconds in sorted(self.tasks, key=lambda t: -t[2])[:25]:
            self._display.display('FLEET PROFILE %7.2f s  %s' % (seconds, name))
'''

PLAY = '''
- name: Converge the fleet
  hosts: enterprises
  gather_facts: false
  roles:
    - role: ghe.admin.enterprise
'''


def declared_hooks(count):
    return [{'url': 'https://hooks.example.com/fleet/%02d' % number, 'content_type': 'json', 'events': EVENTS,
             'active': True, 'insecure_ssl': False} for number in range(1, count + 1)]


def declared_orgs(count):
    return [{'name': 'fleet-org-%02d' % number, 'admin': ADMIN, 'profile_name': 'Fleet organization %d' % number}
            for number in range(1, count + 1)]


def logins(users):
    width = max(4, len(str(users)))
    return ['%s%s' % (PREFIX, str(number).zfill(width)) for number in range(1, users + 1)]


def suspended_logins(users):
    return [login for number, login in enumerate(logins(users), 1) if number % 10 == 0]


def declared_state(args):
    return {
        'ghe_token': TOKEN,
        'ghe_announcement': BANNER,
        'ghe_global_hooks': declared_hooks(args.hooks),
        'ghe_organizations': declared_orgs(args.orgs),
        'ghe_suspended_users': suspended_logins(args.users),
    }


def fixture(args, converged):
    """The simulator state: a fresh enterprise with the users, or (converged) the declared state already."""
    width = max(4, len(str(args.users)))
    state = {'generate_users': {'prefix': PREFIX, 'count': args.users, 'width': width,
                                'suspended_every': 10 if converged else 0}}
    if converged:
        state['announcement'] = {'announcement': BANNER['text'], 'expires_at': BANNER['expires_at'],
                                 'user_dismissible': BANNER['user_dismissible']}
        state['hooks'] = [{'url': hook['url'], 'content_type': 'json', 'insecure_ssl': '0', 'events': EVENTS,
                           'active': True} for hook in declared_hooks(args.hooks)]
        state['orgs'] = [{'login': org['name'], 'admin': ADMIN, 'name': org['profile_name']}
                         for org in declared_orgs(args.orgs)]
    return state


class Simulator:
    """One GHES simulator process (python -m ghe_simulator), validation on."""

    def __init__(self, workdir, index):
        self.dir = os.path.join(workdir, 'sim%02d' % index)
        os.makedirs(self.dir)
        port_file = os.path.join(self.dir, 'sim.port')
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, 'tests', 'simulator'))
        self.log = open(os.path.join(self.dir, 'sim.log'), 'w')
        self.process = subprocess.Popen(
            [sys.executable, '-m', 'ghe_simulator', '--host', '127.0.0.1', '--port', '0', '--port-file', port_file],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.port_file = port_file
        self.url = None

    def wait(self):
        for dummy in range(600):
            if os.path.exists(self.port_file):
                with open(self.port_file) as handle:
                    self.url = 'http://127.0.0.1:%d' % int(handle.read())
                # the first API request waits for the descriptions to be loaded: not part of any measurement
                requests.get(self.url + '/api/v3/meta', timeout=300).raise_for_status()
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise SystemExit('simulator in %s did not start; see %s/sim.log' % (self.dir, self.dir))

    def reset(self, state):
        requests.post(self.url + '/_sim/reset', json=state).raise_for_status()
        requests.delete(self.url + '/_sim/violations').raise_for_status()

    def request_log(self):
        return requests.get(self.url + '/_sim/requests').json()

    def check(self, args, noop):
        """Raise SystemExit unless the state is the declared one, with no violation (and no write when noop)."""
        state = requests.get(self.url + '/_sim/state').json()
        problems = []
        suspended = sorted(u['login'] for u in state['users']
                           if u['login'].startswith(PREFIX) and u.get('suspended_at'))
        if suspended != suspended_logins(args.users):
            problems.append('%d users suspended, not %d' % (len(suspended), len(suspended_logins(args.users))))
        hooks = {hook['url'] for hook in declared_hooks(args.hooks)}
        found = {hook.get('url') or hook.get('config', {}).get('url') for hook in state['hooks']}
        if hooks - found:
            problems.append('hooks missing: %s' % ', '.join(sorted(hooks - found)))
        orgs = {org['name'] for org in declared_orgs(args.orgs)}
        found = {org['login'] for org in state['orgs']}
        if orgs - found:
            problems.append('organizations missing: %s' % ', '.join(sorted(orgs - found)))
        if (state.get('announcement') or {}).get('announcement') != BANNER['text']:
            problems.append('no banner')
        violations = requests.get(self.url + '/_sim/violations').json()
        if violations['count']:
            problems.append('%d contract violations, the first: %s' % (
                violations['count'], json.dumps(violations['violations'][0])[:500]))
        log = self.request_log()
        if noop and log['writes']:
            problems.append('%d write requests in the no-op run' % log['writes'])
        if problems:
            raise SystemExit('%s: %s' % (self.url, '; '.join(problems)))
        return log['count'], log['writes']

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


class Fleet:
    def __init__(self, workdir, args):
        self.workdir = workdir
        self.args = args
        collections = os.path.join(workdir, 'collections', 'ansible_collections', 'ghe')
        os.makedirs(collections)
        os.symlink(ROOT, os.path.join(collections, 'admin'))
        self.env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(workdir, 'collections'),
                        ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
                        ANSIBLE_NOCOLOR='1', ANSIBLE_HOST_KEY_CHECKING='false')
        if args.profile:
            plugins = os.path.join(workdir, 'callback_plugins')
            os.makedirs(plugins)
            with open(os.path.join(plugins, 'fleet_profile.py'), 'w') as handle:
                handle.write(PROFILE_CALLBACK)
            self.env.update(ANSIBLE_CALLBACK_PLUGINS=plugins, ANSIBLE_CALLBACKS_ENABLED='fleet_profile')
        self.bin = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')
        with open(os.path.join(workdir, 'fleet.yml'), 'w') as handle:
            handle.write(PLAY)
        with open(os.path.join(workdir, 'declared.json'), 'w') as handle:
            json.dump(declared_state(args), handle)
        self.sims = []

    def start(self, count):
        while len(self.sims) < count:
            self.sims.append(Simulator(self.workdir, len(self.sims) + 1))
        for sim in self.sims:
            sim.wait()

    def inventory(self, count):
        hosts = {'enterprise%02d' % (index + 1): {'ghe_api_url': sim.url, 'ansible_connection': 'local',
                                                  'ansible_python_interpreter': sys.executable}
                 for index, sim in enumerate(self.sims[:count])}
        path = os.path.join(self.workdir, 'inventory-%d.json' % count)
        with open(path, 'w') as handle:
            json.dump({'all': {'children': {'enterprises': {'hosts': hosts}}}}, handle)
        return path

    def converge(self, count, noop):
        sims = self.sims[:count]
        state = fixture(self.args, converged=noop)
        for sim in sims:
            sim.reset(state)
        command = [self.bin, '-i', self.inventory(count), '--forks', str(count),
                   '-e', '@' + os.path.join(self.workdir, 'declared.json'), os.path.join(self.workdir, 'fleet.yml')]
        started = time.monotonic()
        done = subprocess.run(command, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        elapsed = time.monotonic() - started
        name = '%s-%d.log' % ('noop' if noop else 'first', count)
        with open(os.path.join(self.workdir, name), 'wb') as handle:
            handle.write(done.stdout)
        if done.returncode:
            sys.stderr.write(done.stdout.decode(errors='replace')[-4000:])
            raise SystemExit('ansible-playbook failed (exit %d) for N=%d' % (done.returncode, count))
        counts = [sim.check(self.args, noop) for sim in sims]
        return elapsed, [c[0] for c in counts], [c[1] for c in counts]

    def stop(self):
        for sim in self.sims:
            sim.stop()


def spread(values):
    low, high = min(values), max(values)
    return '%d' % low if low == high else '%d-%d' % (low, high)


def load():
    try:
        return '%.2f' % os.getloadavg()[0]
    except OSError:
        return '?'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--sizes', type=int, nargs='+', default=[1, 5, 20], help='fleet sizes N (default 1 5 20)')
    parser.add_argument('--users', type=int, default=500, help='users per enterprise, every tenth suspended (default 500)')
    parser.add_argument('--hooks', type=int, default=10, help='declared global webhooks per enterprise (default 10)')
    parser.add_argument('--orgs', type=int, default=20, help='declared organizations per enterprise (default 20)')
    parser.add_argument('--keep', action='store_true', help='keep the work directory (inventory, logs)')
    parser.add_argument('--profile', action='store_true',
                        help='time every task (a callback plugin); printed in the logs of the runs (see --keep)')
    args = parser.parse_args()
    if min(args.sizes) < 1 or args.users < 10:
        parser.error('--sizes must be at least 1 and --users at least 10')
    sizes = sorted(set(args.sizes))

    workdir = tempfile.mkdtemp(prefix='ghe-fleet-')
    fleet = Fleet(workdir, args)
    rows = []
    try:
        fleet.start(max(sizes))
        for count in sizes:
            first_load = load()
            first, first_requests, first_writes = fleet.converge(count, noop=False)
            noop_load = load()
            noop, noop_requests, dummy = fleet.converge(count, noop=True)
            rows.append((count, first, first_requests, first_writes, noop, noop_requests, first_load, noop_load))
            print('N=%d done: first %.2f s, no-op %.2f s' % (count, first, noop), file=sys.stderr)
    finally:
        fleet.stop()
        if args.keep:
            print('work directory kept: %s' % workdir, file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print('The role ghe.admin.enterprise over N enterprises (one simulator each, validation on), ansible-playbook '
          '--forks N; per enterprise: %d users (%d suspended), %d global webhooks, %d organizations, a banner. '
          'Seconds of wall time; ratio = time / time at N=%d; load = 1-minute load average before the run.'
          % (args.users, len(suspended_logins(args.users)), args.hooks, args.orgs, sizes[0]))
    print()
    print('| N | first converge s | requests (writes) / enterprise | ratio | no-op converge s '
          '| requests / enterprise | ratio | load |')
    print('|---:|---:|---:|---:|---:|---:|---:|---|')
    base_first, base_noop = rows[0][1], rows[0][4]
    for count, first, first_requests, first_writes, noop, noop_requests, first_load, noop_load in rows:
        print('| %d | %.2f | %s (%s) | %.2fx | %.2f | %s | %.2fx | %s / %s |'
              % (count, first, spread(first_requests), spread(first_writes), first / base_first, noop,
                 spread(noop_requests), noop / base_noop, first_load, noop_load))
    print()
    if sizes[0] != 1 or len(sizes) < 2:
        return 0
    ratio = rows[-1][4] / base_noop
    print('target (no-op converge of N=%d within %.0fx of N=1): %.2fx, %s'
          % (sizes[-1], TARGET, ratio, 'met' if ratio <= TARGET else 'NOT MET'))
    return 0 if ratio <= TARGET else 1


if __name__ == '__main__':
    sys.exit(main())
