# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.plugins.modules.global_hook import (
    changed_settings,
    desired_hook,
    needs_update,
    request_body,
    secret_would_be_dropped,
)

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
