#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: public_key
short_description: Delete users' SSH keys and deploy keys on GitHub Enterprise Server by id
version_added: 0.1.0
description:
  - Deletes public SSH keys (users' keys and repositories' deploy keys) by id, as a site administrator.
    Find the ids with M(ghe.admin.public_key_info).
  - Reads the admin listing of keys first, so a key that is already gone is reported as V(absent) and
    not changed, and a second run sends no write request.
  - "Deletes in batches: C(DELETE /admin/keys/{key_ids}) takes a comma-separated list of ids (the path parameter
    is the plural C(key_ids), a string), so up to 100 keys go in one request. When a batch fails (GitHub deletes
    nothing of a batch that names an unknown id), each of its keys is deleted on its own, so every id gets its own
    result."
  - When some keys cannot be deleted the others are still deleted, then the task fails naming each id that
    failed and GitHub's reason.
options:
  ids:
    description:
      - The ids of the keys to delete. Repeated ids are deleted once.
    type: list
    elements: int
    required: true
  state:
    description:
      - Only V(absent); the admin API can list and delete keys, not create them.
    type: str
    choices: [absent]
    default: absent
  max_changes:
    description:
      - Refuse, before the first deletion, when more than this many keys would be deleted, listing the count and the
        first ids. Omit for no limit.
    type: int
    version_added: 0.2.0
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
attributes:
  check_mode:
    support: full
    description: Reads the listing and reports which keys exist and would be deleted; sends no write request.
  diff_mode:
    support: full
    description: Lists the requested keys that exist before and after.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.public_key_info
  - name: Delete a public key
    description: GitHub's reference for the endpoint this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/users#delete-a-public-key
'''

EXAMPLES = r'''
- name: Find the keys that were never used and are older than 90 days
  ghe.admin.public_key_info:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    never_used: true
    older_than_days: 90
  register: unused

- name: Delete them
  ghe.admin.public_key:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    ids: "{{ unused.public_keys | map(attribute='id') | list }}"

- name: Delete two keys by id
  ghe.admin.public_key:
    ids: [12, 31]
    state: absent
'''

RETURN = r'''
results:
  description:
    - One entry per requested id, in the order given, with the key as it was listed (absent ids have only C(id))
      and its outcome. In check mode, the outcome it would have.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The key id.
      type: int
      sample: 12
    status:
      description: V(deleted), V(absent) (there was no such key, nothing done) or V(failed).
      type: str
      sample: deleted
    reason:
      description: GitHub's answer, for a failed id.
      type: str
    title:
      description: The key's title.
      type: str
    kind:
      description: V(user) or V(deploy).
      type: str
    user_id:
      description: The owning user's id.
      type: int
    repository_id:
      description: The repository of a deploy key.
      type: int
    fingerprint:
      description: The key's SHA-256 fingerprint (C(SHA256:...)), V(null) when the key cannot be read.
      type: str
      sample: SHA256:kcV4u5ZS9Nn9J5wnGPPpbHBCtRYKgFcZvq1Tc9Hn6dE
    read_only:
      description: Whether a deploy key is read-only.
      type: bool
    verified:
      description: Whether GitHub verified the key.
      type: bool
    enabled:
      description: Whether the key is enabled, where the API says.
      type: bool
    added_by:
      description: Who added a deploy key, where the API says.
      type: str
    created_at:
      description: When the key was added (ISO 8601, UTC).
      type: str
      sample: '2025-01-31T18:00:00Z'
    last_used:
      description: When the key was last used (ISO 8601, UTC), V(null) for never or not known.
      type: str
    url:
      description: The key's API URL.
      type: str
deleted:
  description: The ids deleted (would be, in check mode).
  returned: always
  type: list
  elements: int
  sample: [12, 31]
absent:
  description: The ids that did not exist (nothing to do).
  returned: always
  type: list
  elements: int
  sample: []
failures:
  description:
    - The ids that could not be deleted, each with GitHub's reason (C(id), C(reason)).
    - Named so because Ansible reserves C(failed).
  returned: always
  type: list
  elements: dict
  sample: []
outcome:
  description:
    - "Every requested id in one of four groups, the outcome every bulk module returns: C(done) (deleted; in check
      mode, would be), C(unchanged) (absent), C(failed) (each with C(id), C(status) and GitHub's C(reason)) and
      C(not_attempted)."
  returned: always
  type: dict
  sample: {done: [12, 31], unchanged: [], failed: [], not_attempted: []}
'''

from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError
from ansible_collections.ghe.admin.plugins.module_utils.credentials import (
    KEYS_PATH,
    Deletion,
    check_ids,
    deletion_spec,
    key_summary,
)
from ansible_collections.ghe.admin.plugins.module_utils.guardrails import (
    guard_argument_spec,
    guard_problems,
    refuse_too_many,
)
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT

BATCH = 100


def batches(ids, size=BATCH):
    return [ids[start:start + size] for start in range(0, len(ids), size)]


def brief(key):
    return dict(id=key['id'], title=key['title'], fingerprint=key['fingerprint'])


def delete(client, run):
    for batch in batches(run.pending):
        try:
            client.delete('%s/%s' % (KEYS_PATH, ','.join(str(key_id) for key_id in batch)), repeat=IDEMPOTENT)
        except ApiError as error:
            if len(batch) == 1:
                run.settle(batch[0], error)
                continue
            for key_id in batch:
                try:
                    client.delete('%s/%d' % (KEYS_PATH, key_id), repeat=IDEMPOTENT)
                except ApiError as single:
                    run.settle(key_id, single)
                else:
                    run.deleted(key_id)
        else:
            for key_id in batch:
                run.deleted(key_id)


def converge(ghe):
    existing = {}
    for item in ghe.client.paginate(KEYS_PATH):
        key = key_summary(item)
        key.pop('key')
        existing[key['id']] = key
    run = Deletion(ghe.params['ids'], existing)
    refuse_too_many(ghe, run.pending, 'delete')
    if ghe.check_mode:
        run.assume_deleted()
    else:
        delete(ghe.client, run)
    return run.report(ghe, 'keys', 'public_keys', brief)


def main():
    spec = deletion_spec()
    spec.update(guard_argument_spec())
    ghe = GheModule(argument_spec=spec, products=('ghes',))
    problems = check_ids(ghe.params['ids']) + guard_problems(ghe.params)
    if problems:
        ghe.fail('; '.join(problems))
    ghe.run(converge)


if __name__ == '__main__':
    main()
