# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the bulk modules share: bounded concurrency, and one outcome for many items.

Every item of a bulk task ends in exactly one group: done (changed, or would be in check mode), unchanged (already
as wanted), failed (with GitHub's reason), or not attempted (the task stopped before reaching it).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

DONE = 'done'
UNCHANGED = 'unchanged'
FAILED = 'failed'
NOT_ATTEMPTED = 'not_attempted'
# Refused because LDAP Sync manages the account: listed apart from failures (see guardrails.py).
LDAP_MANAGED = 'managed_by_ldap'
SHOWN = 10
# How many requests a bulk task has in flight at once: the default of every ``concurrency`` option, and its bound.
DEFAULT_CONCURRENCY = 8
MAX_CONCURRENCY = 32


def concurrency_option():
    """The argument spec of the ``concurrency`` option of the modules that send one request per item."""
    return dict(type='int', default=DEFAULT_CONCURRENCY)


def concurrency_problem(value):
    """Why ``value`` cannot be the ``concurrency`` option, or None."""
    if not 1 <= value <= MAX_CONCURRENCY:
        return 'concurrency must be between 1 and %d, got %s' % (MAX_CONCURRENCY, value)
    return None


def run_bounded(work, items, concurrency):
    """``work(item)`` for every item, ``concurrency`` at a time; ``[(value, exception), ...]`` in item order."""
    def attempt(item):
        try:
            return work(item), None
        except Exception as exc:  # pylint: disable=broad-except
            return None, exc

    if concurrency <= 1 or len(items) <= 1:
        return [attempt(item) for item in items]
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(attempt, items))


def _listed(items):
    shown = ', '.join(str(item) for item in items[:SHOWN])
    return shown + (', and %d more' % (len(items) - SHOWN) if len(items) > SHOWN else '')


class BulkOutcome:
    """Which group each of ``items`` (logins, ids, ...) ended in; an item not settled is not attempted."""

    def __init__(self, items, key='item'):
        self.items = list(items)
        self.key = key
        self._settled = {}

    def done(self, item):
        self._settled[item] = (DONE, None, None)

    def unchanged(self, item):
        self._settled[item] = (UNCHANGED, None, None)

    def failed(self, item, reason, status=None):
        self._settled[item] = (FAILED, reason, status)

    def managed_by_ldap(self, item, reason, status=None):
        self._settled[item] = (LDAP_MANAGED, reason, status)

    def group_of(self, item):
        return self._settled.get(item, (NOT_ATTEMPTED,))[0]

    def reason_of(self, item):
        return self._settled.get(item, (None, None))[1]

    def in_group(self, group):
        return [item for item in self.items if self.group_of(item) == group]

    @property
    def changed(self):
        return bool(self.in_group(DONE))

    def failures(self):
        """``[{key: item, 'status': HTTP status or None, 'reason': GitHub's reason}]``."""
        return [{self.key: item, 'status': self._settled[item][2], 'reason': self._settled[item][1]}
                for item in self.in_group(FAILED)]

    def as_dict(self):
        """The result key ``outcome`` every bulk module returns."""
        groups = {DONE: self.in_group(DONE), UNCHANGED: self.in_group(UNCHANGED), FAILED: self.failures(),
                  NOT_ATTEMPTED: self.in_group(NOT_ATTEMPTED)}
        if self.in_group(LDAP_MANAGED):
            groups[LDAP_MANAGED] = self.in_group(LDAP_MANAGED)
        return groups

    def describe(self, check_mode=False):
        """The groups in a sentence for an error message, e.g. ``done: alice; failed: bob (HTTP 500 ...); ...``."""
        parts = []
        for group, label in ((DONE, 'would be done' if check_mode else 'done'), (UNCHANGED, 'unchanged')):
            if self.in_group(group):
                parts.append('%s: %s' % (label, _listed(self.in_group(group))))
        if self.in_group(FAILED):
            failed = self.in_group(FAILED)
            more = ['and %d more' % (len(failed) - SHOWN)] if len(failed) > SHOWN else []
            shown = ['%s (%s)' % (item, self.reason_of(item)) for item in failed[:SHOWN]]
            parts.append('failed: %s' % '; '.join(shown + more))
        if self.in_group(LDAP_MANAGED):
            parts.append('managed by LDAP: %s' % _listed(self.in_group(LDAP_MANAGED)))
        if self.in_group(NOT_ATTEMPTED):
            parts.append('not attempted: %s' % _listed(self.in_group(NOT_ATTEMPTED)))
        return '. '.join(parts)
