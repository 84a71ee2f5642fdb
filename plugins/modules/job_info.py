#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: job_info
short_description: Check, or wait for, an asynchronous job that a ghe.admin module started
version_added: 0.2.0
description:
  - Takes the C(job) record a module returned (a rename or deletion of an organization, a rename of a user, an update
    or disabling of encryption at rest) and checks it once, or waits for it with O(wait=true).
  - The modules that start a job use this module to wait for it, where the module ran and with its connection options,
    so the wait reaches the server that accepted the job, with the same credentials. Use it directly for a job started
    with C(wait=false), or one that was still pending when its task timed out.
  - Reads only. A job that failed or did not finish within O(wait_timeout) fails the task, saying what is pending and
    how to check it later.
options:
  job:
    description:
      - The C(job) of a registered result of M(ghe.admin.organization), M(ghe.admin.user) or
        M(ghe.admin.encryption_key).
    type: dict
    required: true
  wait:
    description:
      - Wait until the job is no longer pending. With V(false), check it once and return its state.
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait, with O(wait=true), before the task fails saying what is still pending.
    type: float
    default: 300
  poll_interval:
    description:
      - Seconds between two checks, with O(wait=true).
    type: float
    default: 5
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
  - module: ghe.admin.organization
  - module: ghe.admin.user
  - module: ghe.admin.encryption_key
'''

EXAMPLES = r'''
- name: Start a rename without waiting for it
  ghe.admin.organization:
    name: data-science
    rename_from: analytics
    wait: false
  register: rename

- name: Later, wait for it up to ten minutes
  ghe.admin.job_info:
    job: "{{ rename.job }}"
    wait: true
    wait_timeout: 600

- name: Or only look at it
  ghe.admin.job_info:
    job: "{{ rename.job }}"
  register: status

- name: Say what it is doing
  ansible.builtin.debug:
    msg: "{{ status.job.description }} is {{ status.job.state }}"
'''

RETURN = r'''
job:
  description:
    - The job record with its state as checked now, as the module that started the job documents it.
  returned: always
  type: dict
  contains:
    kind:
      description: V(org_rename), V(org_delete), V(user_rename), V(encryption_update) or V(encryption_disable).
      type: str
      sample: org_rename
    state:
      description: V(pending), V(complete) or V(failed).
      type: str
      sample: complete
    description:
      description: What the job does, in words.
      type: str
      sample: rename of organization ops to operations
    requested:
      description: What was asked for, in the starting module's options.
      type: dict
      sample: {name: operations, rename_from: ops}
    how_to_check:
      description: How to check the job later by hand.
      type: str
    polls:
      description: How often it was checked by this task.
      type: int
      sample: 2
outcome:
  description:
    - What the finished job produced, as the starting module returns it under its own key (C(organization),
      C(user), C(encryption)); V(null) while the job is pending, C({}) for a deletion.
  returned: always
  type: dict
  sample: {login: operations, id: 7, profile_name: null, url: https://ghe.example.com/api/v3/orgs/operations}
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.ghe.admin.plugins.module_utils import jobs
from ansible_collections.ghe.admin.plugins.module_utils.client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR, ApiError
from ansible_collections.ghe.admin.plugins.module_utils.waiter import JobFailed, WaitTimeout


def argument_spec():
    """The job options, and the options of every connection (none required: the job's kind says which it needs)."""
    spec = dict(
        job=dict(type='dict', required=True),
        wait=dict(type='bool', default=False),
        wait_timeout=dict(type='float', default=300),
        poll_interval=dict(type='float', default=5),
    )
    for connection in jobs.CONNECTIONS.values():
        for name, option in connection.argument_spec().items():
            spec[name] = dict(option, required=False)
    return spec


def problem(params):
    """What is wrong with the options, before any request, or None."""
    try:
        connection = jobs.connection_of(params['job'])
    except jobs.UnknownJob as exc:
        return str(exc)
    for name in ('wait_timeout', 'poll_interval'):
        if params[name] <= 0:
            return '%s must be a positive number of seconds, got %s' % (name, params[name])
    return connection.problem(params)


def follow(module, client, job):
    """Check or wait for ``job``; exit or fail the module with the record and the outcome."""
    params = module.params
    try:
        if params['wait']:
            outcome = jobs.wait(client, job, params['wait_timeout'], params['poll_interval'])
        else:
            outcome = jobs.check(client, job)
    except (JobFailed, WaitTimeout) as exc:
        module.fail_json(msg=client.redact(str(exc)), job=job, outcome=None)
    except ApiError as error:
        module.fail_json(msg=client.redact('while checking %s: %s' % (jobs.describe(job), error)), job=job,
                         outcome=None, api_error=error.as_dict())
    module.exit_json(changed=False, job=job, outcome=outcome)


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=str(REQUESTS_IMPORT_ERROR))
    params = module.params
    reason = problem(params)
    if reason:
        module.fail_json(msg=reason)
    job = dict(params['job'])
    client = jobs.connection_of(job).client(params)
    try:
        follow(module, client, job)
    finally:
        client.close()


if __name__ == '__main__':
    main()
