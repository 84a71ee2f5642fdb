#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: impersonation_token
short_description: Create or delete impersonation OAuth tokens of GitHub Enterprise Server users
version_added: 0.1.0
description:
  - Creates an impersonation OAuth token that acts as O(user) with O(scopes), and returns it in RV(token), or
    deletes the user's impersonation tokens.
  - "B(The returned token is a credential of the user.) Run the task with C(no_log: true), as in the examples, so
    that it never reaches the output or logs. The module never puts it in the diff or in an error message."
  - GitHub has no API that lists impersonation tokens, so the module reports what GitHub's answers tell.
  - With O(state=present) it sends C(POST /admin/users/{user}/authorizations). GitHub answers V(201) with a new
    token (C(changed=true), RV(token) set) or, when the user already has an impersonation token with exactly these
    scopes, V(200) with that token's details but not its value, which GitHub cannot show again (C(changed=false),
    RV(token) is V(null)). That POST creates nothing in the second case, but it is a write request.
  - Because asking again cannot create a second token for the same scopes, the POST is repeated when its answer is
    lost (a dropped connection, a timeout, a server error). When the repeat finds the token that the lost request
    created, the task reports C(changed=true) without RV(token) and warns how to get a token whose value is known.
  - With O(state=absent) it sends C(DELETE /admin/users/{user}/authorizations), which deletes all of the user's
    impersonation tokens whatever their scopes and answers the same whether there were any or not. The task reports
    C(changed=true) whenever the user exists, because it cannot tell. A user that does not exist has no tokens and
    nothing is sent.
options:
  user:
    description:
      - The login of the user to impersonate.
    type: str
    required: true
  scopes:
    description:
      - The OAuth scopes of the token, for example V(repo), V(read:org). Order and duplicates do not matter.
      - Required with O(state=present); an empty list gives a token with no scope. Not allowed with
        O(state=absent) (GitHub deletes every impersonation token of the user).
    type: list
    elements: str
  state:
    description:
      - V(present) makes sure the user has an impersonation token with O(scopes), V(absent) deletes all of the
        user's impersonation tokens.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
attributes:
  check_mode:
    support: partial
    details:
      - Only reads the user. Whether a token with these scopes exists can only be learned by the POST, so check mode
        reports C(changed=true) for an existing user with either state.
    description: Sends no write request.
  diff_mode:
    support: full
    description: Shows the user, the scopes and whether a token exists (V(unknown) where GitHub cannot tell), never the token.
notes:
  - GitHub Enterprise Server only.
  - To use a token once and throw it away, create it, use it, then delete it with O(state=absent) in the same play;
    a later run with the same scopes cannot see the value again.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.user
  - name: Create an impersonation OAuth token
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/users#create-an-impersonation-oauth-token
'''

EXAMPLES = r'''
- name: Get a token that acts as the service account (never log it)
  ghe.admin.impersonation_token:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    user: release-bot
    scopes: [repo, read:org]
  register: impersonation
  no_log: true

- name: Use it
  ansible.builtin.uri:
    url: https://ghe.example.com/api/v3/user
    headers:
      Authorization: "Bearer {{ impersonation.token }}"
  no_log: true
  when: impersonation.token is not none

- name: Delete every impersonation token of the user
  ghe.admin.impersonation_token:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    user: release-bot
    state: absent
'''

RETURN = r'''
token:
  description:
    - The new token. Secret; run the task with C(no_log=true).
    - V(null) when the user already had a token with these scopes (GitHub cannot show it again), in check mode and
      with O(state=absent).
  returned: always
  type: str
  sample: ghp_16C7e42F292c6912E7710c838347Ae178B4a
authorization:
  description:
    - The token's details, without its value.
    - An empty dict in check mode and with O(state=absent).
  returned: always
  type: dict
  contains:
    id:
      description: The authorization's id.
      type: int
      sample: 42
    scopes:
      description: Its scopes.
      type: list
      elements: str
      sample: [read:org, repo]
    token_last_eight:
      description: The last eight characters of the token.
      type: str
      sample: 78B4a0e1
    hashed_token:
      description: The SHA-256 of the token.
      type: str
    created_at:
      description: When it was created.
      type: str
    expires_at:
      description: When it expires, V(null) for never.
      type: str
    user:
      description: The login of the impersonated user.
      type: str
      sample: release-bot
operation:
  description:
    - What the task did, or in check mode what it would do; GitHub does not tell whether tokens exist, so V(created)
      and V(deleted) are what was asked for when it cannot tell.
    - V(created) (a new token), V(deleted) (O(state=absent) for an existing user), or V(none) (the user already had
      a token with these scopes, or does not exist with O(state=absent)).
    - Never V(updated).
  returned: always
  type: str
  sample: created
'''

from ansible_collections.ghe.admin.plugins.module_utils.module import CREATED, DELETED, NONE, GheModule, state_result
from ansible_collections.ghe.admin.plugins.module_utils.logins import login_problem
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT
from ansible_collections.ghe.admin.plugins.module_utils.users import admin_user_path, user_path

_SCOPE_CHARS = frozenset('abcdefghijklmnopqrstuvwxyz0123456789_:')
LOST_TOKEN = ('the answer to creating an impersonation token for %s was lost, and asking again returned the existing '
              'token (authorization %s), whose value GitHub cannot show again. If you need its value, delete the '
              'tokens of %s (state: absent) and run this task again')


def authorization_view(data, login):
    """The authorization without its token value."""
    owner = data.get('user') or {}
    return dict(
        id=data.get('id'),
        scopes=sorted(data.get('scopes') or []),
        token_last_eight=data.get('token_last_eight'),
        hashed_token=data.get('hashed_token'),
        created_at=data.get('created_at'),
        expires_at=data.get('expires_at'),
        user=owner.get('login') or login,
    )


def token_state(user, scopes, state):
    return dict(user=user, scopes=scopes, state=state)


def converge(ghe):
    params = ghe.params
    login = params['user']
    scopes = sorted(set(params['scopes'] or []))
    present = params['state'] == 'present'
    result = dict(changed=False, token=None, authorization={}, operation=NONE)
    if ghe.client.get_or_none(user_path(login)) is None:
        if present:
            ghe.fail('user %s does not exist' % login)
        before = after = token_state(login, None, 'absent')
    elif ghe.check_mode:
        result.update(changed=True, operation=CREATED if present else DELETED)
        before, after = token_state(login, scopes or None, 'unknown'), token_state(login, scopes or None, params['state'])
    elif present:
        answer = ghe.client.request('POST', admin_user_path(login, 'authorizations'), json=dict(scopes=scopes),
                                    repeat=IDEMPOTENT)
        data = answer.data or {}
        created = answer.status == 201
        if created:
            ghe.client.add_secret(data.get('token'))
            result['token'] = data.get('token') or None
        elif ghe.client.repeated_after_lost_answer:
            created = True
            ghe.warn(LOST_TOKEN % (login, data.get('id'), login))
        result.update(changed=created, authorization=authorization_view(data, login),
                      operation=CREATED if created else NONE)
        before = token_state(login, scopes, 'absent' if created else 'present')
        after = token_state(login, scopes, 'present')
    else:
        ghe.client.delete(admin_user_path(login, 'authorizations'), repeat=IDEMPOTENT)
        result.update(changed=True, operation=DELETED)
        before, after = token_state(login, None, 'unknown'), token_state(login, None, 'absent')
    return state_result(ghe, 'authorization', None, result['authorization'], result['changed'],
                        operation=result['operation'], diff=(before, after), token=result['token'])


def validate(ghe):
    params = ghe.params
    problem = login_problem(params['user'])
    if problem:
        ghe.fail('user: %s' % problem)
    if params['state'] == 'present' and params['scopes'] is None:
        ghe.fail('scopes is required with state: present (an empty list gives a token with no scope)')
    if params['state'] == 'absent' and params['scopes'] is not None:
        ghe.fail('scopes cannot be used with state: absent: GitHub deletes all impersonation tokens of the user')
    bad = [scope for scope in params['scopes'] or [] if not scope or not set(scope) <= _SCOPE_CHARS]
    if bad:
        ghe.fail('scopes: %s %s (such as repo, read:org)' % (
            ', '.join(repr(scope) for scope in bad), 'is not an OAuth scope name' if len(bad) == 1 else 'are not OAuth scope names'))


def main():
    ghe = GheModule(
        products=('ghes',),
        argument_spec=dict(
            user=dict(type='str', required=True),
            scopes=dict(type='list', elements='str'),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
    )
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
