# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Runs ghe.admin.organization, then waits on the controller for the rename or deletion it started."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.plugins.module_utils.orgs import check_org_job, pending_org_hint
from ansible_collections.ghe.admin.plugins.plugin_utils.job_action import JobWaitingAction


class ActionModule(JobWaitingAction):

    MODULE = 'ghe.admin.organization'

    def check_job(self, client, job):
        return check_org_job(client, job)

    def pending_hint(self, job):
        return pending_org_hint(job)

    def finish(self, result, outcome):
        result['organization'] = outcome
