#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: management_ssh_key
short_description: Manage the SSH keys of the administrative shell of GitHub Enterprise Server
version_added: 0.2.0
description:
  - Adds or removes an SSH public key of the administrative shell (the C(admin) user on port 122) on every node,
    through the Manage GHES API (C(/manage/v1/access/ssh)).
  - Keys are identified by their fingerprint (the key type and body); the comment after the key is ignored.
  - A key that is not an OpenSSH public key line fails the task before any request.
options:
  key:
    description:
      - The public key, one OpenSSH line such as C(ssh-ed25519 AAAAC3... admin@example.com).
    type: str
    required: true
  state:
    description:
      - V(present) adds the key when no key with its fingerprint is installed; V(absent) removes the installed key
        with its fingerprint.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - ghe.admin.manage
  - ghe.admin.connection
  - ghe.admin.products.ghes
attributes:
  check_mode:
    support: full
    description: Reports whether the key would be added or removed; sends no write request.
  diff_mode:
    support: full
    description: Shows the fingerprints of the installed keys before and after.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - name: REST API endpoints for the Manage GHES API
    description: GitHub's reference for the endpoints this module calls, with a link to what these keys give access to.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/manage-ghes
'''

EXAMPLES = r'''
- name: Let the platform team's key into the administrative shell
  ghe.admin.management_ssh_key:
    manage_url: https://ghe.example.com:8443
    manage_password: "{{ vault_ghe_root_password }}"
    key: "{{ lookup('ansible.builtin.file', 'platform-team.pub') }}"

- name: Remove a former administrator's key
  ghe.admin.management_ssh_key:
    key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh1YmJ5b2N0b2NhdGxhcHRvcGtleTAwMDAwMDAwMDE= former@example.com
    state: absent
'''

RETURN = r'''
fingerprint:
  description: The SHA256 fingerprint of O(key).
  returned: always
  type: str
  sample: SHA256:kcV4u5ZS9Nn9J5wnGPPpbHBCtRYKgFcZvq1Tc9Hn6dE
ssh_keys:
  description: The installed keys at the end of the task, each with C(key) and C(fingerprint) as the API gives them.
  returned: always
  type: list
  elements: dict
operation:
  description:
    - What the task did to the key O(key), or in check mode what it would do.
    - V(created) (the key added), V(deleted) (the key removed), or V(none).
    - RV(ssh_keys) lists every installed key (in check mode, as read at the start), so it is never empty while
      other keys are installed.
  returned: always
  type: str
  sample: created
results:
  description: The per-node answer of the API to the change.
  returned: when changed and not in check mode
  type: list
  elements: dict
'''

from ansible_collections.ghe.admin.plugins.module_utils.manage import (
    ManageModule,
    node_errors,
    parse_ssh_key,
    same_key,
    ssh_fingerprint,
    write,
)
from ansible_collections.ghe.admin.plugins.module_utils.module import CREATED, DELETED, NONE, state_result
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT

PATH = '/access/ssh'


def fingerprints(keys):
    result = []
    for item in keys:
        try:
            result.append(ssh_fingerprint(item.get('key')))
        except ValueError:
            result.append(item.get('fingerprint'))
    return sorted(f for f in result if f)


def converge(ghe):
    params = ghe.params
    keys = ghe.client.get(PATH) or []
    installed = [item for item in keys if same_key(item.get('key'), params['key'])]
    present = params['state'] == 'present'
    changed = not installed if present else bool(installed)
    wanted = ssh_fingerprint(params['key'])
    before = fingerprints(keys)
    after = sorted(set(before) | {wanted}) if present else [f for f in before if f != wanted]
    operation = NONE if not changed else (CREATED if present else DELETED)
    extra = dict(fingerprint=wanted)
    final = keys
    if changed and not ghe.check_mode:
        if present:
            answer = write(ghe.client, 'POST', PATH, json=dict(key=params['key']), repeat=IDEMPOTENT)
        else:
            answer = write(ghe.client, 'DELETE', PATH, json=dict(key=installed[0]['key']), repeat=IDEMPOTENT)
        extra['results'] = answer
        errors = node_errors(answer)
        if errors:
            ghe.fail('the key was not %s on every node: %s' % ('added' if present else 'removed', '; '.join(errors)),
                     changed=True, ssh_keys=keys, operation=operation, **extra)
        final = ghe.client.get(PATH) or []
    return state_result(ghe, 'ssh_keys', keys, final, changed, operation=operation,
                        diff=(dict(fingerprints=before), dict(fingerprints=after)), **extra)


def main():
    spec = dict(
        key=dict(type='str', required=True, no_log=False),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    )
    ghe = ManageModule(argument_spec=spec)
    try:
        parse_ssh_key(ghe.params['key'])
    except ValueError as exc:
        ghe.fail('key %s' % exc)
    ghe.run(converge)


if __name__ == '__main__':
    main()
