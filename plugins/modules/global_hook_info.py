#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: global_hook_info
short_description: List the global webhooks of GitHub Enterprise Server
version_added: 0.1.0
description:
  - Lists every global webhook of the enterprise (through every page of results), or the one with an O(id), or those
    with a O(url).
  - Secrets are never returned; a hook that has one shows C(********).
options:
  id:
    description:
      - Return only the hook with this id (an empty list when there is none).
    type: int
  url:
    description:
      - Return only the hooks that deliver to this URL (compared exactly as written). More than one hook can have the
        same URL.
      - An absolute C(http://) or C(https://) URL; a value without a scheme or host fails before any request is sent.
    type: str
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
attributes:
  check_mode:
    support: full
    description: Only reads.
  diff_mode:
    support: none
    description: Changes nothing.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.global_hook
  - name: REST API endpoints for global webhooks
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/global-webhooks
'''

EXAMPLES = r'''
- name: List every global webhook
  ghe.admin.global_hook_info:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
  register: ghe_hooks

- name: Show the URLs of the hooks that do not verify TLS certificates
  ansible.builtin.debug:
    msg: "{{ ghe_hooks.hooks | selectattr('insecure_ssl') | map(attribute='url') | list }}"

- name: Find the hooks that deliver to the audit collector
  ghe.admin.global_hook_info:
    url: https://audit.example.com/github
  register: audit_hooks
'''

RETURN = r'''
hooks:
  description: The hooks, sorted by id, each in the terms of the options of M(ghe.admin.global_hook).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The hook's id.
      type: int
      sample: 12
    url:
      description: Where payloads are delivered.
      type: str
      sample: https://audit.example.com/github
    events:
      description: The events that trigger it, sorted.
      type: list
      elements: str
      sample: [organization, user]
    content_type:
      description: V(json) or V(form).
      type: str
      sample: json
    insecure_ssl:
      description: Whether TLS certificates are not verified on delivery.
      type: bool
      sample: false
    active:
      description: Whether it delivers payloads.
      type: bool
      sample: true
    secret:
      description: C(********) when the hook has a secret, V(null) when it has none. Never the secret itself.
      type: str
      sample: '********'
    created_at:
      description: When it was created, as the API reports it.
      type: str
      sample: '2025-01-31T18:00:00Z'
    updated_at:
      description: When it was last updated, as the API reports it.
      type: str
      sample: '2025-02-01T09:30:00Z'
'''

from ansible_collections.ghe.admin.plugins.module_utils.hooks import get_hook, hooks_with_url, list_hooks, url_problem
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule


def read_hooks(ghe):
    params = ghe.params
    if params['id'] is not None:
        hook = get_hook(ghe.client, params['id'])
        hooks = [hook] if hook else []
    else:
        hooks = list_hooks(ghe.client)
        if params['url'] is not None:
            hooks = hooks_with_url(hooks, params['url'])
    return dict(changed=False, hooks=sorted(hooks, key=lambda hook: hook['id']))


def main():
    ghe = GheModule(
        products=('ghes',),
        argument_spec=dict(
            id=dict(type='int'),
            url=dict(type='str'),
        ),
        mutually_exclusive=[('id', 'url')],
    )
    problem = url_problem(ghe.params['url']) if ghe.params['url'] is not None else None
    if problem:
        ghe.fail('url %s' % problem)
    if ghe.params['id'] is not None and ghe.params['id'] < 1:
        ghe.fail('id must be a positive hook id, got %d' % ghe.params['id'])
    ghe.run(read_hooks)


if __name__ == '__main__':
    main()
