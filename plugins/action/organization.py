# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Runs ghe.admin.organization, then waits for the job it started."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.plugins.plugin_utils.job_action import JobWaitingAction


class ActionModule(JobWaitingAction):

    MODULE = 'ghe.admin.organization'
