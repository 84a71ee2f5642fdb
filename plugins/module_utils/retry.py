# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""When to retry a GitHub API request, and how long to wait first.

Pure decisions over status codes, headers and the clock: no I/O, so it is testable with a fake clock
and usable by any client.

Whether a request may be sent again is declared by its caller, per operation:

- :data:`READ` reads; sending it again changes nothing.
- :data:`IDEMPOTENT` writes a state; sending it again leaves the same state (set a banner, suspend a
  user, delete a hook, revoke credentials).
- :data:`ONCE` must reach the server at most once (a create, a request that starts a job): when it
  may have reached the server but no answer came back, the caller re-reads to learn what happened.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random
import time

READ = 'read'
IDEMPOTENT = 'idempotent'
ONCE = 'once'
REPEATS = (READ, IDEMPOTENT, ONCE)

# GitHub: "If the retry-after response header is not present [...] wait for at least one minute before
# retrying", then "wait for an exponentially increasing amount of time between retries".
RATE_LIMIT_MINIMUM_WAIT = 60


class RetryDecision:
    """``wait`` seconds then retry, or give up with ``reason`` (None when the response is final)."""

    def __init__(self, retry, wait=0.0, reason=None):
        self.retry = retry
        self.wait = wait
        self.reason = reason


FINAL = RetryDecision(False)


def may_resend(repeat):
    """True when a request declared ``repeat`` may be sent again after it may have reached the server."""
    return repeat in (READ, IDEMPOTENT)


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


def is_rate_limited(status, headers, message):
    return status == 429 or is_primary_rate_limit(status, headers) or is_secondary_rate_limit(status, message)


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

    def for_response(self, attempt, status, headers, message, repeat):
        """Decide for an HTTP response with ``status``; ``attempt`` counts retries already made.

        A rate-limited request was not carried out, so it is retried whatever ``repeat`` says; a
        server error is retried only when the request may be resent (:func:`may_resend`).
        """
        if is_rate_limited(status, headers, message):
            return self._rate_limited(attempt, status, headers, message)
        if status >= 500 and may_resend(repeat):
            return self._transient(attempt, 'the server answered %d' % status)
        return FINAL

    def for_connection_error(self, attempt, description, resend):
        """Decide for a request that got no response (``description`` says why)."""
        if not resend:
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
        else:
            kind = 'secondary rate limit' if is_secondary_rate_limit(status, message) else 'rate limit'
            wait, source = self._without_retry_after(attempt), '%s without Retry-After: at least a minute' % kind
        if wait > self.max_wait:
            return RetryDecision(False, reason=(
                'GitHub rate limit: the API asks to wait %d s (%s), more than max_retry_wait (%d s). '
                'Run again after that time, raise max_retry_wait, or use a token with a higher limit.'
                % (wait, source, self.max_wait)))
        if attempt >= self.max_retries:
            return RetryDecision(False, reason=(
                'GitHub rate limit: still limited after %d retries. Run again later, raise max_retries, '
                'or spread the work over time.' % attempt))
        return RetryDecision(True, wait=wait)

    def _without_retry_after(self, attempt):
        """A minute, doubling with each retry, capped by ``max_wait`` once a minute fits in it."""
        wait = float(RATE_LIMIT_MINIMUM_WAIT * (2 ** attempt))
        return min(wait, self.max_wait) if self.max_wait >= RATE_LIMIT_MINIMUM_WAIT else wait
