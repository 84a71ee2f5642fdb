#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ldap_mapping
short_description: Map GitHub Enterprise Server users and teams to LDAP distinguished names
version_added: 0.2.0
description:
  - Sets the LDAP entry (distinguished name, DN) that users or a team of GitHub Enterprise Server follow.
  - "Users, many at once (O(users)): each user is read once (C(GET /users/{login}); the site administrator's view
    carries C(ldap_dn)), and only users whose DN differs get a C(PATCH /admin/ldap/users/{login}/mapping). Users are
    handled O(concurrency) at a time over one keep-alive session. A user that cannot be read or changed does not stop
    the others: the task fails after converging them, naming who failed and why."
  - "One team (O(organization), O(team), O(ldap_dn)): the team is read by its slug
    (C(GET /orgs/{org}/teams/{team_slug})), and mapped by its id (C(PATCH /admin/ldap/teams/{team_id}/mapping)) only
    when its DN differs."
  - "DNs are compared as LDAP compares them: attribute types and values case-insensitively, spaces around C(,),
    C(+) and C(=) and runs of spaces inside values not significant, escapes (C(\\,), C(\\2C)) and quoted values
    understood. So C(uid=Alice, ou=People,dc=example,dc=com) is the DN C(uid=alice,ou=people,dc=example,dc=com), and a
    second run sends no write. A DN is sent as given (without leading and trailing spaces)."
  - Before the first write, the task refuses to change more than O(max_changes) mappings, naming the count and the
    first users.
options:
  users:
    description:
      - The users to map, each with its C(login) and C(ldap_dn). A login given twice must have the same DN.
      - Mutually exclusive with O(team).
    type: list
    elements: dict
    suboptions:
      login:
        description: The user's login.
        type: str
        required: true
      ldap_dn:
        description: The DN of the user's LDAP entry.
        type: str
        required: true
  organization:
    description: The login of the organization of O(team).
    type: str
  team:
    description:
      - The slug of the team to map (as in its URL). Needs O(organization) and O(ldap_dn).
      - "LDAP Sync must be enabled on the instance to map teams (GitHub refuses otherwise)."
    type: str
  ldap_dn:
    description: The DN of the LDAP group O(team) follows.
    type: str
  concurrency:
    description: How many users are handled at the same time, from V(1) to V(32).
    type: int
    default: 8
  max_changes:
    description:
      - Refuse, before the first write, when more than this many mappings would change, listing the count and the
        first items. Omit for no limit.
    type: int
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
attributes:
  check_mode:
    support: full
    description: Reads as a real run does and reports which mappings would change; sends no write request.
  diff_mode:
    support: full
    description: Shows the DN of each managed user (or of the team) before and after.
notes:
  - GitHub Enterprise Server only, with LDAP authentication. The user mapping works when LDAP is enabled even
    without LDAP Sync; the team mapping needs LDAP Sync.
  - A new mapping takes effect at the next LDAP sync; queue one with M(ghe.admin.ldap_sync).
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.ldap_sync
  - name: Update LDAP mapping for a user
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/ldap
'''

EXAMPLES = r'''
- name: Map users to their directory entries
  ghe.admin.ldap_mapping:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    users:
      - login: alice
        ldap_dn: uid=alice,ou=people,dc=example,dc=com
      - login: bob
        ldap_dn: uid=bob,ou=people,dc=example,dc=com
    max_changes: 50

- name: Map a team to an LDAP group
  ghe.admin.ldap_mapping:
    organization: engineering
    team: platform
    ldap_dn: cn=Platform,ou=groups,dc=example,dc=com
  module_defaults:
    group/ghe.admin.api:
      api_url: https://ghe.example.com
      token: "{{ ghe_admin_token }}"

- name: Then queue a sync so the mapping takes effect
  ghe.admin.ldap_sync:
    teams:
      - organization: engineering
        team: platform
'''

RETURN = r'''
results:
  description: One entry per user of O(users), in the order given (duplicates removed); empty for a team.
  returned: always
  type: list
  elements: dict
  contains:
    login:
      description: The login.
      type: str
    ldap_dn_before:
      description: The DN the user was mapped to (V(null) for none or when it could not be read).
      type: str
    ldap_dn:
      description: The DN after the task (in check mode, as it would be).
      type: str
    changed:
      description: Whether the mapping changed (would change).
      type: bool
  sample: [{login: alice, ldap_dn_before: null, ldap_dn: 'uid=alice,ou=people,dc=example,dc=com', changed: true}]
team:
  description: The team, for a team mapping.
  returned: when O(team) is given and the team was found
  type: dict
  contains:
    organization:
      description: The organization's login.
      type: str
    team:
      description: The team's slug.
      type: str
    id:
      description: The team's id.
      type: int
    ldap_dn_before:
      description: The DN the team was mapped to, V(null) for none.
      type: str
    ldap_dn:
      description: The DN after the task (in check mode, as it would be).
      type: str
  sample: {organization: engineering, team: platform, id: 1, ldap_dn_before: null,
           ldap_dn: 'cn=Platform,ou=groups,dc=example,dc=com'}
changed_users:
  description: The users whose mapping changed (would change).
  returned: always
  type: list
  elements: str
unchanged_users:
  description: The users already mapped as wanted.
  returned: always
  type: list
  elements: str
failed_users:
  description: The users that could not be read or mapped, each with C(login), C(status) and GitHub's C(reason).
  returned: always
  type: list
  elements: dict
not_attempted_users:
  description: The users the task never reached because an error stopped it.
  returned: always
  type: list
  elements: str
operation:
  description:
    - For a team mapping, what the task did to the team's mapping, or in check mode what it would do.
    - V(created) (mapped where it was not), V(updated) (mapped to another DN), or V(none).
    - Users are mapped in bulk, whose result is RV(outcome) instead.
  returned: when O(team) is given and the team was found
  type: str
  sample: created
outcome:
  description:
    - "Every user (or the team, as C(organization/team)) in one group, the outcome every bulk module returns:
      C(done), C(unchanged), C(failed), C(not_attempted)."
  returned: always
  type: dict
  sample: {done: [alice], unchanged: [bob], failed: [], not_attempted: []}
'''

from ansible_collections.ghe.admin.plugins.module_utils.bulk import BulkOutcome, concurrency_option, concurrency_problem
from ansible_collections.ghe.admin.plugins.module_utils.guardrails import (
    Stop,
    fail_stopped,
    guard_argument_spec,
    guard_problems,
    not_found_only,
    refuse_too_many,
    refused_item,
    run_phase,
)
from ansible_collections.ghe.admin.plugins.module_utils.identity import (
    dn_problem,
    ldap_team_path,
    ldap_user_path,
    same_dn,
    team_path,
)
from ansible_collections.ghe.admin.plugins.module_utils.logins import login_problem
from ansible_collections.ghe.admin.plugins.module_utils.module import CREATED, NONE, UPDATED, GheModule, state_result
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT
from ansible_collections.ghe.admin.plugins.module_utils.users import is_private_view, user_path


def wanted_mappings(users):
    """``[(login, dn)]`` without repeats (logins compared case-insensitively, the first spelling kept)."""
    seen, wanted = set(), []
    for user in users:
        if user['login'].lower() not in seen:
            seen.add(user['login'].lower())
            wanted.append((user['login'], user['ldap_dn'].strip()))
    return wanted


def read_dn(client, login):
    data = client.get(user_path(login))
    if not is_private_view(data):
        raise Stop('GET /users/%s did not show the user\'s LDAP mapping: the token must be a site administrator\'s '
                   '(classic PAT with the site_admin scope)' % login)
    return data.get('ldap_dn') or ''


def user_results(wanted, before, after):
    return [dict(login=login, ldap_dn_before=before.get(login) or None,
                 ldap_dn=after.get(login, before.get(login)) or None,
                 changed=login in after) for login, dn in wanted]


def user_report(ghe, wanted, before, after, bulk):
    result = dict(
        changed=bulk.changed,
        results=user_results(wanted, before, after),
        changed_users=bulk.in_group('done'),
        unchanged_users=bulk.in_group('unchanged'),
        failed_users=bulk.failures(),
        not_attempted_users=bulk.in_group('not_attempted'),
        outcome=bulk.as_dict(),
    )
    if ghe.module._diff:
        read = [r for r in result['results'] if r['login'] in before]
        result['diff'] = dict(before=dict(ldap_dn=dict((r['login'], r['ldap_dn_before']) for r in read)),
                              after=dict(ldap_dn=dict((r['login'], r['ldap_dn']) for r in read)))
    return result


def converge_users(ghe):
    client = ghe.client
    wanted = wanted_mappings(ghe.params['users'])
    dn_of = dict(wanted)
    logins = [login for login, dn in wanted]
    concurrency = min(ghe.params['concurrency'], max(len(logins), 1))
    client.size_pool(concurrency)
    bulk = BulkOutcome(logins, key='login')
    before, stop = run_phase(lambda login: read_dn(client, login), logins, concurrency, bulk, not_found_only)
    if stop is not None:
        fail_stopped(ghe, stop, bulk, len(logins), 'users', **user_report(ghe, wanted, before, {}, bulk))
    changes = [login for login in logins if login in before and not same_dn(before[login], dn_of[login])]
    for login in before:
        if login not in changes:
            bulk.unchanged(login)
    refuse_too_many(ghe, changes, 'change the LDAP mapping of')
    if ghe.check_mode:
        after = dict((login, dn_of[login]) for login in changes)
    else:
        def write(login):
            answer = client.patch(ldap_user_path(login, 'mapping'), json=dict(ldap_dn=dn_of[login]), repeat=IDEMPOTENT)
            return (answer or {}).get('ldap_dn') or dn_of[login]

        after, stop = run_phase(write, changes, concurrency, bulk, refused_item)
        if stop is not None:
            for login in after:
                bulk.done(login)
            fail_stopped(ghe, stop, bulk, len(logins), 'users', **user_report(ghe, wanted, before, after, bulk))
    for login in after:
        bulk.done(login)
    result = user_report(ghe, wanted, before, after, bulk)
    if result['failed_users']:
        ghe.fail('could not map %d of %d users: %s' % (len(result['failed_users']), len(logins),
                                                       bulk.describe(ghe.check_mode)), **result)
    return result


def converge_team(ghe):
    params = ghe.params
    client = ghe.client
    name = '%s/%s' % (params['organization'], params['team'])
    bulk = BulkOutcome([name], key='team')
    data = client.get_or_none(team_path(params['organization'], params['team']))
    if data is None:
        ghe.fail('team %s: no such team (organization %s, slug %s), or the token cannot see it'
                 % (name, params['organization'], params['team']))
    wanted = params['ldap_dn'].strip()
    team = dict(organization=params['organization'], team=data.get('slug') or params['team'], id=data['id'],
                ldap_dn_before=data.get('ldap_dn') or None, ldap_dn=data.get('ldap_dn') or None)
    if same_dn(team['ldap_dn_before'], wanted):
        bulk.unchanged(name)
    else:
        refuse_too_many(ghe, [name], 'change the LDAP mapping of')
        if not ghe.check_mode:
            answer = client.patch(ldap_team_path(team['id'], 'mapping'), json=dict(ldap_dn=wanted), repeat=IDEMPOTENT)
            wanted = (answer or {}).get('ldap_dn') or wanted
        team['ldap_dn'] = wanted
        bulk.done(name)
    operation = NONE if not bulk.changed else (UPDATED if team['ldap_dn_before'] else CREATED)
    return state_result(ghe, 'team', team, team, bulk.changed, operation=operation,
                        diff=(dict(ldap_dn=team['ldap_dn_before']), dict(ldap_dn=team['ldap_dn'])),
                        results=[], changed_users=[], unchanged_users=[], failed_users=[], not_attempted_users=[],
                        outcome=bulk.as_dict())


def converge(ghe):
    if ghe.params['team'] is not None:
        return converge_team(ghe)
    return converge_users(ghe)


def user_problems(users):
    problems, dns = [], {}
    for index, user in enumerate(users):
        where = 'users[%d]' % index
        problem = login_problem(user['login'])
        if problem:
            problems.append('%s.login: %s' % (where, problem))
        problem = dn_problem(user['ldap_dn'])
        if problem:
            problems.append('%s.ldap_dn: %r is not a distinguished name (%s)' % (where, user['ldap_dn'], problem))
        elif not problem and user['login']:
            earlier = dns.setdefault(user['login'].lower(), user['ldap_dn'])
            if not same_dn(earlier, user['ldap_dn']):
                problems.append('%s: %s is given twice with different DNs (%s and %s)'
                                % (where, user['login'], earlier, user['ldap_dn']))
    return problems


def team_problems(params):
    if params['organization'] is None:
        return ['team needs organization (the login of the team\'s organization)']
    if params['ldap_dn'] is None:
        return ['team needs ldap_dn (the DN of the LDAP group the team follows)']
    problems = []
    problem = login_problem(params['organization'])
    if problem:
        problems.append('organization: %s' % problem)
    if not params['team'].strip() or '/' in params['team']:
        problems.append('team must be a team slug (as in the team\'s URL), got %r' % params['team'])
    problem = dn_problem(params['ldap_dn'])
    if problem:
        problems.append('ldap_dn: %r is not a distinguished name (%s)' % (params['ldap_dn'], problem))
    return problems


def validate(ghe):
    params = ghe.params
    if params['users'] is not None:
        given = [name for name in ('organization', 'team', 'ldap_dn') if params[name] is not None]
        problems = ['users cannot be used with %s (map users, or one team)' % ', '.join(given)] if given else []
        problems = problems or user_problems(params['users'])
    elif params['team'] is not None:
        problems = team_problems(params)
    else:
        problems = ['users or team is required (with team: organization and ldap_dn)']
    if concurrency_problem(params['concurrency']):
        problems.append(concurrency_problem(params['concurrency']))
    problems += guard_problems(params)
    if problems:
        ghe.fail('; '.join(problems[:10] + (['...'] if len(problems) > 10 else [])))


def main():
    spec = dict(
        users=dict(type='list', elements='dict', options=dict(
            login=dict(type='str', required=True),
            ldap_dn=dict(type='str', required=True),
        )),
        organization=dict(type='str'),
        team=dict(type='str'),
        ldap_dn=dict(type='str'),
        concurrency=concurrency_option(),
    )
    spec.update(guard_argument_spec())
    ghe = GheModule(argument_spec=spec, products=('ghes',))
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
