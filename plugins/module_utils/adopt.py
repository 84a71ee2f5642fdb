# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Creating a resource with a POST that is never repeated blindly.

When the answer to a create is lost (no response, or a server error that may have come after the
write), or the create is refused because the resource already exists (a concurrent run won the race),
the resource is read again: what exists is adopted; only when nothing exists is the POST sent again.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError

LOST = 'lost'
TAKEN = 'taken'


def outcome_unknown(error):
    """True when the POST that raised ``error`` may have created the resource anyway."""
    return getattr(error, 'lost_answer', False) or error.status is None or error.status >= 500


def create_or_adopt(client, create, find):
    """``create()`` once; on a lost answer or a 422, ``find()`` and adopt; else create again (bounded).

    Returns ``(data, how)``: ``how`` is None when ``create()`` answered, :data:`LOST` when the
    resource was found after a lost answer (this run most likely created it), :data:`TAKEN` when it
    was found after a 422 (another run created it). ``find()`` returns the resource or None.
    """
    policy = client.retry_policy
    attempt = 0
    while True:
        try:
            return create(), None
        except ApiError as error:
            if not (outcome_unknown(error) or error.status == 422):
                raise
            found = find()
            if found is not None:
                return found, (TAKEN if error.status == 422 else LOST)
            if error.status == 422 or attempt >= policy.max_retries:
                raise
            attempt += 1
            client.pause(min(policy.backoff(attempt), policy.max_wait))
