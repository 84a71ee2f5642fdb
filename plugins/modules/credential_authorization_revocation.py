#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: credential_authorization_revocation
short_description: Revoke the credential authorizations of a GitHub Enterprise Cloud enterprise or of one of its users
version_added: 0.1.0
description:
  - Revokes the credential authorizations (SAML single sign-on authorizations of personal access tokens, SSH keys
    and OAuth app tokens) of every member of an enterprise, or of one user, across all its organizations.
    Optionally only one type of credential, and, on an Enterprise Managed Users (EMU) enterprise, optionally also
    destroys the credentials themselves.
  - A GitHub Enterprise Cloud API (C(api_url=https://api.github.com) or C(https://api.SUBDOMAIN.ghe.com)); the caller
    must be an enterprise owner or have the C(write_enterprise_credentials) permission (C(admin:enterprise) scope).
  - GitHub queues a background job and answers at once, without saying what was revoked, so the task always reports
    a change. There is no status to wait for; the result carries GitHub's message.
  - Revoking for the whole enterprise cannot be undone and requires O(confirm) to equal the enterprise slug; when it
    does not, nothing is sent.
  - The token the task authenticates with may itself be revoked or destroyed (always possible for the whole
    enterprise; for one user, when it is that user's token). The task warns, and passes on GitHub's own warning.
options:
  enterprise:
    description:
      - The enterprise's slug (as in C(https://github.com/enterprises/SLUG)).
    type: str
    required: true
  user:
    description:
      - Revoke only this user's credential authorizations (the login). Omit to revoke for the whole enterprise.
    type: str
  credential_type:
    description:
      - Revoke only this type of credential. Omit for all of them.
      - V(oauth_app_token) credentials cannot be destroyed; with O(revoke_credentials=true) only their authorizations
        are revoked.
    type: str
    choices: [classic_pat, fine_grained_pat, ssh_key, oauth_app_token]
  revoke_credentials:
    description:
      - Also destroy the credentials themselves (personal access tokens and SSH keys), not only their
        authorizations. Only for Enterprise Managed Users enterprises; elsewhere GitHub refuses (HTTP 422) and the task
        fails with GitHub's reason.
    type: bool
    default: false
  confirm:
    description:
      - Required when O(user) is omitted (the whole enterprise); must equal O(enterprise).
    type: str
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghec
attributes:
  check_mode:
    support: full
    description: Reports the revocation it would request and sends nothing (the confirmation is still checked).
  diff_mode:
    support: none
    description: GitHub does not list the authorizations, so there is nothing to compare.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.credential_revocation
  - name: REST API endpoints for enterprise credential authorizations
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-cloud@latest/rest/enterprise-admin/credential-authorizations
'''

EXAMPLES = r'''
- name: Offboarding - revoke everything a user authorized in the enterprise
  ghe.admin.credential_authorization_revocation:
    api_url: https://api.github.com
    token: "{{ ghec_owner_token }}"
    enterprise: acme
    user: jdoe

- name: On an EMU enterprise, also destroy the user's SSH keys
  ghe.admin.credential_authorization_revocation:
    api_url: https://api.github.com
    token: "{{ ghec_owner_token }}"
    enterprise: acme-emu
    user: jdoe_acme
    credential_type: ssh_key
    revoke_credentials: true

- name: Incident response - revoke every classic PAT authorization in the enterprise
  ghe.admin.credential_authorization_revocation:
    api_url: https://api.github.com
    token: "{{ ghec_owner_token }}"
    enterprise: acme
    credential_type: classic_pat
    confirm: acme
'''

RETURN = r'''
revocation:
  description: The revocation requested (in check mode, the one that would be).
  returned: always
  type: dict
  contains:
    enterprise:
      description: The enterprise slug.
      type: str
      sample: acme
    user:
      description: The user, V(null) for the whole enterprise.
      type: str
      sample: jdoe
    scope:
      description: V(user) or V(enterprise).
      type: str
      sample: user
    credential_type:
      description: The credential type, V(null) for all.
      type: str
      sample: null
    revoke_credentials:
      description: Whether the credentials themselves are destroyed too.
      type: bool
      sample: false
    queued:
      description: Whether GitHub queued the job (V(false) in check mode).
      type: bool
      sample: true
    api_message:
      description: GitHub's answer, V(null) in check mode.
      type: str
      sample: Credential authorization revocation for user 'jdoe' has been queued
    api_warning:
      description: GitHub's warning about the calling token, when it gave one.
      type: str
      sample: The token used for this request may also have its authorization revoked as part of this operation
'''

import re

from ansible.module_utils.six.moves.urllib.parse import quote

from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError, api_reason
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule, require_confirm
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT

NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]*$')
HINTS = {
    403: 'the caller must be an owner of enterprise %(enterprise)s or have the write_enterprise_credentials '
         'permission, and a classic token needs the admin:enterprise scope',
    404: 'check the enterprise slug %(enterprise)s and the login, and that api_url is the GitHub Enterprise Cloud API',
}
OWN_TOKEN = ('the token this task authenticates with may itself be revoked%s by this operation, and later tasks '
             'using it may fail')


def request_for(params):
    """(path, body) of the endpoint for these options."""
    path = 'enterprises/%s/credential-authorizations' % quote(params['enterprise'], safe='')
    if params['user']:
        path += '/%s' % quote(params['user'], safe='')
        path += '/revoke-credential-type' if params['credential_type'] else '/revoke'
    else:
        path += '/revoke-credential-type' if params['credential_type'] else '/revoke-all'
    body = dict(revoke_credentials=params['revoke_credentials'])
    if params['credential_type']:
        body['credential_type'] = params['credential_type']
    return path, body


def describe(params):
    what = 'the %s credential authorizations' % params['credential_type'] if params['credential_type'] \
        else 'all credential authorizations'
    target = ('of user %s in enterprise %s' % (params['user'], params['enterprise'])) if params['user'] \
        else 'of enterprise %s' % params['enterprise']
    return '%s %s' % (what, target)


def converge(ghe):
    params = ghe.params
    path, body = request_for(params)
    revocation = dict(enterprise=params['enterprise'], user=params['user'],
                      scope='user' if params['user'] else 'enterprise', credential_type=params['credential_type'],
                      revoke_credentials=params['revoke_credentials'], queued=False, api_message=None,
                      api_warning=None)
    if not params['user']:
        ghe.warn(OWN_TOKEN % (' or destroyed' if params['revoke_credentials'] else ''))
    if ghe.check_mode:
        return dict(changed=True, revocation=revocation)
    try:
        answer = ghe.client.post(path, json=body, repeat=IDEMPOTENT) or {}
    except ApiError as error:
        hint = HINTS.get(error.status)
        if hint is None:
            ghe.fail_api(error, 'GitHub refused revoking %s' % describe(params))
        ghe.fail('GitHub refused revoking %s: %s (%s)' % (describe(params), api_reason(error), hint % params),
                 api_error=error.as_dict())
    revocation.update(queued=True, api_message=answer.get('message'), api_warning=answer.get('warning'))
    if answer.get('warning') and params['user']:
        ghe.warn('GitHub: %s' % answer['warning'])
    return dict(changed=True, revocation=revocation)


def validate(ghe):
    params = ghe.params
    for name in ('enterprise', 'user'):
        value = params[name]
        if value is not None and not NAME.match(value):
            ghe.fail('%s must be %s (letters, digits, hyphens, underscores or dots), got %r'
                     % (name, 'an enterprise slug' if name == 'enterprise' else 'a login', value))
    if params['user'] is not None:
        if params['confirm'] is not None:
            ghe.fail('confirm is only for revoking across the whole enterprise; omit it with user')
    else:
        require_confirm(ghe, params['enterprise'], 'Revoking %s' % describe(params))


def main():
    ghe = GheModule(
        products=('ghec',),
        argument_spec=dict(
            enterprise=dict(type='str', required=True),
            user=dict(type='str'),
            credential_type=dict(type='str', choices=['classic_pat', 'fine_grained_pat', 'ssh_key', 'oauth_app_token']),
            revoke_credentials=dict(type='bool', default=False),
            confirm=dict(type='str'),
        ),
    )
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
