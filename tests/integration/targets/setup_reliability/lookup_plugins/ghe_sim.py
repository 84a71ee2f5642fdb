# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: ghe_sim
short_description: Talk to the simulator's control API from the controller (test helper)
description:
  - One call per term, no module run, so a table-driven test can reset, inject faults and read the request log
    in a few milliseconds instead of a task each.
  - Terms, done in order, are V(health), V(reset) (to the defaults merged with O(fixture); clears the request log
    and the faults), V(faults) (the faults with their hits; O(faults) added; an empty list clears them), V(requests) (the log, optionally only after
    O(since), a sequence number), V(state), V(settings) (O(settings) merged).
options:
  _terms:
    description: What to do.
    required: true
  url:
    description: The control API's base URL; defaults to the variable C(ghe_sim_url).
  fixture:
    description: Fixture for V(reset).
  faults:
    description: Faults for V(faults).
  since:
    description: Only requests with a larger sequence number (V(requests)).
  settings:
    description: Settings for V(settings).
  validate_certs:
    description: Whether to verify the certificate of an HTTPS simulator.
    type: bool
    default: true
'''

import json

from ansible.errors import AnsibleLookupError
from ansible.module_utils.urls import open_url
from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        base = self.get_option('url') or (variables or {}).get('ghe_sim_url')
        if not base:
            raise AnsibleLookupError('ghe_sim: no url and no ghe_sim_url variable')
        self._validate_certs = self.get_option('validate_certs')
        return [self._one(base.rstrip('/'), term) for term in terms]

    def _one(self, base, term):
        if term == 'health':
            return self._call(base + '/health')
        if term == 'reset':
            self._call(base + '/reset', 'POST', self.get_option('fixture') or {})
            return True
        if term == 'faults':
            faults = self.get_option('faults')
            if faults is None:
                return self._call(base + '/faults')
            if not faults:
                return self._call(base + '/faults', 'DELETE')
            return self._call(base + '/faults', 'POST', faults)
        if term == 'requests':
            since = self.get_option('since')
            return self._call(base + '/requests' + ('?since=%d' % int(since) if since else ''))
        if term == 'state':
            return self._call(base + '/state')
        if term == 'settings':
            return self._call(base + '/settings', 'POST', self.get_option('settings') or {})
        raise AnsibleLookupError('ghe_sim: unknown term %r' % term)

    def _call(self, url, method='GET', body=None):
        data = None if body is None else json.dumps(body)
        headers = {'Content-Type': 'application/json'} if data is not None else {}
        try:
            response = open_url(url, method=method, data=data, headers=headers, timeout=30,
                                validate_certs=self._validate_certs)
            text = response.read()
        except (OSError, ValueError) as exc:
            raise AnsibleLookupError('ghe_sim: %s %s failed: %s' % (method, url, exc))
        return json.loads(text) if text else None
