# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Runs ghe.admin.user, then waits on the controller for a rename it started."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.plugins.module_utils.users import user_path, user_view
from ansible_collections.ghe.admin.plugins.plugin_utils.job_action import JobWaitingAction


class ActionModule(JobWaitingAction):

    MODULE = 'ghe.admin.user'

    def check_job(self, client, job):
        """The renamed user once ``GET /users/{new_login}`` answers with exactly that login."""
        data = client.get_or_none(user_path(job['new_login']))
        if data and data.get('login') == job['new_login']:
            return user_view(data)
        return None

    def pending_hint(self, job):
        return ('GitHub renames users in the background and may still finish: GET /users/%s answers once it is '
                'done. Until then the new login is reserved, so running the rename again fails; raise wait_timeout '
                'or check later' % job['new_login'])

    def finish(self, result, outcome):
        result['user'] = outcome
