#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: encryption_info
short_description: Read the encryption at rest state of GitHub Enterprise, and the status of its jobs
version_added: 0.1.0
description:
  - Returns whether encryption at rest is enabled, the current key versions, when the key was set and its age.
  - With O(request_id), also returns the status of a key update or disable job, for example one started by
    M(ghe.admin.encryption_key) with C(wait=false), or one that was still running when that task timed out.
  - The encryption at rest endpoints are in beta and exist only in GitHub's text reference.
options:
  request_id:
    description:
      - The id of a job started by M(ghe.admin.encryption_key) (its C(job.request_id)), or the last part of the
        status URL the API returned.
    type: str
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
attributes:
  check_mode:
    support: full
    description: Reads only; runs the same in check mode.
  diff_mode:
    support: none
    description: Reads only.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.encryption_key
  - name: REST API endpoints for encryption at rest
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/encryption-at-rest
'''

EXAMPLES = r'''
- name: Read the encryption at rest state
  ghe.admin.encryption_info:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
  register: info

- name: Warn when the key is getting old
  ansible.builtin.debug:
    msg: "The encryption key is {{ info.encryption.age_days }} days old"
  when: info.encryption.enabled and info.encryption.age_days > 300

- name: Start a key rotation without waiting
  ghe.admin.encryption_key:
    key_path: ghe-encryption-key.pem.vault
    force: true
    wait: false
  register: rotation

- name: Later, wait for it (up to 20 minutes)
  ghe.admin.encryption_info:
    request_id: "{{ rotation.job.request_id }}"
  register: status
  until: status.job.result != 'started'
  retries: 80
  delay: 15
  failed_when: status.job.result != 'complete'
'''

RETURN = r'''
encryption:
  description: Encryption at rest as the API reports it.
  returned: always
  type: dict
  contains:
    enabled:
      description: Whether encryption at rest is enabled.
      type: bool
      sample: true
    updated_at:
      description: When the current key was set (ISO 8601, UTC), V(null) when disabled.
      type: str
      sample: '2025-09-09T10:04:26Z'
    age_days:
      description: Whole days since RV(encryption.updated_at), V(null) when unknown.
      type: int
      sample: 120
    primary_key_version:
      description: The version of the primary key.
      type: str
      sample: 9b24a469887e416787173383958c6fb9
    replica_key_version:
      description: The version of the replica key.
      type: str
      sample: 4621542832e447f285ea2dbeaf6f621b
    backup_key_version:
      description: The version of the backup key.
      type: str
      sample: d067172e711b44a5963fe53b6b976c0f
job:
  description: The status of the job named by O(request_id).
  returned: when O(request_id) is given
  type: dict
  contains:
    request_id:
      description: The job's id.
      type: str
      sample: 6020dd37-ce35-49e8-a15b-0b9df458c049
    result:
      description: V(started) while it runs, then V(complete) or V(failed).
      type: str
      sample: complete
    error:
      description: Why the job failed, V(null) otherwise.
      type: str
      sample: null
'''

from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError
from ansible_collections.ghe.admin.plugins.module_utils.encryption import (
    PATH,
    REQUEST_ID,
    encryption_state,
    job_status,
)
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule


def read(ghe):
    """The job's status first, so that the state read after it reflects a job it reports complete."""
    result = dict(changed=False)
    request_id = ghe.params['request_id']
    if request_id:
        try:
            result['job'] = job_status(ghe.client, request_id)
        except ApiError as error:
            ghe.fail_api(error, 'reading the status of encryption job %s' % request_id)
    result['encryption'] = encryption_state(ghe.client.get(PATH))
    return result


def main():
    ghe = GheModule(argument_spec=dict(request_id=dict(type='str')), products=('ghes',))
    request_id = ghe.params['request_id']
    if request_id is not None:
        request_id = request_id.strip().rstrip('/').rsplit('/', 1)[-1]
        if not REQUEST_ID.match(request_id):
            ghe.fail('request_id must be the id of an encryption job (letters, digits, "-", "_", "."), got %r'
                     % ghe.params['request_id'])
        ghe.params['request_id'] = request_id
    ghe.run(read)


if __name__ == '__main__':
    main()
