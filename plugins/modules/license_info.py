#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: license_info
short_description: Read the GitHub Enterprise Server license
version_added: 0.1.0
description:
  - Reads the license's seats (total, used, available), kind and expiry.
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
attributes:
  check_mode:
    support: full
    description: Only reads.
  diff_mode:
    support: none
    description: Changes nothing.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - name: REST API endpoints for the license
    description: GitHub's reference for the endpoint this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/license
'''

EXAMPLES = r'''
- name: Read the license
  ghe.admin.license_info:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
  register: ghe_license

- name: Fail when fewer than 20 seats are left
  ansible.builtin.assert:
    that: ghe_license.license.seats_available | int >= 20
    fail_msg: "Only {{ ghe_license.license.seats_available }} seats left"
'''

RETURN = r'''
license:
  description: The license as the API reports it, plus C(expires_at) in ISO 8601.
  returned: always
  type: dict
  contains:
    seats:
      description: Seats the license has (V(unlimited) for an unlimited license).
      type: raw
      sample: 1400
    seats_used:
      description: Seats in use.
      type: int
      sample: 1316
    seats_available:
      description: Seats left (V(unlimited) for an unlimited license).
      type: raw
      sample: 84
    kind:
      description: The kind of license.
      type: str
      sample: standard
    days_until_expiration:
      description: Days until the license expires.
      type: int
      sample: 365
    expire_at:
      description: The expiry as the API reports it.
      type: str
      sample: 2016/02/06 12:41:52 -0600
    expires_at:
      description: The expiry in ISO 8601 (UTC), V(null) when the API's value cannot be read.
      type: str
      sample: '2016-02-06T18:41:52Z'
'''

import re

from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule
from ansible_collections.ghe.admin.plugins.module_utils.timestamps import format_instant, parse_instant

_GHES_TIME = re.compile(r'^(\d{4})/(\d{2})/(\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2}:?\d{2})$')


def iso_expiry(expire_at):
    """``2016/02/06 12:41:52 -0600`` (the API's form) as ``2016-02-06T18:41:52Z``; None if unreadable."""
    match = _GHES_TIME.match((expire_at or '').strip())
    if not match:
        return None
    year, month, day, clock, zone = match.groups()
    try:
        return format_instant(parse_instant('%s-%s-%sT%s%s' % (year, month, day, clock, zone)))
    except ValueError:
        return None


def read_license(ghe):
    data = dict(ghe.client.get('enterprise/settings/license') or {})
    data['expires_at'] = iso_expiry(data.get('expire_at'))
    return dict(changed=False, license=data)


def main():
    ghe = GheModule(argument_spec={}, products=('ghes',))
    ghe.run(read_license)


if __name__ == '__main__':
    main()
