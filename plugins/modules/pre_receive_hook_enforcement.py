#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: pre_receive_hook_enforcement
short_description: Override the enforcement of a pre-receive hook for an organization or a repository
version_added: 0.2.0
description:
  - Sets, for one pre-receive hook (by O(hook) name) and one O(organization) or one O(repository), the hook's own
    enforcement there (an override of the level above), or removes the override (O(state=absent)) so that the
    organization or repository inherits the enforcement again.
  - An organization may override a hook only when the hook allows downstream configuration
    (O(ghe.admin.pre_receive_hook#module:allow_downstream_configuration)); a repository only when its organization (or,
    without an organization override, the hook) allows it. Otherwise the task fails saying so, before any write.
  - With O(state=present) the organization or repository has an override with these values. An organization or
    repository that only inherits the same values gets an override (a change), and then keeps them when the level
    above changes.
  - Idempotent. The current enforcement is read first; only a difference is written.
options:
  hook:
    description:
      - The name of the pre-receive hook (case-insensitive).
    type: str
    required: true
  organization:
    description:
      - The login of the organization whose enforcement is set. Exactly one of O(organization) and O(repository).
    type: str
  repository:
    description:
      - The repository whose enforcement is set, as C(owner/repo). Exactly one of O(organization) and O(repository).
    type: str
  enforcement:
    description:
      - V(enabled), V(disabled) or V(testing) for this organization or repository.
      - When omitted, the enforcement it sees now is kept (and becomes its own).
    type: str
    choices: [enabled, disabled, testing]
  allow_downstream_configuration:
    description:
      - Organizations only. Whether the organization's repositories may override the enforcement in turn.
      - When omitted, the current setting is kept.
    type: bool
  state:
    description:
      - V(present) sets the override, V(absent) removes it (the level inherits again).
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
    description: Shows the enforcement before and after, and where it is configured.
author:
  - ghe.admin maintainers (@ghe-admin)
notes:
  - Needs a site administrator's token, or an owner of the organization (of the repository's organization).
seealso:
  - module: ghe.admin.pre_receive_hook
  - module: ghe.admin.pre_receive_info
  - name: REST API endpoints for organization pre-receive hooks
    description: GitHub's reference for the organization endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/org-pre-receive-hooks
  - name: REST API endpoints for repository pre-receive hooks
    description: GitHub's reference for the repository endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/repo-pre-receive-hooks
'''

EXAMPLES = r'''
- name: Enforce the commit message rule in the engineering organization, and let its repositories opt out
  ghe.admin.pre_receive_hook_enforcement:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    hook: Commit message format
    organization: engineering
    enforcement: enabled
    allow_downstream_configuration: true

- name: Only test it in one repository
  ghe.admin.pre_receive_hook_enforcement:
    hook: Commit message format
    repository: engineering/legacy-app
    enforcement: testing

- name: Let the repository inherit the organization's enforcement again
  ghe.admin.pre_receive_hook_enforcement:
    hook: Commit message format
    repository: engineering/legacy-app
    state: absent
'''

RETURN = r'''
enforcement:
  description: The enforcement of the hook for the organization or repository after the task (in check mode, what it
    would be).
  returned: always
  type: dict
  contains:
    hook:
      description: The hook's name.
      type: str
      sample: Commit message format
    id:
      description: The hook's id.
      type: int
      sample: 3
    organization:
      description: The organization.
      type: str
      returned: with O(organization)
      sample: engineering
    repository:
      description: The repository, C(owner/repo).
      type: str
      returned: with O(repository)
      sample: engineering/legacy-app
    enforcement:
      description: The enforcement there. V(null) in check mode for an override that would be removed, when the level
        above cannot be read.
      type: str
      sample: enabled
    allow_downstream_configuration:
      description: Whether the organization's repositories may override it.
      type: bool
      returned: with O(organization)
      sample: true
    configured_at:
      description: Where the enforcement comes from, V(enterprise), V(organization) or V(repository).
      type: str
      sample: organization
    overridden:
      description: Whether the organization or repository has its own enforcement (an override).
      type: bool
      sample: true
operation:
  description:
    - What the task did to the organization's or repository's override, or in check mode what it would do.
    - V(created) (an override set where it inherited), V(updated) (its override changed), V(deleted) (its override
      removed), or V(none).
    - RV(enforcement) is never empty, since the hook always applies there; after V(deleted) it is the inherited one.
  returned: always
  type: str
  sample: created
'''

from ansible_collections.ghe.admin.plugins.module_utils.module import (
    CREATED,
    DELETED,
    NONE,
    UPDATED,
    ApiError,
    GheModule,
    state_result,
)
from ansible_collections.ghe.admin.plugins.module_utils.prereceive import (
    ENFORCEMENTS,
    hook_path,
    org_enforcement_view,
    org_hook_path,
    repo_enforcement_view,
    repo_hook_path,
    repository_problem,
    same_name,
)
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT


class Level:
    """The organization or the repository the task is about: its paths, its view of a hook, the level above."""

    def __init__(self, params):
        self.org = params['organization']
        self.repo = params['repository']
        self.what = 'organization %s' % self.org if self.org else 'repository %s' % self.repo

    def path(self, hook_id=None):
        return org_hook_path(self.org, hook_id) if self.org else repo_hook_path(self.repo, hook_id)

    def view(self, data):
        return org_enforcement_view(data, self.org) if self.org else repo_enforcement_view(data, self.repo)

    def managed(self, view):
        """What the task manages of a view (what --diff shows)."""
        if not view:
            return {}
        keys = ('enforcement', 'allow_downstream_configuration', 'overridden') if self.org else ('enforcement', 'overridden')
        return dict((key, view.get(key)) for key in keys)


def find(ghe, level, name):
    """The hook as ``level`` sees it; fails naming the level or the hook when there is none."""
    try:
        hooks = [level.view(data) for data in ghe.client.paginate(level.path())]
    except ApiError as error:
        if error.status != 404:
            raise
        ghe.fail('%s: there is no such %s, or the token cannot administer it; nothing was written'
                 % (level.what, 'organization' if level.org else 'repository'))
    found = next((hook for hook in hooks if same_name(hook['hook'], name)), None)
    if found is None:
        ghe.fail('hook %s: there is no pre-receive hook with this name (%s sees: %s); nothing was written'
                 % (name, level.what, ', '.join(sorted(hook['hook'] for hook in hooks)) or 'none'))
    return found


def above(ghe, level, hook_id):
    """``(where, enforcement, allow_downstream_configuration)`` of the level above ``level`` for a hook."""
    if level.repo:
        data = ghe.client.get_or_none(org_hook_path(level.repo.split('/')[0], hook_id))
        if data is not None:
            view = org_enforcement_view(data, level.repo.split('/')[0])
            return 'organization %s' % view['organization'], view['enforcement'], view['allow_downstream_configuration']
    data = ghe.client.get(hook_path(hook_id))
    return 'the hook', data.get('enforcement'), bool(data.get('allow_downstream_configuration'))


def refuse_unless_allowed(ghe, level, current):
    """Fail, before any write, when the level above does not allow downstream configuration."""
    if current['overridden']:
        return
    if level.org:
        where, allowed = 'the hook', current['allow_downstream_configuration']
    else:
        where, dummy, allowed = above(ghe, level, current['id'])
    if not allowed:
        ghe.fail('the enforcement of hook %s cannot be overridden for %s: %s does not allow downstream configuration '
                 '(allow_downstream_configuration is false); nothing was written' % (current['hook'], level.what, where))


def desired_override(params, level, current):
    desired = dict(current, overridden=True, configured_at='organization' if level.org else 'repository')
    if params['enforcement'] is not None:
        desired['enforcement'] = params['enforcement']
    if level.org and params['allow_downstream_configuration'] is not None:
        desired['allow_downstream_configuration'] = params['allow_downstream_configuration']
    return desired


def converge(ghe):
    params = ghe.params
    level = Level(params)
    current = find(ghe, level, params['hook'])
    if params['state'] == 'absent':
        changed = current['overridden']
        final = current
        if changed:
            final = remove(ghe, level, current)
        return result(ghe, level, changed, current, final)
    desired = desired_override(params, level, current)
    changed = level.managed(current) != level.managed(desired)
    final = desired
    if changed:
        refuse_unless_allowed(ghe, level, current)
        if not ghe.check_mode:
            body = dict(enforcement=desired['enforcement'])
            if level.org:
                body['allow_downstream_configuration'] = desired['allow_downstream_configuration']
            final = level.view(ghe.client.patch(level.path(current['id']), json=body, repeat=IDEMPOTENT))
    return result(ghe, level, changed, current, final)


def remove(ghe, level, current):
    """Remove the override; in check mode, what the level would inherit."""
    if not ghe.check_mode:
        return level.view(ghe.client.delete(level.path(current['id']), repeat=IDEMPOTENT))
    where, enforcement, downstream = above(ghe, level, current['id'])
    inherited = dict(current, overridden=False, enforcement=enforcement,
                     configured_at='enterprise' if where == 'the hook' else 'organization')
    if level.org:
        inherited['allow_downstream_configuration'] = downstream
    return inherited


def result(ghe, level, changed, before, after):
    """The override is the object: set where there was none (created), changed (updated) or removed (deleted)."""
    if not changed:
        operation = NONE
    elif not after['overridden']:
        operation = DELETED
    else:
        operation = UPDATED if before['overridden'] else CREATED
    return state_result(ghe, 'enforcement', before, after, changed, operation=operation,
                        diff=(dict(level.managed(before), configured_at=before['configured_at']),
                              dict(level.managed(after), configured_at=after['configured_at'])))


def validate(ghe):
    params = ghe.params
    if not params['hook'].strip():
        ghe.fail('hook must not be empty')
    if params['repository'] is not None:
        problem = repository_problem(params['repository'])
        if problem:
            ghe.fail('repository %s' % problem)
        if params['allow_downstream_configuration'] is not None:
            ghe.fail('allow_downstream_configuration is for organizations only (repositories have nothing downstream)')
    if params['organization'] is not None and not params['organization'].strip():
        ghe.fail('organization must not be empty')
    if params['state'] == 'absent':
        given = [name for name in ('enforcement', 'allow_downstream_configuration') if params[name] is not None]
        if given:
            ghe.fail('%s cannot be used with state: absent' % ', '.join(given))


def main():
    ghe = GheModule(
        argument_spec=dict(
            hook=dict(type='str', required=True),
            organization=dict(type='str'),
            repository=dict(type='str'),
            enforcement=dict(type='str', choices=list(ENFORCEMENTS)),
            allow_downstream_configuration=dict(type='bool'),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
        products=('ghes',),
        mutually_exclusive=[('organization', 'repository')],
        required_one_of=[('organization', 'repository')],
    )
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
