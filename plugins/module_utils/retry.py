# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""When to retry a GitHub API request, and how long to wait first.

Pure decisions over status codes, headers and the clock: no I/O, so it is testable with a fake clock
and usable by any client.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random
import time

NEVER_RETRIED = frozenset((400, 401, 404, 409, 410, 422))
SECONDARY_LIMIT_DEFAULT_WAIT = 60


class RetryDecision:
    """``wait`` seconds then retry, or give up with ``reason`` (None when the response is final)."""

    def __init__(self, retry, wait=0.0, reason=None, rate_limited=False):
        self.retry = retry
        self.wait = wait
        self.reason = reason
        self.rate_limited = rate_limited


FINAL = RetryDecision(False)


def _header(headers, name):
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value
    return None


def _number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def is_secondary_rate_limit(status, message):
    return status in (403, 429) and 'secondary rate limit' in (message or '').lower()


def is_primary_rate_limit(status, headers):
    return status in (403, 429) and _header(headers, 'x-ratelimit-remaining') == '0'


class RetryPolicy:
    """Exponential backoff for transient failures; GitHub's own waits for rate limits.

    ``max_retries`` bounds the attempts after the first; ``max_wait`` bounds any single wait: a rate
    limit that would make us wait longer is reported at once instead of slept through.
    """

    def __init__(self, max_retries=5, max_wait=120.0, backoff_base=1.0, backoff_cap=30.0, jitter=0.1, now=time.time):
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.jitter = jitter
        self._now = now

    def backoff(self, attempt):
        """Wait before retry number ``attempt`` (1-based) of a transient failure."""
        wait = min(self.backoff_cap, self.backoff_base * (2 ** (attempt - 1)))
        return wait * (1 + random.uniform(0, self.jitter)) if self.jitter else wait

    def for_response(self, attempt, status, headers, message, safe_to_repeat):
        """Decide for an HTTP response with ``status``; ``attempt`` counts retries already made."""
        if status < 400 or status in NEVER_RETRIED:
            return FINAL
        if is_primary_rate_limit(status, headers) or is_secondary_rate_limit(status, message) or status == 429:
            return self._rate_limited(attempt, status, headers, message)
        if status == 403:
            return FINAL
        if status >= 500:
            if not safe_to_repeat:
                return FINAL
            return self._transient(attempt, 'the server answered %d' % status)
        return FINAL

    def for_connection_error(self, attempt, description, safe_to_repeat):
        """Decide for a request that got no response (``description`` says why)."""
        if not safe_to_repeat:
            return FINAL
        return self._transient(attempt, description)

    def _transient(self, attempt, what):
        if attempt >= self.max_retries:
            return RetryDecision(False, reason='%s; gave up after %d retries' % (what, attempt))
        return RetryDecision(True, wait=min(self.backoff(attempt + 1), self.max_wait))

    def _rate_limited(self, attempt, status, headers, message):
        retry_after = _number(_header(headers, 'retry-after'))
        reset = _number(_header(headers, 'x-ratelimit-reset'))
        if retry_after is not None:
            wait, source = max(retry_after, 0.0), 'Retry-After'
        elif is_primary_rate_limit(status, headers) and reset is not None:
            wait, source = max(reset - self._now(), 0.0) + 1.0, 'x-ratelimit-reset'
        elif is_secondary_rate_limit(status, message):
            wait, source = float(SECONDARY_LIMIT_DEFAULT_WAIT), 'secondary rate limit'
        else:
            wait, source = min(self.backoff(attempt + 1), self.max_wait), 'backoff'
        if wait > self.max_wait:
            return RetryDecision(False, rate_limited=True, reason=(
                'GitHub rate limit: the API asks to wait %d s (%s), more than max_retry_wait (%d s). '
                'Run again after that time, raise max_retry_wait, or use a token with a higher limit.'
                % (wait, source, self.max_wait)))
        if attempt >= self.max_retries:
            return RetryDecision(False, rate_limited=True, reason=(
                'GitHub rate limit: still limited after %d retries. Run again later, raise max_retries, '
                'or spread the work over time.' % attempt))
        return RetryDecision(True, wait=wait, rate_limited=True)
