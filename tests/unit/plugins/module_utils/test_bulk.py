# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

from ansible_collections.ghe.admin.plugins.module_utils.bulk import BulkOutcome, run_bounded
from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError, api_reason


def test_run_bounded_keeps_item_order_and_captures_errors():
    def work(item):
        if item == 3:
            raise ValueError('three')
        return item * 10
    for concurrency in (1, 4):
        outcomes = run_bounded(work, [1, 2, 3, 4], concurrency)
        assert [value for value, error in outcomes] == [10, 20, None, 40]
        assert str(outcomes[2][1]) == 'three' and outcomes[0][1] is None


def test_run_bounded_runs_no_more_than_concurrency_at_once():
    lock, running, peak = threading.Lock(), [0], [0]
    gate = threading.Barrier(3, timeout=5)

    def work(item):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        if item < 3:
            gate.wait()
        with lock:
            running[0] -= 1
        return item

    assert [v for v, e in run_bounded(work, list(range(12)), 3)] == list(range(12))
    assert peak[0] == 3


def test_every_item_is_in_exactly_one_group_unsettled_ones_not_attempted():
    bulk = BulkOutcome(['alice', 'bob', 'carol', 'dave'], key='login')
    bulk.done('alice')
    bulk.unchanged('carol')
    bulk.failed('bob', 'HTTP 500 Server Error', 500)
    assert bulk.changed
    assert bulk.as_dict() == dict(done=['alice'], unchanged=['carol'],
                                  failed=[dict(login='bob', status=500, reason='HTTP 500 Server Error')],
                                  not_attempted=['dave'])
    assert bulk.describe() == ('done: alice. unchanged: carol. failed: bob (HTTP 500 Server Error). '
                               'not attempted: dave')
    assert bulk.describe(check_mode=True).startswith('would be done: alice.')


def test_nothing_done_is_no_change_and_long_lists_are_cut():
    bulk = BulkOutcome(list(range(1, 15)), key='id')
    for item in range(1, 13):
        bulk.failed(item, 'HTTP 403 no')
    assert not bulk.changed
    assert bulk.in_group('not_attempted') == [13, 14]
    assert 'and 2 more' in bulk.describe()


def test_api_reason_is_status_message_and_hint():
    error = ApiError('DELETE', 'https://ghe.example.com/api/v3/admin/keys/1', status=403, message='Forbidden')
    assert api_reason(error) == 'HTTP 403 Forbidden'
