#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: organization
short_description: Create, rename, update and delete organizations of GitHub Enterprise
version_added: 0.1.0
description:
  - Makes sure an organization with the login O(name) exists (creating it, or renaming the organization
    O(rename_from) to it), with the display name O(profile_name); or deletes it.
  - Idempotent. The organization is read first and written only when it differs. A rename that already
    happened is not repeated, and an existing organization with the same attributes gets no write request.
  - Renaming and deleting are asynchronous on GitHub (the API answers C(202 Accepted)). The task then polls
    C(GET /orgs/{name}) with M(ghe.admin.job_info), where the module ran and with its connection options, until the
    new login resolves (rename) or stops resolving (delete); see O(wait). GitHub does not report a failed rename or
    deletion, so one that fails shows up as a timeout.
  - The rename and the deletion are sent once. When the answer is lost (a dropped connection, a timeout, a proxy's
    502), the organization is read again. When the new login resolves or the old one is gone (the deleted one no
    longer resolves), the job is adopted and the task reports a change; otherwise it fails saying what may be in
    progress and how to check.
  - Logins are case-insensitive; V(Engineering) and V(engineering) are the same organization.
  - A create is never repeated blindly. When its answer is lost (a dropped connection, a timeout, a server error) or
    the API refuses it because the organization was created meanwhile, the module reads O(name) again and adopts the
    organization; only when it does not exist is the create sent again.
options:
  name:
    description:
      - The organization's login (letters, digits and single hyphens, at most 39 characters).
    type: str
    required: true
  state:
    description:
      - V(present) makes sure the organization exists, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  admin:
    description:
      - The login of an existing user who becomes the first owner when the organization is created.
      - Required to create an organization; not used, nor compared, when it exists already.
    type: str
  profile_name:
    description:
      - The organization's display name, set on creation and updated in place (C(PATCH /orgs/{org})).
      - An empty string removes it. When omitted, the current display name is kept.
    type: str
  rename_from:
    description:
      - The login of an organization to rename to O(name) when no organization O(name) exists.
      - When O(name) exists and O(rename_from) does not, the rename has happened and nothing is sent. When both
        exist the task fails naming both. When neither exists, O(name) is created (this needs O(admin)).
      - A display name change (O(profile_name)) is applied first, to the organization under its old login, then the
        rename is requested; so a single run, even with O(wait=false), sends every write.
      - A case-only rename (same login, other case) is not supported.
    type: str
  confirm:
    description:
      - Required with O(state=absent), equal to O(name). Deleting an organization deletes its repositories and cannot
        be undone; without it the task fails before any request.
    type: str
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
  - ghe.admin.job_wait
attributes:
  check_mode:
    support: full
    description: Reports what would change, sends no write request and never waits.
  diff_mode:
    support: full
    description: Shows the login and display name before and after.
  action:
    support: full
    description: The action plugin of the same name waits for renames and deletions with M(ghe.admin.job_info).
notes:
  - Changing the display name and deleting need an owner of the organization; GitHub refuses them (HTTP 403) to a
    site administrator who is not one. A site administrator can make themselves an owner first (Site admin > the
    organization, or C(ghe-org-admin-promote) on the appliance).
  - A rename or deletion that is still in progress cannot be seen through the API; running the task again meanwhile
    asks for it again (GitHub refuses a second rename to a login that a pending rename claims, and the task says so).
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - name: REST API endpoints for organization administration
    description: Creating and renaming organizations as a site administrator.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/orgs
  - name: REST API endpoints for organizations
    description: Reading, updating and deleting an organization.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/orgs/orgs
'''

EXAMPLES = r'''
- name: An organization owned by octocat
  ghe.admin.organization:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    name: platform
    admin: octocat
    profile_name: Platform Engineering

- name: Rename ops to operations, and wait up to ten minutes for GitHub to finish
  ghe.admin.organization:
    name: operations
    rename_from: ops
    wait_timeout: 600
  module_defaults:
    group/ghe.admin.api:
      api_url: https://ghe.example.com
      token: "{{ ghe_admin_token }}"

- name: Start a rename without waiting for it
  ghe.admin.organization:
    name: data-science
    rename_from: analytics
    wait: false
  register: rename

- name: Delete an organization and its repositories
  ghe.admin.organization:
    name: old-team
    state: absent
    confirm: old-team
'''

RETURN = r'''
organization:
  description:
    - The organization after the task; in check mode, or with O(wait=false) while a job is pending, what it will be.
    - An empty dict when it does not exist (after O(state=absent), also in check mode).
  returned: always
  type: dict
  contains:
    login:
      description: The login.
      type: str
      sample: platform
    id:
      description: GitHub's id of the organization; V(null) for one that check mode would create.
      type: int
      sample: 42
    profile_name:
      description: The display name, V(null) when unset.
      type: str
      sample: Platform Engineering
    url:
      description: Its API URL; V(null) for one that check mode would create.
      type: str
      sample: https://ghe.example.com/api/v3/orgs/platform
operation:
  description:
    - What the task did to the organization, or in check mode what it would do.
    - V(created), V(updated) (renamed, or its display name changed), V(deleted), or V(none) (nothing to change).
    - A deletion or rename is V(deleted) or V(updated) once requested, also while its RV(job) is pending.
  returned: always
  type: str
  sample: created
job:
  description:
    - The asynchronous job the task started (a rename or a deletion); not returned in check mode.
    - The same record for every asynchronous job of the collection; give it to M(ghe.admin.job_info) to check it later.
  returned: when a rename or deletion was requested
  type: dict
  contains:
    kind:
      description: The kind of job, V(org_rename) or V(org_delete).
      type: str
      sample: org_rename
    state:
      description:
        - V(pending) (not waited for, or not finished in time), V(complete), or V(failed).
      type: str
      sample: complete
    description:
      description: What the job does, in words.
      type: str
      sample: rename of organization ops to operations
    requested:
      description: What was asked for, in the module's options.
      type: dict
      sample: {name: operations, rename_from: ops}
    how_to_check:
      description: How to check the job later by hand (the request that shows its outcome, and M(ghe.admin.job_info)).
      type: str
    polls:
      description: How often the job was checked while waiting.
      type: int
      returned: when waited on
      sample: 2
    login:
      description: The login that shows the outcome (the new login of a rename, the deleted login).
      type: str
      sample: operations
    old_login:
      description: The login before a rename.
      type: str
      returned: for a rename
      sample: ops
    url:
      description: The URL GitHub returned for a rename (V(null) when its answer was lost).
      type: str
      returned: for a rename
      sample: https://ghe.example.com/api/v3/organizations/42
'''

from ansible.module_utils.six.moves.urllib.parse import quote

from ansible_collections.ghe.admin.plugins.module_utils.adopt import LOST, create_or_adopt
from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError
from ansible_collections.ghe.admin.plugins.module_utils.module import (
    GheModule,
    job_wait_argument_spec,
    options_only_with,
    require_confirm,
    state_result,
)
from ansible_collections.ghe.admin.plugins.module_utils.jobs import COMPLETE, lost_answer, org_delete_job, org_rename_job
from ansible_collections.ghe.admin.plugins.module_utils.logins import login_problem, same_login
from ansible_collections.ghe.admin.plugins.module_utils.orgs import (
    diff_view,
    org_path,
    org_view,
    profile_name_of,
    renamed_view,
)
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT, ONCE


NOT_AN_OWNER = ('only an owner of the organization can change or delete it; a site administrator can make themselves '
                'an owner first (Site admin > the organization, or ghe-org-admin-promote on the appliance)')


def write_as_owner(ghe, what, login, send):
    """``send()``, a write to ``/orgs/{login}``: GitHub answers 403 to a site administrator who is not an owner."""
    try:
        return send()
    except ApiError as error:
        if error.status != 403:
            raise
        ghe.fail('GitHub refused to %s organization %s: %s (HTTP 403 %s)'
                 % (what, login, NOT_AN_OWNER, error.message or 'Forbidden'), api_error=error.as_dict())


def wanted_profile_name(params, org):
    """The display name the organization should have (``None`` for none)."""
    if params['profile_name'] is None:
        return profile_name_of(org)
    return params['profile_name'] or None


def update_profile(ghe, org):
    """Apply ``profile_name`` to an existing organization; return (changed, view)."""
    view = org_view(org)
    wanted = wanted_profile_name(ghe.params, org)
    if wanted == view['profile_name']:
        return False, view
    if ghe.check_mode:
        return True, dict(view, profile_name=wanted)
    answer = write_as_owner(ghe, 'change the display name of', org['login'], lambda: ghe.client.patch(
        org_path(org['login']), json=dict(name=wanted or ''), repeat=IDEMPOTENT))
    return True, org_view(answer)


def require_free_login(ghe, name):
    user = ghe.client.get_or_none('users/%s' % quote(name, safe=''))
    if user is not None:
        ghe.fail('name: %s is already the login of a %s (%s), so no organization can have it; choose another name'
                 % (name, (user.get('type') or 'user').lower(), user.get('login', name)))


def rename(ghe, source):
    name = ghe.params['name']
    view = update_profile(ghe, source)[1]
    result = dict(changed=True, organization=renamed_view(view, name))
    if not ghe.check_mode:
        try:
            answer = ghe.client.patch('admin/organizations/%s' % quote(source['login'], safe=''), json=dict(login=name),
                                      repeat=ONCE)
        except ApiError as error:
            if error.lost_answer:
                result['job'] = org_rename_job(source['login'], name)
                result['organization'] = adopt_lost_rename(ghe, error, result['job']) or result['organization']
                return result
            if error.status != 422:
                raise
            ghe.fail_api(error, 'GitHub refused to rename organization %s to %s (if an earlier rename to %s is still '
                                'in progress, wait for it: GET /orgs/%s answers 200 once it is done)'
                         % (source['login'], name, name, name))
        result['job'] = org_rename_job(source['login'], name, (answer or {}).get('url'))
    return result


def adopt_lost_rename(ghe, error, job):
    """After a rename request whose answer was lost: the renamed organization when the rename is done, None
    when it is under way (the old login is gone); else fail saying what may be in progress."""
    old, new = job['old_login'], job['login']
    renamed = ghe.client.get_or_none(org_path(new))
    if renamed is None and ghe.client.get_or_none(org_path(old)) is not None:
        ghe.fail('the answer to the request to rename organization %s to %s was lost (%s). GitHub may have started '
                 'the rename, but GET /orgs/%s does not answer yet and %s still exists, so this run cannot tell. Check '
                 'before asking again: GET /orgs/%s answers 200 once a rename is done (this task in check mode then '
                 'reports no change); while one is in progress GitHub refuses a second one. If %s still does not '
                 'exist in a few minutes, the request did not arrive: run the task again'
                 % (old, new, lost_answer(error), new, old, new, new), api_error=error.as_dict())
    ghe.warn('the answer to the request to rename organization %s to %s was lost; GitHub had received it, so its '
             'rename was adopted' % (old, new))
    if renamed is None:
        return None
    job['state'] = COMPLETE
    return org_view(renamed)


def create(ghe):
    params = ghe.params
    name, admin = params['name'], params['admin']
    if not admin:
        if params['rename_from']:
            ghe.fail('neither organization %s (name) nor organization %s (rename_from) exists; set admin to the login '
                     'of the user who should own a new organization %s' % (name, params['rename_from'], name))
        ghe.fail('organization %s does not exist; set admin to the login of the user who should own it to create it'
                 % name)
    user = ghe.client.get_or_none('users/%s' % quote(admin, safe=''))
    if user is None or user.get('type', 'User') != 'User':
        ghe.fail('admin: %s is not a user of this GitHub Enterprise (%s), so it cannot own organization %s'
                 % (admin, 'no such login' if user is None else 'it is an organization', name))
    profile_name = params['profile_name'] or None
    view = dict(login=name, id=None, profile_name=profile_name, url=None)
    changed = True
    if not ghe.check_mode:
        body = dict(login=name, admin=user['login'])
        if profile_name:
            body['profile_name'] = profile_name
        try:
            data, how = create_or_adopt(ghe.client, lambda: ghe.client.post('admin/organizations', json=body, repeat=ONCE),
                                        lambda: ghe.client.get_or_none(org_path(name)))
        except ApiError as error:
            if error.status != 422:
                raise
            ghe.fail_api(error, 'GitHub refused to create organization %s with admin %s' % (name, admin))
        if how is None:
            view = org_view(data, profile_name=profile_name)
        else:
            if how == LOST:
                ghe.warn('the answer to creating organization %s was lost; the organization was found and adopted' % name)
            changed, view = update_profile(ghe, data)
            changed = changed or how == LOST
    return dict(changed=changed, organization=view)


def present(ghe):
    params = ghe.params
    name, old_name = params['name'], params['rename_from']
    current = ghe.client.get_or_none(org_path(name))
    source = ghe.client.get_or_none(org_path(old_name)) if old_name else None
    if current is not None and source is not None:
        ghe.fail('cannot rename organization %s to %s: both exist (name: %s and rename_from: %s). Remove rename_from '
                 'if %s is the organization you mean, or rename or delete one of them first'
                 % (source['login'], current['login'], current['login'], source['login'], current['login']))
    if current is not None:
        changed, view = update_profile(ghe, current)
        return org_view(current), dict(changed=changed, organization=view)
    require_free_login(ghe, name)
    if source is not None:
        return org_view(source), rename(ghe, source)
    return {}, create(ghe)


def absent(ghe):
    current = ghe.client.get_or_none(org_path(ghe.params['name']))
    if current is None:
        return {}, dict(changed=False, organization={})
    result = dict(changed=True, organization={})
    if not ghe.check_mode:
        result['job'] = org_delete_job(current['login'])
        try:
            write_as_owner(ghe, 'delete', current['login'],
                           lambda: ghe.client.delete(org_path(current['login']), repeat=ONCE))
        except ApiError as error:
            if not error.lost_answer:
                raise
            adopt_lost_delete(ghe, error, result['job'])
    return org_view(current), result


def adopt_lost_delete(ghe, error, job):
    """After a deletion whose answer was lost: done when the login no longer resolves; else fail saying so."""
    login = job['login']
    if ghe.client.get_or_none(org_path(login)) is not None:
        ghe.fail('the answer to the request to delete organization %s was lost (%s). GitHub may be deleting it: '
                 'GET /orgs/%s still answers 200, so this run cannot tell. Check later: GET /orgs/%s answers 404 once '
                 'it is deleted (this task then reports no change); asking again is harmless'
                 % (login, lost_answer(error), login, login), api_error=error.as_dict())
    ghe.warn('the answer to the request to delete organization %s was lost; it is deleted' % login)
    job['state'] = COMPLETE


def converge(ghe):
    before, result = (present if ghe.params['state'] == 'present' else absent)(ghe)
    after = result['organization']
    extra = dict((key, value) for key, value in result.items() if key not in ('changed', 'organization'))
    return state_result(ghe, 'organization', before, after, result['changed'],
                        diff=(diff_view(before), diff_view(after)), **extra)


def validate(ghe):
    params = ghe.params
    if params['admin'] is not None and not params['admin'].strip():
        ghe.fail('admin: an empty login')
    for option in ('name', 'rename_from'):
        if params[option] is not None:
            problem = login_problem(params[option], new=True)
            if problem:
                ghe.fail('%s: %s' % (option, problem))
    if params['rename_from'] is not None and same_login(params['rename_from'], params['name']):
        ghe.fail('rename_from must name another organization than name (logins are case-insensitive), got %s for both'
                 % params['name'])
    options_only_with(ghe, 'present', ('admin', 'profile_name', 'rename_from'))
    options_only_with(ghe, 'absent', ('confirm',))
    if params['state'] == 'absent':
        require_confirm(ghe, params['name'], 'Deleting organization %s (with its repositories)' % params['name'])


def main():
    spec = dict(
        name=dict(type='str', required=True),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        admin=dict(type='str'),
        profile_name=dict(type='str'),
        rename_from=dict(type='str'),
        confirm=dict(type='str'),
    )
    spec.update(job_wait_argument_spec())
    ghe = GheModule(argument_spec=spec, products=('ghes',))
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
