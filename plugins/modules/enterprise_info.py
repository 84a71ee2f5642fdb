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
  - Pre-receive environments and hooks are read as C(ghe_pre_receive_environments) and C(ghe_pre_receive_hooks), with
    the organizations that override a hook; C(GET /organizations) then one listing per organization, only when a hook
    allows downstream configuration.
  - "What it costs on a large instance: C(GET /enterprise/announcement) (1 request); C(GET /admin/hooks) (hooks/100
    pages); C(GET /organizations) (organizations/100 pages) then one C(GET /orgs/{org}) per organization for its
    display name; C(GET /users) (accounts/100 pages; GitHub lists organizations there too) then one
    C(GET /users/{login}) per user, because only a site administrator's view of a single user tells whether it is
    suspended. The per-organization and per-user requests run O(concurrency) at a time. For 10,000 users that is
    about 10,100 requests; RV(api_requests) reports the exact number."
  - Leave out O(areas) you do not need; in particular V(users) is where almost all of the requests go.
  - The appliance's settings and maintenance mode (areas V(settings) and V(maintenance), added in version 0.2.0, not
    read unless asked for) are read from the Manage GHES API with O(manage_url) and O(manage_password). Without
    O(manage_password) they are skipped, with a note in RV(skipped).
options:
  areas:
    description:
      - What to read. RV(announcement) is read for V(announcement), RV(global_hooks) and RV(hook_secrets) for
        V(global_hooks), RV(organizations) for V(organizations), RV(pre_receive_environments),
        RV(pre_receive_hooks) and RV(pre_receive_downloads_failed) for V(pre_receive) (added in version 0.2.0),
        RV(suspended_users), RV(unsuspended_users) and RV(ldap_suspended_users) for V(users).
      - RV(settings) and RV(setting_secrets) for V(settings), RV(maintenance) for V(maintenance) (both added in version
        0.2.0, through the Manage GHES API, and never read by default).
    type: list
    elements: str
    choices: [announcement, global_hooks, organizations, pre_receive, users, settings, maintenance]
    default: [announcement, global_hooks, organizations, pre_receive, users]
  settings_keys:
    description:
      - The settings to read for V(settings) in O(areas), as dotted names such as V(syslog) (a whole object) or
        V(smtp.address). Only these are exported, since the settings tree is large.
      - Required when O(areas) has V(settings).
    type: list
    elements: str
    default: []
    version_added: 0.2.0
  concurrency:
    description:
      - How many organizations or users are read at the same time, from V(1) to V(32).
      - Requests share one keep-alive session whose connection pool holds this many connections.
    type: int
    default: 8
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
pre_receive_environments:
  description:
    - The pre-receive environments as C(ghe_pre_receive_environments) entries (C(name), C(image_url)), by name;
      GitHub's default environment is left out.
  returned: when O(areas) has V(pre_receive)
  type: list
  elements: dict
  version_added: 0.2.0
  sample: [{name: DevTools Hook Env, image_url: https://files.example.com/hooks/devtools-env.tar.gz}]
pre_receive_hooks:
  description:
    - The pre-receive hooks as C(ghe_pre_receive_hooks) entries, by name, each with the C(organizations) that override
      its enforcement (read only when a hook allows downstream configuration). Repository overrides are not read
      (the API cannot list every repository).
  returned: when O(areas) has V(pre_receive)
  type: list
  elements: dict
  version_added: 0.2.0
  sample: [{name: Reject secrets, script: checks/secrets.sh, script_repository: platform/hooks,
            environment: DevTools Hook Env, enforcement: enabled, allow_downstream_configuration: true,
            organizations: [{organization: engineering, enforcement: testing, allow_downstream_configuration: false}]}]
pre_receive_downloads_failed:
  description: The environments whose latest download failed (converging them downloads them again).
  returned: when O(areas) has V(pre_receive)
  type: list
  elements: str
  version_added: 0.2.0
  sample: []
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
site_admins:
  description: The logins of the site administrators (C(ghe_site_admins)), sorted.
  returned: when O(areas) has V(users)
  type: list
  elements: str
  version_added: 0.2.0
  sample: [ghe-admin]
ldap_mappings:
  description: The users mapped to an LDAP entry (C(ghe_ldap_mappings)), each with C(login) and C(ldap_dn), sorted.
  returned: when O(areas) has V(users)
  type: list
  elements: dict
  version_added: 0.2.0
  sample: [{login: ldap-user, ldap_dn: 'uid=ldap-user,ou=users,dc=example,dc=com'}]
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
    pre_receive_environments:
      description: Pre-receive environments, GitHub's default left out.
      type: int
      version_added: 0.2.0
    pre_receive_hooks:
      description: Pre-receive hooks.
      type: int
      version_added: 0.2.0
    pre_receive_overrides:
      description: Organization overrides of pre-receive hooks.
      type: int
      version_added: 0.2.0
  sample: {global_hooks: 1, hooks_with_secret: 1, organizations: 2, users: 5, suspended_users: 1, ldap_users: 1,
           vanished: 0}
settings:
  description:
    - The settings named by O(settings_keys) as C(ghe_settings), write-only ones left out (see RV(setting_secrets)).
  returned: when O(areas) has V(settings) and O(manage_password) is set
  type: dict
  version_added: 0.2.0
  sample: {syslog: {enabled: true, server: syslog.example.com:514, protocol_name: udp}}
setting_secrets:
  description: The write-only settings among O(settings_keys), which the export marks for the user to fill in.
  returned: when O(areas) has V(settings) and O(manage_password) is set
  type: list
  elements: dict
  version_added: 0.2.0
  sample: [{name: smtp.password, variable: vault_ghe_settings_smtp_password}]
maintenance:
  description: Maintenance mode as C(ghe_maintenance) (C(enabled), and when on C(when), C(ip_exception_list), C(maintenance_message)).
  returned: when O(areas) has V(maintenance) and O(manage_password) is set
  type: dict
  version_added: 0.2.0
  sample: {enabled: false}
skipped:
  description: The areas asked for that were not read, each with why.
  returned: always
  type: list
  elements: str
  version_added: 0.2.0
  sample: ['settings: no manage_password (or GHE_MANAGE_PASSWORD), so the Manage GHES API was not read']
api_requests:
  description: How many API requests the task sent.
  returned: always
  type: int
  sample: 10107
'''

from ansible_collections.ghe.admin.plugins.module_utils.export import (
    AREAS,
    MANAGE_AREAS,
    announcement_vars,
    maintenance_vars,
    settings_vars,
    hook_vars,
    is_user_account,
    org_vars,
    pre_receive_environment_vars,
    pre_receive_hook_vars,
    secret_placeholders,
    identity_vars,
    user_vars,
)
from ansible_collections.ghe.admin.plugins.module_utils.hooks import list_hooks
from ansible_collections.ghe.admin.plugins.module_utils.manage import manage_client_from_params, manage_problem
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule
from ansible_collections.ghe.admin.plugins.module_utils.orgs import org_path
from ansible_collections.ghe.admin.plugins.module_utils.prereceive import (
    list_environments,
    list_hooks as list_pre_receive_hooks,
    org_enforcement_view,
    org_hook_path,
)
from ansible_collections.ghe.admin.plugins.module_utils.bulk import concurrency_option, concurrency_problem, run_bounded
from ansible_collections.ghe.admin.plugins.module_utils.users import is_private_view, user_path


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
    site_admins, ldap_mappings = identity_vars(users)
    return dict(suspended_users=suspended, unsuspended_users=unsuspended, ldap_suspended_users=ldap_suspended,
                site_admins=site_admins, ldap_mappings=ldap_mappings)


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


def read_pre_receive(ghe, counts):
    """Environments, hooks and, when a hook allows it, the organizations that override hooks."""
    environments = list_environments(ghe.client)
    hooks = list_pre_receive_hooks(ghe.client)
    org_enforcement = {}
    if any(hook['allow_downstream_configuration'] for hook in hooks):
        logins = [item['login'] for item in ghe.client.paginate('organizations')]
        outcomes = run_bounded(lambda login: [org_enforcement_view(data, login)
                                              for data in ghe.client.paginate(org_hook_path(login))],
                               logins, ghe.params['concurrency'])
        failed = [(login, error) for login, (value, error) in zip(logins, outcomes) if error is not None]
        if failed:
            ghe.fail('could not read the pre-receive hooks of organization %s: %s' % failed[0],
                     api_error=getattr(failed[0][1], 'as_dict', dict)())
        org_enforcement = dict((login, value) for login, (value, error) in zip(logins, outcomes))
    exported = pre_receive_hook_vars(hooks, org_enforcement)
    counts.update(pre_receive_environments=sum(1 for env in environments if not env['default_environment']),
                  pre_receive_hooks=len(hooks),
                  pre_receive_overrides=sum(len(entry.get('organizations', [])) for entry in exported))
    return dict(pre_receive_environments=pre_receive_environment_vars(environments), pre_receive_hooks=exported,
                pre_receive_downloads_failed=sorted(env['name'] for env in environments
                                                    if env['download']['state'] == 'failed'))


def read_manage(ghe, areas):
    """The Manage API areas asked for; skipped, with a note, without a Manage password."""
    if not ghe.params.get('manage_password'):
        return dict(skipped=['%s: no manage_password (or GHE_MANAGE_PASSWORD), so the Manage GHES API was not read'
                             % area for area in areas])
    client = manage_client_from_params(ghe.params)
    result = {}
    try:
        if 'settings' in areas:
            result['settings'], result['setting_secrets'] = settings_vars(client.get('/config/settings') or {},
                                                                          ghe.params['settings_keys'])
        if 'maintenance' in areas:
            result['maintenance'] = maintenance_vars(client.get('/maintenance') or [])
    finally:
        ghe.client.requests_sent += client.requests_sent
    return result


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
    if 'pre_receive' in areas:
        result.update(read_pre_receive(ghe, counts))
    if 'users' in areas:
        result.update(read_users(ghe, counts))
    result['skipped'] = []
    manage_areas = [area for area in MANAGE_AREAS if area in areas]
    if manage_areas:
        result.update(read_manage(ghe, manage_areas))
    result.update(counts=counts, api_requests=ghe.client.requests_sent)
    return result


def main():
    ghe = GheModule(
        products=('ghes',),
        argument_spec=dict(
            areas=dict(type='list', elements='str', choices=list(AREAS + MANAGE_AREAS), default=list(AREAS)),
            settings_keys=dict(type='list', elements='str', default=[], no_log=False),
            concurrency=concurrency_option(),
        ),
    )
    if not ghe.params['areas']:
        ghe.fail('areas must name at least one of %s' % ', '.join(AREAS + MANAGE_AREAS))
    if 'settings' in ghe.params['areas'] and not ghe.params['settings_keys']:
        ghe.fail('settings_keys must name the settings to read (for example [syslog, smtp.address]) when areas has '
                 'settings')
    problem = ghe.params.get('manage_password') and manage_problem(ghe.params)
    if problem and set(MANAGE_AREAS).intersection(ghe.params['areas']):
        ghe.fail(problem)
    if concurrency_problem(ghe.params['concurrency']):
        ghe.fail(concurrency_problem(ghe.params['concurrency']))
    ghe.run(read)


if __name__ == '__main__':
    main()
