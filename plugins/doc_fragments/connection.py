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
      - The web addresses V(https://github.com) and V(https://SUBDOMAIN.ghe.com) mean their API (the task warns).
        V(https://HOST/api) is refused with a hint, as is a value without a scheme or host, before any request is sent.
      - The product is GitHub Enterprise Cloud when this is C(api.github.com) or C(api.SUBDOMAIN.ghe.com), GitHub
        Enterprise Server when the server's answers carry C(X-GitHub-Enterprise-Version). A module used with a product
        it does not support (see its C(platform) attribute) fails before any write, saying which product it found.
      - The environment variable E(GHE_CLOUD_API_URLS) (comma-separated URLs) names other GitHub Enterprise Cloud API
        roots, used as they are (a reverse proxy in front of V(https://api.github.com), a test double).
      - The API never redirects. A redirect (3xx) fails the task, naming its C(Location) and what to change here
        (often V(https://) instead of V(http://)); it is never followed, so the token is not sent elsewhere. A
        successful answer that is not JSON (a single sign-on or proxy page) fails the task too.
      - If not set, the environment variable E(GHE_API_URL) is used, then E(GITHUB_API_URL).
    type: str
    required: true
  token:
    description:
      - "The token, sent as C(Authorization: Bearer <token>) on every request to O(api_url)'s scheme, host and port,
        and never anywhere else: a pagination link or job status URL on another host fails the task unsent."
      - Only this token is sent. C(~/.netrc) (or E(NETRC)) is ignored, and requests that GitHub wants
        unauthenticated carry no credentials at all.
      - The admin API needs a site administrator's personal access token (classic) with the C(site_admin) scope.
      - If not set, the environment variable E(GHE_TOKEN) is used, then E(GITHUB_TOKEN).
      - Never logged or shown in output, diffs or error messages.
    type: str
  validate_certs:
    description:
      - Verify the server's TLS certificate. Set to V(false) only for a lab instance with a self-signed certificate;
        prefer O(ca_path).
      - If not set, the environment variable E(GHE_VALIDATE_CERTS) is used.
      - A certificate that nothing trusts (neither O(ca_path) nor the system) is refused before the token is sent.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of CA certificates to verify the server's certificate with, instead of the system's.
      - If not set, the environment variable E(GHE_CA_PATH) is used (an empty value means not set).
      - Without it, the server's certificate is verified against what the system trusts, as M(ansible.builtin.uri)
        does; that is the operating system's CA store, or E(SSL_CERT_FILE) / E(SSL_CERT_DIR) when set (not only the
        C(certifi) bundle of C(requests); E(REQUESTS_CA_BUNDLE) is not read).
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
      - 400, 401, 403 (other than a rate limit), 404 and 422 are never retried.
      - Whether a request may be sent again is decided per operation, not per HTTP method. Reads, and writes that
        leave the same state when repeated (set a banner, suspend a user, delete a hook), are retried. A request
        that creates something or starts a job (an organization or user rename, an organization delete, an
        encryption key change) is sent once; when its answer is lost, the module reads the current state again
        and adopts what the request did, or fails saying what may be in progress and how to check it.
    type: int
    default: 5
  max_retry_wait:
    description:
      - The longest single wait, in seconds, before a retry. When GitHub's rate limit asks for a longer wait
        (C(Retry-After) or C(x-ratelimit-reset)), the task fails at once and says when to run again.
      - A rate limit (429, or a secondary rate limit) without C(Retry-After) waits at least a minute, as GitHub
        asks, doubling on each further retry up to this value; below 60, such a task fails at once, saying so.
    type: float
    default: 120
requirements:
  - requests >= 2.25.0 (on the host that runs the module)
notes:
  - All connection options can be set once per play with C(module_defaults) for the action group
    C(group/ghe.admin.api).
  - Requests are sent over one keep-alive HTTP session per task.
  - Proxies are taken from the environment (E(https_proxy), E(http_proxy), E(no_proxy)); no other C(requests)
    environment setting applies.
'''
