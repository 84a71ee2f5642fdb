#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: pre_receive_info
short_description: Read the pre-receive environments and hooks of GitHub Enterprise Server
version_added: 0.2.0
description:
  - Returns every pre-receive environment (with the state of its latest download), every pre-receive hook, and the
    enforcement of every hook as given organizations and repositories see it, with where it is configured.
  - Changes nothing.
options:
  organizations:
    description:
      - Logins of organizations whose enforcement of every hook to return, in RV(enforcement.organizations).
    type: list
    elements: str
    default: []
  repositories:
    description:
      - Repositories, as C(owner/repo), whose enforcement of every hook to return, in RV(enforcement.repositories).
    type: list
    elements: str
    default: []
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
attributes:
  check_mode:
    support: full
    description: Reads only; runs in check mode as usual.
  diff_mode:
    support: none
    description: Changes nothing.
author:
  - ghe.admin maintainers (@ghe-admin)
notes:
  - The admin API answers 404 to tokens of users who are not site administrators.
seealso:
  - module: ghe.admin.pre_receive_environment
  - module: ghe.admin.pre_receive_hook
  - module: ghe.admin.pre_receive_hook_enforcement
'''

EXAMPLES = r'''
- name: Read the environments and hooks, and what two organizations and one repository enforce
  ghe.admin.pre_receive_info:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    organizations: [engineering, operations]
    repositories: [engineering/legacy-app]
  register: pre_receive

- name: Fail when a download failed
  ansible.builtin.assert:
    that: pre_receive.environments | selectattr('download.state', 'equalto', 'failed') | list | length == 0

- name: The organizations that override a hook
  ansible.builtin.debug:
    msg: "{{ pre_receive.enforcement.organizations | dict2items | selectattr('value', 'contains', {'overridden': true}) }}"
'''

RETURN = r'''
environments:
  description: Every pre-receive environment, the default one included, by id.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The environment's id.
      type: int
    name:
      description: Its name.
      type: str
    image_url:
      description: Where its tarball is downloaded from.
      type: str
    default_environment:
      description: Whether it is GitHub's default environment.
      type: bool
    hooks_count:
      description: How many hooks run in it.
      type: int
    created_at:
      description: When it was created.
      type: str
    download:
      description: Its latest download, C(state) (V(not_started), V(in_progress), V(success), V(failed)),
        C(downloaded_at) and C(message).
      type: dict
  sample: [{id: 2, name: DevTools Hook Env, image_url: https://files.example.com/env.tar.gz, default_environment: false,
            hooks_count: 1, created_at: '2025-10-01T09:30:00Z',
            download: {state: success, downloaded_at: '2025-10-01T09:31:12Z', message: null}}]
hooks:
  description: Every pre-receive hook, by id, as M(ghe.admin.pre_receive_hook) returns it.
  returned: always
  type: list
  elements: dict
  sample: [{id: 3, name: Reject secrets, script: checks/reject-secrets.sh, script_repository: platform/hooks,
            environment: DevTools Hook Env, enforcement: enabled, allow_downstream_configuration: false}]
enforcement:
  description: The enforcement of every hook as the given organizations and repositories see it.
  returned: always
  type: dict
  contains:
    organizations:
      description: By organization login, the list of hooks as M(ghe.admin.pre_receive_hook_enforcement) returns
        them (C(hook), C(id), C(enforcement), C(allow_downstream_configuration), C(configured_at), C(overridden)).
      type: dict
      sample: {engineering: [{hook: Reject secrets, id: 3, organization: engineering, enforcement: enabled,
                              allow_downstream_configuration: false, configured_at: enterprise, overridden: false}]}
    repositories:
      description: By repository (C(owner/repo)), the list of hooks (C(hook), C(id), C(enforcement), C(configured_at),
        C(overridden)).
      type: dict
      sample: {engineering/app: [{hook: Reject secrets, id: 3, repository: engineering/app, enforcement: testing,
                                  configured_at: repository, overridden: true}]}
'''

from ansible_collections.ghe.admin.plugins.module_utils.module import ApiError, GheModule
from ansible_collections.ghe.admin.plugins.module_utils.prereceive import (
    list_environments,
    list_hooks,
    org_enforcement_view,
    org_hook_path,
    repo_enforcement_view,
    repo_hook_path,
    repository_problem,
)


def by_id(items):
    return sorted(items, key=lambda item: item['id'])


def level_hooks(ghe, path, view, name, what):
    """Every hook as the organization or repository ``name`` sees it; fails naming it when there is none."""
    try:
        return by_id([view(data, name) for data in ghe.client.paginate(path)])
    except ApiError as error:
        if error.status != 404:
            raise
        ghe.fail('%s %s: there is no such %s, or the token cannot administer it' % (what, name, what))


def read(ghe):
    params = ghe.params
    enforcement = dict(organizations={}, repositories={})
    for org in params['organizations']:
        enforcement['organizations'][org] = level_hooks(ghe, org_hook_path(org), org_enforcement_view, org, 'organization')
    for repo in params['repositories']:
        enforcement['repositories'][repo] = level_hooks(ghe, repo_hook_path(repo), repo_enforcement_view, repo, 'repository')
    return dict(changed=False, environments=by_id(list_environments(ghe.client)), hooks=by_id(list_hooks(ghe.client)),
                enforcement=enforcement)


def main():
    ghe = GheModule(
        argument_spec=dict(
            organizations=dict(type='list', elements='str', default=[]),
            repositories=dict(type='list', elements='str', default=[]),
        ),
        products=('ghes',),
    )
    for repo in ghe.params['repositories']:
        problem = repository_problem(repo)
        if problem:
            ghe.fail('repositories: %s' % problem)
    for org in ghe.params['organizations']:
        if not org.strip():
            ghe.fail('organizations: an empty login')
    ghe.run(read)


if __name__ == '__main__':
    main()
