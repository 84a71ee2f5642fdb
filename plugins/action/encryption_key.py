# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reads key_path on the controller, runs ghe.admin.encryption_key, then waits for the job it started."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleError, AnsibleFileNotFound
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.ghe.admin.plugins.module_utils import encryption
from ansible_collections.ghe.admin.plugins.plugin_utils.job_action import JobWaitingAction


class ActionModule(JobWaitingAction):

    MODULE = 'ghe.admin.encryption_key'

    def run(self, tmp=None, task_vars=None):
        args = dict(self._task.args)
        if args.get('key_path') is not None:
            path = args.pop('key_path')
            if args.get('key') is not None:
                return dict(failed=True, msg='parameters are mutually exclusive: key|key_path')
            try:
                args['key'] = self.read_key(path)
            except AnsibleFileNotFound:
                return dict(failed=True, msg='key_path %s: no such file on the controller (a relative path is '
                                             'searched in the files directories of the role and the play)' % path)
            except (AnsibleError, OSError) as exc:
                return dict(failed=True, msg='key_path %s: %s' % (path, to_text(exc)))
            except encryption.InvalidKey as exc:
                return dict(failed=True, msg='key_path %s: the key %s' % (path, exc))
            self._task.args = args
        return super(ActionModule, self).run(tmp, task_vars)

    def read_key(self, path):
        """The key in ``path`` on the controller (searched like a ``files`` source, vault-decrypted), checked."""
        source = self._find_needle('files', path)
        real = self._loader.get_real_file(source, decrypt=True)
        try:
            with open(real, 'rb') as handle:
                data = handle.read()
        finally:
            self._loader.cleanup_tmp_file(real)
        try:
            text = data.decode('utf-8')
        except UnicodeDecodeError:
            raise encryption.InvalidKey('is not a text file in PEM format (a binary DER key? convert it with '
                                        'openssl pkey -in KEY -inform DER -out KEY.pem)')
        return encryption.validate_key(text)
