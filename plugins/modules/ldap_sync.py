#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ldap_sync
short_description: Queue an LDAP sync of GitHub Enterprise Server users or teams
version_added: 0.2.0
description:
  - Queues an LDAP sync for each user of O(users) (C(POST /admin/ldap/users/{login}/sync)) and each team of O(teams)
    (read by slug with C(GET /orgs/{org}/teams/{team_slug}), then C(POST /admin/ldap/teams/{team_id}/sync)).
  - "GitHub answers C(201 {\"status\": \"queued\"}): the sync is queued and runs when the instance is ready. The API
    never says when it ends, so there is nothing to wait on: the task reports exactly what was queued
    (RV(queued)), and it reports a change when anything was queued. See the notes for how to verify the outcome."
  - Every run queues again (a sync is an action, not a state); check mode reads the users and teams and reports
    what would be queued without queueing anything.
  - A user or team that cannot be queued (unknown, refused) does not stop the others; the task then fails naming
    each one and GitHub's reason.
options:
  users:
    description: The logins of the users to sync. Duplicates (case-insensitive) are queued once.
    type: list
    elements: str
    default: []
  teams:
    description: The teams to sync, each by its C(organization) and C(team) slug.
    type: list
    elements: dict
    default: []
    suboptions:
      organization:
        description: The login of the team's organization.
        type: str
        required: true
      team:
        description: The team's slug (as in its URL).
        type: str
        required: true
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
attributes:
  check_mode:
    support: full
    description: Reads each user and team (C(GET)) and reports what would be queued; queues nothing.
  diff_mode:
    support: none
    description: A sync is an action, not a state; there is nothing to compare.
notes:
  - GitHub Enterprise Server only, with LDAP Sync enabled.
  - "To verify a sync after it ran: read the user (M(ghe.admin.enterprise_info) or C(GET /users/{login}) as a site
    administrator: C(ldap_dn), C(suspended_at), C(site_admin) follow the directory), read the team's members
    (C(GET /orgs/{org}/teams/{team_slug}/members)), or look for the sync in the site admin dashboard's audit log.
    A sync that finds nothing to change leaves no trace but its audit entry."
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.ldap_mapping
  - name: Sync LDAP mapping for a user
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/ldap#sync-ldap-mapping-for-a-user
'''

EXAMPLES = r'''
- name: Sync two users and a team from the directory now
  ghe.admin.ldap_sync:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    users: [alice, bob]
    teams:
      - organization: engineering
        team: platform
  register: sync

- name: Show what was queued
  ansible.builtin.debug:
    msg: "Queued {{ sync.queued.users | join(', ') }} and {{ sync.queued.teams | map(attribute='team') | join(', ') }}"
'''

RETURN = r'''
queued:
  description:
    - What was queued (in check mode, would be), the users' logins and the teams, each with C(organization), C(team)
      (slug) and C(id).
  returned: always
  type: dict
  sample: {users: [alice, bob], teams: [{organization: engineering, team: platform, id: 1}]}
failures:
  description:
    - What could not be queued, each with C(user) or C(team) (C(organization/team)), C(status) and GitHub's
      C(reason). Named so because Ansible reserves C(failed).
  returned: always
  type: list
  elements: dict
  sample: [{user: nobody, status: 404, reason: no such user}]
outcome:
  description:
    - "Every user (by login) and team (as C(organization/team)) in one group, the outcome every bulk module returns:
      C(done) (queued; in check mode, would be), C(unchanged) (always empty: a sync is always queued), C(failed)
      (each with C(name), C(status) and GitHub's C(reason)) and C(not_attempted) (after an error that stopped the
      task)."
  returned: always
  type: dict
  sample: {done: [alice, engineering/platform], unchanged: [], failed: [], not_attempted: []}
how_to_check:
  description: How to verify the syncs once they ran (the API does not say when).
  returned: always
  type: str
'''

from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError, api_reason
from ansible_collections.ghe.admin.plugins.module_utils.bulk import NOT_ATTEMPTED, BulkOutcome
from ansible_collections.ghe.admin.plugins.module_utils.guardrails import fail_stopped, refused_item
from ansible_collections.ghe.admin.plugins.module_utils.identity import (
    ldap_team_path,
    ldap_user_path,
    team_path,
    unique_logins,
)
from ansible_collections.ghe.admin.plugins.module_utils.logins import login_problem
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT
from ansible_collections.ghe.admin.plugins.module_utils.users import user_path

HOW_TO_CHECK = ('The API queues a sync and never says when it ends. Once the instance ran it, read the users '
                '(GET /users/{login} as a site administrator: ldap_dn, suspended_at and site_admin follow the '
                'directory), the teams\' members (GET /orgs/{org}/teams/{team_slug}/members), or the site admin '
                'dashboard\'s audit log')


def refusal(error, noun):
    """GitHub's reason when it refused this one user or team; raises any other error (it stops the task)."""
    if not refused_item(error):
        raise error
    if error.status == 404:
        return ('HTTP 404: no such %s, LDAP Sync is off, or the token is not a site administrator\'s '
                '(GitHub answers 404 to all three)' % noun)
    return api_reason(error)


def queue_user(ghe, login):
    if ghe.check_mode:
        ghe.client.get(user_path(login))
    else:
        ghe.client.post(ldap_user_path(login, 'sync'), repeat=IDEMPOTENT)


def queue_team(ghe, team):
    data = ghe.client.get(team_path(team['organization'], team['team']))
    entry = dict(organization=team['organization'], team=data.get('slug') or team['team'], id=data['id'])
    if not ghe.check_mode:
        ghe.client.post(ldap_team_path(entry['id'], 'sync'), repeat=IDEMPOTENT)
    return entry


def converge(ghe):
    queued, failures = dict(users=[], teams=[]), []
    logins, teams = unique_logins(ghe.params['users']), unique_teams(ghe.params['teams'])
    bulk = BulkOutcome(logins + [team_name(team) for team in teams], key='name')
    result = dict(queued=queued, failures=failures, how_to_check=HOW_TO_CHECK)
    try:
        for login in logins:
            try:
                queue_user(ghe, login)
            except ApiError as error:
                failed(bulk, failures, 'user', login, error,
                       'no such user' if error.status == 404 and error.method == 'GET' else refusal(error, 'user'))
                continue
            queued['users'].append(login)
            bulk.done(login)
        for team in teams:
            try:
                queued['teams'].append(queue_team(ghe, team))
            except ApiError as error:
                failed(bulk, failures, 'team', team_name(team), error,
                       'no such team' if error.status == 404 and error.method == 'GET' else refusal(error, 'team'))
                continue
            bulk.done(team_name(team))
    except ApiError as error:
        stopped_on = next(name for name in bulk.items if bulk.group_of(name) == NOT_ATTEMPTED)
        bulk.failed(stopped_on, api_reason(error), error.status)
        fail_stopped(ghe, error, bulk, len(bulk.items), 'users and teams', changed=bulk.changed,
                     outcome=bulk.as_dict(), **result)
    result.update(changed=bulk.changed, outcome=bulk.as_dict())
    if failures:
        names = '; '.join('%s (%s)' % (f.get('user') or f.get('team'), f['reason']) for f in failures)
        ghe.fail('could not queue an LDAP sync for %d of %d: %s. %s %s' % (
            len(failures), len(failures) + len(queued['users']) + len(queued['teams']), names,
            'Would queue' if ghe.check_mode else 'Queued', describe(queued)), **result)
    return result


def team_name(team):
    return '%s/%s' % (team['organization'], team['team'])


def failed(bulk, failures, noun, name, error, reason):
    failures.append({noun: name, 'status': error.status, 'reason': reason})
    bulk.failed(name, reason, error.status)


def describe(queued):
    names = queued['users'] + ['%s/%s' % (t['organization'], t['team']) for t in queued['teams']]
    return ', '.join(names) if names else 'nothing'


def unique_teams(teams):
    seen, unique = set(), []
    for team in teams:
        key = (team['organization'].lower(), team['team'].lower())
        if key not in seen:
            seen.add(key)
            unique.append(team)
    return unique


def validate(ghe):
    params = ghe.params
    problems = ['users: %s' % p for p in (login_problem(login) for login in params['users']) if p]
    for index, team in enumerate(params['teams']):
        problem = login_problem(team['organization'])
        if problem:
            problems.append('teams[%d].organization: %s' % (index, problem))
        if not team['team'].strip() or '/' in team['team']:
            problems.append('teams[%d].team must be a team slug (as in the team\'s URL), got %r' % (index, team['team']))
    if not params['users'] and not params['teams']:
        problems.append('users or teams is required: name what to sync')
    if problems:
        ghe.fail('; '.join(problems[:10] + (['...'] if len(problems) > 10 else [])))


def main():
    ghe = GheModule(
        products=('ghes',),
        argument_spec=dict(
            users=dict(type='list', elements='str', default=[]),
            teams=dict(type='list', elements='dict', default=[], options=dict(
                organization=dict(type='str', required=True),
                team=dict(type='str', required=True),
            )),
        ),
    )
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
