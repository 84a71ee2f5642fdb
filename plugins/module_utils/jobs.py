# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""One model for GitHub's asynchronous jobs: the job record, a registry of checks by kind, the wait.

A module that starts a job returns ``result['job']``, a record built by :func:`new_job` (here, one builder
per kind). ``ghe.admin.job_info`` checks or waits for a record; the action plugins run it where the module
ran, with the module's connection options, so the wait reaches the same server with the same credentials.

Adding a kind is a check function and one :data:`KINDS` entry below; a kind on another API names its
connection in :data:`CONNECTIONS` (argument spec, problems before any request, client factory).
The helper modules imported here never import this one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.ghe.admin.plugins.module_utils.client import InvalidApiUrl, normalize_api_url
from ansible_collections.ghe.admin.plugins.module_utils.encryption import (
    DISABLED,
    PATH as ENCRYPTION_PATH,
    STATUS_PATH,
    encryption_state,
)
from ansible_collections.ghe.admin.plugins.module_utils.module import (
    client_from_params,
    connection_argument_spec,
    connection_problem,
)
from ansible_collections.ghe.admin.plugins.module_utils.manage import (
    check_config_run,
    manage_argument_spec,
    manage_client_from_params,
    manage_problem,
)
from ansible_collections.ghe.admin.plugins.module_utils.orgs import diff_view, org_path, org_view
from ansible_collections.ghe.admin.plugins.module_utils.prereceive import check_download, download_job_details, environment_diff
from ansible_collections.ghe.admin.plugins.module_utils.users import user_path, user_view
from ansible_collections.ghe.admin.plugins.module_utils.waiter import JobFailed, WaitTimeout, wait_for

PENDING = 'pending'
COMPLETE = 'complete'
FAILED = 'failed'
CHECK_LATER = 'ghe.admin.job_info with job: this record checks it'


class UnknownJob(ValueError):
    """The record is not a job this collection knows how to check."""


def new_job(kind, description, requested, how_to_check, **details):
    """The record of a job that was just started (state ``pending``)."""
    job = dict(kind=kind, state=PENDING, description=description, requested=dict(requested),
               how_to_check=how_to_check)
    job.update(details)
    return job


def lost_answer(error):
    """Why the answer to a request that starts a job was lost, in a few words (no advice to run again)."""
    if error.status is None:
        return error.reason or 'no answer'
    return ('HTTP %s %s' % (error.status, error.message or '')).strip()


# ---------------------------------------------------------------------------------------------- organizations

def org_rename_job(old_login, new_login, url=None):
    return new_job(
        'org_rename', 'rename of organization %s to %s' % (old_login, new_login),
        dict(name=new_login, rename_from=old_login),
        'GET /orgs/%s answers 200 once GitHub has renamed the organization; %s, and ghe.admin.organization '
        '(name: %s, rename_from: %s) run again does not rename twice' % (new_login, CHECK_LATER, new_login, old_login),
        login=new_login, old_login=old_login, url=url)


def org_delete_job(login):
    return new_job(
        'org_delete', 'deletion of organization %s' % login, dict(name=login, state='absent'),
        'GET /orgs/%s answers 404 once GitHub has deleted the organization; %s' % (login, CHECK_LATER),
        login=login)


def check_org_rename(client, job):
    data = client.get_or_none(org_path(job['login']))
    return org_view(data) if data else None


def check_org_delete(client, job):
    return None if client.get_or_none(org_path(job['login'])) else {}


# ---------------------------------------------------------------------------------------------- users

def user_rename_job(old_login, new_login, url=None):
    return new_job(
        'user_rename', 'rename of user %s to %s' % (old_login, new_login), dict(login=new_login, rename_from=old_login),
        'GET /users/%s answers 200 once GitHub has renamed the user (until then the new login is reserved and a '
        'second rename is refused); %s' % (new_login, CHECK_LATER),
        old_login=old_login, new_login=new_login, url=url)


def check_user_rename(client, job):
    data = client.get_or_none(user_path(job['new_login']))
    if data and data.get('login') == job['new_login']:
        return user_view(data)
    return None


# ---------------------------------------------------------------------------------------------- encryption at rest

def encryption_job(answer, kind):
    """The record for the 202 answer of ``PATCH`` (``encryption_update``) or ``DELETE`` (``encryption_disable``)
    ``/enterprise/encryption``; ``answer`` None when it was lost (the request id is then unknown)."""
    answer = answer or {}
    status_url = answer.get('status_url') or None
    request_id = status_url.rstrip('/').rsplit('/', 1)[-1] if status_url else None
    update = kind == 'encryption_update'
    what = 'update of the encryption at rest key' if update else 'disabling of encryption at rest'
    if request_id:
        how = ('GET /enterprise/encryption/status/%s answers result complete or failed once GitHub has finished; %s, '
               'and so does ghe.admin.encryption_info with request_id: %s' % (request_id, CHECK_LATER, request_id))
    else:
        how = ('GET /enterprise/encryption (ghe.admin.encryption_info) shows %s once GitHub has finished'
               % ('new key versions and a later updated_at' if update else 'encryption at rest disabled'))
    return new_job(
        kind, '%s (request %s)' % (what, request_id or 'id unknown'), dict(state='present' if update else 'absent'),
        how, request_id=request_id, status_url=status_url, message=answer.get('message'))


def encryption_status_location(client, job):
    """The job's ``status_url`` when it is on the API the client talks to, else the documented path built
    from the request id (the token is never sent to another host)."""
    url = job.get('status_url') or ''
    if url.startswith(client.base_url + '/'):
        return url
    return STATUS_PATH % job['request_id']


def check_encryption(client, job):
    if not job.get('request_id'):
        return encryption_state(client.get(ENCRYPTION_PATH))
    data = client.get(encryption_status_location(client, job)) or {}
    job['result'] = data.get('result')
    if data.get('result') == 'failed':
        job['error'] = data.get('error')
        raise JobFailed(data.get('error') or 'GitHub reported the job as failed without saying why')
    if data.get('result') != 'complete':
        return None
    if job['kind'] == 'encryption_disable':
        return dict(DISABLED)
    return encryption_state(client.get(ENCRYPTION_PATH))


# ---------------------------------------------------------------------------------------------- pre-receive environments

def pre_receive_download_job(env):
    """The record for the 202 answer of ``POST /admin/pre-receive-environments/{id}/downloads`` (``env``: the
    environment as ``prereceive.environment_view`` has it)."""
    kind, description, requested, how_to_check, details = download_job_details(env)
    return new_job(kind, description, requested, '%s; %s' % (how_to_check, CHECK_LATER), **details)


# ---------------------------------------------------------------------------------------------- the registry

class JobKind:
    """``check(client, job)``: None while pending, the finished object when complete, :class:`JobFailed` when
    failed. ``result_key``: where the finished object goes in the task result. ``diff_after``: the diff's
    ``after`` for it (None: the module's diff stays). ``connection``: a key of :data:`CONNECTIONS`."""

    def __init__(self, check, result_key, diff_after=None, connection='api'):
        self.check = check
        self.result_key = result_key
        self.diff_after = diff_after
        self.connection = connection


class Connection:
    """``argument_spec()``: its options; ``problem(params)``: what is wrong before any request (or None);
    ``client(params)``: the client."""

    def __init__(self, argument_spec, problem, client):
        self.argument_spec = argument_spec
        self.problem = problem
        self.client = client


def api_problem(params):
    if not params.get('api_url'):
        return 'api_url is required: set the api_url option, or GHE_API_URL or GITHUB_API_URL in the environment'
    try:
        normalize_api_url(params['api_url'])
    except InvalidApiUrl as exc:
        return str(exc)
    if not params.get('token'):
        return 'token is required: set the token option, or GHE_TOKEN or GITHUB_TOKEN in the environment'
    return connection_problem(params)


CONNECTIONS = {
    'api': Connection(connection_argument_spec, api_problem, client_from_params),
    'manage': Connection(manage_argument_spec, manage_problem, manage_client_from_params),
}

KINDS = {
    'org_rename': JobKind(check_org_rename, 'organization', diff_view),
    'org_delete': JobKind(check_org_delete, 'organization', diff_view),
    'user_rename': JobKind(check_user_rename, 'user'),
    'encryption_update': JobKind(check_encryption, 'encryption', dict),
    'encryption_disable': JobKind(check_encryption, 'encryption', dict),
    'pre_receive_download': JobKind(check_download, 'environment', environment_diff),
    'config_apply': JobKind(check_config_run, 'config_run', connection='manage'),
}


def kind_of(job):
    """The :class:`JobKind` of a record; :class:`UnknownJob` for anything else."""
    kind = job.get('kind') if isinstance(job, dict) else None
    if kind not in KINDS:
        raise UnknownJob('job is not a job record returned by a ghe.admin module (kind %r; known kinds: %s)'
                         % (kind, ', '.join(sorted(KINDS))))
    return KINDS[kind]


def connection_of(job):
    return CONNECTIONS[kind_of(job).connection]


def connection_option_names():
    """Every option of every connection: what a task passes on to ``ghe.admin.job_info``."""
    names = set()
    for connection in CONNECTIONS.values():
        names.update(connection.argument_spec())
    return names


# ---------------------------------------------------------------------------------------------- checking and waiting

def describe(job):
    return job.get('description') or 'the %s job' % job.get('kind')


def check(client, job):
    """Poll ``job`` once and update its state; return the finished object, or None while pending."""
    try:
        outcome = kind_of(job).check(client, job)
    except JobFailed:
        job['state'] = FAILED
        raise
    job['state'] = PENDING if outcome is None else COMPLETE
    return outcome


def wait(client, job, timeout, interval, sleep=None, now=None):
    """Poll ``job`` until it finishes and return the finished object; ``job['polls']`` counts the polls.

    Raises :class:`JobFailed` (what failed, and GitHub's reason) or :class:`WaitTimeout` (what is pending,
    and how to check it later).
    """
    polls = []

    def poll():
        polls.append(1)
        return check(client, job)

    try:
        outcome = wait_for(poll, timeout, interval, describe(job), sleep=sleep or time.sleep, now=now or time.monotonic)[0]
    except JobFailed as exc:
        raise JobFailed('%s failed: %s' % (describe(job), client.redact(str(exc))))
    except WaitTimeout as exc:
        raise WaitTimeout('%s. It may still complete: %s' % (exc, job.get('how_to_check')), polls=len(polls))
    finally:
        job['polls'] = len(polls)
    return outcome
