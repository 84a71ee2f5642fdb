#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: enterprise_info
short_description: Read the state of a GitHub Enterprise Server instance as the variables of the enterprise role
version_added: 0.1.0
description:
  - Reads the announcement banner, the global webhooks, the organizations and the suspended users of an enterprise,
    and returns them shaped exactly as the variables of the role C(ghe.admin.enterprise) (RV(announcement) is
    C(ghe_announcement), RV(global_hooks) is C(ghe_global_hooks), and so on), so that the role run with them changes
    nothing. The playbook C(ghe.admin.export) writes them to a variables file.
  - Webhook secrets cannot be read (the API only ever returns C(********)). The hooks that have one are listed in
    RV(hook_secrets); the exported entries leave C(secret) out, which the role reads as "keep the hook's secret".
  - Every listing pages through the API (100 items a page) in one task over one keep-alive session.
  - "What it costs on a large instance: C(GET /enterprise/announcement) (1 request); C(GET /admin/hooks) (hooks/100
    pages); C(GET /organizations) (organizations/100 pages) then one C(GET /orgs/{org}) per organization for its
    display name; C(GET /users) (accounts/100 pages; GitHub lists organizations there too) then one
    C(GET /users/{login}) per user, because only a site administrator's view of a single user tells whether it is
    suspended. The per-organization and per-user requests run O(concurrency) at a time. For 10,000 users that is
    about 10,100 requests; RV(api_requests) reports the exact number."
  - Leave out O(areas) you do not need; in particular V(users) is where almost all of the requests go.
options:
  areas:
    description:
      - What to read. RV(announcement) is read for V(announcement), RV(global_hooks) and RV(hook_secrets) for
        V(global_hooks), RV(organizations) for V(organizations), RV(suspended_users), RV(unsuspended_users) and
        RV(ldap_suspended_users) for V(users).
    type: list
    elements: str
    choices: [announcement, global_hooks, organizations, users]
    default: [announcement, global_hooks, organizations, users]
  concurrency:
    description:
      - How many organizations or users are read at the same time, from V(1) to V(32).
      - Requests share one keep-alive session whose connection pool holds this many connections.
    type: int
    default: 8
extends_documentation_fragment:
  - ghe.admin.connection
attributes:
  check_mode:
    support: full
    description: Only reads.
  diff_mode:
    support: none
    description: Changes nothing.
notes:
  - GitHub Enterprise Server only. The token must be a site administrator's; with any other token the task fails
    rather than report every user as unsuspended.
  - Not read, because the API cannot return them or the role does not manage them, are webhook secrets, the encryption
    at rest key and organization owners (the role needs C(admin) only to create an organization).
  - An organization or user deleted while the task runs is left out; RV(counts) tells how many.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.global_hook_info
  - module: ghe.admin.stats_info
  - name: List users
    description: GitHub's reference for the user listing this module pages through.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/users/users#list-users
  - name: List organizations
    description: GitHub's reference for the organization listing this module pages through.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/orgs/orgs#list-organizations
'''

EXAMPLES = r'''
- name: Read the whole state of the enterprise
  ghe.admin.enterprise_info:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
  register: current

- name: Converge the enterprise to what was read (changes nothing)
  ansible.builtin.include_role:
    name: ghe.admin.enterprise
  vars:
    ghe_announcement: "{{ current.announcement }}"
    ghe_global_hooks: "{{ current.global_hooks }}"
    ghe_organizations: "{{ current.organizations }}"
    ghe_suspended_users: "{{ current.suspended_users }}"

- name: Only the banner and the hooks (a few requests, whatever the number of users)
  ghe.admin.enterprise_info:
    areas: [announcement, global_hooks]
  register: current
'''

RETURN = r'''
announcement:
  description: The banner as C(ghe_announcement); V(null) when there is none (the role then removes any banner).
  returned: when O(areas) has V(announcement)
  type: dict
  contains:
    text:
      description: The banner text.
      type: str
      sample: GitHub is read-only on Saturday.
    expires_at:
      description: When it expires (ISO 8601, UTC); an empty string for never.
      type: str
      sample: '2030-06-01T12:00:00Z'
    user_dismissible:
      description: Whether users may dismiss it.
      type: bool
      sample: false
global_hooks:
  description:
    - The global webhooks as C(ghe_global_hooks) entries, by id. C(id) is set only for hooks that share their URL
      with another hook. C(secret) is never set.
  returned: when O(areas) has V(global_hooks)
  type: list
  elements: dict
  sample: [{url: https://audit.example.com/github, events: [organization, user], content_type: json,
            insecure_ssl: false, active: true}]
hook_secrets:
  description: The hooks that have a secret, which the export marks for the user to fill in.
  returned: when O(areas) has V(global_hooks)
  type: list
  elements: dict
  contains:
    id:
      description: The hook's id.
      type: int
    url:
      description: The hook's URL.
      type: str
    variable:
      description: The name of the variable (to keep in Ansible Vault) the export suggests for the secret.
      type: str
  sample: [{id: 1, url: https://audit.example.com/github, variable: vault_ghe_hook_secret_1}]
organizations:
  description: The organizations as C(ghe_organizations) entries, by login; C(profile_name) is empty for none.
  returned: when O(areas) has V(organizations)
  type: list
  elements: dict
  sample: [{name: engineering, profile_name: Engineering}, {name: operations, profile_name: ''}]
suspended_users:
  description: The logins of the suspended users (C(ghe_suspended_users)), sorted; LDAP-managed users are left out.
  returned: when O(areas) has V(users)
  type: list
  elements: str
  sample: [former-employee]
unsuspended_users:
  description:
    - The logins of the other users (C(ghe_unsuspended_users)), sorted; LDAP-managed users are left out.
    - Declaring them is what makes a later suspension by hand a difference the role reports.
  returned: when O(areas) has V(users)
  type: list
  elements: str
  sample: [hubot, octocat]
ldap_suspended_users:
  description: Suspended LDAP-managed users; LDAP sync, not the API, suspends and unsuspends them.
  returned: when O(areas) has V(users)
  type: list
  elements: str
  sample: []
counts:
  description: How many of each were read (only for the O(areas) read).
  returned: always
  type: dict
  contains:
    global_hooks:
      description: Global webhooks.
      type: int
    hooks_with_secret:
      description: Global webhooks that have a secret.
      type: int
    organizations:
      description: Organizations.
      type: int
    users:
      description: Users (not organizations), LDAP-managed ones included.
      type: int
    suspended_users:
      description: Suspended users, LDAP-managed ones included.
      type: int
    ldap_users:
      description: LDAP-managed users.
      type: int
    vanished:
      description: Organizations and users listed that were gone when read one by one.
      type: int
  sample: {global_hooks: 1, hooks_with_secret: 1, organizations: 2, users: 5, suspended_users: 1, ldap_users: 1,
           vanished: 0}
api_requests:
  description: How many API requests the task sent.
  returned: always
  type: int
  sample: 10107
'''

from ansible_collections.ghe.admin.plugins.module_utils.export import (
    AREAS,
    announcement_vars,
    hook_vars,
    is_user_account,
    org_vars,
    secret_placeholders,
    user_vars,
)
from ansible_collections.ghe.admin.plugins.module_utils.hooks import list_hooks
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule
from ansible_collections.ghe.admin.plugins.module_utils.orgs import org_path
from ansible_collections.ghe.admin.plugins.module_utils.users import is_private_view, run_bounded, user_path

MAX_CONCURRENCY = 32


def read_each(ghe, logins, path, what):
    """GET ``path(login)`` for every login, ``concurrency`` at a time; ``(found, vanished)``; fails on any error."""
    outcomes = run_bounded(lambda login: ghe.client.get_or_none(path(login)), logins, ghe.params['concurrency'])
    failed = [(login, error) for login, (value, error) in zip(logins, outcomes) if error is not None]
    if failed:
        first = failed[0][1]
        listed = ', '.join(login for login, error in failed[:10]) + (', ...' if len(failed) > 10 else '')
        ghe.fail('could not read %d of %d %s (%s): %s' % (len(failed), len(logins), what, listed, first),
                 api_error=getattr(first, 'as_dict', dict)())
    found = [value for value, error in outcomes if value is not None]
    return found, len(logins) - len(found)


def read_users(ghe, counts):
    logins = [item['login'] for item in ghe.client.paginate('users') if is_user_account(item)]
    users, vanished = read_each(ghe, logins, user_path, 'users')
    public = next((user for user in users if not is_private_view(user)), None)
    if public is not None:
        ghe.fail('GET /users/%s does not show whether the user is suspended: the token is not a site administrator\'s'
                 % public['login'])
    suspended, unsuspended, ldap_suspended = user_vars(users)
    counts.update(users=len(users), suspended_users=sum(1 for user in users if user.get('suspended_at')),
                  ldap_users=sum(1 for user in users if user.get('ldap_dn')),
                  vanished=counts.get('vanished', 0) + vanished)
    return dict(suspended_users=suspended, unsuspended_users=unsuspended, ldap_suspended_users=ldap_suspended)


def read_organizations(ghe, counts):
    logins = [item['login'] for item in ghe.client.paginate('organizations')]
    orgs, vanished = read_each(ghe, logins, org_path, 'organizations')
    counts.update(organizations=len(orgs), vanished=counts.get('vanished', 0) + vanished)
    return dict(organizations=org_vars(orgs))


def read_hooks(ghe, counts):
    hooks = list_hooks(ghe.client)
    secrets = secret_placeholders(hooks)
    counts.update(global_hooks=len(hooks), hooks_with_secret=len(secrets))
    return dict(global_hooks=hook_vars(hooks), hook_secrets=secrets)


def read(ghe):
    areas = ghe.params['areas']
    ghe.client.size_pool(ghe.params['concurrency'])
    result = dict(changed=False)
    counts = {}
    if 'announcement' in areas:
        result['announcement'] = announcement_vars(ghe.client.get('enterprise/announcement'))
    if 'global_hooks' in areas:
        result.update(read_hooks(ghe, counts))
    if 'organizations' in areas:
        result.update(read_organizations(ghe, counts))
    if 'users' in areas:
        result.update(read_users(ghe, counts))
    result.update(counts=counts, api_requests=ghe.client.requests_sent)
    return result


def main():
    ghe = GheModule(
        argument_spec=dict(
            areas=dict(type='list', elements='str', choices=list(AREAS), default=list(AREAS)),
            concurrency=dict(type='int', default=8),
        ),
    )
    if not ghe.params['areas']:
        ghe.fail('areas must name at least one of %s' % ', '.join(AREAS))
    if not 1 <= ghe.params['concurrency'] <= MAX_CONCURRENCY:
        ghe.fail('concurrency must be between 1 and %d, got %s' % (MAX_CONCURRENCY, ghe.params['concurrency']))
    ghe.run(read)


if __name__ == '__main__':
    main()
