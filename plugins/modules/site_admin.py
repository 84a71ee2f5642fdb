#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: site_admin
short_description: Promote users to site administrators of GitHub Enterprise Server, or demote them
version_added: 0.2.0
description:
  - Makes every user in O(users) a site administrator (O(state=present)) or an ordinary user (O(state=absent)),
    many at once, in one task over one keep-alive connection pool.
  - "First reads: the token's own user (C(GET /user)), then each user once (C(GET /users/{login})). Then the
    guardrails, before any write: the task refuses, naming the users, to demote the token's own user, to leave the
    instance without a site administrator, or to change more users than O(max_changes). Only then it writes, and
    only what is needed: C(PUT) or C(DELETE /users/{login}/site_admin). A second identical run sends no write."
  - With O(exclusive=true) and O(state=present), the task also lists every account (C(GET /users)) and demotes
    every site administrator not in O(users), so the list is the whole set of site administrators.
  - A user that cannot be changed (an unknown login, a user GitHub refuses) does not stop the others; the task
    fails after converging them, listing in RV(failed_users) who failed and why. A user whose site administrator
    status LDAP Sync manages (GitHub answers 403 and says LDAP) is listed in RV(ldap_managed) with what to do, and
    fails the task only with O(fail_on_ldap=true).
  - An error that is not about one user (a wrong token, a server failure) stops the task; every user is then
    reported as done, unchanged, failed or not attempted in RV(outcome), and a new run completes the rest.
options:
  users:
    description:
      - The logins of the users to promote or demote. Logins are compared case-insensitively; duplicates are
        handled once (the first spelling is reported). An empty list does nothing (with O(exclusive), it would
        demote everyone but the token's own user, which the guardrail refuses).
    type: list
    elements: str
    required: true
  state:
    description:
      - V(present) promotes the users to site administrators, V(absent) demotes them to ordinary users.
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With O(state=present), also demote every site administrator who is not in O(users).
      - The token's own user must then be in O(users), else the guardrail refuses before any write.
    type: bool
    default: false
  concurrency:
    description:
      - How many users are read or written at the same time, from V(1) to V(32), over one keep-alive session.
    type: int
    default: 8
  max_changes:
    description:
      - Refuse, before the first write, when more than this many users would be promoted or demoted, listing the
        count and the first users. Omit for no limit; V(0) allows no change at all (a dry run that fails on drift).
    type: int
  fail_on_ldap:
    description:
      - Fail the task when GitHub refuses a user because LDAP Sync manages it. By default such users are listed in
        RV(ldap_managed), with a warning, and the task succeeds.
    type: bool
    default: false
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
attributes:
  check_mode:
    support: full
    description: Reads as a real run does, applies the guardrails, and reports who would change; sends no write.
  diff_mode:
    support: full
    description: Shows which of the managed users are site administrators before and after.
notes:
  - GitHub Enterprise Server only. GitHub refuses a demotion of the token's own user; this module refuses it first,
    before any write, together with any run that would leave no site administrator.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.user
  - module: ghe.admin.user_suspension
  - name: Promote a user to be a site administrator
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/users#promote-a-user-to-be-a-site-administrator
'''

EXAMPLES = r'''
- name: Make the platform team site administrators
  ghe.admin.site_admin:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    users: [alice, bob]

- name: These and only these are site administrators (others are demoted), at most 3 changes per run
  ghe.admin.site_admin:
    users: [ghe-admin, alice, bob]
    exclusive: true
    max_changes: 3
  module_defaults:
    group/ghe.admin.api:
      api_url: https://ghe.example.com
      token: "{{ ghe_admin_token }}"

- name: Demote people who changed teams
  ghe.admin.site_admin:
    users: "{{ former_admins }}"
    state: absent

- name: Preview the changes
  ghe.admin.site_admin:
    users: [ghe-admin, alice]
    exclusive: true
  check_mode: true
  diff: true
  register: preview
'''

RETURN = r'''
site_admins:
  description: The managed users (O(users), and with O(exclusive) every former site administrator) that are site
    administrators after the task (in check mode, would be).
  returned: always
  type: list
  elements: str
  sample: [ghe-admin, alice]
changed_users:
  description: The users promoted or demoted (in check mode, that would be).
  returned: always
  type: list
  elements: str
  sample: [alice]
unchanged_users:
  description: The users already as wanted.
  returned: always
  type: list
  elements: str
  sample: [ghe-admin]
failed_users:
  description: The users that could not be read or changed, each with C(login), C(status) and GitHub's C(reason).
  returned: always
  type: list
  elements: dict
  sample: [{login: nobody, status: 404, reason: no such user}]
not_attempted_users:
  description: The users the task never reached because an error stopped it.
  returned: always
  type: list
  elements: str
  sample: []
ldap_managed:
  description: The users GitHub refused because LDAP Sync manages them, each with C(login) and GitHub's C(reason).
  returned: always
  type: list
  elements: dict
  sample: [{login: dir-admin, reason: 'HTTP 403: Site administrator status of LDAP users is managed by LDAP Sync'}]
ldap_advice:
  description: What to do about RV(ldap_managed) users; V(null) when there are none.
  returned: always
  type: str
outcome:
  description:
    - "Every user in one group, the outcome every bulk module returns: C(done), C(unchanged), C(failed) (each with
      C(login), C(status), C(reason)), C(not_attempted), and C(managed_by_ldap) when any."
  returned: always
  type: dict
  sample: {done: [alice], unchanged: [ghe-admin], failed: [], not_attempted: []}
results:
  description: One entry per managed user, in the order given, then the users O(exclusive) demotes.
  returned: always
  type: list
  elements: dict
  contains:
    login:
      description: The login.
      type: str
    site_admin_before:
      description: Whether the user was a site administrator; V(null) when the user could not be read.
      type: bool
    site_admin:
      description: Whether the user is a site administrator after the task (in check mode, would be).
      type: bool
    changed:
      description: Whether the task changed (would change) the user.
      type: bool
  sample: [{login: alice, site_admin_before: false, site_admin: true, changed: true}]
'''

from ansible_collections.ghe.admin.plugins.module_utils.bulk import BulkOutcome, concurrency_option, concurrency_problem
from ansible_collections.ghe.admin.plugins.module_utils.guardrails import (
    fail_stopped,
    guard_argument_spec,
    guard_problems,
    last_admin_refusal,
    not_found_only,
    own_user_refusal,
    refuse_too_many,
    refused_item,
    run_phase,
    settle_ldap,
)
from ansible_collections.ghe.admin.plugins.module_utils.identity import own_user, unique_logins
from ansible_collections.ghe.admin.plugins.module_utils.logins import login_problem
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT
from ansible_collections.ghe.admin.plugins.module_utils.users import user_path


def read_site_admin(client, login):
    return bool((client.get(user_path(login)) or {}).get('site_admin'))


def other_site_admins(client, logins):
    """Every site administrator of the instance whose login is not in ``logins``."""
    known = set(login.lower() for login in logins)
    return [account['login'] for account in client.paginate('users')
            if account.get('type', 'User') == 'User' and account.get('site_admin')
            and account['login'].lower() not in known]


def guard(ghe, own, before, changes, promote):
    """Refuse, before any write, what must never happen; the refusal names the users."""
    demoted = [] if promote else changes
    if ghe.params['exclusive']:
        demoted = [login for login in changes if before[login]]
    refusal = own_user_refusal(own['login'], demoted, 'demote')
    if refusal is None:
        admins = [login for login, admin in before.items() if admin]
        if own['site_admin'] and own['login'].lower() not in set(a.lower() for a in admins):
            admins.append(own['login'])
        promoted = [login for login in changes if login not in demoted]
        refusal = None if promoted else last_admin_refusal(admins, demoted, 'demote')
    if refusal:
        ghe.fail(refusal, changed=False, refused=demoted)
    refuse_too_many(ghe, changes, 'promote or demote' if ghe.params['exclusive'] else
                    ('promote' if promote else 'demote'))


def report(ghe, logins, before, wanted, bulk):
    done = set(bulk.in_group('done'))
    results = []
    for login in logins:
        admin_before = before.get(login)
        after = wanted[login] if login in done else admin_before
        results.append(dict(login=login, site_admin_before=admin_before, site_admin=after, changed=login in done))
    result = dict(
        changed=bulk.changed,
        site_admins=[r['login'] for r in results if r['site_admin']],
        changed_users=bulk.in_group('done'),
        unchanged_users=bulk.in_group('unchanged'),
        failed_users=bulk.failures(),
        not_attempted_users=bulk.in_group('not_attempted'),
        outcome=bulk.as_dict(),
        results=results,
    )
    if ghe.module._diff:
        read = [r for r in results if r['site_admin_before'] is not None]
        result['diff'] = dict(before=dict(site_admins=[r['login'] for r in read if r['site_admin_before']]),
                              after=dict(site_admins=[r['login'] for r in read if r['site_admin']]))
    return result


def converge(ghe):
    params = ghe.params
    promote = params['state'] == 'present'
    client = ghe.client
    logins = unique_logins(params['users'])
    concurrency = min(params['concurrency'], max(len(logins), 1))
    client.size_pool(concurrency)
    own = own_user(client)
    if not own['site_admin']:
        ghe.fail('the token\'s user %s is not a site administrator: promoting and demoting needs a site '
                 'administrator\'s token (classic PAT with the site_admin scope)' % own['login'])
    bulk = BulkOutcome(logins, key='login')
    before, stop = run_phase(lambda login: read_site_admin(client, login), logins, concurrency, bulk, not_found_only)
    wanted = dict((login, promote) for login in logins)
    if stop is None and params['exclusive']:
        extra = other_site_admins(client, logins)
        logins = logins + extra
        bulk.items.extend(extra)
        before.update((login, True) for login in extra)
        wanted.update((login, False) for login in extra)
    if stop is not None:
        fail_stopped(ghe, stop, bulk, len(logins), 'users', **report(ghe, logins, before, wanted, bulk))
    changes = [login for login in logins if login in before and before[login] != wanted[login]]
    for login in before:
        if login not in changes:
            bulk.unchanged(login)
    guard(ghe, own, before, changes, promote)
    if ghe.check_mode:
        for login in changes:
            bulk.done(login)
    else:
        def write(login):
            client.request('PUT' if wanted[login] else 'DELETE', user_path(login, 'site_admin'), repeat=IDEMPOTENT)
            return True

        written, stop = run_phase(write, changes, concurrency, bulk, refused_item)
        for login in written:
            bulk.done(login)
        if stop is not None:
            fail_stopped(ghe, stop, bulk, len(logins), 'users', **report(ghe, logins, before, wanted, bulk))
    result = report(ghe, logins, before, wanted, bulk)
    settle_ldap(ghe, bulk, result)
    if result['failed_users']:
        ghe.fail('could not %s %d of %d users: %s' % (
            'promote' if promote else 'demote', len(result['failed_users']), len(logins),
            bulk.describe(ghe.check_mode)), **result)
    return result


def validate(ghe):
    params = ghe.params
    problems = [p for p in (login_problem(login) for login in params['users']) if p]
    if problems:
        ghe.fail('users: %s' % '; '.join(problems[:10] + (['...'] if len(problems) > 10 else [])))
    if concurrency_problem(params['concurrency']):
        ghe.fail(concurrency_problem(params['concurrency']))
    if params['exclusive'] and params['state'] == 'absent':
        ghe.fail('exclusive cannot be used with state: absent (it demotes the site administrators not listed)')
    problems = guard_problems(params)
    if problems:
        ghe.fail('; '.join(problems))


def main():
    spec = dict(
        users=dict(type='list', elements='str', required=True),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        exclusive=dict(type='bool', default=False),
        concurrency=concurrency_option(),
    )
    spec.update(guard_argument_spec(ldap=True))
    ghe = GheModule(argument_spec=spec, products=('ghes',))
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
