# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Action base: run a module, then wait for the asynchronous job it started.

The wait runs ``ghe.admin.job_info`` the way the module ran: on the same host (delegation included), with the
task's ``environment:``, and with the connection options the module got (the task's arguments, which already
hold ``module_defaults``). So it reaches the server the module reached, with the same credentials, whatever
the controller's own environment says.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase

from ansible_collections.ghe.admin.plugins.module_utils import jobs
from ansible_collections.ghe.admin.plugins.module_utils.module import job_wait_argument_spec

JOB_INFO = 'ghe.admin.job_info'


def wait_options(args):
    """``wait``, ``wait_timeout`` and ``poll_interval`` typed by the modules' own argument spec
    (``wait: "false"`` from ``-e`` or a survey is false); ``(options, error message or None)``."""
    spec = job_wait_argument_spec()
    result = ArgumentSpecValidator(spec).validate(dict((k, v) for k, v in args.items() if k in spec))
    if result.error_messages:
        return None, '; '.join(result.error_messages)
    return result.validated_parameters, None


class JobWaitingAction(ActionBase):
    """Runs ``MODULE`` with the task's arguments; when it started a job that is still pending and ``wait``
    is true (and not in check mode), waits for it with ``ghe.admin.job_info``."""

    MODULE = None
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        result = super(JobWaitingAction, self).run(tmp, task_vars)
        options, error = wait_options(self._task.args)
        if error:
            result.update(failed=True, msg=error)
            return result
        result.update(self._execute_module(module_name=self.MODULE, module_args=dict(self._task.args),
                                           task_vars=task_vars))
        job = result.get('job')
        if (result.get('failed') or not isinstance(job, dict) or job.get('state') != jobs.PENDING
                or self._task.check_mode or not options['wait']):
            return result
        waited = self._execute_module(module_name=JOB_INFO, module_args=self.job_info_args(job, options),
                                      task_vars=task_vars)
        return merge_wait(result, waited)

    def job_info_args(self, job, options):
        names = jobs.connection_option_names()
        args = dict((k, v) for k, v in self._task.args.items() if k in names)
        args.update(job=job, wait=True, wait_timeout=options['wait_timeout'], poll_interval=options['poll_interval'])
        return args


def merge_wait(result, waited):
    """The task result once ``ghe.admin.job_info`` waited for its job."""
    job = waited.get('job') or result['job']
    result['job'] = job
    result['warnings'] = result.get('warnings', []) + waited.get('warnings', [])
    if not result['warnings']:
        del result['warnings']
    if waited.get('failed'):
        msg = waited.get('msg') or 'the wait failed without saying why'
        if 'job' not in waited:
            msg = 'while waiting for %s: %s' % (jobs.describe(job), msg)
        result.update(failed=True, msg=msg)
        if 'api_error' in waited:
            result['api_error'] = waited['api_error']
        if job.get('state') == jobs.FAILED:
            result['changed'] = False
        return result
    kind = jobs.kind_of(job)
    outcome = waited.get('outcome')
    result[kind.result_key] = outcome
    if kind.diff_after is not None and 'diff' in result:
        result['diff']['after'] = kind.diff_after(outcome)
    return result
