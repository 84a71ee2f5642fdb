#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: personal_access_token
short_description: Delete users' personal access tokens on GitHub Enterprise Server by id
version_added: 0.1.0
description:
  - Deletes personal access tokens (classic) of any user by id, as a site administrator. Find the ids with
    M(ghe.admin.personal_access_token_info).
  - Reads the admin listing of tokens first, so a token that is already gone is reported as V(absent) and not
    changed, and a second run sends no write request. Each token is one C(DELETE) request; the API has no bulk form.
  - GitHub refuses to delete the token a request authenticates with (HTTP 403). When that token, or any other, cannot
    be deleted, the other ids are still deleted, then the task fails naming each id that failed and GitHub's reason.
    Check mode reports what the real run would do, the token in use as V(failed) with the reason, the task failing
    after listing the others as V(deleted).
options:
  ids:
    description:
      - The ids of the tokens to delete. Repeated ids are deleted once.
    type: list
    elements: int
    required: true
  state:
    description:
      - Only V(absent); the admin API can list and delete personal access tokens, not create them (see
        M(ghe.admin.impersonation_token) for tokens created by an administrator).
    type: str
    choices: [absent]
    default: absent
  max_changes:
    description:
      - Refuse, before the first deletion, when more than this many tokens would be deleted, listing the count and the
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
    description: Reads the listing and reports which tokens would be deleted, and fails, as the real run would, naming
      the token in use; sends no write request.
  diff_mode:
    support: full
    description: Lists the requested tokens that exist before and after (never their values).
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.personal_access_token_info
  - name: Delete a personal access token
    description: GitHub's reference for the endpoint this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/users#delete-a-personal-access-token
'''

EXAMPLES = r'''
- name: Find the tokens of people who left
  ghe.admin.personal_access_token_info:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    users: "{{ leavers }}"
  register: leaver_tokens

- name: Delete them
  ghe.admin.personal_access_token:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    ids: "{{ leaver_tokens.tokens | map(attribute='id') | list }}"

- name: Delete two tokens by id
  ghe.admin.personal_access_token:
    ids: [7, 9]
'''

RETURN = r'''
results:
  description:
    - One entry per requested id, in the order given, with the token as it was listed (absent ids have only C(id);
      never the token value) and its outcome. In check mode, the outcome it would have.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The token id.
      type: int
      sample: 7
    status:
      description: V(deleted), V(absent) (there was no such token, nothing done) or V(failed).
      type: str
      sample: deleted
    reason:
      description: GitHub's answer, for a failed id.
      type: str
      sample: 'HTTP 403 This personal access token is in use and cannot be deleted'
    user:
      description: The owner's login.
      type: str
    note:
      description: The token's note.
      type: str
    token_last_eight:
      description: The last eight characters of the token.
      type: str
    in_use:
      description: Whether it is the token this task authenticates with.
      type: bool
deleted:
  description: The ids deleted (would be, in check mode).
  returned: always
  type: list
  elements: int
  sample: [7, 9]
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
  sample: {done: [7], unchanged: [9], failed: [], not_attempted: []}
'''

from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError
from ansible_collections.ghe.admin.plugins.module_utils.credentials import (
    TOKENS_PATH,
    Deletion,
    check_ids,
    deletion_spec,
    token_hashes,
    token_summary,
)
from ansible_collections.ghe.admin.plugins.module_utils.guardrails import (
    guard_argument_spec,
    guard_problems,
    refuse_too_many,
)
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT

IN_USE = 'GitHub would refuse (HTTP 403): it is the token this task authenticates with'
SHOWN = ('id', 'user', 'note', 'scopes', 'token_last_eight', 'created_at', 'expires_at', 'in_use')


def brief(token):
    return dict(id=token['id'], user=token['user'], note=token['note'], token_last_eight=token['token_last_eight'])


def converge(ghe):
    own = token_hashes(ghe.params['token'])
    existing = {}
    for item in ghe.client.paginate(TOKENS_PATH):
        token = token_summary(item, own)
        existing[token['id']] = dict((name, token[name]) for name in SHOWN)
    run = Deletion(ghe.params['ids'], existing)
    refuse_too_many(ghe, run.pending, 'delete')
    if ghe.check_mode:
        for token_id in run.pending:
            if existing[token_id]['in_use']:
                run.refuse(token_id, IN_USE, 403)
        run.assume_deleted()
    else:
        for token_id in run.pending:
            try:
                ghe.client.delete('%s/%d' % (TOKENS_PATH, token_id), repeat=IDEMPOTENT)
            except ApiError as error:
                run.settle(token_id, error)
            else:
                run.deleted(token_id)
    return run.report(ghe, 'tokens', 'tokens', brief)


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
