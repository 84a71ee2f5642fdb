# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.client import Client
from ansible_collections.ghe.admin.plugins.module_utils.hooks import (
    EVENTS,
    get_hook,
    hook_from_api,
    hooks_with_url,
    list_hooks,
    ping_mode,
    url_key,
    url_problem,
)

from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import FakeSession, response


def api_hook(hook_id, url='https://hooks.example.com/a', secret=True, **kwargs):
    config = dict(url=url, content_type='json', insecure_ssl='0')
    if secret:
        config['secret'] = '********'
    data = dict(type='Global', id=hook_id, name='web', active=True, events=['user', 'organization'], config=config,
                created_at='2025-01-01T00:00:00Z', updated_at='2025-01-02T00:00:00Z')
    data.update(kwargs)
    return data


@pytest.mark.parametrize('url', ['https://hooks.example.com/x', 'http://10.0.0.1:8080/hook?x=1', 'HTTPS://Example.com'])
def test_absolute_urls_are_accepted(url):
    assert url_problem(url) is None


@pytest.mark.parametrize('url', ['hooks.example.com/x', '//hooks.example.com', 'ftp://hooks.example.com/x', 'https://', '', None,
                                 'mailto:ops@example.com'])
def test_urls_without_scheme_or_host_are_refused(url):
    assert 'absolute http:// or https:// URL' in url_problem(url)


def test_the_events_are_those_global_hooks_accept():
    assert set(EVENTS) == {'organization', 'user', 'repository', 'team', 'member', 'membership', 'fork', 'ping'}


def test_a_hook_in_module_terms_keeps_the_secret_masked():
    hook = hook_from_api(api_hook(3, events=['user', 'organization', 'user']))
    assert hook == dict(id=3, url='https://hooks.example.com/a', events=['organization', 'user'], content_type='json',
                        insecure_ssl=False, active=True, secret='********', created_at='2025-01-01T00:00:00Z',
                        updated_at='2025-01-02T00:00:00Z')


def test_missing_config_fields_get_the_api_defaults():
    hook = hook_from_api(dict(id=4, active=False, events=[], config=dict(url='https://x.example.com', insecure_ssl='1')))
    assert hook['content_type'] == 'form'
    assert hook['insecure_ssl'] is True
    assert hook['secret'] is None
    assert hook['active'] is False
    assert hook_from_api(dict(id=5, config=dict(url='u', insecure_ssl=1)))['insecure_ssl'] is True
    assert hook_from_api(dict(id=5, config=dict(url='u', secret='')))['secret'] is None


def test_hooks_with_url_ignores_the_case_of_the_host_and_a_trailing_slash():
    hooks = [hook_from_api(api_hook(1)), hook_from_api(api_hook(2, url='https://Hooks.example.com/a/')),
             hook_from_api(api_hook(3)), hook_from_api(api_hook(4, url='https://hooks.example.com/A'))]
    assert [h['id'] for h in hooks_with_url(hooks, 'https://hooks.example.com/a')] == [1, 2, 3]
    assert hooks_with_url(hooks, 'https://other.example.com') == []


def test_list_hooks_follows_every_page():
    base = 'https://ghe.example.com/api/v3/admin/hooks'
    session = FakeSession(
        response(200, [api_hook(1)], {'Link': '<%s?per_page=100&page=2>; rel="next"' % base}),
        response(200, [api_hook(2, url='https://hooks.example.com/b', secret=False)]),
    )
    client = Client('https://ghe.example.com', token='ghp_x', session=session)
    hooks = list_hooks(client)
    assert [(h['id'], h['secret']) for h in hooks] == [(1, '********'), (2, None)]
    assert session.calls[0]['params'] == {'per_page': 100}
    assert session.calls[1]['url'] == base + '?per_page=100&page=2'
    assert all(call['method'] == 'GET' for call in session.calls)


def test_get_hook_is_none_when_it_does_not_exist():
    session = FakeSession(response(200, api_hook(7)), response(404, {'message': 'Not Found'}))
    client = Client('https://ghe.example.com', token='ghp_x', session=session)
    assert get_hook(client, 7)['id'] == 7
    assert get_hook(client, 8) is None
    assert session.calls[1]['url'] == 'https://ghe.example.com/api/v3/admin/hooks/8'


@pytest.mark.parametrize('url', ['https://hooks.example.com/a', 'HTTPS://Hooks.Example.COM/a', 'https://hooks.example.com/a/',
                                 'https://HOOKS.example.com/a//'])
def test_the_case_of_scheme_and_host_and_a_trailing_slash_do_not_matter(url):
    assert url_key(url) == url_key('https://hooks.example.com/a')
    assert hooks_with_url([dict(id=1, url='https://hooks.example.com/a')], url) == [dict(id=1, url='https://hooks.example.com/a')]


@pytest.mark.parametrize('url', ['https://hooks.example.com/A', 'http://hooks.example.com/a', 'https://hooks.example.com/a?x=1',
                                 'https://hooks.example.com:8443/a'])
def test_path_query_scheme_and_port_still_matter(url):
    assert url_key(url) != url_key('https://hooks.example.com/a')


@pytest.mark.parametrize('value, mode', [(True, 'on_change'), ('yes', 'on_change'), ('on_change', 'on_change'),
                                         (False, 'never'), (None, 'never'), ('no', 'never'), ('never', 'never'),
                                         ('always', 'always'), ('Always', 'always'), ('sometimes', None), (2, None)])
def test_ping_modes(value, mode):
    assert ping_mode(value) == mode
