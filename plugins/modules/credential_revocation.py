#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: credential_revocation
short_description: Revoke exposed GitHub credentials, such as tokens found in a leak
version_added: 0.1.0
description:
  - Submits credentials found exposed (in a repository, a log, a paste) to GitHub's revocation API, which revokes
    them and notifies their owners. GitHub cannot reactivate a revoked credential.
  - A GitHub Enterprise Cloud / GitHub.com API (C(api_url=https://api.github.com) or
    C(https://api.SUBDOMAIN.ghe.com)). GitHub answers any authenticated call with HTTP 403, so the request is always
    sent B(without) the C(Authorization) header, even when O(token) is set; no token is needed.
  - "Accepts what GitHub documents the API to accept: personal access tokens (classic) (C(ghp_)), fine-grained
    personal access tokens (C(github_pat_)), OAuth app tokens (C(gho_)), GitHub App user-to-server tokens (C(ghu_))
    and GitHub App refresh tokens (C(ghr_)): the prefix, then a body of letters and digits (base62; a fine-grained
    token's body is base62 parts joined by C(_)), at least 30 characters after the prefix and at most 255 in all,
    since GitHub says token lengths will grow up to 255 characters. So C(ghp_) followed by 36 or 40 characters
    passes, as in GitHub's own examples."
  - Every credential is checked before anything is sent; anything else, including GitHub App installation tokens
    (C(ghs_), which the API does not accept and which expire within an hour), fails the task naming its position in
    O(credentials), never its value. Surrounding whitespace is removed and repeated credentials are submitted once.
  - Sends at most 1000 credentials per request, as the API allows. GitHub allows 60 of these requests an hour; when
    it refuses one (HTTP 422, also when the endpoint "has been spammed"), the task fails saying how many credentials
    were submitted and how many remain. Submitting a revoked credential again is harmless, so the task can simply be
    run again later.
  - GitHub does not say whether a credential was valid or already revoked, so the task reports a change whenever it
    submits anything; an empty O(credentials) sends nothing and changes nothing.
  - The values are never returned or logged; the result has only counts.
options:
  credentials:
    description:
      - The exposed credentials.
    type: list
    elements: str
    required: true
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghec
notes:
  - O(token) is accepted, so that C(module_defaults) can be shared with the other modules, but never sent.
attributes:
  check_mode:
    support: full
    description: Checks and counts the credentials and reports how many requests it would send; sends nothing.
  diff_mode:
    support: none
    description: The credentials are secret and GitHub has nothing to compare them with.
author:
  - ghe.admin maintainers (@ghe-admin)
seealso:
  - module: ghe.admin.credential_authorization_revocation
  - name: REST API endpoints for revocation
    description: GitHub's reference for the endpoint this module calls.
    link: https://docs.github.com/en/enterprise-cloud@latest/rest/credentials/revoke
'''

EXAMPLES = r'''
- name: Revoke the tokens a secret scan found
  ghe.admin.credential_revocation:
    api_url: https://api.github.com
    credentials: "{{ lookup('ansible.builtin.file', 'leaked-tokens.txt').splitlines() }}"
  register: revoked

- name: Say how many were submitted
  ansible.builtin.debug:
    msg: "{{ revoked.submitted }} credentials submitted in {{ revoked.chunks }} requests"
'''

RETURN = r'''
received:
  description: How many credentials were given.
  returned: always
  type: int
  sample: 2510
duplicates:
  description: How many of them repeated an earlier one and were dropped.
  returned: always
  type: int
  sample: 10
submitted:
  description: How many distinct credentials were submitted (in check mode, would be).
  returned: always
  type: int
  sample: 2500
chunks:
  description: How many requests were sent (in check mode, would be), at most 1000 credentials each.
  returned: always
  type: int
  sample: 3
outcome:
  description:
    - "Every distinct credential in one group, the outcome every bulk module returns: C(done) (submitted; in check
      mode, would be), C(unchanged) (always empty: GitHub does not say whether a credential was still valid),
      C(failed) (each with C(index), C(status) and GitHub's C(reason)) and C(not_attempted) (after a refused request)."
    - A credential is named by its index in O(credentials) (its first occurrence), never by its value.
  returned: always
  type: dict
  sample: {done: [0, 1, 3], unchanged: [], failed: [], not_attempted: []}
remaining:
  description: How many credentials were not submitted because GitHub refused a request (only when the task fails).
  returned: failure
  type: int
  sample: 1500
'''

import re

from ansible_collections.ghe.admin.plugins.module_utils.bulk import BulkOutcome
from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError, api_reason
from ansible_collections.ghe.admin.plugins.module_utils.module import GheModule
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT

PATH = 'credentials/revoke'
PER_REQUEST = 1000
SHOWN_PROBLEMS = 10

# GitHub's token formats: a prefix, then a base62 body, "up to 255 characters" in all (GitHub changelog,
# 2021-03-31: authentication token format updates). Today's bodies are 36 characters (ghp_, gho_, ghu_),
# 76 (ghr_) and 22 + _ + 59 (github_pat_); GitHub's examples also show 40 (ghp_).
MAX_LENGTH = 255
MIN_BODY = 30
BASE62 = re.compile(r'[A-Za-z0-9]+\Z')
FINE_GRAINED_BODY = re.compile(r'[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\Z')
FORMATS = (
    ('github_pat_', FINE_GRAINED_BODY, 'letters and digits in parts joined by underscores'),
    ('ghp_', BASE62, 'letters and digits'),
    ('gho_', BASE62, 'letters and digits'),
    ('ghu_', BASE62, 'letters and digits'),
    ('ghr_', BASE62, 'letters and digits'),
)
REFUSED = {
    'ghs_': 'is a GitHub App installation token (ghs_), which the revocation API does not accept (it expires within '
            'an hour)',
}
ACCEPTED = 'ghp_, github_pat_, gho_, ghu_ or ghr_'
AGAIN_HINT = 'Run the task again to submit them (submitting a revoked credential again is harmless)'
LIMIT_HINT = ('The API accepts 60 requests an hour and refuses more as spam; run the task again later (submitting a '
              'revoked credential again is harmless)')


def problem(credential):
    """Why ``credential`` cannot be submitted, without showing it; None when it can."""
    if not credential:
        return 'is empty'
    for prefix, body_pattern, shape in FORMATS:
        if credential.startswith(prefix):
            return body_problem(prefix, credential[len(prefix):], body_pattern, shape)
    for prefix, reason in REFUSED.items():
        if credential.startswith(prefix):
            return reason
    return 'is not a credential the revocation API accepts (a token starting %s)' % ACCEPTED


def body_problem(prefix, body, body_pattern, shape):
    """Why ``body`` (what follows ``prefix``) is not a token body, or None."""
    if not body_pattern.match(body):
        return 'starts like a %s token but what follows the prefix is not %s (%d characters)' % (
            prefix, shape, len(body))
    if len(body) < MIN_BODY:
        return 'starts like a %s token but is too short for one (%d characters after the prefix, at least %d)' % (
            prefix, len(body), MIN_BODY)
    if len(prefix) + len(body) > MAX_LENGTH:
        return 'starts like a %s token but is longer than %d characters' % (prefix, MAX_LENGTH)
    return None


def prepare(values):
    """(distinct credentials in order, duplicates dropped, problems naming positions)."""
    problems = []
    distinct = []
    seen = set()
    for index, value in enumerate(values):
        credential = (value or '').strip()
        reason = problem(credential)
        if reason:
            problems.append('credentials[%d] %s' % (index, reason))
        elif credential not in seen:
            seen.add(credential)
            distinct.append(credential)
    return distinct, len(values) - len(distinct) - len(problems), problems


def chunks(values, size=PER_REQUEST):
    return [values[start:start + size] for start in range(0, len(values), size)]


def revoke(ghe, distinct, counts, bulk):
    parts = chunks(distinct)
    places = chunks(bulk.items)
    submitted = 0
    for number, part in enumerate(parts, 1):
        try:
            ghe.client.request('POST', PATH, json=dict(credentials=part), authenticated=False, repeat=IDEMPOTENT)
        except ApiError as error:
            for place in places[number - 1]:
                bulk.failed(place, api_reason(error), error.status)
            counts.update(submitted=submitted, chunks=number - 1)
            hint = LIMIT_HINT if error.status in (403, 422, 429) else AGAIN_HINT
            ghe.fail('GitHub refused request %d of %d (%d credentials): %s. %d credentials were submitted, %d remain '
                     'unsubmitted. %s'
                     % (number, len(parts), len(part), error, submitted, len(distinct) - submitted, hint),
                     changed=submitted > 0, remaining=len(distinct) - submitted, api_error=error.as_dict(),
                     outcome=bulk.as_dict(), **counts)
        for place in places[number - 1]:
            bulk.done(place)
        submitted += len(part)
    counts.update(submitted=submitted, chunks=len(parts))


def first_places(values, distinct):
    """The index in ``values`` where each of ``distinct`` is first given: how the outcome names a credential."""
    places = {}
    for index, value in enumerate(values):
        places.setdefault((value or '').strip(), index)
    return [places[credential] for credential in distinct]


def converge(ghe, distinct, counts, bulk):
    for credential in distinct:
        ghe.client.add_secret(credential)
    if ghe.check_mode:
        for place in bulk.items:
            bulk.done(place)
        counts.update(submitted=len(distinct), chunks=len(chunks(distinct)))
    else:
        revoke(ghe, distinct, counts, bulk)
    return dict(changed=bool(distinct), outcome=bulk.as_dict(), **counts)


def main():
    ghe = GheModule(
        products=('ghec',),
        argument_spec=dict(credentials=dict(type='list', elements='str', required=True, no_log=True)),
        requires_token=False,
    )
    values = ghe.params['credentials']
    distinct, duplicates, problems = prepare(values)
    if problems:
        shown = problems[:SHOWN_PROBLEMS]
        if len(problems) > SHOWN_PROBLEMS:
            shown.append('and %d more' % (len(problems) - SHOWN_PROBLEMS))
        ghe.fail('%d of %d credentials cannot be submitted, nothing was sent: %s'
                 % (len(problems), len(values), '; '.join(shown)))
    counts = dict(received=len(values), duplicates=duplicates, submitted=0, chunks=0)
    bulk = BulkOutcome(first_places(values, distinct), key='index')
    ghe.run(lambda ghe: converge(ghe, distinct, counts, bulk))


if __name__ == '__main__':
    main()
