# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A small polling loop for GitHub's asynchronous jobs, with an injectable clock."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time


class JobFailed(Exception):
    """The job ended in failure; the message is the job's own error."""


class WaitTimeout(Exception):
    """The job did not finish in time; ``last`` is the last thing the check saw, ``polls`` how often it looked."""

    def __init__(self, message, last=None, polls=0):
        super(WaitTimeout, self).__init__(message)
        self.last = last
        self.polls = polls


def wait_for(check, timeout, interval, what, sleep=time.sleep, now=time.monotonic):
    """Call ``check()`` until it returns something other than ``None``; return ``(result, polls)``.

    ``check`` raises :class:`JobFailed` for a job that failed. After ``timeout`` seconds without a
    result this raises :class:`WaitTimeout` naming ``what`` is still pending.
    """
    deadline = now() + timeout
    polls = 0
    last = None
    while True:
        polls += 1
        last = check()
        if last is not None:
            return last, polls
        remaining = deadline - now()
        if remaining <= 0:
            raise WaitTimeout('%s still pending after %s s (%d polls)' % (what, _seconds(timeout), polls),
                              last=last, polls=polls)
        sleep(min(interval, remaining))


def _seconds(value):
    return int(value) if float(value).is_integer() else value
