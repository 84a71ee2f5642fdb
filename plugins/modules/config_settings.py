#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: config_settings
short_description: Manage the settings of a GitHub Enterprise Server appliance
version_added: 0.2.0
description:
  - Sets the appliance settings given in O(settings) (those of the Management Console and C(ghe-config)) through
    the Manage GHES API (C(/manage/v1/config/settings)), and optionally applies them with a configuration run.
  - O(settings) is a nested dictionary of only the settings to manage, in the shape C(GET /manage/v1/config/settings)
    returns. What is not declared is left alone. Only the settings that differ are sent, in one partial C(PUT).
  - Comparisons are made as the appliance means them. LDAP distinguished names (C(ldap.bind_dn), C(ldap.admin_group),
    C(ldap.base), C(ldap.user_groups)) are compared case-insensitively, ignoring spaces around C(,) and C(=).
    C(ldap.base) and C(ldap.user_groups) are compared as sets. V(25) equals V('25').
  - B(Write-only settings) are never compared, never returned and never shown in a diff. These are any setting whose
    name contains C(password) or C(secret) (for example C(smtp.password), C(ldap.password),
    C(github_oauth.client_secret), C(collectd.password), C(customer.secret_key_data)), C(github_ssl.key),
    C(mapping.token) and C(snmp.community). A declared write-only setting is sent when another setting of the same
    object (for example another C(smtp) setting) is sent, or on every run with O(update_secrets=always).
  - Before any write, replication and cluster status are read; with O(require_healthy=true) the task refuses to write
    when a node is not healthy, naming it.
options:
  settings:
    description:
      - "The settings to manage, nested as the API names them, for example C({smtp: {enabled: true, address:
        smtp.example.com}})."
      - C(configuration_id) and C(configuration_run_count) are read-only and refused.
      - Must be a dictionary; anything else (a string such as V(private_mode=true), a list) fails before any request.
    type: raw
    required: true
  update_secrets:
    description:
      - When the declared write-only settings are sent (see the description).
      - V(on_change) sends them only along with a change of another setting of the same object. A run in which
        only a password differs therefore reports no change, since the API never reveals the current one.
      - V(always) sends every declared write-only setting on every run, which then always reports C(changed).
    type: str
    choices: [on_change, always]
    default: on_change
  apply:
    description:
      - After a change, start a configuration run (C(ghe-config-apply)) and wait for it on the controller
        (see O(wait)). A failed run fails the task with the failing nodes and their last error events.
      - Without it the settings are stored and take effect at the next configuration run
        (M(ghe.admin.config_apply)).
    type: bool
    default: false
  require_healthy:
    description:
      - Refuse to write (sending no write request) when replication or cluster status reports a node that is not
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
    description: Reports which settings would change (and whether a run would start); sends no write request.
  diff_mode:
    support: full
    description: Shows the declared settings before and after; write-only settings are masked.
  action:
    support: full
    description: The action plugin waits for the configuration run on the controller.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.config_apply
  - module: ghe.admin.manage_info
  - name: REST API endpoints for the Manage GHES API
    description: GitHub's reference, with every setting C(GET /manage/v1/config/settings) returns.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/manage-ghes#get-settings
'''

EXAMPLES = r'''
- name: Outgoing e-mail, applied at once
  ghe.admin.config_settings:
    manage_url: https://ghe.example.com:8443
    manage_password: "{{ vault_ghe_root_password }}"
    settings:
      smtp:
        enabled: true
        address: smtp.example.com
        port: "587"
        authentication: login
        username: ghe
        password: "{{ vault_smtp_password }}"
        noreply_address: noreply@ghe.example.com
    apply: true

- name: Private mode and a syslog server, applied later by ghe.admin.config_apply
  ghe.admin.config_settings:
    settings:
      private_mode: true
      syslog:
        enabled: true
        server: syslog.example.com:514
        protocol_name: tcp

- name: Rotate the LDAP bind password (sent on every run)
  ghe.admin.config_settings:
    settings:
      ldap:
        password: "{{ vault_ldap_bind_password }}"
    update_secrets: always
    apply: true
'''

RETURN = r'''
settings:
  description:
    - The declared settings as they are at the end of the task (in check mode, as they would be), write-only ones
      masked.
  returned: always
  type: dict
  sample: {smtp: {enabled: true, address: smtp.example.com, password: '********'}}
operation:
  description:
    - What the task did, or in check mode what it would do; settings always exist, so never V(created) nor
      V(deleted).
    - V(updated) (settings written) or V(none).
  returned: always
  type: str
  sample: updated
changes:
  description: The settings that differed, as dotted names.
  returned: always
  type: list
  elements: str
  sample: [smtp.address]
secrets_sent:
  description: The write-only settings that were (or would be) sent, as dotted names.
  returned: always
  type: list
  elements: str
  sample: [smtp.password]
health:
  description: The replication and cluster status read before writing.
  returned: when a change was due
  type: dict
job:
  description: The configuration run started with O(apply=true), in the collection's job model (kind C(config_apply)).
  returned: when a run was started
  type: dict
  contains:
    kind:
      description: V(config_apply).
      type: str
    run_id:
      description: The run's id.
      type: str
      sample: d34db33f
    state:
      description: V(pending), V(complete) or V(failed).
      type: str
    how_to_check:
      description: How to check on the run later.
      type: str
config_run:
  description: The finished run's status (C(GET /manage/v1/config/apply?run_id=)).
  returned: when a run was waited for and completed
  type: dict
'''

from ansible_collections.ghe.admin.plugins.module_utils.manage import (
    ManageModule,
    dotted,
    health_gate,
    masked_settings,
    merged,
    plan_settings,
    project,
    secret_paths,
    settings_problem,
    start_config_run,
    write,
)
from ansible_collections.ghe.admin.plugins.module_utils.module import NONE, UPDATED, job_wait_argument_spec, state_result
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT

PATH = '/config/settings'


def converge(ghe):
    params = ghe.params
    desired = params['settings']
    current = ghe.client.get(PATH) or {}
    body, changes, secrets = plan_settings(desired, current, params['update_secrets'])
    before = project(current, desired)
    after = merged(before, body or {})
    changed = body is not None
    extra = dict(changes=dotted(changes), secrets_sent=dotted(secrets))
    final = masked_settings(after if ghe.check_mode else before)
    if changed:
        extra['health'] = health_gate(ghe)
        if not ghe.check_mode:
            write(ghe.client, 'PUT', PATH, json=body, repeat=IDEMPOTENT)
            final = masked_settings(project(ghe.client.get(PATH) or {}, desired))
            if params['apply']:
                extra['job'] = start_config_run(ghe.client, started_by='ghe.admin.config_settings')
    return state_result(ghe, 'settings', before, final, changed, operation=UPDATED if changed else NONE,
                        diff=(masked_settings(before), masked_settings(after)), **extra)


def hide_secrets(ghe):
    """Keep the declared write-only values out of every output (the invocation, errors, diffs)."""
    settings = ghe.params['settings'] if isinstance(ghe.params['settings'], dict) else {}
    for path in secret_paths(settings):
        value = settings
        for key in path:
            value = value[key]
        ghe.module.no_log_values.add(str(value))
        ghe.client.add_secret(value)


def main():
    spec = dict(
        settings=dict(type='raw', required=True),
        update_secrets=dict(type='str', choices=['on_change', 'always'], default='on_change'),
        apply=dict(type='bool', default=False),
        require_healthy=dict(type='bool', default=True),
    )
    spec.update(job_wait_argument_spec())
    ghe = ManageModule(argument_spec=spec)
    hide_secrets(ghe)
    problem = settings_problem(ghe.params['settings'])
    if problem:
        ghe.fail(problem)
    ghe.run(converge)


if __name__ == '__main__':
    main()
