#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: pre_receive_hook
short_description: Manage a pre-receive hook of GitHub Enterprise Server
version_added: 0.2.0
description:
  - Creates, updates or deletes one pre-receive hook, a script that GitHub Enterprise Server runs on every push to
    accept or reject it (secret patterns, commit message rules, file size limits).
  - The hook is identified by its O(name), compared case-insensitively. Its environment is named by O(environment)
    and its script repository given as O(script_repository) (C(owner/repo)).
  - An O(environment) or O(script_repository) that does not exist fails the task naming it, before any write.
  - The enforcement set here applies to the whole enterprise; organizations and repositories may override it when
    O(allow_downstream_configuration=true) (see M(ghe.admin.pre_receive_hook_enforcement)). Deleting a hook also
    removes its overrides.
  - Idempotent. The hook is read first and only what differs is sent. A create is never sent twice blindly; when its
    answer is lost, the module reads the hooks again and adopts the one with its name.
options:
  name:
    description:
      - The hook's name; identifies it (case-insensitively). A different case renames it.
    type: str
    required: true
  script:
    description:
      - The path of the script in O(script_repository), for example V(scripts/reject-secrets.sh).
      - Required to create the hook; when omitted for an existing one, its script is kept.
    type: str
  script_repository:
    description:
      - The repository that holds the script, as C(owner/repo). Compared case-insensitively.
      - Required to create the hook; when omitted for an existing one, its repository is kept.
      - A repository the token cannot read fails the task before any write.
    type: str
  environment:
    description:
      - The name of the pre-receive environment the script runs in (see M(ghe.admin.pre_receive_environment)),
        compared case-insensitively; V(Default) is GitHub's default environment.
      - Required to create the hook; when omitted for an existing one, its environment is kept.
    type: str
  enforcement:
    description:
      - V(enabled) rejects the pushes the script rejects; V(testing) runs the script and shows its output without
        rejecting anything; V(disabled) does not run it.
      - When a hook is created without it, it is V(disabled) (the API's default). When omitted for an existing hook,
        its enforcement is kept.
    type: str
    choices: [enabled, disabled, testing]
  allow_downstream_configuration:
    description:
      - Whether organizations (and, when they allow it, repositories) may override O(enforcement).
      - When a hook is created without it, it is V(false). When omitted for an existing hook, its setting is kept.
    type: bool
  state:
    description:
      - V(present) creates or updates the hook, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
attributes:
  check_mode:
    support: full
    description: Reports what would change and sends no write request.
  diff_mode:
    support: full
    description: Shows the hook before and after.
author:
  - ghe.admin maintainers (@ghe-admin)
notes:
  - The admin API answers 404 to tokens of users who are not site administrators.
seealso:
  - module: ghe.admin.pre_receive_environment
  - module: ghe.admin.pre_receive_hook_enforcement
  - module: ghe.admin.pre_receive_info
  - name: REST API endpoints for pre-receive hooks
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/pre-receive-hooks
'''

EXAMPLES = r'''
- name: Reject pushes that contain secrets, everywhere
  ghe.admin.pre_receive_hook:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    name: Reject secrets
    script: checks/reject-secrets.sh
    script_repository: platform/pre-receive-hooks
    environment: DevTools Hook Env
    enforcement: enabled

- name: Try a commit message rule, letting organizations opt in or out
  ghe.admin.pre_receive_hook:
    name: Commit message format
    script: checks/commit-message.sh
    script_repository: platform/pre-receive-hooks
    environment: Default
    enforcement: testing
    allow_downstream_configuration: true
  module_defaults:
    group/ghe.admin.api:
      api_url: https://ghe.example.com
      token: "{{ ghe_admin_token }}"

- name: Remove a hook (and its organization and repository overrides)
  ghe.admin.pre_receive_hook:
    name: Legacy size check
    state: absent
'''

RETURN = r'''
hook:
  description:
    - The hook after the task (in check mode, what it would be; C(id) is V(null) for a hook check mode would create).
    - An empty dict when the hook is absent (after O(state=absent), also in check mode).
  returned: always
  type: dict
  contains:
    id:
      description: The hook's id.
      type: int
      sample: 3
    name:
      description: Its name.
      type: str
      sample: Reject secrets
    script:
      description: The path of its script.
      type: str
      sample: checks/reject-secrets.sh
    script_repository:
      description: The repository of the script, C(owner/repo).
      type: str
      sample: platform/pre-receive-hooks
    environment:
      description: The name of its environment.
      type: str
      sample: DevTools Hook Env
    enforcement:
      description: V(enabled), V(disabled) or V(testing).
      type: str
      sample: enabled
    allow_downstream_configuration:
      description: Whether organizations may override the enforcement.
      type: bool
      sample: false
operation:
  description:
    - What the task did to the hook, or in check mode what it would do.
    - V(created), V(updated), V(deleted) (with its organization and repository overrides), or V(none).
  returned: always
  type: str
  sample: created
'''

from ansible_collections.ghe.admin.plugins.module_utils.adopt import LOST, create_or_adopt
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule, options_only_with, state_result
from ansible_collections.ghe.admin.plugins.module_utils.prereceive import (
    DEFAULT_ENFORCEMENT,
    ENFORCEMENTS,
    HOOKS,
    find_by_name,
    hook_path,
    hook_view,
    list_environments,
    list_hooks,
    repository_path,
    repository_problem,
    same_name,
)
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT, ONCE

SETTINGS = ('name', 'script', 'script_repository', 'environment', 'enforcement', 'allow_downstream_configuration')
CASE_INSENSITIVE = ('script_repository', 'environment')
REQUIRED_TO_CREATE = ('script', 'script_repository', 'environment')


def desired_hook(params, current):
    """The hook as the task wants it; omitted options keep the current values (or get the API's defaults)."""
    base = current or dict(id=None, enforcement=DEFAULT_ENFORCEMENT, allow_downstream_configuration=False)
    desired = dict(base)
    for name in SETTINGS:
        if params.get(name) is not None:
            desired[name] = params[name]
    return desired


def differs(current, desired, name):
    if name in CASE_INSENSITIVE:
        return not same_name(current.get(name), desired.get(name))
    return current.get(name) != desired.get(name)


def changed_settings(current, desired):
    """The settings of ``desired`` that ``current`` (None: no hook yet) does not have."""
    return [name for name in SETTINGS if current is None or differs(current, desired, name)]


def resolve_environment(ghe, name):
    """The id of the environment named ``name``; fails naming it (and the ones there are) when there is none."""
    environments = list_environments(ghe.client)
    env = find_by_name(environments, name)
    if env is None:
        ghe.fail('environment %s: there is no pre-receive environment with this name (there are: %s); nothing was written'
                 % (name, ', '.join(sorted(e['name'] for e in environments)) or 'none'))
    return env


def resolve_repository(ghe, full_name):
    """The repository's ``full_name`` as GitHub spells it; fails naming it when the token cannot read it."""
    data = ghe.client.get_or_none(repository_path(full_name))
    if not data:
        ghe.fail('script_repository %s: there is no such repository, or the token cannot read it; nothing was written'
                 % full_name)
    return data.get('full_name') or full_name


def request_body(desired, changes, env):
    body = {}
    for name in changes:
        if name == 'script_repository':
            body[name] = dict(full_name=desired[name])
        elif name == 'environment':
            body[name] = dict(id=env['id'])
        else:
            body[name] = desired[name]
    return body


def converge(ghe):
    params = ghe.params
    current = find_by_name(list_hooks(ghe.client), params['name'])
    if params['state'] == 'absent':
        if current is not None and not ghe.check_mode:
            ghe.client.delete(hook_path(current['id']), repeat=IDEMPOTENT)
        return result(ghe, current is not None, current, {})
    if current is None:
        missing = [name for name in REQUIRED_TO_CREATE if params[name] is None]
        if missing:
            ghe.fail('%s required to create pre-receive hook %s; nothing was sent'
                     % (' and '.join(missing) + (' are' if len(missing) > 1 else ' is'), params['name']))
    desired = desired_hook(params, current)
    changes = changed_settings(current, desired)
    env = resolve_environment(ghe, desired['environment']) if 'environment' in changes else None
    if env is not None:
        desired['environment'] = env['name']
    if 'script_repository' in changes:
        desired['script_repository'] = resolve_repository(ghe, desired['script_repository'])
    changes = changed_settings(current, desired)
    final = desired
    if changes and not ghe.check_mode:
        body = request_body(desired, changes, env)
        if current is None:
            final = create(ghe, body)
        else:
            final = hook_view(ghe.client.patch(hook_path(current['id']), json=body, repeat=IDEMPOTENT))
    return result(ghe, bool(changes), current, final)


def create(ghe, body):
    data, how = create_or_adopt(ghe.client, lambda: ghe.client.post(HOOKS, json=body, repeat=ONCE),
                                lambda: find_by_name(list_hooks(ghe.client), body['name']))
    if how is None:
        return hook_view(data)
    if how == LOST:
        ghe.warn('the answer to creating pre-receive hook %s was lost; the hook it created (id %d) was found and adopted'
                 % (data['name'], data['id']))
        return data
    ghe.fail('pre-receive hook %s was created meanwhile by someone else (id %d); run the task again to converge it'
             % (data['name'], data['id']))


def result(ghe, changed, before, after):
    return state_result(ghe, 'hook', before, after, changed)


def validate(ghe):
    params = ghe.params
    options_only_with(ghe, 'present', SETTINGS[1:])
    for name in ('name', 'script', 'environment'):
        if params[name] is not None and not params[name].strip():
            ghe.fail('%s must not be empty' % name)
    if params['script_repository'] is not None:
        problem = repository_problem(params['script_repository'])
        if problem:
            ghe.fail('script_repository %s' % problem)


def main():
    ghe = GheModule(
        argument_spec=dict(
            name=dict(type='str', required=True),
            script=dict(type='str'),
            script_repository=dict(type='str'),
            environment=dict(type='str'),
            enforcement=dict(type='str', choices=list(ENFORCEMENTS)),
            allow_downstream_configuration=dict(type='bool'),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
        products=('ghes',),
    )
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
