# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.plugins.modules.announcement import banner, desired_banner


def params(**kwargs):
    base = dict(state='present', text='hello', expires_at=None, user_dismissible=None)
    base.update(kwargs)
    return base


def test_banner_normalises_the_api_answer():
    assert banner({'announcement': 'hi', 'expires_at': '2021-01-01T01:00:00.000+01:00', 'user_dismissible': None}) == \
        dict(text='hi', expires_at='2021-01-01T00:00:00Z', user_dismissible=False)


def test_no_banner():
    absent = dict(text=None, expires_at=None, user_dismissible=False)
    assert banner(None) == absent
    assert banner({'announcement': None, 'expires_at': None}) == absent
    assert banner({'announcement': '', 'expires_at': '2021-01-01T00:00:00Z', 'user_dismissible': True}) == absent


def test_omitted_options_keep_the_current_values():
    current = dict(text='old', expires_at='2031-01-01T00:00:00Z', user_dismissible=True)
    assert desired_banner(params(), current) == dict(text='hello', expires_at='2031-01-01T00:00:00Z',
                                                     user_dismissible=True)


def test_empty_expiry_means_never_and_instants_are_normalised():
    current = dict(text='old', expires_at='2031-01-01T00:00:00Z', user_dismissible=True)
    assert desired_banner(params(expires_at=''), current)['expires_at'] is None
    assert desired_banner(params(expires_at='2031-01-01T02:00:00+02:00'), current)['expires_at'] == '2031-01-01T00:00:00Z'
    assert desired_banner(params(user_dismissible=False), current)['user_dismissible'] is False


# ----------------------------------------------------------------------------- GHES and GHEC

import pytest  # noqa: E402

from ansible_collections.ghe.admin.plugins.modules.announcement import banner_path, product_problem  # noqa: E402

GHEC = 'https://api.github.com'
NO_BANNER = dict(announcement=None, expires_at=None, user_dismissible=False)
BANNER = dict(announcement='hello', expires_at='2031-01-01T00:00:00.000+00:00', user_dismissible=True)


def test_the_banner_path_is_the_instances_on_ghes_and_the_enterprises_on_ghec():
    assert banner_path(None) == 'enterprise/announcement'
    assert banner_path('octo-corp') == 'enterprises/octo-corp/announcement'


@pytest.mark.parametrize('enterprise, product, problem', [
    (None, 'ghes', None), ('acme', 'ghec', None), (None, None, None), ('acme', None, None),
    (None, 'ghec', 'enterprise is required on GitHub Enterprise Cloud (api.github.com)'),
    ('acme', 'ghes', "enterprise ('acme') is for GitHub Enterprise Cloud only, and api.github.com is GitHub Enterprise "
                     "Server 3.19.0"),
])
def test_enterprise_fits_the_product(enterprise, product, problem):
    found = product_problem(enterprise, product, 'api.github.com', '3.19.0')
    assert found == problem if problem is None else found.startswith(problem)


def test_on_ghec_without_enterprise_the_option_is_named_before_any_request(run_module):
    result = run_module('announcement', dict(api_url=GHEC, text='hello'))
    assert result['failed'] and 'enterprise is required on GitHub Enterprise Cloud' in result['msg']
    assert run_module.sent == []


@pytest.mark.parametrize('slug', ['', 'a/b', '-acme', 'ac me'])
def test_a_malformed_enterprise_slug_is_refused_before_any_request(run_module, slug):
    result = run_module('announcement', dict(api_url=GHEC, enterprise=slug, text='hello'))
    assert result['failed'] and result['msg'].startswith('enterprise must be the slug of an enterprise')
    assert run_module.sent == []


def test_on_ghec_the_enterprise_banner_converges(run_module):
    path = '/enterprises/acme/announcement'
    args = dict(api_url=GHEC, enterprise='acme', text='hello', expires_at='2031-01-01T01:00:00+01:00',
                user_dismissible=True)
    run_module.product_headers = {}
    run_module.answers = [('GET', path, 200, NO_BANNER)]
    check = run_module('announcement', args, check_mode=True, diff=True)
    assert check['changed'] and check['diff']['before'] == {} and check['diff']['after']['text'] == 'hello'
    assert check['operation'] == 'created'
    run_module.answers = [('GET', path, 200, NO_BANNER), ('PATCH', path, 200, BANNER)]
    applied = run_module('announcement', args)
    assert applied['changed'] and applied['announcement'] == dict(
        text='hello', expires_at='2031-01-01T00:00:00Z', user_dismissible=True)
    run_module.answers = [('GET', path, 200, BANNER)]
    again = run_module('announcement', args)
    assert not again['changed'] and again['operation'] == 'none'
    run_module.answers = [('GET', path, 200, BANNER), ('DELETE', path, 204, None)]
    removed = run_module('announcement', dict(api_url=GHEC, enterprise='acme', state='absent'))
    assert removed['changed'] and removed['announcement'] == {} and removed['operation'] == 'deleted'
    assert [m for m, url in run_module.sent] == ['GET', 'GET', 'PATCH', 'GET', 'GET', 'DELETE']
    assert all(url == GHEC + path for m, url in run_module.sent)


def test_on_ghes_enterprise_is_refused_naming_the_option_without_a_write(run_module):
    run_module.answers = [('GET', '/api/v3/enterprises/acme/announcement', 404, dict(message='Not Found'))]
    result = run_module('announcement', dict(enterprise='acme', text='hello'))
    assert result['failed'] and "enterprise ('acme') is for GitHub Enterprise Cloud only" in result['msg']
    assert 'ghe.example.com is GitHub Enterprise Server 3.19.0' in result['msg']
    assert [m for m, url in run_module.sent] == ['GET']


def test_when_only_the_answer_tells_ghec_a_missing_enterprise_is_named_without_a_write(run_module):
    run_module.product_headers = {}
    run_module.answers = [('GET', '/api/v3/enterprise/announcement', 404, dict(message='Not Found'))]
    result = run_module('announcement', dict(api_url='https://github-proxy.example.com', text='hello'))
    assert result['failed'] and 'enterprise is required on GitHub Enterprise Cloud' in result['msg']
    assert [m for m, url in run_module.sent] == ['GET']
