# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""GitHub logins (users and organizations): what the API accepts, and how it compares them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

MAX_LOGIN = 39
# An existing account: letters, digits, hyphens (and underscores, which some identity providers keep).
_EXISTING_LOGIN = re.compile(r'^[A-Za-z0-9][A-Za-z0-9_-]*$')
# A login the API keeps as it is when creating or renaming (it rewrites anything else).
_NEW_LOGIN = re.compile(r'^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$')


def login_problem(login, new=False):
    """Why ``login`` cannot be a GitHub login (``new``: one the API would create unchanged), or None."""
    if not isinstance(login, str) or not login.strip():
        return 'an empty login'
    if len(login) > MAX_LOGIN:
        return '%r is longer than %d characters' % (login, MAX_LOGIN)
    if new and not _NEW_LOGIN.match(login):
        normalized = re.sub(r'[^A-Za-z0-9]+', '-', login).strip('-')
        return ('%r is not a login GitHub keeps as it is (only letters, digits and single hyphens, not at '
                'either end)%s' % (login, '; it would become %r' % normalized if normalized else ''))
    if not _EXISTING_LOGIN.match(login):
        return '%r is not a GitHub login (letters, digits, hyphens and underscores)' % login
    return None


def same_login(a, b):
    """GitHub logins are case-insensitive."""
    return (a or '').lower() == (b or '').lower()
