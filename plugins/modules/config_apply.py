#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: config_apply
short_description: Run ghe-config-apply on GitHub Enterprise Server and wait for it
version_added: 0.2.0
description:
  - Starts a configuration run (C(ghe-config-apply)) through the Manage GHES API
    (C(POST /manage/v1/config/apply)) and waits for it on the controller
    (C(GET /manage/v1/config/apply?run_id=)).
  - B(Every call starts a run) and reports C(changed); there is no "only when settings are pending" mode. Use
    O(ghe.admin.config_settings#module:apply) or O(ghe.admin.license#module:apply) to run only after a change.
  - A failed run fails the task with the failing nodes and the last error events of the run
    (C(/manage/v1/config/apply/events)).
  - The start request is sent once. When its answer is lost, the module reads the run by its id and adopts it when it
    started, rather than starting a second run.
  - Before starting, replication and cluster status are read; with O(require_healthy=true) the task refuses to start
    a run when a node is not healthy, naming it.
options:
  run_id:
    description:
      - The id to start the run with. A random one is generated when not given.
    type: str
  require_healthy:
    description:
      - Refuse to start a run (sending no write request) when replication or cluster status reports a node that is
        not V(OK), naming the node and its state.
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
    description: Reports that a run would start (C(changed)) and sends no write request.
  diff_mode:
    support: none
    description: Nothing to compare.
  action:
    support: full
    description: The action plugin waits for the run on the controller.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.config_settings
  - module: ghe.admin.manage_info
  - name: REST API endpoints for the Manage GHES API
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/manage-ghes
'''

EXAMPLES = r'''
- name: Apply the pending configuration and wait up to 30 minutes
  ghe.admin.config_apply:
    manage_url: https://ghe.example.com:8443
    manage_password: "{{ vault_ghe_root_password }}"
    wait_timeout: 1800
    poll_interval: 15

- name: Start a run and check on it later
  ghe.admin.config_apply:
    wait: false
  register: config_run

- name: Later, read its status
  ghe.admin.manage_info:
    gather: [config_apply]
    run_id: "{{ config_run.job.run_id }}"
'''

RETURN = r'''
job:
  description: The configuration run, in the collection's job model (kind C(config_apply)).
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
      description: V(pending) (not waited for, or still running at the timeout), V(complete) or V(failed).
      type: str
    description:
      description: What the job is.
      type: str
    how_to_check:
      description: How to check on the run later.
      type: str
config_run:
  description: The finished run's status, with each node's.
  returned: when waited for and the run completed
  type: dict
  sample: {running: false, successful: true, run_id: d34db33f, nodes: [{hostname: ghe-primary, running: false, successful: true}]}
health:
  description: The replication and cluster status read before starting.
  returned: always
  type: dict
'''

from ansible_collections.ghe.admin.plugins.module_utils.manage import ManageModule, health_gate, start_config_run
from ansible_collections.ghe.admin.plugins.module_utils.module import job_wait_argument_spec


def converge(ghe):
    result = dict(changed=True, health=health_gate(ghe))
    if not ghe.check_mode:
        result['job'] = start_config_run(ghe.client, ghe.params['run_id'])
    return result


def main():
    spec = dict(
        run_id=dict(type='str'),
        require_healthy=dict(type='bool', default=True),
    )
    spec.update(job_wait_argument_spec())
    ghe = ManageModule(argument_spec=spec)
    if ghe.params['run_id'] is not None and not ghe.params['run_id'].strip():
        ghe.fail('run_id must not be empty')
    ghe.run(converge)


if __name__ == '__main__':
    main()
