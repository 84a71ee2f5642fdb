# -*- coding: utf-8 -*-
"""ghe.admin.announcement against the simulator: partial changes, a permanent banner, removal in check mode, and
failures that need a server (each a sentence naming the cause and the host, never a traceback).

Moved from the announcement integration target. (Bad input, refused before any request, is in the unit table
tests/unit/plugins/modules/bad_input_cases.yml.)"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.tests.unit.conftest import SIM_USER_TOKEN

TEXT = 'Maintenance on **Saturday**'
# the banner the playbook had set: expiring, dismissible
BANNER = {'announcement': {'announcement': TEXT, 'expires_at': '2031-01-31T18:00:00Z', 'user_dismissible': True}}


def assert_a_sentence(result):
    assert result['failed']
    assert 'module_stderr' not in result and 'exception' not in result
    assert 'Traceback' not in result['msg']


def test_changing_only_user_dismissible_keeps_the_text_and_the_expiry(sim_module):
    sim_module.ghes.reset(BANNER)

    result = sim_module('announcement', dict(text=TEXT, user_dismissible=False), diff=True)

    writes = sim_module.writes()
    assert result['changed'] and result['operation'] == 'updated'
    assert len(writes) == 1 and writes[0]['body']['user_dismissible'] is False
    assert result['announcement']['expires_at'] == '2031-01-31T18:00:00Z'
    assert result['diff']['before']['user_dismissible']
    assert not result['diff']['after']['user_dismissible']


def test_an_empty_expires_at_makes_the_banner_permanent(sim_module):
    sim_module.ghes.reset(BANNER)

    result = sim_module('announcement', dict(text=TEXT, expires_at=''))

    writes = sim_module.writes()
    assert result['changed'] and result['announcement']['expires_at'] is None
    assert len(writes) == 1 and writes[0]['body']['expires_at'] is None
    assert sim_module.ghes.state['announcement']['expires_at'] is None


def test_removing_the_banner_in_check_mode_writes_nothing(sim_module):
    sim_module.ghes.reset(BANNER)

    result = sim_module('announcement', dict(state='absent'), check_mode=True)

    assert result['changed'] and result['operation'] == 'deleted' and result['announcement'] == {}
    assert sim_module.writes() == []
    assert sim_module.ghes.state['announcement']['announcement'] == TEXT


def test_an_unreachable_host_is_a_sentence_naming_it_after_the_retries(sim_module):
    result = sim_module('announcement', dict(api_url='http://127.0.0.1:9', text='hello', max_retries=1))

    assert_a_sentence(result)
    assert 'cannot reach 127.0.0.1:9: connection refused' in result['msg']
    assert 'gave up after 1 retries' in result['msg']


def test_a_wrong_token_is_a_sentence_naming_the_host_and_the_token_variable(sim_module):
    result = sim_module('announcement', dict(token='ghp_wrong0token000000000000000000000000', text='hello'))

    assert_a_sentence(result)
    assert 'HTTP 401' in result['msg'] and 'GHE_TOKEN' in result['msg']
    assert sim_module.ghes.url.split('://', 1)[1] in result['msg']  # host:port
    assert result['api_error']['status'] == 401
    assert sim_module.writes() == []


def test_an_ordinary_users_token_is_told_to_use_a_site_administrator(sim_module):
    result = sim_module('announcement', dict(token=SIM_USER_TOKEN, text='hello'))

    assert_a_sentence(result)
    assert 'site administrator' in result['msg']
    assert sim_module.ghes.state['announcement']['announcement'] is None


def test_a_server_slower_than_the_timeout_is_a_sentence(sim_module):
    # the simulator answers 10 s late; the module gives up after its 1 s timeout
    sim_module.ghes.add_fault(method='GET', path='^/enterprise/announcement$', delay=10, times=1)

    result = sim_module('announcement', dict(text='hello', timeout=1, max_retries=0))

    assert_a_sentence(result)
    assert 'did not answer within 1.0 s (timeout)' in result['msg']
    assert sim_module.writes() == []
