#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: stats_info
short_description: Read GitHub Enterprise Server statistics
version_added: 0.1.0
description:
  - Reads the enterprise's statistics (users, organizations, repositories, hooks, pull requests and more).
  - GitHub caches these numbers and refreshes them about every ten minutes.
options:
  type:
    description:
      - Which statistics to read. V(all) reads every type except V(security-products) in one request; each other
        type is one request.
    type: list
    elements: str
    choices: [all, comments, gists, hooks, issues, milestones, orgs, pages, pulls, repos, security-products, users]
    default: [all]
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
  - name: REST API endpoints for admin stats
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/admin-stats
'''

EXAMPLES = r'''
- name: Read all statistics
  ghe.admin.stats_info:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
  register: ghe_stats

- name: Show how many users are suspended
  ansible.builtin.debug:
    msg: "{{ ghe_stats.stats.users.suspended_users }} of {{ ghe_stats.stats.users.total_users }} users are suspended"

- name: Read only user and organization statistics
  ghe.admin.stats_info:
    type: [users, orgs]
  register: ghe_stats
'''

RETURN = r'''
stats:
  description:
    - The statistics, keyed by type. V(security-products) is returned under C(security_products) so that it can be
      used in Jinja expressions.
  returned: always
  type: dict
  sample:
    users:
      total_users: 254
      admin_users: 45
      suspended_users: 21
    orgs:
      total_orgs: 33
      disabled_orgs: 0
      total_teams: 60
      total_team_members: 314
'''

from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule

TYPES = ['comments', 'gists', 'hooks', 'issues', 'milestones', 'orgs', 'pages', 'pulls', 'repos',
         'security-products', 'users']


def result_key(stats_type):
    return stats_type.replace('-', '_')


def read_stats(ghe):
    requested = list(dict.fromkeys(ghe.params['type']))
    stats = {}
    if 'all' in requested:
        stats.update(ghe.client.get('enterprise/stats/all') or {})
        requested = [t for t in requested if t != 'all' and result_key(t) not in stats]
    for stats_type in requested:
        data = ghe.client.get('enterprise/stats/%s' % stats_type) or {}
        key = result_key(stats_type)
        stats[key] = data[key] if isinstance(data.get(key), dict) else data
    return dict(changed=False, stats=stats)


def main():
    ghe = GheModule(argument_spec=dict(
        type=dict(type='list', elements='str', choices=['all'] + TYPES, default=['all']),
    ), products=('ghes',))
    ghe.run(read_stats)


if __name__ == '__main__':
    main()
