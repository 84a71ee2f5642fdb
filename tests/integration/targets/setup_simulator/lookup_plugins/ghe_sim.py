# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one client of the simulator's control API (tests/simulator/README.md): an Ansible lookup for the
integration targets, and a command line for shell scripts (run it with --help). Standard library HTTP only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: ghe_sim
short_description: Talk to the simulator's control API from the controller (test helper)
description:
  - One call per term, no module run, so a test step can reset, inject faults and read the request log
    in a few milliseconds instead of a task each.
  - Terms, done in order, are V(health), V(reset) (to the defaults merged with O(fixture); clears the request log
    and the faults), V(faults) (the faults with their hits; O(faults) added; an empty list clears them),
    V(requests) (the log, optionally only after O(since), a sequence number), V(clear) (empties the log),
    V(snapshot) (the log, its counts and the state at once, then the log emptied), V(state) (O(patch) merged
    first when given), V(settings) (O(settings) merged), V(violations) (the OpenAPI violations),
    V(forget_violations) (clears them).
  - V(snapshot) reads the simulator once per task; every other V(snapshot) of the same task, for the same O(url),
    returns that first answer, so one C(set_fact) can set several facts from it.
  - The same file is a command line for shell scripts, C(python ghe_sim.py --help).
options:
  _terms:
    description: What to do.
    required: true
  url:
    description: The control API's base URL (ending in C(/_sim)); defaults to the variable C(ghe_sim_url).
  fixture:
    description: Fixture for V(reset).
  faults:
    description: Faults for V(faults) (one or a list).
  since:
    description: Only requests with a larger sequence number (V(requests)).
  patch:
    description: Partial fixture merged into the state by V(state).
  settings:
    description: Settings for V(settings).
  validate_certs:
    description: Whether to verify the certificate of an HTTPS simulator.
    type: bool
    default: true
'''

import argparse
import json
import os
import ssl
import sys

from urllib.error import HTTPError, URLError
from urllib.request import ProxyHandler, Request, HTTPSHandler, build_opener

if __name__ == '__main__':  # the command line needs no Ansible
    LookupBase = object
    AnsibleLookupError = RuntimeError
else:
    from ansible.errors import AnsibleLookupError
    from ansible.plugins.lookup import LookupBase


class ControlError(Exception):
    pass


def call(url, method='GET', body=None, validate_certs=True):
    """One request to the control API; the JSON answer (None when empty). The only HTTP code here."""
    data = None if body is None else json.dumps(body).encode('utf-8')
    request = Request(url, data=data, method=method, headers={'Content-Type': 'application/json'} if data else {})
    context = ssl.create_default_context() if validate_certs else ssl._create_unverified_context()  # pylint: disable=protected-access
    # the simulators listen on loopback: never through a proxy
    opener = build_opener(ProxyHandler({}), HTTPSHandler(context=context))
    try:
        with opener.open(request, timeout=60) as response:
            text = response.read()
    except HTTPError as exc:
        detail = exc.read().decode('utf-8', 'replace')[:500]
        raise ControlError('%s %s answered %s: %s' % (method, url, exc.code, detail))
    except (URLError, OSError, ValueError) as exc:
        raise ControlError('%s %s failed: %s' % (method, url, exc))
    return json.loads(text.decode('utf-8')) if text else None


class Control:
    """The control API of one simulator, at its base URL (…/_sim)."""

    def __init__(self, base, validate_certs=True):
        self.base = base.rstrip('/')
        self.validate_certs = validate_certs

    def _call(self, path, method='GET', body=None):
        return call(self.base + path, method, body, self.validate_certs)

    def health(self):
        return self._call('/health')

    def reset(self, fixture=None):
        self._call('/reset', 'POST', fixture or {})
        return True

    def faults(self, faults=None):
        if faults is None:
            return self._call('/faults')
        if not faults:
            return self._call('/faults', 'DELETE')
        return self._call('/faults', 'POST', faults)

    def requests(self, since=None):
        return self._call('/requests' + ('?since=%d' % int(since) if since else ''))

    def clear(self):
        return self._call('/requests', 'DELETE')

    def snapshot(self):
        return self._call('/snapshot', 'POST')

    def state(self, patch=None):
        return self._call('/state') if patch is None else self._call('/state', 'PATCH', patch)

    def settings(self, settings=None):
        return self._call('/settings', 'POST', settings) if settings else self._call('/settings')

    def violations(self):
        return self._call('/violations')

    def forget_violations(self):
        return self._call('/violations', 'DELETE')


# V(snapshot) answers of this process: (pid, url) -> answer. Ansible templates a task in a process of its own (a fork
# per task), so an answer lives as long as the task that read it; the pid keeps a parent's answers from its forks.
_SNAPSHOTS = {}


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        base = self.get_option('url') or (variables or {}).get('ghe_sim_url')
        if not base:
            raise AnsibleLookupError('ghe_sim: no url and no ghe_sim_url variable')
        control = Control(base, self.get_option('validate_certs'))
        try:
            return [self._one(control, term) for term in terms]
        except ControlError as exc:
            raise AnsibleLookupError('ghe_sim: %s' % exc)

    def _one(self, control, term):
        if term == 'snapshot':
            key = (os.getpid(), control.base)
            if key not in _SNAPSHOTS:
                _SNAPSHOTS[key] = control.snapshot()
            return _SNAPSHOTS[key]
        if term == 'reset':
            return control.reset(self.get_option('fixture'))
        if term == 'faults':
            return control.faults(self.get_option('faults'))
        if term == 'requests':
            return control.requests(self.get_option('since'))
        if term == 'state':
            return control.state(self.get_option('patch'))
        if term == 'settings':
            return control.settings(self.get_option('settings'))
        if term in ('health', 'clear', 'violations', 'forget_violations'):
            return getattr(control, term)()
        raise AnsibleLookupError('ghe_sim: unknown term %r' % term)


URL_KEYS = {'ghes': ('ghes', 'url'), 'ghes_sim': ('ghes', 'sim_url'), 'ghec': ('ghec', 'url'),
            'ghec_sim': ('ghec', 'sim_url'), 'manage': ('manage', 'url'), 'manage_password': ('manage', 'password')}

USAGE = '''
  ghe_sim.py [--insecure] URL COMMAND [JSON]      URL: a control API (http://127.0.0.1:PORT/_sim)
    health | requests | snapshot | violations     print the answer (JSON)
    reset [FIXTURE]                               reset to the defaults merged with FIXTURE
    clear                                         empty the request log
    writes                                        print the number of write requests in the log
    state [PARTIAL]                               print the state (PARTIAL merged into it first)
    faults [FAULTS]                               print the faults (FAULTS, one or a list, added first; [] clears)
    settings [SETTINGS]                           print the settings (SETTINGS merged first)
    check                                         exit 1, printing them, if the simulator saw OpenAPI violations
  ghe_sim.py URLS_JSON url KEY                    one value of a simulator's --urls-file:
                                                  %s
''' % ' | '.join(URL_KEYS)


def _usage_error(message):
    sys.stderr.write('ghe_sim.py: %s\n' % message)
    return 2


def main(argv=None):
    parser = argparse.ArgumentParser(prog='ghe_sim.py', usage=USAGE, description=__doc__)
    parser.add_argument('--insecure', action='store_true', help='do not verify an HTTPS simulator\'s certificate')
    parser.add_argument('url')
    parser.add_argument('command')
    parser.add_argument('argument', nargs='?')
    args = parser.parse_args(argv)
    if args.command == 'url':
        with open(args.url, encoding='utf-8') as handle:
            urls = json.load(handle)
        if args.argument not in URL_KEYS:
            return _usage_error('url: KEY is one of %s' % ', '.join(URL_KEYS))
        section, field = URL_KEYS[args.argument]
        print(urls[section][field])
        return 0
    control = Control(args.url, validate_certs=not args.insecure)
    try:
        body = None if args.argument is None else json.loads(args.argument)
    except ValueError as exc:
        return _usage_error('%s: the argument is not JSON: %s' % (args.command, exc))
    try:
        if args.command in ('health', 'requests', 'snapshot', 'violations', 'clear'):
            answer = getattr(control, args.command)()
        elif args.command in ('reset', 'state', 'faults', 'settings'):
            answer = getattr(control, args.command)(body)
        elif args.command == 'writes':
            answer = control.requests()['writes']
        elif args.command == 'check':
            answer = control.violations()
            if answer['count']:
                print(json.dumps(answer['violations'], indent=2))
                sys.stderr.write('ghe_sim.py: the simulator at %s saw %d OpenAPI violation(s)\n' % (args.url, answer['count']))
                return 1
            return 0
        else:
            return _usage_error('unknown command %r (see --help)' % args.command)
    except ControlError as exc:
        sys.stderr.write('ghe_sim.py: %s\n' % exc)
        return 1
    if answer is not True:
        print(answer if isinstance(answer, int) else json.dumps(answer, indent=2, sort_keys=True))
    return 0


if __name__ == '__main__':
    sys.exit(main())
