#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: manage_info
short_description: Read the state of a GitHub Enterprise Server appliance through the Manage GHES API
version_added: 0.2.0
description:
  - Reads, in one task, what O(gather) selects of the appliance's version, nodes, replication status, cluster status,
    maintenance status, system-requirement checks, licence and licence check, and the status of a configuration run.
  - Also reports C(healthy) and the unhealthy nodes, by the rule the other Manage modules' C(require_healthy) uses.
options:
  gather:
    description:
      - What to read. V(all) reads everything but V(config_apply) and V(settings).
      - V(replication) and V(cluster) are absent (V(null)) on an instance that does not serve them.
    type: list
    elements: str
    choices: [all, cluster, config_apply, license, license_check, maintenance, nodes, replication, settings,
              system_requirements, version]
    default: [all]
  run_id:
    description: With V(config_apply) in O(gather), the run to report (the current or last run when not given).
    type: str
extends_documentation_fragment:
  - ghe.admin.manage
  - ghe.admin.connection
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
  - module: ghe.admin.maintenance
  - module: ghe.admin.license_info
'''

EXAMPLES = r'''
- name: Is the appliance healthy?
  ghe.admin.manage_info:
    manage_url: https://ghe.example.com:8443
    manage_password: "{{ vault_ghe_root_password }}"
    gather: [replication, cluster]
  register: appliance

- name: Stop when it is not
  ansible.builtin.assert:
    that: appliance.healthy
    fail_msg: "{{ appliance.unhealthy | join('; ') }}"

- name: Everything, for a report
  ghe.admin.manage_info:
  register: appliance
'''

RETURN = r'''
version:
  description: The release installed on each node (C(GET /manage/v1/version)).
  returned: when gathered
  type: list
  elements: dict
  sample: [{hostname: ghe-primary, version: {version: 3.19.0, platform: kvm, build_id: fc542058, build_date: '2025-09-01'}}]
nodes:
  description: The topology and the nodes (C(GET /manage/v1/config/nodes)).
  returned: when gathered
  type: dict
  sample: {topology: Ha, nodes: [{hostname: ghe-primary, uuid: 1b6cf518-f97c-11ed-8544-061d81f7eedb, replica: false}]}
replication:
  description: Replication status by node (C(GET /manage/v1/replication/status)).
  returned: when gathered
  type: dict
cluster:
  description: The status of the services of each node (C(GET /manage/v1/cluster/status)).
  returned: when gathered
  type: dict
maintenance:
  description: Maintenance status by node, with active connections (C(GET /manage/v1/maintenance)).
  returned: when gathered
  type: list
  elements: dict
system_requirements:
  description: The system-requirement checks by node (C(GET /manage/v1/checks/system-requirements)).
  returned: when gathered
  type: dict
license:
  description: The installed licence (C(GET /manage/v1/config/license)).
  returned: when gathered
  type: dict
license_check:
  description: The licence's status, V(valid), V(invalid), V(expired) or V(cluster mode not supported).
  returned: when gathered
  type: str
  sample: valid
config_apply:
  description: The status of a configuration run (C(GET /manage/v1/config/apply)).
  returned: when gathered
  type: dict
settings:
  description: The appliance settings, write-only ones masked.
  returned: when gathered
  type: dict
healthy:
  description: False when replication or cluster status reports a node that is not V(OK).
  returned: when replication or cluster is gathered
  type: bool
unhealthy:
  description: Each node that is not healthy, with its state and failing services.
  returned: when replication or cluster is gathered
  type: list
  elements: str
'''

from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError
from ansible_collections.ghe.admin.plugins.module_utils.manage import (
    ManageModule,
    describe_unhealthy,
    masked_settings,
    unhealthy_nodes,
)

READS = dict(
    version='/version',
    nodes='/config/nodes',
    replication='/replication/status',
    cluster='/cluster/status',
    maintenance='/maintenance',
    system_requirements='/checks/system-requirements',
    license='/config/license',
    license_check='/config/license/check',
    config_apply='/config/apply',
    settings='/config/settings',
)
ALL = ('version', 'nodes', 'replication', 'cluster', 'maintenance', 'system_requirements', 'license', 'license_check')
OPTIONAL = ('replication', 'cluster')


def selected(gather):
    names = []
    for name in gather:
        for item in (ALL if name == 'all' else (name,)):
            if item not in names:
                names.append(item)
    return names


def read(ghe, name):
    params = dict(run_id=ghe.params['run_id']) if name == 'config_apply' and ghe.params['run_id'] else None
    try:
        data = ghe.client.get(READS[name], params=params)
    except ApiError as error:
        if name in OPTIONAL and error.status in (400, 404):
            return None
        raise
    if name == 'license_check':
        return (data or {}).get('status') if isinstance(data, dict) else data
    if name == 'settings':
        return masked_settings(data or {})
    return data


def gather(ghe):
    result = dict(changed=False)
    for name in selected(ghe.params['gather']):
        result[name] = read(ghe, name)
    if 'replication' in result or 'cluster' in result:
        found = unhealthy_nodes(('replication', result.get('replication')), ('cluster', result.get('cluster')))
        result['healthy'] = not found
        result['unhealthy'] = [describe_unhealthy([item]) for item in found]
    return result


def main():
    spec = dict(
        gather=dict(type='list', elements='str', default=['all'],
                    choices=['all'] + sorted(READS)),
        run_id=dict(type='str'),
    )
    ghe = ManageModule(argument_spec=spec)
    ghe.run(gather)


if __name__ == '__main__':
    main()
