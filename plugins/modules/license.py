#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: license
short_description: Upload the licence of a GitHub Enterprise Server appliance
version_added: 0.2.0
description:
  - Uploads a licence file (C(.ghl)) through the Manage GHES API (C(PUT /manage/v1/config/license)) when the installed
    licence differs, and optionally applies it with a configuration run.
  - A licence file is encrypted; only the appliance can read it. Whether the installed licence differs is decided from
    what C(GET /manage/v1/config/license) and C(GET /manage/v1/config/license/check) return. With O(reference_number),
    the file is uploaded when the installed licence has another reference number. Without it, the file is uploaded
    only when the installed licence is not valid (expired, invalid, or without cluster support on a cluster).
  - The file is read B(on the controller) by the action plugin and checked before any request. A file that is empty,
    a PEM key or certificate, or anything else that is not an OpenPGP message (what a C(.ghl) file is) is refused.
  - Before uploading, replication and cluster status are read; with O(require_healthy=true) the task refuses to upload
    when a node is not healthy, naming it.
options:
  path:
    description:
      - The licence file (C(.ghl)) on the controller. Relative paths are searched like the C(src) of
        M(ansible.builtin.copy). Files encrypted with Ansible Vault are decrypted.
    type: path
    required: true
  content:
    description:
      - Set by the action plugin from O(path) (the file's content, base64-encoded). Do not set it.
    type: str
  reference_number:
    description:
      - The reference number of the licence in O(path), as the enterprise account's licensing page shows it.
        When the installed licence's C(referenceNumber) differs, the file is uploaded.
      - Without it, a valid installed licence is left alone.
    type: str
  apply:
    description:
      - After an upload, start a configuration run and wait for it (see O(wait)), so that the licence takes effect.
    type: bool
    default: false
  require_healthy:
    description:
      - Refuse to upload (sending no write request) when replication or cluster status reports a node that is not
        V(OK), naming the node and its state.
    type: bool
    default: true
extends_documentation_fragment:
  - ghe.admin.manage
  - ghe.admin.connection
  - ghe.admin.products.ghes
  - ghe.admin.job_wait
attributes:
  check_mode:
    support: full
    description: Reports whether the licence would be uploaded; sends no write request.
  diff_mode:
    support: full
    description: Shows the installed licence's reference number, expiry and status before and after.
  action:
    support: full
    description: The action plugin reads O(path) on the controller and waits for the configuration run.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.license_info
  - module: ghe.admin.manage_info
  - name: Uploading a new license to GitHub Enterprise Server
    description: Where licence files come from.
    link: https://docs.github.com/en/enterprise-server@3.19/billing/how-tos/manage-ghes-licenses/upload-a-license
'''

EXAMPLES = r'''
- name: Install the renewed licence and apply it
  ghe.admin.license:
    manage_url: https://ghe.example.com:8443
    manage_password: "{{ vault_ghe_root_password }}"
    path: files/enterprise-2031.ghl
    reference_number: 7f3a21
    apply: true

- name: Replace the licence only if the installed one has expired
  ghe.admin.license:
    path: files/enterprise.ghl
'''

RETURN = r'''
license:
  description: The installed licence at the end of the task (C(GET /manage/v1/config/license)).
  returned: always
  type: dict
  sample: {referenceNumber: 7f3a21, expireAt: '2031-01-02T07:59:59Z', seats: 1400, company: Acme}
license_check:
  description: The installed licence's status at the end of the task.
  returned: always
  type: str
  sample: valid
operation:
  description:
    - What the task did, or in check mode what it would do; an instance always has a licence, so never V(created)
      nor V(deleted).
    - V(updated) (the licence file uploaded) or V(none).
  returned: always
  type: str
  sample: updated
reason:
  description: Why the licence was (or would be) uploaded, or left alone.
  returned: always
  type: str
sha256:
  description: The SHA-256 of the licence file.
  returned: always
  type: str
job:
  description: The configuration run started with O(apply=true) (kind C(config_apply)).
  returned: when a run was started
  type: dict
config_run:
  description: The finished run's status.
  returned: when a run was waited for and completed
  type: dict
'''

import base64
import binascii

from ansible_collections.ghe.admin.plugins.module_utils.manage import (
    ManageModule,
    Multipart,
    check_license,
    health_gate,
    license_sha256,
    start_config_run,
    write,
)
from ansible_collections.ghe.admin.plugins.module_utils.module import NONE, UPDATED, job_wait_argument_spec, state_result
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT

PATH = '/config/license'
CHECK = '/config/license/check'


def installed(client):
    info = client.get(PATH) or {}
    if isinstance(info, list):
        info = info[0] if info else {}
    check = client.get(CHECK) or {}
    if isinstance(check, list):
        check = check[0] if check else {}
    return info, check.get('status')


def upload_reason(info, status, reference_number):
    """Why the file must be uploaded, or None."""
    if reference_number:
        have = str(info.get('referenceNumber') or '')
        if have.lower() != reference_number.strip().lower():
            return 'the installed licence has reference number %s, not %s' % (have or '(none)', reference_number)
        return None
    if status != 'valid':
        return 'the installed licence is %s' % (status or 'unknown')
    return None


def summary(info, status):
    return dict(reference_number=info.get('referenceNumber'), expire_at=info.get('expireAt'), status=status)


def converge(ghe):
    params = ghe.params
    data = ghe.license_data
    info, status = installed(ghe.client)
    reason = upload_reason(info, status, params['reference_number'])
    changed = reason is not None
    extra = dict(license_check=status, sha256=license_sha256(data),
                 reason=reason or 'the installed licence is %s%s' % (
                     status, ' with reference number %s' % params['reference_number'] if params['reference_number'] else ''))
    after = summary(info, status) if reason is None else dict(
        reference_number=params['reference_number'] or '(from the file)', expire_at='(from the file)', status='valid')
    diff = (summary(info, status), after)
    if changed:
        extra['health'] = health_gate(ghe)
        if not ghe.check_mode:
            write(ghe.client, 'PUT', PATH, json=Multipart(license=('enterprise.ghl', data)), repeat=IDEMPOTENT)
            info, extra['license_check'] = installed(ghe.client)
            if params['apply']:
                extra['job'] = start_config_run(ghe.client, started_by='ghe.admin.license')
    return state_result(ghe, 'license', diff[0], info, changed, operation=UPDATED if changed else NONE, diff=diff, **extra)


def main():
    spec = dict(
        path=dict(type='path', required=True),
        content=dict(type='str', no_log=True),
        reference_number=dict(type='str'),
        apply=dict(type='bool', default=False),
        require_healthy=dict(type='bool', default=True),
    )
    spec.update(job_wait_argument_spec())
    ghe = ManageModule(argument_spec=spec)
    if ghe.params['content'] is None:
        ghe.fail('path is read on the controller by the ghe.admin.license action plugin; run this module through it')
    try:
        ghe.license_data = check_license(base64.b64decode(ghe.params['content']))
    except (binascii.Error, ValueError, TypeError) as exc:
        ghe.fail('path %s: %s' % (ghe.params['path'], exc))
    ghe.run(converge)


if __name__ == '__main__':
    main()
