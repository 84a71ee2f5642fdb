#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: suspend N users against the simulator three ways and print how long each took.

  (a) ghe.admin.user_suspension, one task in an ansible-playbook run;
  (b) an ansible.builtin.uri loop: GET every user, then PUT /suspended for each one not suspended;
  (c) raw requests from one requests.Session: GET then PUT per user, one after the other (the floor).

"Module start-up" is an ansible-playbook run of the module with an empty user list (no request). The
simulator runs in its own process with request/response validation on, and is reset to N fresh users
before every run. Every run is checked: all N users suspended, no contract violation.

  .venv/bin/python tests/benchmarks/suspend_users.py [--sizes 100 1000] [--uri-max 100] [--concurrency 8]

The uri loop is only run up to --uri-max users; above that its time is extrapolated linearly from the
largest size it ran (marked with ~). Exit status 1 when a target is missed at the smallest size: the
module at least 20x faster than the uri loop, and within 3x of raw floor + module start-up.
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
HEADERS = {'Authorization': 'Bearer ' + TOKEN, 'Accept': 'application/vnd.github+json',
           'X-GitHub-Api-Version': '2022-11-28'}
REASON = 'benchmark'

MODULE_PLAY = '''
- hosts: localhost
  gather_facts: false
  tasks:
    - name: Suspend the users
      ghe.admin.user_suspension:
        api_url: "{{ api_url }}"
        token: "{{ token }}"
        users: "{{ users }}"
        reason: "{{ reason }}"
        concurrency: "{{ concurrency }}"
'''

URI_PLAY = '''
- hosts: localhost
  gather_facts: false
  vars:
    headers:
      Authorization: "Bearer {{ token }}"
      Accept: application/vnd.github+json
      X-GitHub-Api-Version: "2022-11-28"
  tasks:
    - name: Read each user
      ansible.builtin.uri:
        url: "{{ api_url }}/api/v3/users/{{ item }}"
        headers: "{{ headers }}"
      loop: "{{ users }}"
      register: current

    - name: Suspend each user that is not suspended
      ansible.builtin.uri:
        url: "{{ api_url }}/api/v3/users/{{ item.item }}/suspended"
        method: PUT
        headers: "{{ headers }}"
        body_format: json
        body:
          reason: "{{ reason }}"
        status_code: 204
      loop: "{{ current.results }}"
      loop_control:
        label: "{{ item.item }}"
      when: item.json.suspended_at is none
'''


class Simulator:
    def __init__(self, workdir):
        self.dir = os.path.join(workdir, 'sim')
        script = os.path.join(ROOT, 'tools', 'simulator.sh')
        env = dict(os.environ, PYTHON=sys.executable)
        self.url = subprocess.check_output([script, 'start', self.dir], env=env, cwd=ROOT).decode().strip()
        self._stop = [script, 'stop', self.dir]

    def reset(self, count):
        fixture = {'generate_users': {'prefix': 'bench', 'count': count, 'width': 4}}
        requests.post(self.url + '/_sim/reset', json=fixture).raise_for_status()

    def check(self, count):
        state = requests.get(self.url + '/_sim/state').json()
        generated = [u for u in state['users'] if u['login'].startswith('bench')]
        suspended = sum(1 for u in generated if u.get('suspended_at'))
        violations = requests.get(self.url + '/_sim/violations').json()['count']
        if len(generated) != count or suspended != count or violations:
            raise SystemExit('run did not converge: %d of %d users suspended, %d violations'
                             % (suspended, count, violations))

    def stop(self):
        subprocess.call(self._stop, cwd=ROOT)


def logins(count):
    return ['bench%04d' % number for number in range(1, count + 1)]


class Playbooks:
    """ansible-playbook runs with this working tree as the ghe.admin collection."""

    def __init__(self, workdir, api_url):
        self.workdir = workdir
        collections = os.path.join(workdir, 'collections', 'ansible_collections', 'ghe')
        os.makedirs(collections)
        os.symlink(ROOT, os.path.join(collections, 'admin'))
        self.env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(workdir, 'collections'),
                        ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
                        ANSIBLE_NOCOLOR='1')
        self.bin = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')
        self.api_url = api_url
        for name, text in (('module.yml', MODULE_PLAY), ('uri.yml', URI_PLAY)):
            with open(os.path.join(workdir, name), 'w') as handle:
                handle.write(text)

    def run(self, playbook, users, concurrency=8):
        variables = os.path.join(self.workdir, 'vars.json')
        with open(variables, 'w') as handle:
            json.dump(dict(api_url=self.api_url, token=TOKEN, users=users, reason=REASON, concurrency=concurrency),
                      handle)
        command = [self.bin, '-i', 'localhost,', '-c', 'local', '-e', 'ansible_python_interpreter=' + sys.executable,
                   '-e', '@' + variables, os.path.join(self.workdir, playbook)]
        started = time.monotonic()
        done = subprocess.run(command, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        elapsed = time.monotonic() - started
        if done.returncode:
            sys.stderr.write(done.stdout.decode(errors='replace')[-3000:])
            raise SystemExit('%s failed (exit %d)' % (playbook, done.returncode))
        return elapsed


def raw_requests(api_url, users):
    started = time.monotonic()
    with requests.Session() as session:
        for login in users:
            answer = session.get('%s/api/v3/users/%s' % (api_url, login), headers=HEADERS)
            answer.raise_for_status()
            if answer.json().get('suspended_at') is None:
                session.put('%s/api/v3/users/%s/suspended' % (api_url, login), headers=HEADERS,
                            json={'reason': REASON}).raise_for_status()
    return time.monotonic() - started


def measure(sim, count, run):
    sim.reset(count)
    elapsed = run()
    sim.check(count)
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--sizes', type=int, nargs='+', default=[100, 1000])
    parser.add_argument('--uri-max', type=int, default=100, help='largest N to run the uri loop for (default 100)')
    parser.add_argument('--concurrency', type=int, default=8)
    args = parser.parse_args()
    if min(args.sizes) > args.uri_max:
        parser.error('the smallest of --sizes must be at most --uri-max, to measure the uri loop once')

    workdir = tempfile.mkdtemp(prefix='ghe-bench-')
    sim = Simulator(workdir)
    try:
        books = Playbooks(workdir, sim.url)
        sim.reset(0)
        books.run('module.yml', [])
        startup = min(books.run('module.yml', []) for dummy in range(2))
        rows, uri_rate = [], None
        for count in sorted(args.sizes):
            users = logins(count)
            module = measure(sim, count, lambda: books.run('module.yml', users, args.concurrency))
            raw = measure(sim, count, lambda: raw_requests(sim.url, users))
            if count <= args.uri_max:
                uri = measure(sim, count, lambda: books.run('uri.yml', users))
                uri_rate, extrapolated = uri / count, False
            else:
                uri, extrapolated = uri_rate * count, True
            rows.append((count, module, uri, extrapolated, raw))
            print('N=%d done' % count, file=sys.stderr)
    finally:
        sim.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    print('Suspending N users against the simulator (validation on), seconds of wall time; '
          'module concurrency %d; module start-up (no-op run) %.2f s' % (args.concurrency, startup))
    print()
    print('| N | module | uri loop | raw requests | raw + start-up | uri loop / module | module / (raw + start-up) |')
    print('|---:|---:|---:|---:|---:|---:|---:|')
    met = True
    for index, (count, module, uri, extrapolated, raw) in enumerate(rows):
        floor = raw + startup
        mark = '~' if extrapolated else ''
        print('| %d | %.2f | %s%.1f | %.2f | %.2f | %s%.1fx | %.2fx |'
              % (count, module, mark, uri, raw, floor, mark, uri / module, module / floor))
        if index == 0:
            met = uri / module >= 20 and module / floor <= 3
    if any(row[3] for row in rows):
        print()
        print('~ extrapolated linearly from the uri loop at N=%d (%.3f s per user)' % (
            max(r[0] for r in rows if not r[3]), uri_rate))
    print()
    print('targets at N=%d (uri loop / module >= 20x, module / (raw + start-up) <= 3x): %s'
          % (rows[0][0], 'met' if met else 'NOT MET'))
    return 0 if met else 1


if __name__ == '__main__':
    sys.exit(main())
