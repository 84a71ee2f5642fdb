# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible_collections.ghe.admin.plugins.modules.global_hook import (
    changed_settings,
    converge,
    desired_hook,
    needs_update,
    request_body,
    secret_would_be_dropped,
)

from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import response

MASK = '********'


def params(**kwargs):
    base = dict(state='present', url='https://hooks.example.com/a', id=None, events=None, content_type=None, secret=None,
                update_secret='on_create', insecure_ssl=None, active=None, ping=False)
    base.update(kwargs)
    return base


def current(**kwargs):
    base = dict(id=4, url='https://hooks.example.com/a', events=['organization', 'user'], content_type='json',
                insecure_ssl=False, active=True, secret=MASK, created_at='2025-01-01T00:00:00Z',
                updated_at='2025-01-01T00:00:00Z')
    base.update(kwargs)
    return base


def test_a_new_hook_gets_the_api_defaults():
    desired = desired_hook(params(), None)
    assert desired['events'] == ['organization', 'user']
    assert desired['content_type'] == 'form'
    assert desired['insecure_ssl'] is False
    assert desired['active'] is True
    assert desired['secret'] is None
    assert desired['url'] == 'https://hooks.example.com/a'
    assert desired_hook(params(secret='s3cret!'), None)['secret'] == MASK


def test_omitted_options_keep_the_current_values():
    now = current(content_type='form', insecure_ssl=True, active=False, events=['team'])
    assert desired_hook(params(url=None, id=4), now) == now
    assert not needs_update(now, desired_hook(params(url=None, id=4), now), params())


def test_events_are_a_set():
    desired = desired_hook(params(events=['user', 'organization', 'user']), current())
    assert desired['events'] == ['organization', 'user']
    assert not needs_update(current(), desired, params(events=['user', 'organization', 'user']))


def test_a_matching_hook_with_a_secret_is_not_rewritten_on_create_only():
    given = params(secret='another secret')
    assert not needs_update(current(), desired_hook(given, current()), given)


def test_update_secret_always_rewrites_a_given_secret():
    given = params(secret='s3cret!', update_secret='always')
    assert needs_update(current(), desired_hook(given, current()), given)


def test_adding_or_removing_a_secret_is_a_change():
    bare = current(secret=None)
    add = params(secret='s3cret!')
    assert needs_update(bare, desired_hook(add, bare), add)
    remove = params(secret='')
    assert desired_hook(remove, current())['secret'] is None
    assert needs_update(current(), desired_hook(remove, current()), remove)
    assert not needs_update(bare, desired_hook(remove, bare), remove)


def test_a_change_without_the_secret_would_drop_it():
    given = params(events=['team'])
    desired = desired_hook(given, current())
    assert needs_update(current(), desired, given)
    assert secret_would_be_dropped(current(), given)
    assert changed_settings(current(), desired) == ['events']
    assert not secret_would_be_dropped(current(secret=None), given)
    assert not secret_would_be_dropped(current(), params(secret=''))
    assert not secret_would_be_dropped(None, given)


def test_the_body_is_complete_and_never_carries_the_mask():
    desired = desired_hook(params(events=['team', 'user'], insecure_ssl=True), current())
    assert request_body(desired, 's3cret!', create=False) == dict(
        config=dict(url='https://hooks.example.com/a', content_type='json', insecure_ssl='1', secret='s3cret!'),
        events=['team', 'user'], active=True)
    body = request_body(desired, None, create=True)
    assert body['name'] == 'web'
    assert 'secret' not in body['config']
    assert body['config']['insecure_ssl'] == '1'
    assert MASK not in repr(request_body(desired, '', create=False))


@pytest.fixture
def fake_ghe(fake_ghe):
    """The shared fake GheModule (tests/unit/conftest.py) with global_hook's parameters."""
    return fake_ghe.defaults(fails_with=AssertionError, **params())


def api_hook(hook_id=5, url='https://hooks.example.com/a', events=('user',), content_type='json', secret=True):
    config = dict(url=url, content_type=content_type, insecure_ssl='0')
    if secret:
        config['secret'] = MASK
    return dict(id=hook_id, name='web', active=True, events=list(events), config=config,
                created_at='2025-01-01T00:00:00Z', updated_at='2025-01-01T00:00:00Z')


def test_a_create_whose_answer_is_lost_adopts_the_hook_it_made(fake_ghe):
    ghe = fake_ghe([response(200, []), response(502, {}), response(200, [api_hook()])],
                   events=['user'], content_type='json', secret='s3cret-value')
    result = converge(ghe)
    assert ghe.calls == [('GET', 'admin/hooks'), ('POST', 'admin/hooks'), ('GET', 'admin/hooks')]
    assert result['changed'] and result['hook']['id'] == 5 and 'was lost' in ghe.warnings[0]


def test_a_create_that_made_nothing_is_sent_again_after_reading(fake_ghe):
    ghe = fake_ghe([response(200, []), response(503, {}), response(200, []), response(201, api_hook(secret=False))],
                   events=['user'], content_type='json')
    result = converge(ghe)
    assert [c[0] for c in ghe.calls] == ['GET', 'POST', 'GET', 'POST']
    assert result['changed'] and result['hook']['id'] == 5 and not ghe.warnings


def test_a_create_that_lost_the_race_adopts_the_other_hook_and_updates_what_differs(fake_ghe):
    taken = response(422, {'message': 'Validation Failed', 'errors': [{'message': 'Hook already exists on this enterprise'}]})
    ghe = fake_ghe([response(200, []), taken, response(200, [api_hook(events=('user',), secret=False)]),
                    response(200, api_hook(events=('team', 'user'), secret=False))],
                   events=['user', 'team'], content_type='json')
    result = converge(ghe)
    assert ghe.calls == [('GET', 'admin/hooks'), ('POST', 'admin/hooks'), ('GET', 'admin/hooks'), ('PATCH', 'admin/hooks/5')]
    assert result['changed'] and result['hook']['events'] == ['team', 'user']


def test_a_create_that_lost_the_race_to_an_identical_hook_changes_nothing(fake_ghe):
    taken = response(422, {'message': 'Validation Failed'})
    ghe = fake_ghe([response(200, []), taken, response(200, [api_hook(secret=False)])], events=['user'], content_type='json')
    result = converge(ghe)
    assert not result['changed'] and [c[0] for c in ghe.calls] == ['GET', 'POST', 'GET']


def test_ping_true_on_an_unchanged_hook_sends_no_write(fake_ghe):
    ghe = fake_ghe([response(200, [api_hook(secret=False)])], events=['user'], content_type='json', secret='', ping=True)
    result = converge(ghe)
    assert ghe.calls == [('GET', 'admin/hooks')]
    assert not result['changed'] and not result['pinged']


def test_ping_always_pings_an_unchanged_hook(fake_ghe):
    ghe = fake_ghe([response(200, [api_hook(secret=False)]), response(204)], events=['user'], content_type='json',
                   secret='', ping='always')
    result = converge(ghe)
    assert ghe.calls == [('GET', 'admin/hooks'), ('POST', 'admin/hooks/5/pings')]
    assert not result['changed'] and result['pinged']


def test_ping_true_pings_a_changed_hook(fake_ghe):
    ghe = fake_ghe([response(200, [api_hook(secret=False)]), response(200, api_hook(events=('team',), secret=False)),
                    response(204)], events=['team'], content_type='json', secret='', ping=True)
    result = converge(ghe)
    assert ghe.calls == [('GET', 'admin/hooks'), ('PATCH', 'admin/hooks/5'), ('POST', 'admin/hooks/5/pings')]
    assert result['changed'] and result['pinged']


def test_a_url_with_another_case_or_a_trailing_slash_is_the_same_hook(fake_ghe):
    ghe = fake_ghe([response(200, [api_hook(secret=False)])], url='HTTPS://Hooks.Example.COM/a/', events=['user'],
                   content_type='json', secret='')
    result = converge(ghe)
    assert ghe.calls == [('GET', 'admin/hooks')]
    assert not result['changed'] and result['hook']['url'] == 'https://hooks.example.com/a'
