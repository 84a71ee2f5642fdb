#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: encryption_key
short_description: Rotate or disable the encryption at rest key of GitHub Enterprise
version_added: 0.1.0
description:
  - Uploads a new customer-managed key for encryption at rest, or disables encryption at rest.
  - The API cannot tell which key is in use, so with O(state=present) a key is uploaded only when
    encryption at rest is not enabled, when O(force=true), or when the current key was set more than
    O(max_age_days) days ago. Otherwise nothing is sent and the task reports no change, whatever key is given.
  - The key is checked before any request is sent. It must be a 2048 bit RSA private key in PEM format
    (PKCS#1 C(BEGIN RSA PRIVATE KEY) or unencrypted PKCS#8 C(BEGIN PRIVATE KEY)). The check is done in pure
    Python; no cryptography library is needed.
  - The key is never logged, returned, shown in a diff or quoted in an error message.
  - Both operations are asynchronous. The task polls the returned status URL with M(ghe.admin.job_info), where the
    module ran and with its connection options, until the job completes (see O(wait)); a failed job fails the task
    with the job's error.
  - The PATCH and the DELETE are sent once. When the answer is lost (and with it the job's request id), the state is
    read again. Changed key versions (or encryption disabled) mean GitHub carried it out, and the task reports a
    change; otherwise it fails saying what may be in progress and how to check, never to upload the key again blindly.
  - O(state=absent) B(freezes the enterprise). Disabling encryption at rest deletes the key, and the enterprise
    stays frozen until GitHub Support unfreezes it. It is meant for a breach. It runs only when O(confirm) names
    the API host.
  - The encryption at rest endpoints are in beta and exist only in GitHub's text reference, not in its OpenAPI
    descriptions.
options:
  state:
    description:
      - V(present) makes sure encryption at rest is enabled, and uploads O(key) when a rotation is due.
      - V(absent) disables encryption at rest and B(freezes the enterprise) (requires O(confirm)).
    type: str
    choices: [present, absent]
    default: present
  key:
    description:
      - The new private key, a 2048 bit RSA key in PEM format, unencrypted.
      - One of O(key) and O(key_path) is required with O(state=present).
      - Prefer O(key_path) with a file encrypted with Ansible Vault, or a vaulted variable.
    type: str
  key_path:
    description:
      - A file B(on the controller) holding the key. Relative paths are searched like the C(src) of
        M(ansible.builtin.copy) (the role's or play's C(files) directory first). Files encrypted with Ansible Vault
        are decrypted.
      - Read by the action plugin on the controller and passed to the module as O(key); the file never goes
        to a managed host.
    type: path
  force:
    description:
      - Upload O(key) even when encryption is enabled and the current key is not older than O(max_age_days).
      - Every run with V(true) uploads the key again and reports a change.
    type: bool
    default: false
  max_age_days:
    description:
      - Upload O(key) when the current key was set more than this many days ago, according to the API's
        C(updated_at). When the API gives no C(updated_at), the key is uploaded.
      - Without it (and without O(force)), an enabled encryption at rest is left alone.
    type: int
  confirm:
    description:
      - Required with O(state=absent) and used only then. Must equal the API host, which is the host name of
        O(api_url) in lowercase followed by C(:PORT) when O(api_url) names a port. For example V(ghe.example.com) for
        V(https://ghe.example.com/api/v3) and V(ghe.example.com:8443) for V(https://ghe.example.com:8443).
      - When it does not match, the task fails before sending any request.
    type: str
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
  - ghe.admin.job_wait
attributes:
  check_mode:
    support: full
    description: Reports whether a key would be uploaded or encryption disabled, sends no write request, never waits.
  diff_mode:
    support: full
    description: Shows the encryption state before and after (never the key).
  action:
    support: full
    description: The action plugin reads O(key_path) on the controller and waits for the job with M(ghe.admin.job_info).
author:
  - ghe.admin maintainers (@ghe-admin)
notes:
  - A second run with the same options reports no change unless O(force=true), or the key has aged past
    O(max_age_days) again.
  - To wait later for a job started with O(wait=false), give its C(job) to M(ghe.admin.job_info), or poll
    M(ghe.admin.encryption_info) with its C(request_id).
seealso:
  - module: ghe.admin.encryption_info
  - name: REST API endpoints for encryption at rest
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/encryption-at-rest
'''

EXAMPLES = r'''
- name: Make sure encryption at rest uses our key, and rotate it once a year
  ghe.admin.encryption_key:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    key_path: ghe-encryption-key.pem.vault
    max_age_days: 365

- name: Upload a new key now, from a vaulted variable, waiting up to 20 minutes
  ghe.admin.encryption_key:
    key: "{{ vault_ghe_encryption_key }}"
    force: true
    wait_timeout: 1200
    poll_interval: 15

- name: Start a rotation and check on it later
  ghe.admin.encryption_key:
    key_path: ghe-encryption-key.pem.vault
    force: true
    wait: false
  register: rotation

- name: In a breach, freeze the enterprise by disabling encryption at rest
  ghe.admin.encryption_key:
    api_url: https://ghe.example.com
    state: absent
    confirm: ghe.example.com
'''

RETURN = r'''
encryption:
  description:
    - Encryption at rest as the API reports it at the end of the task. After a completed job, the new state;
      in check mode, with O(wait=false), or when the job failed or timed out, the state read at the start.
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
operation:
  description:
    - What the task did, or in check mode what it would do, also while its RV(job) is pending.
    - V(created) (a key uploaded while encryption at rest was disabled), V(updated) (the key rotated), V(deleted)
      (encryption at rest disabled), or V(none) (nothing to do).
    - RV(encryption) is never empty, since it is the state of the feature (C(enabled=false) once disabled).
  returned: always
  type: str
  sample: updated
reason:
  description: Why the key was (or would be) uploaded, encryption disabled, or nothing done.
  returned: always
  type: str
  sample: the current key was set 400.2 days ago, more than max_age_days (365)
job:
  description:
    - The asynchronous job the task started; not returned in check mode.
    - The same record for every asynchronous job of the collection; give it to M(ghe.admin.job_info) to check it later.
  returned: when a key was uploaded or encryption disabled
  type: dict
  contains:
    kind:
      description: The kind of job, V(encryption_update) or V(encryption_disable).
      type: str
      sample: encryption_update
    state:
      description:
        - V(pending) (not waited for, or not finished in time), V(complete), or V(failed).
      type: str
      sample: complete
    description:
      description: What the job does, in words.
      type: str
      sample: update of the encryption at rest key (request 6020dd37-ce35-49e8-a15b-0b9df458c049)
    requested:
      description: What was asked for, in the module's options.
      type: dict
      sample: {state: present}
    how_to_check:
      description: How to check the job later by hand (the request that shows its outcome, and M(ghe.admin.job_info)).
      type: str
    polls:
      description: How often the job was checked while waiting.
      type: int
      returned: when waited on
      sample: 2
    request_id:
      description:
        - The job's id (also for O(ghe.admin.encryption_info#module:request_id)); V(null) when the answer that carried
          it was lost and the job was adopted from the encryption state.
      type: str
      sample: 6020dd37-ce35-49e8-a15b-0b9df458c049
    status_url:
      description: The status URL the API returned.
      type: str
      sample: https://ghe.example.com/api/v3/enterprise/encryption/status/6020dd37-ce35-49e8-a15b-0b9df458c049
    message:
      description: The API's message when it accepted the job.
      type: str
      sample: Started update of private key for encryption at rest.
    result:
      description: The status the API reported at the last check (V(started), V(complete), V(failed)).
      type: str
      sample: complete
      returned: when waited on
    error:
      description: The job's error.
      type: str
      returned: when the job failed
'''

from ansible_collections.ghe.admin.plugins.module_utils.encryption import (
    DISABLED,
    PATH,
    VERSIONS,
    InvalidKey,
    api_host,
    encryption_state,
    key_fragments,
    rotation_reason,
    validate_key,
)
from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError
from ansible_collections.ghe.admin.plugins.module_utils.jobs import COMPLETE, encryption_job, lost_answer
from ansible_collections.ghe.admin.plugins.module_utils.module import (
    CREATED,
    DELETED,
    NONE,
    UPDATED,
    GheModule,
    job_wait_argument_spec,
    options_only_with,
    require_confirm,
    state_result,
)
from ansible_collections.ghe.admin.plugins.module_utils.retry import ONCE

NEW = '(new, when the job completes)'


def converge(ghe):
    params = ghe.params
    data = ghe.client.get(PATH)
    current = encryption_state(data)
    if params['state'] == 'absent':
        changed = current['enabled']
        reason = 'encryption at rest is enabled' if changed else 'encryption at rest is already disabled'
        after = dict(DISABLED)
    else:
        changed, reason = rotation_reason(data, params['force'], params['max_age_days'])
        after = current
        if changed:
            after = dict(current, enabled=True, updated_at=NEW, age_days=0, **dict((v, NEW) for v in VERSIONS))
    if not changed:
        operation = NONE
    elif params['state'] == 'absent':
        operation = DELETED
    else:
        operation = UPDATED if current['enabled'] else CREATED
    result = dict(reason=reason)
    final = current
    if changed and not ghe.check_mode:
        result['job'] = start_job(ghe, current)
        if result['job']['state'] == COMPLETE:
            final = after = result['job'].pop('encryption')
    return state_result(ghe, 'encryption', current, final, changed, operation=operation, diff=(current, after), **result)


def start_job(ghe, current):
    """Send the request that starts the job, once; after a lost answer, re-read and adopt or explain."""
    kind = 'encryption_disable' if ghe.params['state'] == 'absent' else 'encryption_update'
    try:
        if kind == 'encryption_disable':
            return encryption_job(ghe.client.delete(PATH, repeat=ONCE), kind)
        return encryption_job(ghe.client.patch(PATH, json=dict(key=ghe.params['key']), repeat=ONCE), kind)
    except ApiError as error:
        if not error.lost_answer:
            raise
        return adopt_lost_job(ghe, error, kind, current)


def adopt_lost_job(ghe, error, kind, before):
    """The job whose answer (and request id) was lost, complete with the new state under ``encryption`` when
    the state shows it carried out; else fail saying what may be in progress and how to check it."""
    now = encryption_state(ghe.client.get(PATH))
    if kind == 'encryption_disable':
        done = not now['enabled']
    else:
        done = any(now[name] != before[name] for name in VERSIONS + ('updated_at', 'enabled'))
    if not done:
        if kind == 'encryption_disable':
            what = ('disabling encryption at rest (it takes about ten minutes); check with ghe.admin.encryption_info: '
                    'enabled is false once it is done')
        else:
            what = ('updating the key; check with ghe.admin.encryption_info in a few minutes: a later updated_at '
                    '(now %s) and new key versions mean the new key is in place. Do not run this task again with '
                    'force: true before that, which would start a second update' % before['updated_at'])
        ghe.fail('the answer to %s %s was lost (%s), so the job\'s request id is unknown. GitHub may be %s'
                 % (error.method, error.path, lost_answer(error), what), api_error=error.as_dict())
    ghe.warn('the answer to %s %s was lost; the encryption state shows that GitHub carried it out'
             % (error.method, error.path))
    job = encryption_job(None, kind)
    job.update(state=COMPLETE, encryption=now)
    return job


def validate(ghe):
    params = ghe.params
    if params['key_path'] is not None:
        ghe.fail('key_path is read on the controller by the ghe.admin.encryption_key action plugin; '
                 'run this module through it, or pass the key in key')
    options_only_with(ghe, 'present', ('key', 'max_age_days', 'force'))
    options_only_with(ghe, 'absent', ('confirm',))
    if params['state'] == 'absent':
        require_confirm(ghe, api_host(params['api_url']),
                        'Disabling encryption at rest (it freezes the enterprise until GitHub Support unfreezes it)')
        return
    if params['max_age_days'] is not None and params['max_age_days'] < 1:
        ghe.fail('max_age_days must be 1 or more, got %d' % params['max_age_days'])
    if params['key'] is None:
        ghe.fail('key or key_path is required with state: present')
    for fragment in key_fragments(params['key']):
        ghe.client.add_secret(fragment)
    try:
        params['key'] = validate_key(params['key'])
    except InvalidKey as exc:
        ghe.fail('key %s' % exc)


def main():
    spec = dict(
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        key=dict(type='str', no_log=True),
        key_path=dict(type='path'),
        force=dict(type='bool', default=False),
        max_age_days=dict(type='int'),
        confirm=dict(type='str'),
    )
    spec.update(job_wait_argument_spec())
    ghe = GheModule(argument_spec=spec, mutually_exclusive=[('key', 'key_path')], products=('ghes',))
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
