#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: user_suspension
short_description: Suspend or unsuspend many GitHub Enterprise Server users in one task
version_added: 0.1.0
description:
  - Makes every user in O(users) suspended or unsuspended, hundreds at once, in one task over one keep-alive
    connection pool.
  - For each user, one C(GET /users/{login}) reads whether the user is suspended; only users not yet in the
    wanted state get a C(PUT) or C(DELETE /users/{login}/suspended). A second identical run sends no write.
  - Users are handled O(concurrency) at a time.
  - A user that cannot be changed (an unknown login, an LDAP-managed user on an instance with Active Directory
    LDAP sync, a site administrator, the token's own user) does not stop the others. Every other user is still
    converged; then the task fails, listing in RV(failed_users) exactly which users failed and why, and reports
    C(changed) if any other user was changed.
  - An error that is not about one user (a wrong token, a token that is not a site administrator's, an
    unreachable server, a server failure, an exhausted rate limit) stops the task at once. The task then fails
    reporting every user in one of three groups, done or unchanged (RV(changed_users), RV(unchanged_users)), failed
    (RV(failed_users), the users it stopped on, with GitHub's reason) and not attempted (RV(not_attempted_users)).
    Running the task again handles the users that are not yet as wanted.
  - RV(outcome) reports the same groups in the shape every bulk module of the collection shares.
  - "Guardrails, checked after reading every user and before the first write: the task refuses to suspend the
    token's own user or the last unsuspended site administrator (naming them), and to change more users than
    O(max_changes) (naming the count and the first users). Nothing is written when it refuses."
  - Users whose suspension LDAP Sync manages (GitHub answers 403 and says LDAP) are not failures. They are listed in
    RV(ldap_managed) with what to do, with a warning, and fail the task only with O(fail_on_ldap=true).
options:
  users:
    description:
      - The logins of the users to suspend or unsuspend.
      - Logins are compared case-insensitively; duplicates are handled once (the first spelling is reported).
      - Every login is checked before any request is sent; an empty list does nothing.
    type: list
    elements: str
    required: true
  state:
    description:
      - V(suspended) suspends the users, V(unsuspended) lifts their suspension.
    type: str
    choices: [suspended, unsuspended]
    default: suspended
  reason:
    description:
      - Why, recorded in the enterprise audit log for every user that is changed.
      - When omitted, GitHub records C(Suspended via API by <admin>) (or C(Unsuspended ...)).
    type: str
  concurrency:
    description:
      - How many users are handled at the same time, from V(1) (one after the other) to V(32).
      - Requests share one keep-alive session whose connection pool holds this many connections.
    type: int
    default: 8
  max_changes:
    description:
      - Refuse, before the first write, when more than this many users would be suspended or unsuspended, listing
        the count and the first users. Omit for no limit.
    type: int
    version_added: 0.2.0
  fail_on_ldap:
    description:
      - Fail the task when GitHub refuses users because LDAP Sync manages them. By default they are listed in
        RV(ldap_managed), with a warning, and the task succeeds.
    type: bool
    default: false
    version_added: 0.2.0
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
attributes:
  check_mode:
    support: full
    description: Reads every user (C(GET) only) and reports who would change; sends no write request.
  diff_mode:
    support: full
    description: Shows which of the managed users are suspended before and after.
notes:
  - GitHub Enterprise Server only (GitHub Enterprise Cloud has no suspension API).
  - GitHub does not let a site administrator be suspended until demoted, nor the token's own user.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.user
  - name: Suspend a user
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/users#suspend-a-user
'''

EXAMPLES = r'''
- name: Suspend everyone who left this quarter
  ghe.admin.user_suspension:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    users: "{{ leavers }}"
    reason: "Left the company (HR ticket 4711)"

- name: Bring people back from leave, 16 at a time
  ghe.admin.user_suspension:
    users: [alice, bob]
    state: unsuspended
    reason: Back from parental leave
    concurrency: 16
  module_defaults:
    group/ghe.admin.api:
      api_url: https://ghe.example.com
      token: "{{ ghe_admin_token }}"

- name: Preview who would be suspended
  ghe.admin.user_suspension:
    users: "{{ leavers }}"
  check_mode: true
  diff: true
  register: preview

- name: Suspend, and handle users that could not be suspended afterwards
  ghe.admin.user_suspension:
    users: "{{ leavers }}"
  register: suspension
  ignore_errors: true

- name: Show who could not be suspended and why
  ansible.builtin.debug:
    msg: "{{ item.login }}: {{ item.reason }}"
  loop: "{{ suspension.failed_users | default([]) }}"
'''

RETURN = r'''
changed_users:
  description: The users that were changed (in check mode, that would be), in the order given.
  returned: always
  type: list
  elements: str
  sample: [alice, bob]
unchanged_users:
  description: The users that were already in the wanted state.
  returned: always
  type: list
  elements: str
  sample: [carol]
failed_users:
  description:
    - The users that could not be read or changed, each with why. Empty when every user was converged.
    - Named C(failed_users) because Ansible reserves C(failed) in a task result.
  returned: always
  type: list
  elements: dict
  contains:
    login:
      description: The login as given.
      type: str
      sample: ldap-user
    status:
      description: The HTTP status GitHub answered (V(404) for an unknown login, V(403) for a user GitHub refuses to change).
      type: int
      sample: 403
    reason:
      description: Why, in GitHub's words.
      type: str
      sample: "HTTP 403: Active Directory LDAP-authenticated users cannot be suspended through the API."
  sample: [{login: nobody, status: 404, reason: no such user}]
ldap_managed:
  description: The users GitHub refused because LDAP Sync manages them, each with C(login) and GitHub's C(reason).
  returned: always
  type: list
  elements: dict
  sample: [{login: ldap-user, reason: 'HTTP 403: Active Directory LDAP-authenticated users cannot be suspended'}]
  version_added: 0.2.0
ldap_advice:
  description: What to do about RV(ldap_managed) users; V(null) when there are none.
  returned: always
  type: str
  version_added: 0.2.0
not_attempted_users:
  description: The users the task never reached because an error stopped it (empty unless it stopped).
  returned: always
  type: list
  elements: str
  sample: [dave, erin]
outcome:
  description:
    - "Every user in one of four groups, the outcome every bulk module returns: C(done) (changed; in check mode,
      would be), C(unchanged), C(failed) (each with C(login), C(status) and GitHub's C(reason)) and C(not_attempted)."
  returned: always
  type: dict
  sample: {done: [alice], unchanged: [carol], failed: [{login: bob, status: 500, reason: 'HTTP 500 Server Error'}],
           not_attempted: [dave]}
results:
  description: One entry per managed user, in the order given (duplicates removed).
  returned: always
  type: list
  elements: dict
  contains:
    login:
      description: The login as given.
      type: str
    suspended_before:
      description: Whether the user was suspended before the task; V(null) when the user could not be read.
      type: bool
    suspended:
      description: Whether the user is suspended after the task (in check mode, would be); V(null) when unknown.
      type: bool
    changed:
      description: Whether the task changed (would change) this user.
      type: bool
    error:
      description: Why the user could not be converged; V(null) when it was.
      type: str
  sample: [{login: alice, suspended_before: false, suspended: true, changed: true, error: null}]
'''

import threading

from ansible.module_utils.common.text.converters import to_text

from ansible_collections.ghe.admin.plugins.module_utils.bulk import (
    BulkOutcome,
    concurrency_option,
    concurrency_problem,
    run_bounded,
)
from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError, api_reason
from ansible_collections.ghe.admin.plugins.module_utils.guardrails import (
    guard_argument_spec,
    guard_problems,
    is_ldap_refusal,
    last_admin_refusal,
    own_user_refusal,
    refuse_too_many,
    settle_ldap,
)
from ansible_collections.ghe.admin.plugins.module_utils.identity import own_user, unique_logins
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule
from ansible_collections.ghe.admin.plugins.module_utils.logins import login_problem
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT
from ansible_collections.ghe.admin.plugins.module_utils.users import is_private_view, user_path


class Stop(Exception):
    """An error that is not about one user: every further request would fail the same way."""


def user_error(error):
    """GitHub's reason when ``error`` is about this one user, else None."""
    text = '%s %s' % (error.message or '', error.reason or '')
    if error.status not in (403, 404, 422) or 'rate limit' in text.lower():
        return None
    return 'HTTP %s: %s' % (error.status, error.message or 'no details')


def converge_user(client, login, suspend, reason, check_mode):
    """Read one user and write only if needed; a problem with this user is reported, not raised."""
    entry, dummy = read_user(client, login, suspend)
    if entry['changed'] and not check_mode:
        write_user(client, entry, suspend, reason)
    return entry


def read_user(client, login, suspend):
    """One GET: ``(entry, site_admin)``, the entry as the user would be after the task (``changed``: a write is due)."""
    entry = dict(login=login, suspended_before=None, suspended=None, changed=False, error=None, status=None)
    try:
        data = client.get(user_path(login))
    except ApiError as error:
        if error.status != 404:
            raise Stop(error)
        entry.update(error='no such user', status=404)
        return entry, False
    if not is_private_view(data):
        raise Stop('GET /users/%s did not say whether the user is suspended: the token must be a site '
                   'administrator\'s (classic PAT with the site_admin scope)' % login)
    entry['suspended_before'] = entry['suspended'] = bool(data.get('suspended_at'))
    if entry['suspended'] != suspend:
        entry.update(changed=True, suspended=suspend)
    return entry, bool(data.get('site_admin'))


def write_user(client, entry, suspend, reason):
    """The PUT or DELETE that ``read_user`` found due; GitHub's refusal of this user is recorded in ``entry``."""
    body = dict(reason=reason) if reason else None
    try:
        client.request('PUT' if suspend else 'DELETE', user_path(entry['login'], 'suspended'), json=body,
                       repeat=IDEMPOTENT)
    except ApiError as error:
        problem = user_error(error)
        if problem is None:
            raise Stop(error)
        entry.update(error=problem, status=error.status, changed=False, suspended=entry['suspended_before'])
    return entry


def stop_reason(stop):
    """(GitHub's reason, HTTP status) for the error that stopped the task."""
    cause = stop.args[0] if stop.args else stop
    if isinstance(cause, ApiError):
        return api_reason(cause), cause.status
    return to_text(cause), None


def settle(logins, outcomes):
    """(the per-user results, the bulk outcome, the first Stop or None) from run_bounded's outcomes."""
    bulk = BulkOutcome(logins, key='login')
    results, stop = [], None
    for login, (entry, error) in zip(logins, outcomes):
        if error is not None:
            if not isinstance(error, Stop):
                raise error
            stop = stop or error
            reason, status = stop_reason(error)
            bulk.failed(login, reason, status)
            results.append(dict(login=login, suspended_before=None, suspended=None, changed=False, error=reason))
        elif entry is not None:
            if entry['error'] and is_ldap_refusal(entry['status'], entry['error']):
                bulk.managed_by_ldap(login, entry['error'], entry['status'])
            elif entry['error']:
                bulk.failed(login, entry['error'], entry['status'])
            elif entry['changed']:
                bulk.done(login)
            else:
                bulk.unchanged(login)
            results.append(dict((k, v) for k, v in entry.items() if k != 'status'))
    return results, bulk, stop


def summary(results, bulk):
    read = [r for r in results if r['suspended_before'] is not None]
    return dict(
        changed=bulk.changed,
        changed_users=bulk.in_group('done'),
        unchanged_users=bulk.in_group('unchanged'),
        failed_users=bulk.failures(),
        not_attempted_users=bulk.in_group('not_attempted'),
        outcome=bulk.as_dict(),
        results=results,
        diff=dict(before=dict(suspended=[r['login'] for r in read if r['suspended_before']]),
                  after=dict(suspended=[r['login'] for r in read if r['suspended']])),
    )


def failure_message(result, suspend, total, check_mode):
    verb = 'suspend' if suspend else 'unsuspend'
    failed = result['failed_users']
    listed = '; '.join('%s (%s)' % (f['login'], f['reason']) for f in failed)
    others = total - len(failed) - len(result['outcome'].get('managed_by_ldap', []))
    return ('could not %s %d of %d users: %s. The other %d %s %sed (%d %s)'
            % (verb, len(failed), total, listed, others, 'would be' if check_mode else 'are', verb,
               len(result['changed_users']), 'would change' if check_mode else 'changed'))


def converge(ghe):
    params = ghe.params
    suspend = params['state'] == 'suspended'
    logins = unique_logins(params['users'])
    concurrency = min(params['concurrency'], max(len(logins), 1))
    client = ghe.client
    client.size_pool(concurrency)
    stopped = threading.Event()

    def until_stopped(step):
        def work(item):
            if stopped.is_set():
                return None
            try:
                return step(item)
            except Stop:
                stopped.set()
                raise
        return work

    reads = run_bounded(until_stopped(lambda login: read_user(client, login, suspend)), logins, concurrency)
    outcomes = [(read[0] if read else None, error) for read, error in reads]
    if stopped.is_set() and not ghe.check_mode:
        outcomes = [(None, error) if entry is not None and entry['changed'] else (entry, error)
                    for entry, error in outcomes]
    elif not stopped.is_set():
        guard(ghe, reads, suspend)
        if not ghe.check_mode:
            outcomes = write_planned(client, outcomes, until_stopped, suspend, params['reason'], concurrency)
    results, bulk, stop = settle(logins, outcomes)
    result = summary(results, bulk)
    if not ghe.module._diff:
        del result['diff']
    settle_ldap(ghe, bulk, result, report_only=True)
    if stop is not None:
        cause = stop.args[0] if stop.args else stop
        if isinstance(cause, ApiError):
            result['api_error'] = cause.as_dict()
        handled = len([entry for entry, error in outcomes if entry is not None])
        ghe.fail('stopped after %d of %d users: %s. %s'
                 % (handled, len(logins), to_text(cause), bulk.describe(ghe.check_mode)), **result)
    if result['failed_users']:
        ghe.fail(failure_message(result, suspend, len(logins), ghe.check_mode), **result)
    settle_ldap(ghe, bulk, result)
    return result


def write_planned(client, outcomes, until_stopped, suspend, reason, concurrency):
    """The writes the reads found due, ``concurrency`` at a time; the outcomes with their results."""
    planned = [entry for entry, error in outcomes if entry is not None and entry['changed']]
    writes = run_bounded(until_stopped(lambda entry: write_user(client, entry, suspend, reason)), planned, concurrency)
    written = dict((entry['login'], outcome) for entry, outcome in zip(planned, writes))
    return [written.get(entry['login'], (entry, error)) if entry is not None else (entry, error)
            for entry, error in outcomes]


def guard(ghe, reads, suspend):
    """Refuse, before any write, to suspend the token's own user or the last unsuspended site administrator, or
    to change more users than max_changes; the refusal names them."""
    due = [read for read, error in reads if read is not None and read[0]['changed']]
    admins = [entry['login'] for entry, site_admin in due if site_admin]
    if suspend and admins:
        own = own_user(ghe.client)
        remaining = admins + ([own['login']] if own['site_admin'] else [])
        refusal = (own_user_refusal(own['login'], admins, 'suspend')
                   or last_admin_refusal(remaining, admins, 'suspend'))
        if refusal:
            ghe.fail(refusal, changed=False, refused=admins)
    refuse_too_many(ghe, [entry['login'] for entry, site_admin in due], 'suspend' if suspend else 'unsuspend')


def validate(ghe):
    params = ghe.params
    problems = [p for p in (login_problem(login) for login in params['users']) if p]
    if problems:
        ghe.fail('users: %s' % '; '.join(problems[:10] + (['...'] if len(problems) > 10 else [])))
    if concurrency_problem(params['concurrency']):
        ghe.fail(concurrency_problem(params['concurrency']))
    if params['reason'] is not None and not params['reason'].strip():
        ghe.fail('reason must not be empty; omit it to let GitHub record the default reason')
    problems = guard_problems(params)
    if problems:
        ghe.fail('; '.join(problems))


def main():
    spec = dict(
        users=dict(type='list', elements='str', required=True),
        state=dict(type='str', choices=['suspended', 'unsuspended'], default='suspended'),
        reason=dict(type='str'),
        concurrency=concurrency_option(),
    )
    spec.update(guard_argument_spec(ldap=True))
    ghe = GheModule(products=('ghes',), argument_spec=spec)
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
