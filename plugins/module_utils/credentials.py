# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Admin SSH keys and personal access tokens: listing filters, and deletion by ids with per-id results."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
import hashlib
from datetime import timedelta

from ansible_collections.ghe.admin.plugins.module_utils.bulk import (
    DONE,
    FAILED,
    NOT_ATTEMPTED,
    UNCHANGED,
    BulkOutcome,
)
from ansible_collections.ghe.admin.plugins.module_utils.client import api_reason
from ansible_collections.ghe.admin.plugins.module_utils.timestamps import format_instant, parse_instant

KEYS_PATH = 'admin/keys'
TOKENS_PATH = 'admin/tokens'


def common_filter_spec():
    """Options both listings filter on."""
    return dict(
        ids=dict(type='list', elements='int'),
        users=dict(type='list', elements='str', aliases=['user']),
        created_before=dict(type='str'),
        older_than_days=dict(type='int'),
    )


def deletion_spec():
    return dict(
        ids=dict(type='list', elements='int', required=True),
        state=dict(type='str', choices=['absent'], default='absent'),
    )


def unique(values):
    """``values`` without repeats, in the order they first appear."""
    seen = set()
    result = []
    for value in values or []:
        if value not in seen:
            seen.add(value)
            result.append(value)
    return result


def check_ids(ids, option='ids'):
    """Error messages for ids that cannot name a key or token."""
    return ['%s[%d] must be a positive integer, got %s' % (option, index, value)
            for index, value in enumerate(ids or []) if value is None or value <= 0]


def check_filters(params):
    """Error messages for the common filter options."""
    problems = check_ids(params.get('ids'))
    problems += ['users[%d] must be a login, got %r' % (index, login)
                 for index, login in enumerate(params.get('users') or [])
                 if not login or login.strip() != login or '/' in login]
    return problems


def cutoff(params, instant_option, days_option, now):
    """The strictest limit of an ISO 8601 option and an "N days ago" option, or None when neither is set.

    Raises ``ValueError`` naming the option for a bad value.
    """
    limits = []
    if params.get(instant_option) is not None:
        try:
            limit = parse_instant(params[instant_option])
        except ValueError as exc:
            raise ValueError('%s: %s' % (instant_option, exc))
        if limit is None:
            raise ValueError('%s must be an ISO 8601 timestamp such as 2030-01-31T18:00:00Z, got an empty value'
                             % instant_option)
        limits.append(limit)
    days = params.get(days_option) if days_option else None
    if days is not None:
        if days < 0:
            raise ValueError('%s must be 0 or more, got %s' % (days_option, days))
        limits.append(now - timedelta(days=days))
    return min(limits) if limits else None


def before(text, limit):
    """True when the instant ``text`` is earlier than ``limit``; an unknown instant is not."""
    if limit is None:
        return True
    moment = _instant(text)
    return moment is not None and moment < limit


def not_since(text, limit):
    """True when ``text`` (a last-use instant) is earlier than ``limit`` or unknown (never used)."""
    if limit is None:
        return True
    moment = _instant(text)
    return moment is None or moment < limit


def iso(text):
    return format_instant(_instant(text))


def _instant(text):
    try:
        return parse_instant(text)
    except ValueError:
        return None


def ssh_fingerprint(key):
    """OpenSSH's ``SHA256:...`` fingerprint of a public key line (or its base64 part); None if unreadable."""
    for part in (key or '').split():
        try:
            blob = base64.b64decode(part, validate=True)
        except (binascii.Error, ValueError):
            continue
        if len(blob) > 11:
            digest = base64.b64encode(hashlib.sha256(blob).digest()).decode('ascii').rstrip('=')
            return 'SHA256:' + digest
    return None


def token_hashes(token):
    """The forms GitHub's ``hashed_token`` may take for ``token``: SHA-256 as hex and as base64."""
    if not token:
        return frozenset()
    digest = hashlib.sha256(token.encode('utf-8')).digest()
    return frozenset((binascii.hexlify(digest).decode('ascii'), base64.b64encode(digest).decode('ascii')))


def key_summary(key):
    """A ``public-key-full`` item in the module's terms."""
    return dict(
        id=key.get('id'),
        title=key.get('title'),
        kind='deploy' if key.get('repository_id') is not None else 'user',
        user_id=key.get('user_id'),
        repository_id=key.get('repository_id'),
        key=key.get('key'),
        fingerprint=ssh_fingerprint(key.get('key')),
        read_only=key.get('read_only'),
        verified=key.get('verified'),
        enabled=key.get('enabled'),
        added_by=key.get('added_by'),
        created_at=iso(key.get('created_at')),
        last_used=iso(key.get('last_used')),
        url=key.get('url'),
    )


def token_summary(token, own_hashes=frozenset()):
    """An ``authorization`` item in the module's terms: never the token value (the listing's is empty)."""
    user = token.get('user') or {}
    return dict(
        id=token.get('id'),
        user=user.get('login'),
        note=token.get('note'),
        note_url=token.get('note_url'),
        scopes=list(token.get('scopes') or []),
        app=token.get('app'),
        token_last_eight=token.get('token_last_eight'),
        hashed_token=token.get('hashed_token'),
        fingerprint=token.get('fingerprint'),
        created_at=iso(token.get('created_at')),
        updated_at=iso(token.get('updated_at')),
        expires_at=iso(token.get('expires_at')),
        url=token.get('url'),
        in_use=bool(token.get('hashed_token')) and token.get('hashed_token') in own_hashes,
    )


STATUS_OF_GROUP = {DONE: 'deleted', UNCHANGED: 'absent', FAILED: 'failed', NOT_ATTEMPTED: 'pending'}


class Deletion:
    """Per-id outcome of deleting ``ids`` among ``existing`` (id -> summary), as a bulk outcome.

    Deleted ids are done, ids that do not exist are unchanged (status ``absent``), refused ones failed with
    GitHub's reason, and ids never reached are not attempted.
    """

    def __init__(self, ids, existing):
        self.ids = unique(ids)
        self.existing = existing
        self.bulk = BulkOutcome(self.ids, key='id')
        for item_id in self.ids:
            if item_id not in existing:
                self.bulk.unchanged(item_id)

    @property
    def pending(self):
        return self.bulk.in_group(NOT_ATTEMPTED)

    def deleted(self, item_id):
        self.bulk.done(item_id)

    def settle(self, item_id, error):
        """Record a failed DELETE: gone meanwhile (404) is absent, anything else failed with GitHub's reason."""
        if error.status == 404:
            self.bulk.unchanged(item_id)
        else:
            self.bulk.failed(item_id, api_reason(error), error.status)

    def refuse(self, item_id, reason, status=None):
        """Record an id known to fail (check mode tells what the real run would do)."""
        self.bulk.failed(item_id, reason, status)

    def assume_deleted(self):
        for item_id in self.pending:
            self.deleted(item_id)

    def ids_with(self, status):
        return [item_id for item_id in self.ids if STATUS_OF_GROUP[self.bulk.group_of(item_id)] == status]

    def results(self):
        results = []
        for item_id in self.ids:
            item = dict(self.existing.get(item_id) or {'id': item_id})
            item['status'] = STATUS_OF_GROUP[self.bulk.group_of(item_id)]
            if self.bulk.reason_of(item_id):
                item['reason'] = self.bulk.reason_of(item_id)
            results.append(item)
        return results

    def report(self, ghe, noun, list_key, brief):
        """The module result; fails the task naming each id that could not be deleted, after the others.

        In check mode the result and the failure are what the real run would report.
        """
        check_mode = getattr(ghe, 'check_mode', False)
        deleted = self.ids_with('deleted')
        failed = self.ids_with('failed')
        result = dict(
            changed=bool(deleted),
            results=self.results(),
            deleted=deleted,
            absent=self.ids_with('absent'),
            failures=[dict(id=item_id, reason=self.bulk.reason_of(item_id)) for item_id in failed],
            outcome=self.bulk.as_dict(),
        )
        if ghe.module._diff:
            present = [item_id for item_id in self.ids if item_id in self.existing]
            result['diff'] = dict(
                before={list_key: [brief(self.existing[i]) for i in present]},
                after={list_key: [brief(self.existing[i]) for i in present if i not in deleted]})
        if failed:
            reasons = '; '.join('%s: %s' % (item_id, self.bulk.reason_of(item_id)) for item_id in failed)
            done = ', '.join(str(i) for i in deleted) or 'none'
            if check_mode:
                ghe.fail('%d of %d %s would not be deleted (%s); would delete %s. Check mode sent no write request'
                         % (len(failed), len(self.ids), noun, reasons, done), **result)
            ghe.fail('%d of %d %s could not be deleted (%s); deleted %s. Running the task again retries only those '
                     'still there' % (len(failed), len(self.ids), noun, reasons, done), **result)
        return result
