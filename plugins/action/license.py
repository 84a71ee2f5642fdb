# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reads the licence file on the controller, runs ghe.admin.license, then waits for the configuration run."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64

from ansible.errors import AnsibleError, AnsibleFileNotFound
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.ghe.admin.plugins.module_utils.manage import InvalidLicense, check_license
from ansible_collections.ghe.admin.plugins.plugin_utils.job_action import JobWaitingAction


class ActionModule(JobWaitingAction):

    MODULE = 'ghe.admin.license'

    def run(self, tmp=None, task_vars=None):
        args = dict(self._task.args)
        if args.get('content') is not None:
            return dict(failed=True, msg='content is set by the action plugin from path; give path only')
        path = args.get('path')
        if not path:
            return dict(failed=True, msg='path is required: the licence file (.ghl) on the controller')
        try:
            data = check_license(self.read_file(path))
        except AnsibleFileNotFound:
            return dict(failed=True, msg='path %s: no such file on the controller (a relative path is searched in '
                                         'the files directories of the role and the play)' % path)
        except InvalidLicense as exc:
            return dict(failed=True, msg='path %s %s' % (path, exc))
        except (AnsibleError, OSError) as exc:
            return dict(failed=True, msg='path %s: %s' % (path, to_text(exc)))
        args['content'] = base64.b64encode(data).decode('ascii')
        self._task.args = args
        return super(ActionModule, self).run(tmp, task_vars)

    def read_file(self, path):
        """The bytes of ``path`` on the controller (searched like a ``files`` source, vault-decrypted)."""
        source = self._find_needle('files', path)
        real = self._loader.get_real_file(source, decrypt=True)
        try:
            with open(real, 'rb') as handle:
                return handle.read()
        finally:
            self._loader.cleanup_tmp_file(real)
