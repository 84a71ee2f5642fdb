# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Identity: LDAP distinguished names (parsed and compared as LDAP does), the token's own user, teams by slug."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.six.moves.urllib.parse import quote

# RFC 4514: an attribute type is a descriptor (a letter, then letters, digits, hyphens) or a numeric OID.
_ATTRIBUTE_TYPE = re.compile(r'^(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\.[0-9]+)*)$')
_HEX_PAIR = re.compile(r'^[0-9A-Fa-f]{2}$')
_HEX_STRING = re.compile(r'^#(?:[0-9A-Fa-f]{2})+$')
_SPECIAL = ',+"\\<>;=#'
_WHITESPACE = re.compile(r'\s+')


class DnError(ValueError):
    """A string that does not parse as an LDAP distinguished name; the message says why."""


def _split_unescaped(text, separators):
    """``text`` cut at each separator that is not escaped by a backslash or inside double quotes."""
    parts, current, index, quoted = [], [], 0, False
    while index < len(text):
        char = text[index]
        if char == '\\':
            current.append(text[index:index + 2])
            index += 2
            continue
        if char == '"':
            quoted = not quoted
        elif char in separators and not quoted:
            parts.append(''.join(current))
            current = []
            index += 1
            continue
        current.append(char)
        index += 1
    if quoted:
        raise DnError('a double quote is not closed')
    parts.append(''.join(current))
    return parts


def _unescape(value):
    """The characters an attribute value stands for (escapes resolved, quotes removed)."""
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        value = value[1:-1]
    out, index = bytearray(), 0
    while index < len(value):
        char = value[index]
        if char == '\\':
            pair = value[index + 1:index + 3]
            if _HEX_PAIR.match(pair):
                out.append(int(pair, 16))
                index += 3
                continue
            escaped = value[index + 1:index + 2]
            if not escaped or (escaped not in _SPECIAL and escaped != ' '):
                raise DnError('%r has a backslash that escapes nothing special' % value)
            out.extend(escaped.encode('utf-8'))
            index += 2
            continue
        if char in '<>;' or (char == '"'):
            raise DnError('%r has an unescaped %r' % (value, char))
        out.extend(char.encode('utf-8'))
        index += 1
    try:
        return out.decode('utf-8')
    except UnicodeDecodeError:
        raise DnError('%r escapes bytes that are not UTF-8' % value)


def _ava(text):
    """``(type, value)`` of one ``type=value``."""
    if '=' not in text:
        raise DnError('%r is not attribute=value' % text.strip())
    attribute, value = text.split('=', 1)
    attribute, value = attribute.strip(), value.strip()
    if not _ATTRIBUTE_TYPE.match(attribute):
        raise DnError('%r is not an attribute type' % attribute)
    if _HEX_STRING.match(value):
        return attribute.lower(), value.lower()
    value = _unescape(value)
    if not value:
        raise DnError('%s= has no value' % attribute)
    return attribute.lower(), value


def parse_dn(text):
    """The RDNs of the distinguished name ``text``, each a tuple of ``(type, value)``; raises :class:`DnError`.

    Spaces around separators (``,``, ``+``, ``=``) are not significant; escapes (``\\,``, ``\\2C``) and
    quoted values are understood. An empty DN is refused: it names no entry to map to.
    """
    if not isinstance(text, str) or not text.strip():
        raise DnError('an empty distinguished name')
    rdns = []
    for rdn in _split_unescaped(text.strip(), ',;'):
        if not rdn.strip():
            raise DnError('an empty relative distinguished name (two commas, or one at either end)')
        rdns.append(tuple(_ava(ava) for ava in _split_unescaped(rdn, '+')))
    return rdns


def dn_problem(text):
    """Why ``text`` is not a distinguished name, or None."""
    try:
        parse_dn(text)
    except DnError as exc:
        return str(exc)
    return None


def _comparable(value):
    """caseIgnoreMatch: case and runs of inner spaces do not count."""
    return _WHITESPACE.sub(' ', value.strip()).lower()


def dn_key(text):
    """A canonical form of a DN for comparisons (None for no DN): LDAP compares DNs case-insensitively."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    return tuple(tuple(sorted((attribute, _comparable(value)) for attribute, value in rdn)) for rdn in parse_dn(text))


def same_dn(a, b):
    """True when two DNs name the same entry; a DN that does not parse equals only the same text."""
    try:
        return dn_key(a) == dn_key(b)
    except DnError:
        return (a or '').strip() == (b or '').strip()


# ----------------------------------------------------------------------------- users and teams

def own_user(client):
    """The token's own user (``GET /user``): its ``login`` and whether it is a ``site_admin``."""
    data = client.get('user') or {}
    return dict(login=data.get('login'), site_admin=bool(data.get('site_admin')))


def team_path(organization, team):
    return 'orgs/%s/teams/%s' % (quote(organization, safe=''), quote(team, safe=''))


def ldap_user_path(login, action):
    return 'admin/ldap/users/%s/%s' % (quote(login, safe=''), action)


def ldap_team_path(team_id, action):
    return 'admin/ldap/teams/%d/%s' % (team_id, action)


def unique_logins(logins):
    """``logins`` without repeats (logins are case-insensitive), the first spelling kept."""
    seen, unique = set(), []
    for login in logins:
        if login.lower() not in seen:
            seen.add(login.lower())
            unique.append(login)
    return unique
