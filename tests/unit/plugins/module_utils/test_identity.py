# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.identity import (
    DnError,
    dn_key,
    dn_problem,
    parse_dn,
    same_dn,
    unique_logins,
)


def test_a_dn_parses_into_its_rdns():
    assert parse_dn('uid=alice,ou=People,dc=example,dc=com') == [
        (('uid', 'alice'),), (('ou', 'People'),), (('dc', 'example'),), (('dc', 'com'),)]


def test_multi_valued_rdns_escapes_and_quotes():
    assert parse_dn('cn=Smith\\, John+uid=js,ou=a\\2Cb,o="Acme, Inc."') == [
        (('cn', 'Smith, John'), ('uid', 'js')), (('ou', 'a,b'),), (('o', 'Acme, Inc.'),)]


@pytest.mark.parametrize('a, b', [
    ('uid=Alice,ou=People,dc=Example,dc=com', 'UID=alice,OU=people,DC=example,DC=COM'),
    ('uid=alice, ou=people ,dc=example,  dc=com', 'uid=alice,ou=people,dc=example,dc=com'),
    ('uid = alice,ou=people', 'uid=alice,ou=people'),
    ('cn=Enterprise   Ops,ou=teams', 'cn=enterprise ops,ou=teams'),
    ('cn=a+uid=b,dc=x', 'uid=B+cn=A,dc=x'),
    ('cn=Smith\\, John,dc=x', 'cn=smith\\2c john,dc=x'),
    ('cn="Smith, John",dc=x', 'cn=Smith\\, John,dc=x'),
])
def test_dns_are_compared_as_ldap_compares_them(a, b):
    assert same_dn(a, b)
    assert dn_key(a) == dn_key(b)


@pytest.mark.parametrize('a, b', [
    ('uid=alice,ou=people,dc=example,dc=com', 'uid=alice,ou=staff,dc=example,dc=com'),
    ('uid=alice,dc=com', 'cn=alice,dc=com'),
    ('uid=alice,dc=example,dc=com', 'uid=alice,dc=com'),
    ('uid=alice', None),
])
def test_different_dns_differ(a, b):
    assert not same_dn(a, b)


def test_no_dn_equals_no_dn():
    assert same_dn(None, '') and same_dn('  ', None)


@pytest.mark.parametrize('text, why', [
    ('', 'an empty distinguished name'),
    ('alice', "'alice' is not attribute=value"),
    ('uid=alice,,dc=com', 'an empty relative distinguished name'),
    ('uid=alice,', 'an empty relative distinguished name'),
    ('=alice', "'' is not an attribute type"),
    ('u id=alice', "'u id' is not an attribute type"),
    ('uid=', 'uid= has no value'),
    ('cn="open', 'a double quote is not closed'),
    ('cn=a\\qb', 'escapes nothing special'),
    ('cn=a<b', "unescaped '<'"),
])
def test_what_is_not_a_dn_says_why(text, why):
    with pytest.raises(DnError) as caught:
        parse_dn(text)
    assert why in str(caught.value)
    assert why in dn_problem(text)


def test_numeric_oids_and_hex_values_parse():
    assert parse_dn('2.5.4.3=#04024869,dc=x') == [(('2.5.4.3', '#04024869'),), (('dc', 'x'),)]
    assert dn_problem('2.5.4.3=#04024869') is None


def test_a_dn_that_does_not_parse_equals_only_the_same_text():
    assert same_dn('not a dn', ' not a dn ') and not same_dn('not a dn', 'uid=x')


def test_unique_logins_case_insensitive_first_spelling_kept():
    assert unique_logins(['Alice', 'bob', 'ALICE']) == ['Alice', 'bob']
