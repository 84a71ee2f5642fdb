# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
from datetime import datetime, timezone

import pytest

from ansible_collections.ghe.admin.plugins.module_utils import encryption
from ansible_collections.ghe.admin.plugins.module_utils.client import Client
from ansible_collections.ghe.admin.plugins.module_utils.encryption import InvalidKey, validate_key
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import FakeSession, response

serialization = pytest.importorskip('cryptography.hazmat.primitives.serialization')
asymmetric = pytest.importorskip('cryptography.hazmat.primitives.asymmetric')

API = 'https://ghe.example.com/api/v3'
NOW = datetime(2030, 6, 1, 12, 0, 0, tzinfo=timezone.utc)
ENABLED = {'updated_at': '2030-01-01T00:00:00.000Z', 'primary_key_version': 'p1',
           'replica_key_version': 'r1', 'backup_key_version': 'b1'}
DISABLED = dict.fromkeys(('updated_at', 'primary_key_version', 'replica_key_version', 'backup_key_version'))


def pem(key, pkcs1=False, password=None):
    fmt = serialization.PrivateFormat.TraditionalOpenSSL if pkcs1 else serialization.PrivateFormat.PKCS8
    algorithm = serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption()
    return key.private_bytes(serialization.Encoding.PEM, fmt, algorithm).decode()


@pytest.fixture(scope='module')
def rsa2048():
    return asymmetric.rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope='module')
def keys(rsa2048):
    rsa = asymmetric.rsa
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    large = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    ec = asymmetric.ec.generate_private_key(asymmetric.ec.SECP256R1())
    return dict(
        pkcs8=pem(rsa2048), pkcs1=pem(rsa2048, pkcs1=True), small_pkcs8=pem(small), small_pkcs1=pem(small, pkcs1=True),
        large=pem(large), ec_pkcs8=pem(ec), ec_sec1=pem(ec, pkcs1=True), ed25519=pem(asymmetric.ed25519.Ed25519PrivateKey.generate()),
        encrypted_pkcs8=pem(rsa2048, password=b'secret'), encrypted_pkcs1=pem(rsa2048, pkcs1=True, password=b'secret'),
        public=rsa2048.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode(),
        openssh=rsa2048.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                      serialization.NoEncryption()).decode())


def body_lines(text):
    return [line for line in text.strip().splitlines() if line.strip() and not line.startswith('-----')]


@pytest.mark.parametrize('name', ['pkcs8', 'pkcs1'])
def test_a_2048_bit_rsa_key_is_accepted_and_normalised(keys, name):
    assert validate_key('\n  ' + keys[name] + '\n\n') == keys[name].strip() + '\n'


@pytest.mark.parametrize('name, reason', [
    ('small_pkcs8', 'is a 1024 bit RSA key; encryption at rest needs exactly 2048 bits'),
    ('small_pkcs1', 'is a 1024 bit RSA key'),
    ('large', 'is a 3072 bit RSA key'),
    ('ec_pkcs8', 'is an EC key, not an RSA key'),
    ('ec_sec1', 'is an EC private key'),
    ('ed25519', 'is an Ed25519 key, not an RSA key'),
    ('encrypted_pkcs8', 'is encrypted with a passphrase'),
    ('encrypted_pkcs1', 'is encrypted with a passphrase'),
    ('public', 'is a PEM PUBLIC KEY, not an RSA private key'),
    ('openssh', 'is in OpenSSH format'),
])
def test_other_keys_are_refused_without_quoting_them(keys, name, reason):
    with pytest.raises(InvalidKey) as info:
        validate_key(keys[name])
    assert reason in str(info.value)
    for line in body_lines(keys[name]):
        assert line not in str(info.value)


def test_malformed_input_is_refused(keys):
    lines = keys['pkcs1'].strip().splitlines()
    cases = {
        '': 'is empty',
        '   \n': 'is empty',
        'ssh-rsa AAAAB3Nza': 'is not in PEM format',
        keys['pkcs1'] + keys['pkcs1']: 'holds 2 PEM blocks',
        'key:\n' + keys['pkcs1']: 'has text around its PEM block',
        '\n'.join(lines[:-1] + ['-----END PRIVATE KEY-----']): 'begins with RSA PRIVATE KEY and ends with PRIVATE KEY',
        '\n'.join(lines[:1] + ['not*base64!'] + lines[-1:]): 'its body is not base64',
        '\n'.join(lines[:3] + lines[-1:]): 'truncated',
        '\n'.join(lines[:1] + [base64.b64encode(b'\x02\x01\x00').decode()] + lines[-1:]): 'not one DER SEQUENCE',
    }
    for text, reason in cases.items():
        with pytest.raises(InvalidKey, match=reason):
            validate_key(text)


def test_an_inconsistent_rsa_key_is_refused(keys):
    der = bytearray(base64.b64decode(''.join(body_lines(keys['pkcs1']))))
    der[-1] ^= 1
    broken = '\n'.join(['-----BEGIN RSA PRIVATE KEY-----', base64.b64encode(bytes(der)).decode(), '-----END RSA PRIVATE KEY-----'])
    validate_key(broken)  # the coefficient is not checked, only that the modulus is p * q
    der = bytearray(base64.b64decode(''.join(body_lines(keys['pkcs1']))))
    der[20] ^= 1  # inside the modulus
    broken = '\n'.join(['-----BEGIN RSA PRIVATE KEY-----', base64.b64encode(bytes(der)).decode(), '-----END RSA PRIVATE KEY-----'])
    with pytest.raises(InvalidKey, match='not the product of its primes'):
        validate_key(broken)


def test_other_algorithms_in_pkcs8_are_named():
    der = bytes.fromhex('300e020100300706052b0e0302070400')
    text = '-----BEGIN PRIVATE KEY-----\n%s\n-----END PRIVATE KEY-----' % base64.b64encode(der).decode()
    with pytest.raises(InvalidKey, match='is a key of another algorithm, not an RSA key'):
        validate_key(text)


def test_key_fragments_cover_every_body_line(keys):
    fragments = encryption.key_fragments(keys['pkcs1'])
    assert keys['pkcs1'] in fragments and ''.join(body_lines(keys['pkcs1'])) in fragments
    assert set(body_lines(keys['pkcs1'])) <= set(fragments)
    client = Client(API, token='ghp_x' * 8, session=FakeSession())
    for fragment in fragments:
        client.add_secret(fragment)
    assert body_lines(keys['pkcs1'])[3] not in client.redact('the server said: %r' % keys['pkcs1'])


@pytest.mark.parametrize('api_url, host', [
    ('https://GHE.example.com', 'ghe.example.com'),
    ('https://ghe.example.com/api/v3/', 'ghe.example.com'),
    ('https://ghe.example.com:8443', 'ghe.example.com:8443'),
    ('http://127.0.0.1:40123/api/v3', '127.0.0.1:40123'),
    ('https://[::1]:8443', '[::1]:8443'),
])
def test_api_host(api_url, host):
    assert encryption.api_host(api_url) == host


def test_encryption_state():
    assert encryption.encryption_state(ENABLED, now=NOW) == dict(
        enabled=True, updated_at='2030-01-01T00:00:00Z', age_days=151,
        primary_key_version='p1', replica_key_version='r1', backup_key_version='b1')
    assert encryption.encryption_state(DISABLED, now=NOW) == encryption.DISABLED
    assert encryption.DISABLED == dict(enabled=False, updated_at=None, age_days=None, primary_key_version=None,
                                       replica_key_version=None, backup_key_version=None)
    assert encryption.encryption_state(dict(ENABLED, updated_at='yesterday'), now=NOW)['age_days'] is None


@pytest.mark.parametrize('data, force, max_age, rotate, reason', [
    (DISABLED, False, None, True, 'encryption at rest is not enabled'),
    (ENABLED, True, None, True, 'force is true'),
    (ENABLED, False, None, False, 'neither force nor max_age_days'),
    (ENABLED, False, 150, True, 'the current key was set 151.5 days ago, more than max_age_days (150)'),
    (ENABLED, False, 151, True, 'the current key was set 151.5 days ago, more than max_age_days (151)'),
    (ENABLED, False, 152, False, 'the current key was set 151.5 days ago, within max_age_days (152)'),
    (dict(ENABLED, updated_at=None), False, 30, True, 'the age of the current key is unknown'),
])
def test_rotation_reason(data, force, max_age, rotate, reason):
    decided, said = encryption.rotation_reason(data, force, max_age, now=NOW)
    assert decided is rotate and reason in said


def test_job_status():
    session = FakeSession(response(200, {'result': 'failed', 'error': 'boom'}))
    client = Client(API, token='ghp_token0000', session=session)
    assert encryption.job_status(client, 'abc') == dict(request_id='abc', result='failed', error='boom')
    assert session.calls[0]['url'] == API + '/enterprise/encryption/status/abc'
