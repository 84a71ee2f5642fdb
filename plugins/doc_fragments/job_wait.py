# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  wait:
    description:
      - Wait for the asynchronous job the API started to finish. The wait runs M(ghe.admin.job_info) where the
        module ran (the same host, the task's C(environment), delegation) with the module's connection options, so
        it reaches the server that accepted the job with the same credentials.
      - With V(false) the task returns as soon as the API accepted the job; the result's C(job) says how to check
        it, for example with M(ghe.admin.job_info).
      - Typed like any module option on the controller too, so the string V("false") (from C(-e) or an AWX survey)
        does not wait.
      - Never waits in check mode.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for the job before the task fails, saying what is still pending and how to check it.
    type: float
    default: 300
  poll_interval:
    description:
      - Seconds between two checks of the job.
    type: float
    default: 5
'''
