# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""An enterprise's current state in the terms of the variables of the ``ghe.admin.enterprise`` role."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import Counter

from ansible_collections.ghe.admin.plugins.module_utils.orgs import profile_name_of
from ansible_collections.ghe.admin.plugins.module_utils.timestamps import format_instant, parse_instant

AREAS = ('announcement', 'global_hooks', 'organizations', 'users')
SECRET_VARIABLE = 'vault_ghe_hook_secret_%d'


def announcement_vars(data):
    """``ghe_announcement`` from ``GET /enterprise/announcement``; None (remove the banner) when there is none.

    An expiry of never is ``''``, so that a banner that gets an expiry later is a difference.
    """
    data = data or {}
    text = data.get('announcement')
    if not text:
        return None
    return dict(text=text, expires_at=format_instant(parse_instant(data.get('expires_at'))) or '',
                user_dismissible=bool(data.get('user_dismissible')))


def hook_vars(hooks):
    """``ghe_global_hooks`` entries from hooks in the terms of ``hooks.hook_from_api``, by id.

    Every setting is written out, so any later change is a difference. A hook is identified by its URL;
    hooks that share a URL also get their ``id`` (the role cannot tell them apart otherwise). Secrets are
    never readable: see :func:`secret_placeholders`.
    """
    shared = Counter(hook['url'] for hook in hooks)
    entries = []
    for hook in sorted(hooks, key=lambda hook: hook['id']):
        entry = dict(url=hook['url'], events=sorted(hook['events']), content_type=hook['content_type'],
                     insecure_ssl=hook['insecure_ssl'], active=hook['active'])
        if shared[hook['url']] > 1:
            entry = dict(id=hook['id'], **entry)
        entries.append(entry)
    return entries


def secret_placeholders(hooks):
    """The hooks that have a secret, each with the vault variable the export suggests for it."""
    return [dict(id=hook['id'], url=hook['url'], variable=SECRET_VARIABLE % hook['id'])
            for hook in sorted(hooks, key=lambda hook: hook['id']) if hook['secret']]


def org_vars(orgs):
    """``ghe_organizations`` entries from ``GET /orgs/{org}`` answers, by login; no display name is ``''``."""
    return [dict(name=org['login'], profile_name=profile_name_of(org) or '')
            for org in sorted(orgs, key=lambda org: org['login'].lower())]


def user_vars(users):
    """Logins from site-admin views of users: ``(suspended, unsuspended, ldap_suspended)``, each sorted.

    LDAP-managed users (those with an ``ldap_dn``) are left out of the first two: the API can neither
    suspend nor unsuspend them, LDAP sync does.
    """
    suspended, unsuspended, ldap_suspended = [], [], []
    for user in users:
        if user.get('ldap_dn'):
            if user.get('suspended_at'):
                ldap_suspended.append(user['login'])
        elif user.get('suspended_at'):
            suspended.append(user['login'])
        else:
            unsuspended.append(user['login'])
    return tuple(sorted(logins, key=str.lower) for logins in (suspended, unsuspended, ldap_suspended))


def is_user_account(item):
    """``GET /users`` lists organizations too; True for a user."""
    return (item.get('type') or 'User') == 'User'
