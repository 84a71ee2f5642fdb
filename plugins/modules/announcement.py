#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: announcement
short_description: Manage the announcement banner of a GitHub Enterprise Server or Cloud enterprise
version_added: 0.1.0
description:
  - Sets or removes the announcement banner shown to every user of the enterprise.
  - On GitHub Enterprise Server the banner is the instance's global banner (C(/enterprise/announcement)).
    On GitHub Enterprise Cloud it is the banner of the enterprise named by O(enterprise)
    (C(/enterprises/{enterprise}/announcement)).
  - Idempotent. The current banner is read first and written only when it differs. Expiry times are compared
    as instants, so V(2030-01-01T01:00:00+01:00) and V(2030-01-01T00:00:00Z) are the same banner.
options:
  state:
    description:
      - V(present) sets the banner, V(absent) removes it.
    type: str
    choices: [present, absent]
    default: present
  text:
    description:
      - The banner text, in GitHub Flavored Markdown. Required with O(state=present).
      - Named C(text) because Ansible reserves the option name C(message).
    type: str
  expires_at:
    description:
      - When the banner expires, as an ISO 8601 timestamp (V(2030-01-31T18:00:00Z), V(2030-01-31T19:00:00+01:00);
        a date alone means midnight UTC, a time without offset is UTC).
      - An empty string means the banner never expires.
      - When omitted, the current expiry is kept.
    type: str
  user_dismissible:
    description:
      - Whether users may dismiss the banner.
      - When omitted, the current setting is kept.
    type: bool
  enterprise:
    description:
      - The slug of the enterprise whose banner to manage, on GitHub Enterprise Cloud; required there.
      - Refused on GitHub Enterprise Server, whose banner belongs to the whole instance. The task fails before
        any write rather than ignore it, so that a playbook written for one product never changes the other's
        banner by surprise.
      - Without it, on GitHub Enterprise Cloud, the task fails naming this option (before any request when
        O(api_url) names GitHub Enterprise Cloud).
    type: str
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes_and_ghec
attributes:
  check_mode:
    support: full
    description: Reports what would change and sends no write request.
  diff_mode:
    support: full
    description: Shows the banner before and after.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - name: REST API endpoints for the announcement banner
    description: GitHub's reference for the endpoints this module calls on GitHub Enterprise Server.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/announcement
  - name: REST API endpoints for announcement banners for enterprises
    description: GitHub's reference for the endpoints this module calls on GitHub Enterprise Cloud.
    link: https://docs.github.com/en/enterprise-cloud@latest/rest/announcement-banners/enterprises
'''

EXAMPLES = r'''
- name: Announce a maintenance window until it is over
  ghe.admin.announcement:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    text: "GitHub is read-only on **Saturday 10:00–12:00 UTC** for an upgrade."
    expires_at: "2030-06-01T12:00:00Z"
    user_dismissible: true

- name: A banner that never expires, with the connection set once for the play
  ghe.admin.announcement:
    text: "Questions? Ask in #github-help."
    expires_at: ""
  module_defaults:
    group/ghe.admin.api:
      api_url: https://ghe.example.com
      token: "{{ ghe_admin_token }}"

- name: Remove the banner
  ghe.admin.announcement:
    state: absent

- name: The banner of an enterprise on GitHub Enterprise Cloud
  ghe.admin.announcement:
    api_url: https://api.github.com
    token: "{{ ghec_enterprise_owner_token }}"
    enterprise: octo-corp
    text: "Single sign-on moves to the new identity provider on **Monday**."
    expires_at: "2030-06-01T12:00:00Z"
'''

RETURN = r'''
announcement:
  description:
    - The banner after the task (in check mode, what it would be).
    - An empty dict when there is no banner (after O(state=absent), also in check mode).
  returned: always
  type: dict
  contains:
    text:
      description: The banner text.
      type: str
      sample: GitHub is read-only on Saturday.
    expires_at:
      description: When it expires (ISO 8601, UTC), V(null) for never.
      type: str
      sample: '2030-06-01T12:00:00Z'
    user_dismissible:
      description: Whether users may dismiss it.
      type: bool
      sample: true
operation:
  description:
    - What the task did to the banner, or in check mode what it would do.
    - V(created) (there was no banner), V(updated), V(deleted), or V(none) (nothing to change).
  returned: always
  type: str
  sample: updated
'''

import re

from ansible.module_utils.six.moves.urllib.parse import quote

from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule, options_only_with, state_result
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT
from ansible_collections.ghe.admin.plugins.module_utils.timestamps import (
    format_instant,
    parse_instant,
    utcnow,
)

PATH = 'enterprise/announcement'
ENTERPRISE_PATH = 'enterprises/%s/announcement'
_SLUG = re.compile(r'^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$')
NEEDS_ENTERPRISE = ('enterprise is required on GitHub Enterprise Cloud (%s): set it to the slug of the enterprise '
                    'whose banner to manage, as in https://github.com/enterprises/SLUG')
NO_ENTERPRISE_ON_GHES = ('enterprise (%r) is for GitHub Enterprise Cloud only, and %s is GitHub Enterprise Server%s, '
                         'whose banner belongs to the whole instance: remove enterprise to manage that banner')


def banner_path(enterprise):
    """The banner's path: the instance's on GHES, the enterprise's on GHEC."""
    return PATH if enterprise is None else ENTERPRISE_PATH % quote(enterprise, safe='')


def product_problem(enterprise, product, host, version=None):
    """Why ``enterprise`` does not fit ``product`` (None when it does, or when the product is not known yet)."""
    if product == 'ghec' and enterprise is None:
        return NEEDS_ENTERPRISE % host
    if product == 'ghes' and enterprise is not None:
        return NO_ENTERPRISE_ON_GHES % (enterprise, host, ' %s' % version if version else '')
    return None


def banner(data):
    """The API's announcement in the module's terms, with the expiry normalised to UTC."""
    data = data or {}
    text = data.get('announcement') or None
    return dict(
        text=text,
        expires_at=format_instant(parse_instant(data.get('expires_at'))) if text else None,
        user_dismissible=bool(data.get('user_dismissible')) if text else False,
    )


def desired_banner(params, current):
    expires = params['expires_at']
    return dict(
        text=params['text'],
        expires_at=current['expires_at'] if expires is None else format_instant(parse_instant(expires)),
        user_dismissible=current['user_dismissible'] if params['user_dismissible'] is None else params['user_dismissible'],
    )


def fail_on_product(ghe):
    client = ghe.client
    problem = product_problem(ghe.params['enterprise'], client.product, client.host, client.enterprise_version)
    if problem:
        ghe.fail(problem)


def read_banner(ghe, path):
    """The current banner; a 404 that tells the product does not fit ``enterprise`` names the option instead."""
    try:
        return ghe.client.get(path)
    except ApiError as error:
        if error.status == 404:
            fail_on_product(ghe)
        raise


def converge(ghe):
    params = ghe.params
    path = banner_path(params['enterprise'])
    current = banner(read_banner(ghe, path))
    absent = banner(None)
    if params['state'] == 'absent':
        desired = absent
    else:
        desired = desired_banner(params, current)
    changed = desired != current
    if changed and not ghe.check_mode:
        if params['state'] == 'absent':
            ghe.client.delete(path, repeat=IDEMPOTENT)
        else:
            body = dict(announcement=desired['text'], expires_at=desired['expires_at'],
                        user_dismissible=desired['user_dismissible'])
            desired = banner(ghe.client.patch(path, json=body, repeat=IDEMPOTENT))
    return state_result(ghe, 'announcement', present_banner(current), present_banner(desired), changed)


def present_banner(view):
    """The banner, or ``{}`` when there is none."""
    return view if view['text'] else {}


def validate(ghe):
    params = ghe.params
    if params['state'] == 'present' and not (params['text'] or '').strip():
        ghe.fail('text is required and must not be empty when state is present')
    options_only_with(ghe, 'present', ('text', 'expires_at', 'user_dismissible'))
    if params['enterprise'] is not None and not _SLUG.match(params['enterprise']):
        ghe.fail('enterprise must be the slug of an enterprise (letters, digits, ".", "_", "-"), got %r'
                 % params['enterprise'])
    fail_on_product(ghe)
    try:
        expires = parse_instant(params['expires_at'])
    except ValueError as exc:
        ghe.fail('expires_at: %s' % exc)
    if expires is not None and expires <= utcnow():
        ghe.warn('expires_at %s is in the past: the banner will not be shown' % format_instant(expires))


def main():
    ghe = GheModule(
        argument_spec=dict(
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            text=dict(type='str'),
            expires_at=dict(type='str'),
            user_dismissible=dict(type='bool'),
            enterprise=dict(type='str'),
        ),
        products=('ghes', 'ghec'),
    )
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
