#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: export an enterprise of N generated users with the playbook ghe.admin.export.

Prints how many API requests the export sent and how long it took, next to two floors that send exactly the
same requests from one requests.Session without Ansible: one after the other, and from --concurrency threads.
The playbook has a fixed number of tasks whatever N is (no task per user). The simulator runs in its own
process with request/response validation on; the run is checked: the exported file lists every user, and
the simulator recorded no write and no contract violation.

  .venv/bin/python tests/benchmarks/export_users.py [--users 10000] [--concurrency 8]
"""

from __future__ import absolute_import, division, print_function

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import requests
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
TOKEN = 'ghp_simadmin000000000000000000000000000'
HEADERS = {'Authorization': 'Bearer ' + TOKEN, 'Accept': 'application/vnd.github+json',
           'X-GitHub-Api-Version': '2022-11-28'}


class Simulator:
    def __init__(self, workdir):
        self.dir = os.path.join(workdir, 'sim')
        script = os.path.join(ROOT, 'tools', 'simulator.sh')
        env = dict(os.environ, PYTHON=sys.executable)
        self.url = subprocess.check_output([script, 'start', self.dir], env=env, cwd=ROOT).decode().strip()
        self._stop = [script, 'stop', self.dir]

    def reset(self, count):
        fixture = {'generate_users': {'prefix': 'bench', 'count': count, 'width': 5, 'suspended_every': 100}}
        requests.post(self.url + '/_sim/reset', json=fixture).raise_for_status()

    def log(self):
        return requests.get(self.url + '/_sim/requests').json()

    def clear_log(self):
        requests.delete(self.url + '/_sim/requests').raise_for_status()

    def violations(self):
        return requests.get(self.url + '/_sim/violations').json()['count']

    def stop(self):
        subprocess.call(self._stop, cwd=ROOT)


def export(workdir, api_url, concurrency):
    """ansible-playbook ghe.admin.export with this working tree as the collection; (seconds, file)."""
    collections = os.path.join(workdir, 'collections', 'ansible_collections', 'ghe')
    os.makedirs(collections, exist_ok=True)
    if not os.path.exists(os.path.join(collections, 'admin')):
        os.symlink(ROOT, os.path.join(collections, 'admin'))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(workdir, 'collections'), GHE_API_URL=api_url,
               GHE_TOKEN=TOKEN, ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
               ANSIBLE_NOCOLOR='1')
    path = os.path.join(workdir, 'state.yml')
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), 'ghe.admin.export',
               '-e', 'ansible_python_interpreter=' + sys.executable, '-e', 'ghe_export_path=' + path,
               '-e', 'ghe_export_concurrency=%d' % concurrency]
    started = time.monotonic()
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    elapsed = time.monotonic() - started
    if done.returncode:
        sys.stderr.write(done.stdout.decode(errors='replace')[-3000:])
        raise SystemExit('the export failed (exit %d)' % done.returncode)
    return elapsed, path


def raw_floor(api_url, concurrency):
    """The export's requests without Ansible: the listings page by page, then one GET per organization and user."""
    base = api_url + '/api/v3'
    started = time.monotonic()
    with requests.Session() as session:
        session.headers.update(HEADERS)
        session.mount('http://', requests.adapters.HTTPAdapter(pool_maxsize=max(concurrency, 1)))

        def listing(path):
            url, params, items = base + path, {'per_page': 100}, []
            while url:
                answer = session.get(url, params=params)
                answer.raise_for_status()
                items += answer.json()
                url, params = answer.links.get('next', {}).get('url'), None
            return items

        def get(path):
            session.get(base + path).raise_for_status()

        session.get(base + '/enterprise/announcement').raise_for_status()
        listing('/admin/hooks')
        paths = ['/orgs/' + org['login'] for org in listing('/organizations')]
        paths += ['/users/' + user['login'] for user in listing('/users') if user.get('type') == 'User']
        if concurrency <= 1:
            for path in paths:
                get(path)
        else:
            with ThreadPoolExecutor(max_workers=concurrency) as pool:
                list(pool.map(get, paths))
    return time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--users', type=int, default=10000, help='generated users (default 10000)')
    parser.add_argument('--concurrency', type=int, default=8)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix='ghe-bench-export-')
    sim = Simulator(workdir)
    try:
        sim.reset(args.users)
        seconds, path = export(workdir, sim.url, args.concurrency)
        log = sim.log()
        with open(path) as handle:
            exported = yaml.safe_load(handle.read().replace('!unsafe ', ''))
        size = os.path.getsize(path)
        listed = len(exported['ghe_suspended_users']) + len(exported['ghe_unsuspended_users'])
        if listed < args.users or log['writes'] or sim.violations():
            raise SystemExit('bad export: %d of %d users listed, %d writes, %d violations'
                             % (listed, args.users, log['writes'], sim.violations()))
        pages = sum(1 for entry in log['requests'] if entry['path'] == '/users')
        sim.clear_log()
        sequential = raw_floor(sim.url, 1)
        parallel = raw_floor(sim.url, args.concurrency)
    finally:
        sim.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    print('Exporting an enterprise of %d generated users (+ the simulator\'s 5) with ghe.admin.export, simulator '
          'validation on, concurrency %d' % (args.users, args.concurrency))
    print()
    print('| users | API requests | of which /users pages | export playbook (s) | raw requests, sequential (s) '
          '| raw requests, %d threads (s) | file |' % args.concurrency)
    print('|---:|---:|---:|---:|---:|---:|---:|')
    print('| %d | %d | %d | %.1f | %.1f | %.1f | %d KiB, %d logins |'
          % (args.users, log['count'], pages, seconds, sequential, parallel, size // 1024, listed))
    return 0


if __name__ == '__main__':
    sys.exit(main())
