# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the user modules share: the user as the modules return it, API paths."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.six.moves.urllib.parse import quote


def user_path(login, *rest):
    return '/'.join(('users', quote(login, safe='')) + rest)


def admin_user_path(login, *rest):
    return '/'.join(('admin/users', quote(login, safe='')) + rest)


def user_view(data):
    """A user as the modules return it, from any of the API's user shapes; None for no user."""
    if not data:
        return None
    return dict(
        login=data.get('login'),
        id=data.get('id'),
        name=data.get('name'),
        email=data.get('email'),
        site_admin=bool(data.get('site_admin')),
        suspended_at=data.get('suspended_at'),
        ldap_dn=data.get('ldap_dn'),
        html_url=data.get('html_url'),
        created_at=data.get('created_at'),
    )


def is_private_view(data):
    """True when ``data`` is the site-admin view of a user, the only one that tells suspension."""
    return isinstance(data, dict) and 'suspended_at' in data
