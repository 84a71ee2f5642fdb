#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: user
short_description: Create, rename and delete GitHub Enterprise Server users
version_added: 0.1.0
description:
  - Creates a user (site-admin API, built-in or external authentication), renames one, or deletes one.
  - Idempotent. The user is looked up first; nothing is written when it already is as wanted.
  - A rename is asynchronous on GitHub. The task waits, with M(ghe.admin.job_info) where the module ran, until
    C(GET /users/{login}) answers with the new login (see O(wait)).
  - The rename is sent once. When its answer is lost, the users are read again. When the new login answers or the old
    one is gone, the rename is adopted and the task reports a change; otherwise it fails saying what may be in
    progress and how to check.
  - Suspension is not managed here; use M(ghe.admin.user_suspension).
  - A create is never repeated blindly. When its answer is lost (a dropped connection, a timeout, a server error) or
    the API refuses it because the login was taken meanwhile, the module reads O(login) again and adopts the user;
    only when it does not exist is the create sent again.
options:
  login:
    description:
      - The user's login (after a rename, the new one).
      - To be created or renamed to, it must be a login GitHub keeps as it is (letters, digits and single
        hyphens, not at either end, at most 39 characters); GitHub would rewrite anything else (C(octo_cat)
        becomes C(octo-cat)) and the next run would not find the user, so such a login is refused.
    type: str
    required: true
  email:
    description:
      - The e-mail address of a user to create. Required by GitHub for built-in authentication; may be omitted
        with CAS, LDAP or SAML.
      - Only used when the user is created. The API cannot change an existing user's e-mail, so an existing
        user's address is neither compared nor changed.
    type: str
  suspended:
    description:
      - Create the user already suspended (the API's C(suspended) field), so an account can exist before its owner
        may sign in.
      - Only used when the user is created. An existing user's suspension is neither compared nor changed; manage it
        with M(ghe.admin.user_suspension).
    type: bool
    default: false
    version_added: 0.2.0
  rename_from:
    description:
      - Rename the user with this login to O(login).
      - When O(login) already exists and O(rename_from) does not, the rename is considered done and nothing is sent.
        When both exist the task fails naming both. When neither exists the task fails.
      - While a rename started with O(wait=false) is still running, GitHub reserves the new login and a second
        rename request fails; check later that the new login exists.
    type: str
  state:
    description:
      - V(present) creates (or renames) the user, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  confirm:
    description:
      - Required with O(state=absent), equal to O(login). Deleting a user deletes all of their repositories,
        gists, applications and settings and cannot be undone.
      - When it does not match, the task fails before any request is sent.
    type: str
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
  - ghe.admin.job_wait
attributes:
  check_mode:
    support: full
    description: Reads the users concerned and reports what would change; sends no write request and never waits.
  diff_mode:
    support: full
    description: Shows the user's login, e-mail and presence before and after.
notes:
  - GitHub Enterprise Server only.
  - GitHub does not let the token's own user be deleted.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.user_suspension
  - module: ghe.admin.impersonation_token
  - name: REST API endpoints for users (site administration)
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/users
'''

EXAMPLES = r'''
- name: Create a user with built-in authentication
  ghe.admin.user:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    login: new-hire
    email: new.hire@example.com

- name: Create an account for someone who starts next month, suspended until then
  ghe.admin.user:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    login: future-hire
    email: future.hire@example.com
    suspended: true

- name: Rename a user and wait until GitHub has done it
  ghe.admin.user:
    login: jane-doe
    rename_from: jane-smith
    wait_timeout: 600
  module_defaults:
    group/ghe.admin.api:
      api_url: https://ghe.example.com
      token: "{{ ghe_admin_token }}"

- name: Start a rename without waiting
  ghe.admin.user:
    login: jane-doe
    rename_from: jane-smith
    wait: false
  register: rename

- name: Delete a user (irreversible)
  ghe.admin.user:
    login: former-contractor
    state: absent
    confirm: former-contractor
'''

RETURN = r'''
user:
  description:
    - The user after the task (in check mode, what it would be).
    - An empty dict once deleted or when absent (also in check mode).
    - After a rename that was not waited on, the new login with the other details as before the rename.
  returned: always
  type: dict
  contains:
    login:
      description: The login.
      type: str
      sample: new-hire
    id:
      description: The user's id; V(null) for a user not created yet (check mode).
      type: int
      sample: 42
    name:
      description: The profile name.
      type: str
    email:
      description: The public e-mail address (on creation, the address given).
      type: str
      sample: new.hire@example.com
    site_admin:
      description: Whether the user is a site administrator.
      type: bool
    suspended_at:
      description: When the user was suspended, V(null) if not suspended (or not known).
      type: str
    ldap_dn:
      description: The LDAP distinguished name of an LDAP-managed user, else V(null).
      type: str
    html_url:
      description: The user's profile page.
      type: str
    created_at:
      description: When the user was created.
      type: str
operation:
  description:
    - What the task did to the user, or in check mode what it would do.
    - V(created), V(updated) (renamed), V(deleted), or V(none) (nothing to change).
  returned: always
  type: str
  sample: created
job:
  description:
    - The rename GitHub started, when one was started; not returned in check mode.
    - The same record for every asynchronous job of the collection; give it to M(ghe.admin.job_info) to check it later.
  returned: when a rename was started
  type: dict
  contains:
    kind:
      description: The kind of job, V(user_rename).
      type: str
      sample: user_rename
    state:
      description:
        - V(pending) (not waited for, or not finished in time), V(complete), or V(failed).
      type: str
      sample: complete
    description:
      description: What the job does, in words.
      type: str
      sample: rename of user jane-smith to jane-doe
    requested:
      description: What was asked for, in the module's options.
      type: dict
      sample: {login: jane-doe, rename_from: jane-smith}
    how_to_check:
      description: How to check the job later by hand (the request that shows its outcome, and M(ghe.admin.job_info)).
      type: str
    polls:
      description: How often the job was checked while waiting.
      type: int
      returned: when waited on
      sample: 2
    old_login:
      description: The login before the rename.
      type: str
      sample: jane-smith
    new_login:
      description: The login after the rename.
      type: str
      sample: jane-doe
    url:
      description: The URL GitHub returned for the renamed user (V(null) when its answer was lost).
      type: str
'''

from ansible_collections.ghe.admin.plugins.module_utils.adopt import LOST, create_or_adopt
from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError
from ansible_collections.ghe.admin.plugins.module_utils.module import (
    GheModule,
    job_wait_argument_spec,
    options_only_with,
    require_confirm,
    state_result,
)
from ansible_collections.ghe.admin.plugins.module_utils.jobs import COMPLETE, check_user_rename, lost_answer, user_rename_job
from ansible_collections.ghe.admin.plugins.module_utils.logins import login_problem, same_login
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT, ONCE
from ansible_collections.ghe.admin.plugins.module_utils.users import (
    admin_user_path,
    user_path,
    user_view,
)


def presence(user, email=None):
    if not user:
        return dict(state='absent')
    return dict(state='present', login=user['login'], email=user.get('email') or email)


def create(ghe, login):
    params = ghe.params
    body = dict(login=login)
    if params['email']:
        body['email'] = params['email']
    if params.get('suspended'):
        body['suspended'] = True
    if ghe.check_mode:
        return user_view(body)
    data, how = create_or_adopt(ghe.client, lambda: ghe.client.post('admin/users', json=body, repeat=ONCE),
                                lambda: ghe.client.get_or_none(user_path(login)))
    if how == LOST:
        ghe.warn('the answer to creating user %s was lost; the user was found and adopted' % login)
    return user_view(data)


def rename(ghe, old, new):
    current = user_view(ghe.client.get_or_none(user_path(old)))
    if current is None:
        ghe.fail('cannot rename user %s to %s: neither exists' % (old, new))
    after, job = dict(current, login=new, html_url=None), None
    if not ghe.check_mode:
        try:
            answer = ghe.client.patch(admin_user_path(current['login']), json=dict(login=new), repeat=ONCE) or {}
        except ApiError as error:
            if error.lost_answer:
                job = user_rename_job(current['login'], new)
                return current, adopt_lost_rename(ghe, error, job) or after, job
            if error.status == 422 and 'taken' in str(error):
                ghe.fail('%s. No user is called %s yet, so a rename to it is most likely still in progress; check '
                         'later that GET /users/%s answers' % (error, new, new), api_error=error.as_dict())
            raise
        job = user_rename_job(current['login'], new, answer.get('url'))
    return current, after, job


def adopt_lost_rename(ghe, error, job):
    """After a rename request whose answer was lost: the renamed user when the rename is done, None when it is
    under way (the old login is gone); else fail saying what may be in progress."""
    old, new = job['old_login'], job['new_login']
    renamed = check_user_rename(ghe.client, job)
    if renamed is None and ghe.client.get_or_none(user_path(old)) is not None:
        ghe.fail('the answer to the request to rename user %s to %s was lost (%s). GitHub may have started the rename, '
                 'but GET /users/%s does not answer yet and %s still exists, so this run cannot tell. Check before '
                 'asking again: GET /users/%s answers 200 once a rename is done (this task in check mode then reports '
                 'no change); while one is in progress the new login is reserved and a second rename is refused. If %s '
                 'still does not exist in a few minutes, the request did not arrive: run the task again'
                 % (old, new, lost_answer(error), new, old, new, new), api_error=error.as_dict())
    ghe.warn('the answer to the request to rename user %s to %s was lost; GitHub had received it, so its rename was '
             'adopted' % (old, new))
    if renamed is not None:
        job['state'] = COMPLETE
    return renamed


def require_one_of(ghe, current, old):
    """Fail when ``rename_from`` names another existing user than ``login``: which one is meant is unclear."""
    source = user_view(ghe.client.get_or_none(user_path(old)))
    if source is not None and source['id'] != current['id']:
        ghe.fail('cannot rename user %s to %s: both exist (login: %s and rename_from: %s). Remove rename_from if %s is '
                 'the user you mean, or rename or delete one of them first'
                 % (source['login'], current['login'], current['login'], source['login'], current['login']))


def delete(ghe, login):
    """Delete the user; a refusal says what GitHub said (the token's own user, a user GitHub protects)."""
    try:
        ghe.client.delete(admin_user_path(login), repeat=IDEMPOTENT)
    except ApiError as error:
        if error.status != 403:
            raise
        ghe.fail('GitHub refused to delete user %s (HTTP 403): %s' % (login, error.message or 'no details'),
                 api_error=error.as_dict())


def converge(ghe):
    params = ghe.params
    login, old = params['login'], params['rename_from']
    current = user_view(ghe.client.get_or_none(user_path(login)))
    result = dict(changed=False, user=current)
    before = current
    if params['state'] == 'absent':
        if current is not None:
            if not ghe.check_mode:
                delete(ghe, current['login'])
            result.update(changed=True, user=None)
    elif old and (current is None or (current['login'] != login and same_login(old, login))):
        before, result['user'], job = rename(ghe, old, login)
        result['changed'] = True
        if job:
            result['job'] = job
    elif old and not same_login(old, login):
        require_one_of(ghe, current, old)
    elif current is None:
        result.update(changed=True, user=create(ghe, login))
    extra = dict((key, value) for key, value in result.items() if key not in ('changed', 'user'))
    return state_result(ghe, 'user', before, result['user'], result['changed'],
                        diff=(presence(before), presence(result['user'], params['email'])), **extra)


def validate(ghe):
    params = ghe.params
    absent = params['state'] == 'absent'
    problem = login_problem(params['login'], new=not absent)
    if problem:
        ghe.fail('login: %s' % problem)
    if params['rename_from'] is not None and login_problem(params['rename_from']):
        ghe.fail('rename_from: %s' % login_problem(params['rename_from']))
    if params['email'] is not None and '@' not in params['email']:
        ghe.fail('email: %r is not an e-mail address' % params['email'])
    options_only_with(ghe, 'present', ('email', 'rename_from', 'suspended'))
    options_only_with(ghe, 'absent', ('confirm',))
    if absent:
        require_confirm(ghe, params['login'], 'deleting user %s' % params['login'])


def main():
    spec = dict(
        login=dict(type='str', required=True),
        email=dict(type='str'),
        suspended=dict(type='bool', default=False),
        rename_from=dict(type='str'),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        confirm=dict(type='str'),
    )
    spec.update(job_wait_argument_spec())
    ghe = GheModule(argument_spec=spec, products=('ghes',))
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
