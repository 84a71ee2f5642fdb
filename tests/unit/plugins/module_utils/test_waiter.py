# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.waiter import JobFailed, WaitTimeout, wait_for
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import FakeClock


def scripted(*answers):
    answers = list(answers)

    def check():
        answer = answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer
    return check


def test_returns_the_first_result_and_counts_polls():
    clock = FakeClock()
    result, polls = wait_for(scripted(None, None, {'done': 1}), 60, 5, 'the job', sleep=clock.sleep, now=clock.time)
    assert result == {'done': 1} and polls == 3
    assert clock.sleeps == [5, 5]


def test_immediate_result_does_not_sleep():
    clock = FakeClock()
    assert wait_for(scripted('x'), 60, 5, 'the job', sleep=clock.sleep, now=clock.time) == ('x', 1)
    assert clock.sleeps == []


def test_timeout_names_what_is_pending():
    clock = FakeClock()
    with pytest.raises(WaitTimeout) as info:
        wait_for(scripted(*[None] * 10), 12, 5, 'renaming org a to b', sleep=clock.sleep, now=clock.time)
    assert str(info.value) == 'renaming org a to b still pending after 12 s (4 polls)'
    assert clock.sleeps == [5, 5, 2]
    assert info.value.polls == 4


def test_failure_propagates():
    clock = FakeClock()
    with pytest.raises(JobFailed, match='key rejected'):
        wait_for(scripted(None, JobFailed('key rejected')), 60, 1, 'the job', sleep=clock.sleep, now=clock.time)
