#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: maintenance
short_description: Enable, schedule or disable the maintenance mode of GitHub Enterprise Server
version_added: 0.2.0
description:
  - Turns maintenance mode on now or at a given time, with an IP exception list and a message, or turns it off,
    through the Manage GHES API (C(/manage/v1/maintenance)).
  - Idempotent against C(GET /manage/v1/maintenance), node by node. O(enabled=true) without O(when) (or
    with V(now)) wants every node V(on). With an instant in O(when), a node V(scheduled) at the same instant, or
    already V(on), is no change. O(enabled=false) wants every node V(off) (a scheduled window is cancelled).
  - O(ip_exception_list) is compared as a set of networks (V(10.0.0.1) equals V(10.0.0.1/32)), and only when given;
    O(maintenance_message) likewise.
  - Every bad value (an O(when) that is not an instant, an exception that is not an IP address or a CIDR range) fails
    before any request.
options:
  enabled:
    description:
      - V(true) turns maintenance mode on (at O(when)); V(false) turns it off, or cancels a scheduled window.
    type: bool
    required: true
  when:
    description:
      - When maintenance mode starts, V(now) (the default) or an ISO 8601 instant such as
        V(2030-01-31T22:00:00Z) (a time without an offset is UTC).
      - Only with O(enabled=true). The API cannot schedule the end of a window; disable it with O(enabled=false).
    type: str
  ip_exception_list:
    description:
      - IPv4 or IPv6 addresses and CIDR ranges that can still reach the instance during maintenance.
      - Compared as a set; not given leaves the current list alone. An empty list removes every exception.
    type: list
    elements: str
  maintenance_message:
    description:
      - The message shown to users during maintenance. Not given leaves it alone.
    type: str
  wait:
    description:
      - After a change, wait until every node reports the declared state (V(on) after enabling now, V(off) after
        disabling). A window scheduled in the future is not waited for.
      - Never waits in check mode.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait before the task fails, naming the nodes still in another state.
    type: float
    default: 300
  poll_interval:
    description: Seconds between two reads of the maintenance status while waiting.
    type: float
    default: 5
extends_documentation_fragment:
  - ghe.admin.manage
  - ghe.admin.connection
  - ghe.admin.products.ghes
attributes:
  check_mode:
    support: full
    description: Reports what would change and sends no write request.
  diff_mode:
    support: full
    description: Shows the nodes' maintenance status, schedule, exception list and message before and after.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.manage_info
  - name: Enabling and scheduling maintenance mode
    description: What maintenance mode does and when to use it.
    link: https://docs.github.com/en/enterprise-server@3.19/admin/configuration/configuring-your-enterprise/enabling-and-scheduling-maintenance-mode
  - name: REST API endpoints for the Manage GHES API
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/manage-ghes
'''

EXAMPLES = r'''
- name: Turn maintenance mode on now, letting the office network in
  ghe.admin.maintenance:
    manage_url: https://ghe.example.com:8443
    manage_password: "{{ vault_ghe_root_password }}"
    enabled: true
    ip_exception_list:
      - 192.0.2.0/24
      - 2001:db8::/32
    maintenance_message: Upgrading to 3.19; back at 23:00 UTC.

- name: Schedule the window for Saturday night
  ghe.admin.maintenance:
    enabled: true
    when: "2030-02-02T22:00:00Z"
  module_defaults:
    group/ghe.admin.api:
      manage_url: https://ghe.example.com:8443
      manage_password: "{{ vault_ghe_root_password }}"

- name: End the window, waiting until every node is out of maintenance
  ghe.admin.maintenance:
    enabled: false
    wait_timeout: 600
'''

RETURN = r'''
maintenance:
  description:
    - The maintenance status of every node at the end of the task, as C(GET /manage/v1/maintenance) gives it
    - (in check mode, as read at the start).
  returned: always
  type: list
  elements: dict
  contains:
    hostname:
      description: The node.
      type: str
      sample: ghe-primary
    uuid:
      description: The node's UUID.
      type: str
      sample: 1b6cf518-f97c-11ed-8544-061d81f7eedb
    status:
      description: V(on), V(off) or V(scheduled).
      type: str
      sample: scheduled
    scheduled_time:
      description: When a scheduled window starts.
      type: str
      sample: '2030-02-02T22:00:00+00:00'
    connection_services:
      description: The node's active connections by service (name and number), where the API gives them.
      type: list
      elements: dict
      sample: [{name: git operations, number: 15}]
    can_unset_maintenance:
      description: Whether maintenance mode can be turned off on this node.
      type: bool
    ip_exception_list:
      description: The addresses and ranges that can still reach the node.
      type: list
      elements: str
      sample: ['192.0.2.0/24']
    maintenance_mode_message:
      description: The message shown to users.
      type: str
operation:
  description:
    - What the task did, or in check mode what it would do; maintenance mode is a setting of every node, so never
      V(created) nor V(deleted).
    - V(updated) (maintenance mode turned on, off or scheduled) or V(none).
  returned: always
  type: str
  sample: updated
reasons:
  description: Why the nodes differed from the declaration (empty when nothing changed).
  returned: always
  type: list
  elements: str
  sample: ['ghe-primary is off, not on']
results:
  description: The per-node answer of the API to the change.
  returned: when changed and not in check mode
  type: list
  elements: dict
  sample: [{hostname: ghe-primary, uuid: 1b6cf518-f97c-11ed-8544-061d81f7eedb, message: maintenance mode enabled}]
polls:
  description: How many times the status was read while waiting.
  returned: when waited
  type: int
'''

from ansible_collections.ghe.admin.plugins.module_utils.manage import (
    ManageModule,
    ip_network,
    maintenance_body,
    maintenance_differences,
    node_errors,
    parse_when,
    write,
)
from ansible_collections.ghe.admin.plugins.module_utils.module import NONE, UPDATED, state_result
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT
from ansible_collections.ghe.admin.plugins.module_utils.timestamps import format_instant
from ansible_collections.ghe.admin.plugins.module_utils.waiter import WaitTimeout, wait_for

PATH = '/maintenance'


def validate(ghe):
    params = ghe.params
    try:
        params['when'] = parse_when(params['when'])
    except ValueError as exc:
        ghe.fail('when must be now or an ISO 8601 instant such as 2030-01-31T22:00:00Z: %s' % exc)
    if not params['enabled'] and params['when'] is not None:
        ghe.fail('when can only be used with enabled: true')
    for item in params['ip_exception_list'] or []:
        try:
            ip_network(item)
        except ValueError as exc:
            ghe.fail('ip_exception_list: %s' % exc)


def expected_after(nodes, params):
    after = []
    for node in nodes:
        node = dict(node)
        if params['enabled']:
            node['status'] = 'on' if params['when'] is None or node.get('status') == 'on' else 'scheduled'
            if node['status'] == 'scheduled':
                node['scheduled_time'] = format_instant(params['when'])
            if params['ip_exception_list'] is not None:
                node['ip_exception_list'] = list(params['ip_exception_list'])
            if params['maintenance_message'] is not None:
                node['maintenance_mode_message'] = params['maintenance_message']
        else:
            node['status'] = 'off'
            node.pop('scheduled_time', None)
        after.append(node)
    return after


def diff_view(nodes):
    keys = ('status', 'scheduled_time', 'ip_exception_list', 'maintenance_mode_message')
    return dict((node.get('hostname') or node.get('uuid'), dict((k, node.get(k)) for k in keys if k in node))
                for node in nodes)


def settled(nodes, params):
    wanted = 'off' if not params['enabled'] else 'on'
    return [node for node in nodes if node.get('status') != wanted]


def converge(ghe):
    params = ghe.params
    nodes = ghe.client.get(PATH) or []
    args = (params['enabled'], params['when'], params['ip_exception_list'], params['maintenance_message'])
    reasons = maintenance_differences(nodes, *args)
    extra = dict(reasons=reasons)
    final = nodes
    if reasons and not ghe.check_mode:
        answer = write(ghe.client, 'POST', PATH, json=maintenance_body(*args), repeat=IDEMPOTENT)
        extra['results'] = answer
        errors = node_errors(answer)
        if errors:
            ghe.fail('the API could not set maintenance mode on every node: %s' % '; '.join(errors),
                     changed=True, maintenance=nodes, operation=UPDATED, **extra)
        if params['wait'] and (not params['enabled'] or params['when'] is None):
            final, extra['polls'] = wait_until_settled(ghe)
        else:
            final = ghe.client.get(PATH) or []
    return state_result(ghe, 'maintenance', nodes, final, bool(reasons), operation=UPDATED if reasons else NONE,
                        diff=(diff_view(nodes), diff_view(expected_after(nodes, params))), **extra)


def wait_until_settled(ghe):
    params = ghe.params
    seen = {}

    def check():
        seen['nodes'] = ghe.client.get(PATH) or []
        return seen['nodes'] if not settled(seen['nodes'], params) else None

    try:
        return wait_for(check, params['wait_timeout'], params['poll_interval'], 'maintenance mode')
    except WaitTimeout as exc:
        late = ', '.join('%s (%s)' % (n.get('hostname'), n.get('status')) for n in settled(seen.get('nodes') or [], params))
        ghe.fail('maintenance mode was set, but after %s s these nodes are not %s yet: %s. Run the task again to '
                 'wait more' % (params['wait_timeout'], 'on' if params['enabled'] else 'off', late),
                 changed=True, maintenance=seen.get('nodes'), polls=exc.polls)


def main():
    spec = dict(
        enabled=dict(type='bool', required=True),
        when=dict(type='str'),
        ip_exception_list=dict(type='list', elements='str'),
        maintenance_message=dict(type='str'),
        wait=dict(type='bool', default=True),
        wait_timeout=dict(type='float', default=300),
        poll_interval=dict(type='float', default=5),
    )
    ghe = ManageModule(argument_spec=spec)
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
