# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.logins import login_problem
from ansible_collections.ghe.admin.plugins.module_utils.users import (
    admin_user_path,
    is_private_view,
    user_path,
    user_view,
)


@pytest.mark.parametrize('login', ['octocat', 'octo-cat', 'a', 'A1-b2-C3', 'x' * 39])
def test_logins_the_api_keeps(login):
    assert login_problem(login) is None
    assert login_problem(login, new=True) is None


@pytest.mark.parametrize('login', ['octo_cat', 'octo--cat', 'octocat-', 'jane_doe_acme'])
def test_existing_logins_the_api_would_not_create_as_they_are(login):
    assert login_problem(login) is None
    assert 'not a login GitHub keeps as it is' in login_problem(login, new=True)


def test_the_problem_says_what_github_would_create():
    assert login_problem('octo_cat', new=True).endswith("it would become 'octo-cat'")


@pytest.mark.parametrize('login, problem', [
    ('', 'an empty login'),
    ('  ', 'an empty login'),
    (None, 'an empty login'),
    ('x' * 40, "is longer than 39 characters"),
    ('../admin', 'is not a GitHub login'),
    ('a b', 'is not a GitHub login'),
    ('-leading', 'is not a GitHub login'),
    ('user/suspended', 'is not a GitHub login'),
])
def test_not_logins(login, problem):
    assert problem in login_problem(login)
    assert problem in login_problem(login, new=True) or 'keeps' in login_problem(login, new=True)


def test_paths_quote_the_login():
    assert user_path('octocat') == 'users/octocat'
    assert user_path('octocat', 'suspended') == 'users/octocat/suspended'
    assert admin_user_path('a b', 'authorizations') == 'admin/users/a%20b/authorizations'


def test_user_view_from_every_shape():
    private = dict(login='alice', id=3, name='Alice', email=None, site_admin=False, suspended_at='2030-01-01T00:00:00Z',
                   ldap_dn='uid=alice', html_url='https://ghe/alice', created_at='2020-01-01T00:00:00Z', extra=1)
    assert user_view(private) == dict(login='alice', id=3, name='Alice', email=None, site_admin=False,
                                      suspended_at='2030-01-01T00:00:00Z', ldap_dn='uid=alice',
                                      html_url='https://ghe/alice', created_at='2020-01-01T00:00:00Z')
    assert user_view(dict(login='bob'))['suspended_at'] is None
    assert user_view(None) is None
    assert is_private_view(private) and is_private_view(dict(suspended_at=None))
    assert not is_private_view(dict(login='alice')) and not is_private_view(None)
