# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Guardrails every bulk module shares, each checked before the first write.

- ``max_changes``: a run that would change more items than that is refused, naming the count and the first items
  (a typo in an inventory must not suspend a thousand people).
- The token's own user and the last site administrator: a run that would demote or suspend them is refused, naming
  the users.
- Users whose account LDAP Sync manages (GitHub answers 403 and says LDAP) are not failures: they are listed apart,
  with what to do, and fail the task only with ``fail_on_ldap: true``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

from ansible_collections.ghe.admin.plugins.module_utils.bulk import run_bounded
from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError, api_reason

SHOWN = 10

LDAP_ADVICE = ('LDAP Sync manages these accounts, so GitHub refuses to change them through the API: change them in '
               'the directory (or the LDAP group that grants the right) and let the next LDAP sync apply it, or queue '
               'a sync with ghe.admin.ldap_sync')


def guard_argument_spec(ldap=False):
    """``max_changes`` (every bulk module) and, where LDAP may manage an item, ``fail_on_ldap``."""
    spec = dict(max_changes=dict(type='int'))
    if ldap:
        spec['fail_on_ldap'] = dict(type='bool', default=False)
    return spec


def guard_problems(params):
    """What is wrong with the guardrail options, before any request."""
    limit = params.get('max_changes')
    if limit is not None and limit < 0:
        return ['max_changes must be 0 or more (omit it for no limit), got %s' % limit]
    return []


def listed(items, shown=SHOWN):
    """``a, b, c, and 7 more``."""
    items = [str(item) for item in items]
    text = ', '.join(items[:shown])
    return text + (', and %d more' % (len(items) - shown) if len(items) > shown else '')


def too_many(max_changes, changes, verb):
    """The refusal when ``changes`` (the items that would change) are more than ``max_changes``, else None."""
    if max_changes is None or len(changes) <= max_changes:
        return None
    return ('refusing to %s %d items, more than max_changes (%d): %s. Nothing was changed; check the list, or raise '
            'max_changes if this many is meant' % (verb, len(changes), max_changes, listed(changes)))


def refuse_too_many(ghe, changes, verb, **result):
    """Fail the task, before any write, when ``changes`` are more than the ``max_changes`` option allows."""
    refusal = too_many(ghe.params.get('max_changes'), changes, verb)
    if refusal:
        ghe.fail(refusal, changed=False, refused=list(changes), **result)


def own_user_refusal(own_login, logins, verb):
    """The refusal when ``logins`` include the token's own user, else None."""
    own = [login for login in logins if own_login and login.lower() == own_login.lower()]
    if not own:
        return None
    return ('refusing to %s %s: it is the token\'s own user (%s). Nothing was changed; remove it from the list, or run '
            'the task with another site administrator\'s token' % (verb, own[0], own_login))


def last_admin_refusal(admins, removed, verb):
    """The refusal when removing ``removed`` from the site administrators ``admins`` leaves none, else None."""
    gone = set(login.lower() for login in removed)
    if not admins or any(login.lower() not in gone for login in admins):
        return None
    return ('refusing to %s %s: no site administrator would be left on the instance. Nothing was changed; keep at '
            'least one of them, or promote another user first' % (verb, listed(sorted(admins))))


def is_ldap_managed(error):
    """True when GitHub refused an item because LDAP Sync manages it (HTTP 403 saying LDAP)."""
    return is_ldap_refusal(getattr(error, 'status', None), getattr(error, 'message', None))


def is_ldap_refusal(status, message):
    """The same from an answer's status and GitHub's message."""
    return status == 403 and 'ldap' in (message or '').lower()


def ldap_managed_entries(bulk):
    """``[{key: item, 'reason': GitHub's reason}]`` for the items of ``bulk`` that LDAP manages."""
    return [{bulk.key: item, 'reason': bulk.reason_of(item)} for item in bulk.in_group('managed_by_ldap')]


def settle_ldap(ghe, bulk, result, report_only=False):
    """Report the LDAP-managed items of ``bulk`` in ``result`` (the module result: keys ``ldap_managed`` and
    ``ldap_advice``); unless ``report_only``, also a warning naming them and what to do, or with ``fail_on_ldap``
    a failed task."""
    managed = ldap_managed_entries(bulk)
    result['ldap_managed'] = managed
    result['ldap_advice'] = LDAP_ADVICE if managed else None
    if not managed or report_only:
        return
    names = listed([entry[bulk.key] for entry in managed])
    if ghe.params.get('fail_on_ldap'):
        ghe.fail('%d managed by LDAP (fail_on_ldap is true): %s. %s' % (len(managed), names, LDAP_ADVICE), **result)
    ghe.warn('%d managed by LDAP, left as they are: %s. %s' % (len(managed), names, LDAP_ADVICE))


# ----------------------------------------------------------------------------- two phases: read all, then write

class Stop(Exception):
    """A problem that is not about one item (a wrong token, a server failure): every further request would fail."""


def not_found_only(error):
    """For reads: only a 404 is about the item (an unknown login); anything else stops the run."""
    return error.status == 404


def refused_item(error):
    """For writes: GitHub refused this one item (403, 404, 422), unless it is a rate limit."""
    text = ('%s %s' % (error.message or '', error.reason or '')).lower()
    return error.status in (403, 404, 422) and 'rate limit' not in text


def item_reason(error):
    if error.status == 404 and error.method == 'GET':
        return 'no such user'
    return 'HTTP %s: %s' % (error.status, error.message or 'no details')


def run_phase(work, items, concurrency, bulk, about_item):
    """``work(item)`` for each of ``items``, ``concurrency`` at a time, until an error stops the run.

    Returns ``({item: value}, stop)``. An :class:`ApiError` that ``about_item(error)`` says is about that item
    settles the item in ``bulk`` (failed with GitHub's reason, or managed by LDAP); any other error, or a
    :class:`Stop`, is ``stop``: the item it happened on failed, items not started yet stay not attempted.
    """
    stopped = threading.Event()

    def attempt(item):
        if stopped.is_set():
            return None
        try:
            return work(item)
        except ApiError as error:
            if about_item(error):
                return error
            stopped.set()
            raise
        except Stop:
            stopped.set()
            raise

    values, stop = {}, None
    for item, (value, error) in zip(items, run_bounded(attempt, items, concurrency)):
        if isinstance(value, ApiError):
            settle_refusal(bulk, item, value)
        elif error is not None:
            if not isinstance(error, (ApiError, Stop)):
                raise error
            stop = stop or error
            bulk.failed(item, stop_reason(error), getattr(error, 'status', None))
        elif value is not None:
            values[item] = value
    return values, stop


def settle_refusal(bulk, item, error):
    if is_ldap_managed(error):
        bulk.managed_by_ldap(item, item_reason(error), error.status)
    else:
        bulk.failed(item, item_reason(error), error.status)


def stop_reason(error):
    if isinstance(error, ApiError):
        return api_reason(error)
    return '%s' % error


def fail_stopped(ghe, stop, bulk, total, noun, **result):
    """Fail the task for the error that stopped it, reporting every item's group."""
    if isinstance(stop, ApiError):
        result['api_error'] = stop.as_dict()
    handled = total - len(bulk.in_group('not_attempted'))
    ghe.fail('stopped after %d of %d %s: %s. %s' % (handled, total, noun, stop, bulk.describe(ghe.check_mode)),
             **result)
