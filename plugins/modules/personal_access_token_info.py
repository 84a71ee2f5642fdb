#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: personal_access_token_info
short_description: List the personal access tokens of every user of GitHub Enterprise Server
version_added: 0.1.0
description:
  - Reads the site administrator's listing of all personal access tokens (classic), page by page until the end,
    and returns the tokens that match every filter given.
  - Never returns a token's value (GitHub does not show it again after creation). It returns the last eight
    characters and GitHub's C(hashed_token), a one-way SHA-256 of the value, so a token you hold can be matched
    without showing it; the O(token) the task authenticates with is marked RV(tokens[].in_use).
  - GitHub's listing does not say when a token was last used, so there is no "unused" filter; use the age and
    expiry filters.
  - Use it to find tokens and feed their ids to M(ghe.admin.personal_access_token) to delete them.
options:
  ids:
    description:
      - Only these token ids. An empty list matches nothing.
    type: list
    elements: int
  users:
    description:
      - Only the tokens of these users (logins, case-insensitive).
    type: list
    elements: str
    aliases: [user]
  created_before:
    description:
      - Only tokens created before this instant (ISO 8601, V(2024-01-31T00:00:00Z); a date alone means midnight UTC).
    type: str
  older_than_days:
    description:
      - Only tokens created more than this many days ago. With O(created_before) too, both must hold.
    type: int
  expires_before:
    description:
      - Only tokens that expire (or expired) before this instant (ISO 8601). Tokens without an expiry never match.
    type: str
  expired:
    description:
      - V(true) keeps only tokens whose expiry has passed, V(false) only tokens that have not expired (including
        those that never expire).
    type: bool
  never_expires:
    description:
      - V(true) keeps only tokens without an expiry date, V(false) only tokens with one.
      - O(never_expires=true) with O(expired=true) matches no token, so it fails before any request.
    type: bool
  scopes:
    description:
      - Only tokens that have at least one of these scopes (for example V(site_admin), V(admin:enterprise)).
    type: list
    elements: str
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
  - module: ghe.admin.personal_access_token
  - name: List personal access tokens
    description: GitHub's reference for the endpoint this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/users#list-personal-access-tokens
'''

EXAMPLES = r'''
- name: Tokens with site administrator rights
  ghe.admin.personal_access_token_info:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    scopes: [site_admin]
  register: powerful

- name: Tokens older than a year that never expire
  ghe.admin.personal_access_token_info:
    older_than_days: 365
    never_expires: true
  register: old_tokens

- name: Delete a leaving employee's tokens
  block:
    - name: Find them
      ghe.admin.personal_access_token_info:
        users: [jdoe]
      register: jdoe_tokens

    - name: Delete them
      ghe.admin.personal_access_token:
        ids: "{{ jdoe_tokens.tokens | map(attribute='id') | list }}"
'''

RETURN = r'''
tokens:
  description: The tokens that match every filter, by id. Never the token values.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The token's id, what M(ghe.admin.personal_access_token) deletes by.
      type: int
      sample: 42
    user:
      description: The owner's login.
      type: str
      sample: octocat
    note:
      description: The note given when the token was created.
      type: str
      sample: ci deploys
    note_url:
      description: The URL given with the note.
      type: str
    scopes:
      description: The token's scopes.
      type: list
      elements: str
      sample: [repo, user]
    app:
      description: The application GitHub lists the token under (C(name), C(url), C(client_id)).
      type: dict
    token_last_eight:
      description: The last eight characters of the token.
      type: str
      sample: 1a2b3c4d
    hashed_token:
      description: GitHub's one-way SHA-256 of the token.
      type: str
    fingerprint:
      description: The fingerprint GitHub stores with the token, if any.
      type: str
    created_at:
      description: When the token was created (ISO 8601, UTC).
      type: str
      sample: '2024-01-31T18:00:00Z'
    updated_at:
      description: When the token was last updated (ISO 8601, UTC).
      type: str
    expires_at:
      description: When the token expires (ISO 8601, UTC), V(null) for never.
      type: str
    url:
      description: The token's API URL.
      type: str
    in_use:
      description: V(true) for the token this task authenticates with (GitHub refuses to delete it with itself).
      type: bool
'''

from ansible_collections.ghe.admin.plugins.module_utils.credentials import (
    TOKENS_PATH,
    before,
    check_filters,
    common_filter_spec,
    cutoff,
    token_hashes,
    token_summary,
)
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule
from ansible_collections.ghe.admin.plugins.module_utils.timestamps import parse_instant, utcnow


def limits(params, now):
    """(created cutoff, expiry cutoff); raises ValueError naming the option."""
    return (cutoff(params, 'created_before', 'older_than_days', now),
            cutoff(params, 'expires_before', None, now))


def matches(token, params, created_limit, expiry_limit, now):
    if params['ids'] is not None and token['id'] not in params['ids']:
        return False
    if params['users'] and (token['user'] or '').lower() not in [login.lower() for login in params['users']]:
        return False
    if params['scopes'] and not set(params['scopes']) & set(token['scopes']):
        return False
    expires = parse_instant(token['expires_at'])
    if params['never_expires'] is not None and (expires is None) != params['never_expires']:
        return False
    if params['expired'] is not None and (expires is not None and expires <= now) != params['expired']:
        return False
    if expiry_limit is not None and not (expires is not None and expires < expiry_limit):
        return False
    return before(token['created_at'], created_limit)


def read(ghe, created_limit, expiry_limit, now):
    own = token_hashes(ghe.params['token'])
    tokens = [token_summary(token, own) for token in ghe.client.paginate(TOKENS_PATH)]
    selected = [token for token in tokens if matches(token, ghe.params, created_limit, expiry_limit, now)]
    return dict(changed=False, tokens=sorted(selected, key=lambda token: token['id']))


def main():
    spec = common_filter_spec()
    spec.update(
        expires_before=dict(type='str'),
        expired=dict(type='bool'),
        never_expires=dict(type='bool'),
        scopes=dict(type='list', elements='str'),
    )
    ghe = GheModule(argument_spec=spec, products=('ghes',))
    problems = check_filters(ghe.params)
    if ghe.params['expired'] and ghe.params['never_expires']:
        problems.append('expired: true and never_expires: true match no token (a token that never expires cannot '
                        'have expired); set one of them')
    if problems:
        ghe.fail('; '.join(problems))
    now = utcnow()
    try:
        created_limit, expiry_limit = limits(ghe.params, now)
    except ValueError as exc:
        ghe.fail(str(exc))
    ghe.run(lambda ghe: read(ghe, created_limit, expiry_limit, now))


if __name__ == '__main__':
    main()
