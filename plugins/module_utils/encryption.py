# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Encryption at rest: key validation in pure Python, the API's state, and its status URLs (the job kinds
are in jobs.py).

Nothing here ever puts key material into a message.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
import re

from ansible.module_utils.six.moves.urllib.parse import urlsplit

from ansible_collections.ghe.admin.plugins.module_utils.client import normalize_api_url
from ansible_collections.ghe.admin.plugins.module_utils.timestamps import format_instant, parse_instant, utcnow

PATH = 'enterprise/encryption'
STATUS_PATH = 'enterprise/encryption/status/%s'
KEY_BITS = 2048
VERSIONS = ('primary_key_version', 'replica_key_version', 'backup_key_version')
REQUEST_ID = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$')

_PEM = re.compile(r'-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END ([A-Z0-9 ]+)-----', re.S)
_RSA_OID = b'\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01'
_OTHER_ALGORITHMS = {
    b'\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a': 'an RSA-PSS key (restricted to signatures)',
    b'\x2a\x86\x48\xce\x3d\x02\x01': 'an EC key',
    b'\x2a\x86\x48\xce\x38\x04\x01': 'a DSA key',
    b'\x2b\x65\x6e': 'an X25519 key',
    b'\x2b\x65\x6f': 'an X448 key',
    b'\x2b\x65\x70': 'an Ed25519 key',
    b'\x2b\x65\x71': 'an Ed448 key',
}
_OTHER_LABELS = {
    'EC PRIVATE KEY': 'is an EC private key',
    'DSA PRIVATE KEY': 'is a DSA private key',
    'OPENSSH PRIVATE KEY': 'is in OpenSSH format; convert it with ssh-keygen -p -m PEM, or use a PEM RSA key',
    'ENCRYPTED PRIVATE KEY': 'is encrypted with a passphrase; give the decrypted key (protect it with Ansible Vault)',
}


class InvalidKey(ValueError):
    """The key is not a PEM 2048-bit RSA private key; the message says why and never quotes the key."""


def validate_key(text):
    """Return ``text`` as one PEM block (stripped, newline-terminated) when it is a 2048-bit RSA private key.

    PKCS#1 (``RSA PRIVATE KEY``) and unencrypted PKCS#8 (``PRIVATE KEY``) are accepted; anything else
    raises :class:`InvalidKey`.
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidKey('is empty')
    text = text.strip()
    blocks = _PEM.findall(text)
    if not blocks:
        raise InvalidKey('is not in PEM format (no -----BEGIN ...----- / -----END ...----- block)')
    if len(blocks) > 1:
        raise InvalidKey('holds %d PEM blocks; give the private key alone' % len(blocks))
    label, body, end_label = blocks[0]
    if label != end_label:
        raise InvalidKey('is not valid PEM: it begins with %s and ends with %s' % (label, end_label))
    if not (text.startswith('-----BEGIN') and text.endswith('-----')):
        raise InvalidKey('has text around its PEM block; give the private key alone')
    if label in _OTHER_LABELS:
        raise InvalidKey(_OTHER_LABELS[label])
    if label not in ('RSA PRIVATE KEY', 'PRIVATE KEY'):
        raise InvalidKey('is a PEM %s, not an RSA private key' % label)
    if ':' in body:
        raise InvalidKey('is encrypted with a passphrase (it has PEM headers); give the decrypted key '
                         '(protect it with Ansible Vault)')
    try:
        der = base64.b64decode(''.join(body.split()), validate=True)
    except (binascii.Error, ValueError):
        raise InvalidKey('is not valid PEM: its body is not base64')
    if label == 'PRIVATE KEY':
        der = _pkcs8_rsa_key(der)
    bits = _rsa_modulus_bits(der)
    if bits != KEY_BITS:
        raise InvalidKey('is a %d bit RSA key; encryption at rest needs exactly %d bits' % (bits, KEY_BITS))
    return text + '\n'


def key_fragments(text):
    """What to register with ``client.add_secret`` so no part of the key can reach an error."""
    fragments = [text, (text or '').strip()]
    for label, body, dummy in _PEM.findall(text or ''):
        fragments.append(''.join(body.split()))
        fragments.extend(line.strip() for line in body.splitlines() if len(line.strip()) >= 16)
    return [f for f in fragments if f]


def _der(data, pos=0):
    """``(tag, content, end)`` of the DER element starting at ``pos``."""
    if pos + 2 > len(data):
        raise InvalidKey('is not a valid key: its DER structure is truncated')
    tag, length = data[pos], data[pos + 1]
    pos += 2
    if length & 0x80:
        size = length & 0x7f
        if size == 0 or size > 4 or pos + size > len(data):
            raise InvalidKey('is not a valid key: bad DER length')
        length = int.from_bytes(data[pos:pos + size], 'big')
        pos += size
    if pos + length > len(data):
        raise InvalidKey('is not a valid key: its DER structure is truncated')
    return tag, data[pos:pos + length], pos + length


def _sequence(data):
    """The elements ``(tag, content)`` of ``data``, which must be exactly one DER SEQUENCE."""
    tag, content, end = _der(data)
    if tag != 0x30 or end != len(data):
        raise InvalidKey('is not a valid key: it is not one DER SEQUENCE')
    return _elements(content)


def _elements(content):
    items, pos = [], 0
    while pos < len(content):
        tag, value, pos = _der(content, pos)
        items.append((tag, value))
    return items


def _pkcs8_rsa_key(der):
    items = _sequence(der)
    if len(items) < 3 or items[0][0] != 0x02 or items[1][0] != 0x30 or items[2][0] != 0x04:
        raise InvalidKey('is not a valid PKCS#8 private key')
    algorithm = _elements(items[1][1])
    if not algorithm or algorithm[0][0] != 0x06:
        raise InvalidKey('is not a valid PKCS#8 private key (no algorithm)')
    oid = algorithm[0][1]
    if oid != _RSA_OID:
        raise InvalidKey('is %s, not an RSA key' % _OTHER_ALGORITHMS.get(oid, 'a key of another algorithm'))
    return items[2][1]


def _rsa_modulus_bits(der):
    items = _sequence(der)
    if len(items) < 9 or any(tag != 0x02 for tag, dummy in items[:9]):
        raise InvalidKey('is not a valid RSA private key (PKCS#1 structure expected)')
    version, modulus, prime1, prime2 = (int.from_bytes(items[i][1], 'big') for i in (0, 1, 4, 5))
    if version == 0 and modulus != prime1 * prime2:
        raise InvalidKey('is not a consistent RSA private key (its modulus is not the product of its primes)')
    return modulus.bit_length()


def api_host(api_url):
    """The host ``confirm`` must name: the lowercase host name of ``api_url``, with ``:PORT`` when it has one."""
    parts = urlsplit(normalize_api_url(api_url))
    host = parts.hostname
    if ':' in host:
        host = '[%s]' % host
    return host if parts.port is None else '%s:%d' % (host, parts.port)


def _instant_or_none(text):
    try:
        return parse_instant(text)
    except ValueError:
        return None


def encryption_state(data, now=None):
    """The API's answer in the modules' terms: ``enabled``, ``updated_at`` (UTC), ``age_days`` and the versions."""
    data = data or {}
    state = dict((name, data.get(name)) for name in VERSIONS)
    state['enabled'] = any(state.values()) or bool(data.get('updated_at'))
    updated = _instant_or_none(data.get('updated_at'))
    state['updated_at'] = format_instant(updated) if updated else data.get('updated_at')
    state['age_days'] = None
    if updated is not None:
        state['age_days'] = max(0, int(((now or utcnow()) - updated).total_seconds() // 86400))
    return state


DISABLED = encryption_state(None)


def rotation_reason(data, force, max_age_days, now=None):
    """``(rotate, reason)``: whether ``present`` must upload the key, and why, in a sentence."""
    current = encryption_state(data, now)
    if not current['enabled']:
        return True, 'encryption at rest is not enabled'
    if force:
        return True, 'force is true'
    if max_age_days is None:
        return False, ('encryption at rest is enabled and neither force nor max_age_days asks for a new key '
                       '(the API cannot tell which key is in use)')
    updated = _instant_or_none(data.get('updated_at'))
    if updated is None:
        return True, 'the age of the current key is unknown (the API gave no updated_at)'
    age = ((now or utcnow()) - updated).total_seconds() / 86400.0
    if age > max_age_days:
        return True, 'the current key was set %.1f days ago, more than max_age_days (%d)' % (age, max_age_days)
    return False, 'the current key was set %.1f days ago, within max_age_days (%d)' % (age, max_age_days)


def job_status(client, request_id):
    """The status of an encryption job: ``dict(request_id, result, error)``."""
    data = client.get(STATUS_PATH % request_id) or {}
    return dict(request_id=request_id, result=data.get('result'), error=data.get('error'))
