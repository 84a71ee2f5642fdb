# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  api_url:
    description:
      - The GitHub Enterprise API to talk to.
      - V(https://HOST) or V(https://HOST/api/v3) for GitHub Enterprise Server (C(/api/v3) is appended when missing),
        V(https://api.github.com) for GitHub Enterprise Cloud, V(https://api.SUBDOMAIN.ghe.com) for GitHub Enterprise
        Cloud with data residency.
      - A value without a scheme or host is refused before any request is sent.
      - If not set, the environment variable E(GHE_API_URL) is used, then E(GITHUB_API_URL).
    type: str
    required: true
  token:
    description:
      - "The token, sent as C(Authorization: Bearer <token>) on every request."
      - The admin API needs a site administrator's personal access token (classic) with the C(site_admin) scope.
      - If not set, the environment variable E(GHE_TOKEN) is used, then E(GITHUB_TOKEN).
      - Never logged or shown in output, diffs or error messages.
    type: str
  validate_certs:
    description:
      - Verify the server's TLS certificate. Set to V(false) only for a lab instance with a self-signed certificate;
        prefer O(ca_path).
      - If not set, the environment variable E(GHE_VALIDATE_CERTS) is used.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of CA certificates to verify the server's certificate with, instead of the system's.
      - A path that does not exist fails the task before any request (unless O(validate_certs=false)).
    type: path
  timeout:
    description:
      - Seconds to wait for the server to accept a connection and then for each answer.
    type: float
    default: 30
  api_version:
    description:
      - The REST API version, sent as C(X-GitHub-Api-Version).
      - A date such as V(2022-11-28); anything else fails before any request.
    type: str
    default: '2022-11-28'
  max_retries:
    description:
      - How many times a request is retried after a connection error, a server error (5xx) or a rate limit.
      - 400, 401, 403 (other than a rate limit), 404 and 422 are never retried, and a request that creates
        something is never repeated blindly.
    type: int
    default: 5
  max_retry_wait:
    description:
      - The longest single wait, in seconds, before a retry. When GitHub's rate limit asks for a longer wait
        (C(Retry-After) or C(x-ratelimit-reset)), the task fails at once and says when to run again.
    type: float
    default: 120
requirements:
  - requests >= 2.25.0 (on the host that runs the module)
notes:
  - All connection options can be set once per play with C(module_defaults) for the action group
    C(group/ghe.admin.api).
  - Requests are sent over one keep-alive HTTP session per task.
'''
