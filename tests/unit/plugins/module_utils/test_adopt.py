# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.adopt import LOST, TAKEN, create_or_adopt
from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError
from ansible_collections.ghe.admin.plugins.module_utils.retry import RetryPolicy
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import FakeClock


class Client:
    def __init__(self, max_retries=3):
        self.clock = FakeClock()
        self.retry_policy = RetryPolicy(max_retries=max_retries, max_wait=5, jitter=0, now=self.clock.time)

    def pause(self, seconds):
        self.clock.sleep(seconds)


def script(*outcomes):
    """A callable returning or raising each outcome in turn, counting its calls."""
    queue = list(outcomes)

    def call():
        call.count += 1
        item = queue.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    call.count = 0
    return call


def error(status=None, reason='the connection was closed without an answer'):
    return ApiError('POST', 'https://ghe.example.com/api/v3/admin/hooks', status=status,
                    reason=None if status else reason)


def test_a_create_that_answers_is_not_read_again():
    client = Client()
    create, find = script({'id': 1}), script()
    assert create_or_adopt(client, create, find) == ({'id': 1}, None)
    assert find.count == 0 and client.clock.sleeps == []


@pytest.mark.parametrize('failure', [error(), error(502), error(500)])
def test_a_lost_answer_adopts_what_the_create_made(failure):
    client = Client()
    create, find = script(failure), script({'id': 7})
    assert create_or_adopt(client, create, find) == ({'id': 7}, LOST)
    assert create.count == 1 and find.count == 1


def test_a_lost_answer_with_nothing_made_creates_again_after_a_backoff():
    client = Client()
    create, find = script(error(503), error(), {'id': 2}), script(None, None)
    assert create_or_adopt(client, create, find) == ({'id': 2}, None)
    assert create.count == 3 and find.count == 2
    assert client.clock.sleeps == [1.0, 2.0]


def test_creating_again_is_bounded_by_max_retries():
    client = Client(max_retries=2)
    create, find = script(error(502), error(502), error(502)), script(None, None, None)
    with pytest.raises(ApiError) as info:
        create_or_adopt(client, create, find)
    assert info.value.status == 502
    assert create.count == 3 and find.count == 3


def test_a_duplicate_refused_with_422_adopts_what_another_run_made():
    client = Client()
    create, find = script(ApiError('POST', 'https://h/api/v3/admin/hooks', status=422, message='Hook already exists')), \
        script({'id': 9})
    assert create_or_adopt(client, create, find) == ({'id': 9}, TAKEN)


def test_a_422_with_nothing_to_adopt_is_raised_without_a_repeat():
    client = Client()
    refused = ApiError('POST', 'https://h/api/v3/admin/users', status=422, message='Validation Failed')
    create, find = script(refused), script(None)
    with pytest.raises(ApiError) as info:
        create_or_adopt(client, create, find)
    assert info.value is refused and create.count == 1


@pytest.mark.parametrize('status', [400, 401, 403, 404])
def test_other_refusals_are_raised_without_reading(status):
    client = Client()
    create, find = script(ApiError('POST', 'https://h/x', status=status)), script()
    with pytest.raises(ApiError):
        create_or_adopt(client, create, find)
    assert find.count == 0
