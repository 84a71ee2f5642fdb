# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Controller-side action base: run a module, then wait for the asynchronous job it started."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase

from ansible_collections.ghe.admin.plugins.module_utils.client import ApiError
from ansible_collections.ghe.admin.plugins.module_utils.module import client_from_params, connection_argument_spec
from ansible_collections.ghe.admin.plugins.module_utils.waiter import JobFailed, WaitTimeout, wait_for


def controller_params(args):
    """Connection option values for a client on the controller, resolved as a module would resolve them:
    task arguments, then environment fallbacks, then defaults, converted to their types."""
    spec = connection_argument_spec()
    result = ArgumentSpecValidator(spec).validate(dict((k, v) for k, v in args.items() if k in spec))
    if result.error_messages:
        raise AnsibleActionFail('; '.join(result.error_messages))
    return result.validated_parameters


class JobWaitingAction(ActionBase):
    """Runs ``MODULE`` with the task's arguments; when it started a job (``result['job']``) and
    ``wait`` is true, polls it through the same client until it finishes.

    Subclasses set ``MODULE`` and implement :meth:`check_job` (the finished job's details, ``None``
    while pending, :class:`JobFailed` on failure) and :meth:`pending_hint` (how to check later).
    """

    MODULE = None
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        result = super(JobWaitingAction, self).run(tmp, task_vars)
        args = dict(self._task.args)
        result.update(self._execute_module(module_name=self.MODULE, module_args=args, task_vars=task_vars))
        job = result.get('job')
        if result.get('failed') or not job or self._task.check_mode or not args.get('wait', True):
            return result
        client = client_from_params(controller_params(args))
        try:
            outcome, polls = wait_for(
                lambda: self.check_job(client, job), float(args.get('wait_timeout') or 300),
                float(args.get('poll_interval') or 5), self.describe(job))
        except JobFailed as exc:
            job['state'] = 'failed'
            result['changed'] = False
            return self._failed(result, job, '%s failed: %s' % (self.describe(job), client.redact(str(exc))))
        except WaitTimeout as exc:
            job['polls'] = exc.polls
            return self._failed(result, job, '%s. %s' % (exc, self.pending_hint(job)))
        except ApiError as exc:
            return self._failed(result, job, 'while waiting for %s: %s' % (self.describe(job), exc))
        finally:
            client.close()
        job.update(state='complete', polls=polls)
        self.finish(result, outcome)
        return result

    @staticmethod
    def _failed(result, job, msg):
        job.setdefault('state', 'pending')
        result.update(failed=True, msg=msg)
        return result

    def describe(self, job):
        return job.get('description') or 'the job'

    def check_job(self, client, job):
        raise NotImplementedError

    def pending_hint(self, job):
        raise NotImplementedError

    def finish(self, result, outcome):
        """Fold the finished job's details into the task result (nothing by default)."""
