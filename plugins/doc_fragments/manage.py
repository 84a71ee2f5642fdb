# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  manage_url:
    description:
      - The Manage GHES API of the appliance, V(https://HOST:8443) or V(https://HOST:8443/manage/v1)
        (C(/manage/v1) is appended when missing).
      - If not set, the environment variable E(GHE_MANAGE_URL) is used; without either, it is derived from
        O(api_url)'s host as V(https://HOST:8443/manage/v1).
      - A value without a scheme or host is refused before any request is sent.
    type: str
  manage_password:
    description:
      - "The root site administrator password (the Management Console password), sent as HTTP Basic
        C(api_key:<password>) on every request. Not the site administrator's token: O(token) is not used
        by these modules."
      - If not set, the environment variable E(GHE_MANAGE_PASSWORD) is used. Required.
      - Never logged or shown in output, diffs or error messages.
    type: str
  api_url:
    description:
      - Used only to derive O(manage_url) when that is not set (its host, port 8443). Not required when
        O(manage_url) is set.
    required: false
notes:
  - Set O(manage_url) and O(manage_password) once per play with the other connection options, in C(module_defaults)
    for the action group C(group/ghe.admin.api). Every module of the collection accepts them, and only the Manage
    API modules use them. (C(group/ghe.admin.manage) holds just the Manage API modules, for plays that want them apart.)
  - The Manage GHES API (C(/manage/v1)) exists on GitHub Enterprise Server 3.8 and later. These modules use the same
    client as the other modules (retries, TLS options O(validate_certs) and O(ca_path), O(timeout), redirects refused)
    over the management port. O(token) and O(api_version) are accepted, so that one C(module_defaults) block for
    C(group/ghe.admin.api) serves every module, and ignored.
'''

    # For every module that does not use the Manage API: the options are accepted so that one module_defaults block
    # serves every module, and ignored.
    IGNORED = r'''
options:
  manage_url:
    description:
      - Used only by the Manage GHES API modules (M(ghe.admin.maintenance), M(ghe.admin.config_settings), ...);
        accepted and ignored here, so that one C(module_defaults) block for C(group/ghe.admin.api) serves every module.
    type: str
  manage_password:
    description:
      - Used only by the Manage GHES API modules; accepted and ignored here, like O(manage_url). Never logged.
    type: str
'''
