# -*- coding: utf-8 -*-
"""ghe.admin.global_hook_info against the simulator: filters by id and by URL, and bad input.

Moved from the global_hook_info integration target."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.tests.unit.conftest import SIM_USER_TOKEN

SHARED = 'https://twice.example.com/hook'

# the default hook plus 130 more, two of them sharing a URL
HOOKS = {'replace': ['hooks'], 'hooks': (
    [{'id': 1, 'url': 'https://hooks.example.com/ghe-events', 'content_type': 'json', 'secret': 'sim-hook-secret'}]
    + [{'id': i, 'url': 'https://bulk.example.com/hook/%d' % i} for i in range(2, 130)]
    + [{'id': 130, 'url': SHARED, 'content_type': 'json', 'insecure_ssl': '1', 'active': False,
        'events': ['user', 'team', 'fork'], 'secret': 'info-secret-130'},
       {'id': 131, 'url': SHARED}])}


def test_one_hook_by_id_is_one_get_and_a_list_of_one(sim_module):
    sim_module.ghes.reset(HOOKS)

    result = sim_module('global_hook_info', dict(id=130))

    requests = sim_module.requests()
    assert not result['changed']
    assert [(r['method'], r['path'], r['status']) for r in requests] == [('GET', '/admin/hooks/130', 200)]
    assert len(result['hooks']) == 1
    hook = result['hooks'][0]
    assert hook['id'] == 130 and hook['url'] == SHARED
    assert hook['events'] == ['fork', 'team', 'user'] and hook['insecure_ssl'] and not hook['active']
    assert hook['content_type'] == 'json' and hook['secret'] == '********'
    assert 'info-secret-130' not in str(result)


def test_the_same_hook_by_id_as_in_the_whole_listing(sim_module):
    sim_module.ghes.reset(HOOKS)

    listing = sim_module('global_hook_info', {})
    by_id = sim_module('global_hook_info', dict(id=130))

    assert by_id['hooks'] == [hook for hook in listing['hooks'] if hook['id'] == 130]


def test_a_hook_id_that_does_not_exist_is_an_empty_list(sim_module):
    sim_module.ghes.reset(HOOKS)

    result = sim_module('global_hook_info', dict(id=999))

    requests = sim_module.requests()
    assert not result.get('failed') and result['hooks'] == []
    assert [(r['method'], r['path'], r['status']) for r in requests] == [('GET', '/admin/hooks/999', 404)]


def test_the_hooks_of_a_url_come_from_every_page(sim_module):
    sim_module.ghes.reset(HOOKS)

    by_url = sim_module('global_hook_info', dict(url=SHARED))
    no_url = sim_module('global_hook_info', dict(url='https://nowhere.example.com/hook'))

    requests = sim_module.requests()
    assert [hook['id'] for hook in by_url['hooks']] == [130, 131]
    assert no_url['hooks'] == []
    assert [(r['method'], r['path']) for r in requests] == [('GET', '/admin/hooks')] * 4
    assert [r['query'].get('page', '1') for r in requests] == ['1', '2', '1', '2']


def test_bad_input_fails_before_any_request_naming_the_option(sim_module):
    sim_module.ghes.reset(HOOKS)

    no_scheme = sim_module('global_hook_info', dict(url='twice.example.com/hook'))
    both = sim_module('global_hook_info', dict(id=1, url='https://hooks.example.com/ghe-events'))
    negative_id = sim_module('global_hook_info', dict(id=-3))

    assert no_scheme['failed'] and no_scheme['msg'].startswith('url must be an absolute http')
    assert both['failed'] and 'mutually exclusive' in both['msg'] and 'id' in both['msg'] and 'url' in both['msg']
    assert negative_id['failed'] and 'id must be a positive hook id' in negative_id['msg']
    assert sim_module.requests() == []


def test_an_ordinary_users_token_gets_a_sentence(sim_module):
    result = sim_module('global_hook_info', dict(token=SIM_USER_TOKEN))

    assert result['failed'] and 'HTTP 404' in result['msg'] and 'site administrator' in result['msg']
    assert len(sim_module.requests()) == 1
