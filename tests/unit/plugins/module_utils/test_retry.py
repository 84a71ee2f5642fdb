# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils import retry
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT, ONCE, READ, RetryPolicy, may_resend

SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'


def policy(**kwargs):
    kwargs.setdefault('jitter', 0)
    return RetryPolicy(now=lambda: 1000.0, **kwargs)


def test_only_reads_and_idempotent_writes_may_be_resent():
    assert may_resend(READ) and may_resend(IDEMPOTENT) and not may_resend(ONCE)


def test_the_dead_retry_code_is_gone():
    assert not hasattr(retry, 'NEVER_RETRIED')
    assert not hasattr(retry.RetryDecision(False), 'rate_limited')


@pytest.mark.parametrize('repeat', [READ, IDEMPOTENT])
def test_a_server_error_is_retried_for_what_may_be_resent(repeat):
    decision = policy().for_response(0, 502, {}, None, repeat)
    assert decision.retry and decision.wait == 1.0


def test_a_server_error_is_final_for_a_request_sent_once():
    assert not policy().for_response(0, 502, {}, None, ONCE).retry


def test_a_connection_error_is_retried_when_the_request_never_left():
    assert policy().for_connection_error(0, 'refused', resend=True).retry
    assert not policy().for_connection_error(0, 'read timeout', resend=False).retry


@pytest.mark.parametrize('repeat', [READ, IDEMPOTENT, ONCE])
@pytest.mark.parametrize('status, message', [(429, None), (403, SECONDARY), (429, SECONDARY)])
def test_a_limit_without_retry_after_waits_a_minute_then_doubles(repeat, status, message):
    waits = [policy(max_wait=300).for_response(attempt, status, {}, message, repeat).wait for attempt in range(4)]
    assert waits == [60.0, 120.0, 240.0, 300.0]


def test_a_limit_without_retry_after_and_a_cap_below_a_minute_fails_at_once_saying_so():
    decision = policy(max_wait=30).for_response(0, 403, {}, SECONDARY, READ)
    assert not decision.retry
    assert decision.reason.startswith('GitHub rate limit: the API asks to wait 60 s (secondary rate limit without '
                                      'Retry-After: at least a minute), more than max_retry_wait (30 s)')


def test_retry_after_is_obeyed_even_below_a_minute():
    assert policy().for_response(0, 429, {'Retry-After': '5'}, None, READ).wait == 5.0


def test_the_primary_limit_waits_for_its_reset():
    headers = {'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1030'}
    assert policy().for_response(0, 403, headers, 'API rate limit exceeded', READ).wait == 31.0
