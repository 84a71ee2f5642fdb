# -*- coding: utf-8 -*-
"""module.state_result: the one result shape of the modules that change an object."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from types import SimpleNamespace

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.module import OPERATIONS, operation_of, state_result


def ghe(diff=False):
    return SimpleNamespace(module=SimpleNamespace(_diff=diff))


@pytest.mark.parametrize('before, after, changed, operation', [
    (None, dict(id=1), True, 'created'),
    ({}, dict(id=1), True, 'created'),
    (dict(id=1), {}, True, 'deleted'),
    (dict(id=1), None, True, 'deleted'),
    (dict(id=1, a=1), dict(id=1, a=2), True, 'updated'),
    (dict(id=1), dict(id=1), True, 'updated'),
    (dict(id=1), dict(id=1), False, 'none'),
    (None, {}, False, 'none'),
])
def test_the_operation_follows_the_states_and_changed(before, after, changed, operation):
    assert operation_of(before, after, changed) == operation
    assert operation in OPERATIONS


def test_absent_is_an_empty_dict_never_null_and_there_is_no_diff_outside_diff_mode():
    assert state_result(ghe(), 'hook', dict(id=1), None, True) == dict(changed=True, hook={}, operation='deleted')
    assert state_result(ghe(), 'hook', None, {}, False) == dict(changed=False, hook={}, operation='none')


def test_an_empty_list_stays_a_list():
    assert state_result(ghe(), 'ssh_keys', [1], [], True, operation='deleted')['ssh_keys'] == []


def test_the_diff_is_masked_and_uses_the_views_when_given():
    result = state_result(ghe(diff=True), 'hook', None, dict(id=1, secret='s3cret'), True, secret_keys=('secret',))
    assert result['diff'] == dict(before={}, after=dict(id=1, secret='********'))
    assert 's3cret' not in str(result['diff'])
    result = state_result(ghe(diff=True), 'user', None, dict(login='a'), True, diff=(dict(state='absent'), dict(state='present')))
    assert result['diff'] == dict(before=dict(state='absent'), after=dict(state='present'))


def test_extra_keys_stay_and_cannot_override_the_shape():
    result = state_result(ghe(), 'organization', None, dict(login='a'), True, job=dict(kind='org_rename'))
    assert result == dict(changed=True, organization=dict(login='a'), operation='created', job=dict(kind='org_rename'))


def test_a_given_operation_wins_but_must_fit_changed():
    assert state_result(ghe(), 'license', dict(a=1), dict(a=1), True, operation='updated')['operation'] == 'updated'
    with pytest.raises(ValueError):
        state_result(ghe(), 'license', dict(a=1), dict(a=1), True, operation='none')
    with pytest.raises(ValueError):
        state_result(ghe(), 'license', dict(a=1), dict(a=1), False, operation='updated')
    with pytest.raises(ValueError):
        state_result(ghe(), 'license', dict(a=1), dict(a=1), True, operation='changed')
