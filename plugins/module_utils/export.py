# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""An enterprise's current state in the terms of the variables of the ``ghe.admin.enterprise`` role."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import Counter

from ansible_collections.ghe.admin.plugins.module_utils.manage import is_secret
from ansible_collections.ghe.admin.plugins.module_utils.orgs import profile_name_of
from ansible_collections.ghe.admin.plugins.module_utils.timestamps import format_instant, parse_instant

AREAS = ('announcement', 'global_hooks', 'organizations', 'pre_receive', 'users')
# Read only when asked for (the Manage API, with its own password).
MANAGE_AREAS = ('settings', 'maintenance')
SECRET_VARIABLE = 'vault_ghe_hook_secret_%d'
SETTING_SECRET_VARIABLE = 'vault_ghe_settings_%s'


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


def identity_vars(users):
    """From site-admin views of users: ``(site_admins, ldap_mappings)``, the logins of the site administrators and
    ``[{login, ldap_dn}]`` of the users mapped to an LDAP entry, each sorted by login."""
    ordered = sorted(users, key=lambda user: user['login'].lower())
    return ([user['login'] for user in ordered if user.get('site_admin')],
            [dict(login=user['login'], ldap_dn=user['ldap_dn']) for user in ordered if user.get('ldap_dn')])


def is_user_account(item):
    """``GET /users`` lists organizations too; True for a user."""
    return (item.get('type') or 'User') == 'User'


def pre_receive_environment_vars(environments):
    """``ghe_pre_receive_environments`` entries from environments in the terms of ``prereceive.environment_view``,
    by name; GitHub's default environment is left out (it cannot be managed)."""
    return [dict(name=env['name'], image_url=env['image_url'])
            for env in sorted(environments, key=lambda env: env['name'].lower()) if not env['default_environment']]


def pre_receive_hook_vars(hooks, org_enforcement):
    """``ghe_pre_receive_hooks`` entries from hooks in the terms of ``prereceive.hook_view``, by name, each with the
    organizations that override it. ``org_enforcement`` maps an organization's login to its
    ``prereceive.org_enforcement_view`` list."""
    entries = []
    for hook in sorted(hooks, key=lambda hook: hook['name'].lower()):
        entry = dict((key, hook[key]) for key in ('name', 'script', 'script_repository', 'environment', 'enforcement',
                                                  'allow_downstream_configuration'))
        overrides = [dict(organization=login, enforcement=view['enforcement'],
                          allow_downstream_configuration=view['allow_downstream_configuration'])
                     for login in sorted(org_enforcement, key=str.lower)
                     for view in org_enforcement[login] if view['id'] == hook['id'] and view['overridden']]
        if overrides:
            entry['organizations'] = overrides
        entries.append(entry)
    return entries


def settings_vars(current, keys):
    """``(ghe_settings, secrets)`` from ``GET /manage/v1/config/settings``: the values of the dotted ``keys`` (a key
    naming an object exports all of it), and ``[{name, variable}]`` for the write-only settings among them, which
    are left out of ``ghe_settings`` (the API never returns their values)."""
    exported, secrets = {}, []
    for key in keys:
        path = tuple(part for part in str(key).split('.') if part)
        value = current
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if not path or (value is None and not is_secret(path) and not _has_path(current, path)):
            continue
        _put(exported, secrets, path, value)
    return exported, sorted(secrets, key=lambda item: item['name'])


def _has_path(tree, path):
    for part in path:
        if not isinstance(tree, dict) or part not in tree:
            return False
        tree = tree[part]
    return True


def _put(exported, secrets, path, value):
    if is_secret(path):
        name = '.'.join(path)
        if name not in [item['name'] for item in secrets]:
            secrets.append(dict(name=name, variable=SETTING_SECRET_VARIABLE % name.replace('.', '_')))
        return
    if isinstance(value, dict):
        for key in sorted(value):
            _put(exported, secrets, path + (key,), value[key])
        return
    target = exported
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


def maintenance_vars(nodes):
    """``ghe_maintenance`` from ``GET /manage/v1/maintenance``: on (or scheduled) when any node is, with the first
    such node's schedule, exception list and message; else off."""
    active = [node for node in nodes or [] if node.get('status') in ('on', 'scheduled')]
    if not active:
        return dict(enabled=False)
    node = next((node for node in active if node.get('status') == 'on'), active[0])
    result = dict(enabled=True, ip_exception_list=sorted(node.get('ip_exception_list') or []),
                  maintenance_message=node.get('maintenance_mode_message') or '')
    if node.get('status') == 'scheduled' and node.get('scheduled_time'):
        result['when'] = format_instant(parse_instant(node['scheduled_time']))
    return result
