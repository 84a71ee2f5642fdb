# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The products a module supports, as its ``platform`` attribute (the README's table of modules by product)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    GHES = r'''
attributes:
  platform:
    description:
      - The product whose API this module calls. C(ghes) is GitHub Enterprise Server 3.19 (its REST API under
        C(/api/v3), or its Manage GHES API); GitHub Enterprise Cloud (C(api.github.com), C(api.SUBDOMAIN.ghe.com))
        does not have it.
      - On GitHub Enterprise Cloud the module fails before any write (before any request when O(api_url) names
        GitHub Enterprise Cloud), saying which product it found.
    support: full
    platforms: [ghes]
'''

    GHEC = r'''
attributes:
  platform:
    description:
      - The product whose API this module calls. C(ghec) is GitHub Enterprise Cloud (C(api.github.com),
        C(api.SUBDOMAIN.ghe.com)).
      - On GitHub Enterprise Server the module fails before any write, saying which product it found.
    support: full
    platforms: [ghec]
'''

    GHES_AND_GHEC = r'''
attributes:
  platform:
    description:
      - The products whose API this module calls. C(ghes) is GitHub Enterprise Server 3.19, C(ghec) is GitHub
        Enterprise Cloud (C(api.github.com), C(api.SUBDOMAIN.ghe.com)).
    support: full
    platforms: [ghes, ghec]
'''
