#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: public_key_info
short_description: List the SSH keys of every user and repository of GitHub Enterprise Server
version_added: 0.1.0
description:
  - Reads the site administrator's listing of all public SSH keys (users' keys and repositories' deploy keys),
    page by page until the end, and returns the keys that match every filter given.
  - Use it to find stale keys and feed their ids to M(ghe.admin.public_key) to delete them.
  - Filtering happens here, after the listing is read; only O(users) costs extra requests (one per login).
options:
  ids:
    description:
      - Only these key ids. An empty list matches nothing.
    type: list
    elements: int
  users:
    description:
      - Only the keys of these users (logins, case-insensitive). Deploy keys belong to no user and never match, so
        O(users) with O(kind=deploy) fails before any request.
      - Each login costs one request to find the user's id; a login that does not exist matches nothing and warns.
    type: list
    elements: str
    aliases: [user]
  kind:
    description:
      - V(user) keys belong to a user account, V(deploy) keys to a repository; V(all) is both.
    type: str
    choices: [all, user, deploy]
    default: all
  created_before:
    description:
      - Only keys created before this instant (ISO 8601, V(2024-01-31T00:00:00Z); a date alone means midnight UTC).
    type: str
  older_than_days:
    description:
      - Only keys created more than this many days ago. With O(created_before) too, both must hold.
    type: int
  last_used_before:
    description:
      - Only keys not used since this instant (ISO 8601). Keys never used match.
    type: str
  unused_for_days:
    description:
      - Only keys not used in this many days. Keys never used match. With O(last_used_before) too, both must hold.
    type: int
  never_used:
    description:
      - V(true) keeps only keys GitHub has never seen used, V(false) only keys used at least once.
    type: bool
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
  - module: ghe.admin.public_key
  - name: List public keys
    description: GitHub's reference for the endpoint this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/users#list-public-keys
'''

EXAMPLES = r'''
- name: Find user keys not used for a year (or never)
  ghe.admin.public_key_info:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    kind: user
    unused_for_days: 365
  register: stale

- name: Delete them
  ghe.admin.public_key:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    ids: "{{ stale.public_keys | map(attribute='id') | list }}"
  when: stale.public_keys | length > 0

- name: The keys of a leaving employee
  ghe.admin.public_key_info:
    users: [jdoe]
  register: jdoe_keys
'''

RETURN = r'''
public_keys:
  description: The keys that match every filter, by id.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The key's id, what M(ghe.admin.public_key) deletes by.
      type: int
      sample: 42
    title:
      description: The key's title.
      type: str
      sample: octocat@laptop
    kind:
      description: V(user) for a user's key, V(deploy) for a repository's deploy key.
      type: str
      sample: user
    user_id:
      description: The owning user's id, V(null) for a deploy key.
      type: int
      sample: 2
    repository_id:
      description: The repository of a deploy key, V(null) for a user's key.
      type: int
      sample: null
    key:
      description: The public key as GitHub shows it.
      type: str
      sample: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG...
    fingerprint:
      description: The key's SHA-256 fingerprint as C(ssh-keygen -l) prints it, V(null) if the key cannot be read.
      type: str
      sample: SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU
    read_only:
      description: Whether a deploy key is read-only.
      type: bool
    verified:
      description: Whether GitHub verified the key.
      type: bool
    enabled:
      description: Whether the key is enabled, when GitHub says.
      type: bool
    added_by:
      description: Who added the key, when GitHub says.
      type: str
    created_at:
      description: When the key was added (ISO 8601, UTC).
      type: str
      sample: '2024-01-31T18:00:00Z'
    last_used:
      description: When the key was last used (ISO 8601, UTC), V(null) if never.
      type: str
    url:
      description: The key's API URL.
      type: str
'''

from ansible.module_utils.six.moves.urllib.parse import quote

from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError
from ansible_collections.ghe.admin.plugins.module_utils.credentials import (
    KEYS_PATH,
    before,
    check_filters,
    common_filter_spec,
    cutoff,
    key_summary,
    not_since,
)
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule
from ansible_collections.ghe.admin.plugins.module_utils.timestamps import utcnow


def limits(params, now):
    """(created cutoff, last-use cutoff); raises ValueError naming the option."""
    return (cutoff(params, 'created_before', 'older_than_days', now),
            cutoff(params, 'last_used_before', 'unused_for_days', now))


def matches(key, params, user_ids, created_limit, used_limit):
    if params['ids'] is not None and key['id'] not in params['ids']:
        return False
    if user_ids is not None and key['user_id'] not in user_ids:
        return False
    if params['kind'] != 'all' and key['kind'] != params['kind']:
        return False
    if params['never_used'] is not None and (key['last_used'] is None) != params['never_used']:
        return False
    return before(key['created_at'], created_limit) and not_since(key['last_used'], used_limit)


def user_ids(ghe):
    if not ghe.params['users']:
        return None
    found = set()
    for login in ghe.params['users']:
        try:
            user = ghe.client.get_or_none('users/%s' % quote(login, safe=''))
        except ApiError as error:
            ghe.fail_api(error, 'looking up the user %s' % login)
        if user is None:
            ghe.warn('user %s does not exist: no key matches it' % login)
        else:
            found.add(user['id'])
    return found


def read(ghe, created_limit, used_limit):
    owners = user_ids(ghe)
    if owners is not None and not owners:
        return dict(changed=False, public_keys=[])
    keys = [key_summary(key) for key in ghe.client.paginate(KEYS_PATH)]
    selected = [key for key in keys if matches(key, ghe.params, owners, created_limit, used_limit)]
    return dict(changed=False, public_keys=sorted(selected, key=lambda key: key['id']))


def main():
    spec = common_filter_spec()
    spec.update(
        kind=dict(type='str', choices=['all', 'user', 'deploy'], default='all'),
        last_used_before=dict(type='str'),
        unused_for_days=dict(type='int'),
        never_used=dict(type='bool'),
    )
    ghe = GheModule(argument_spec=spec, products=('ghes',))
    problems = check_filters(ghe.params)
    if ghe.params['users'] and ghe.params['kind'] == 'deploy':
        problems.append('users cannot be used with kind: deploy (deploy keys belong to repositories, not users)')
    if problems:
        ghe.fail('; '.join(problems))
    try:
        created_limit, used_limit = limits(ghe.params, utcnow())
    except ValueError as exc:
        ghe.fail(str(exc))
    ghe.run(lambda ghe: read(ghe, created_limit, used_limit))


if __name__ == '__main__':
    main()
