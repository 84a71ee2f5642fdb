# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pre-receive environments and hooks: what the pre_receive_* modules, enterprise_info and the jobs share.

Environments and hooks are identified by name (compared case-insensitively, as GitHub refuses two names that
differ only in case). Hooks refer to their environment by name and to their script repository as ``owner/repo``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.six.moves.urllib.parse import quote, urlsplit

from ansible_collections.ghe.admin.plugins.module_utils.waiter import JobFailed

ENVIRONMENTS = 'admin/pre-receive-environments'
HOOKS = 'admin/pre-receive-hooks'
ENFORCEMENTS = ('enabled', 'disabled', 'testing')
DEFAULT_ENFORCEMENT = 'disabled'
TARBALL_SUFFIXES = ('.tar.gz', '.tgz', '.tar')
DOWNLOAD_KIND = 'pre_receive_download'

_NAME_PART = r'[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?'
_REPOSITORY = re.compile(r'^%s/[A-Za-z0-9._-]+$' % _NAME_PART)


# ---------------------------------------------------------------------------------------------- input

def image_url_problem(url):
    """Why ``url`` cannot be an environment's image URL, or None."""
    parts = urlsplit(url or '')
    if parts.scheme.lower() not in ('http', 'https') or not parts.netloc:
        return 'must be an http:// or https:// URL of a tarball such as https://files.example.com/env.tar.gz, got %r' % url
    if not parts.path.lower().endswith(TARBALL_SUFFIXES):
        return 'must name a tarball (a path ending in %s), got %r' % (', '.join(TARBALL_SUFFIXES), url)
    return None


def repository_problem(value):
    """Why ``value`` is not an ``owner/repo`` name, or None."""
    if not isinstance(value, str) or not _REPOSITORY.match(value) or value.split('/')[1] in ('.', '..'):
        return 'must be a repository as owner/repo, such as engineering/pre-receive-hooks, got %r' % (value,)
    return None


def same_name(left, right):
    return (left or '').lower() == (right or '').lower()


# ---------------------------------------------------------------------------------------------- paths

def environment_path(env_id):
    return '%s/%d' % (ENVIRONMENTS, env_id)


def download_path(env_id):
    return '%s/%d/downloads' % (ENVIRONMENTS, env_id)


def hook_path(hook_id):
    return '%s/%d' % (HOOKS, hook_id)


def repository_path(full_name):
    owner, name = full_name.split('/', 1)
    return 'repos/%s/%s' % (quote(owner, safe=''), quote(name, safe=''))


def org_hook_path(org, hook_id=None):
    path = 'orgs/%s/pre-receive-hooks' % quote(org, safe='')
    return path if hook_id is None else '%s/%d' % (path, hook_id)


def repo_hook_path(full_name, hook_id=None):
    path = '%s/pre-receive-hooks' % repository_path(full_name)
    return path if hook_id is None else '%s/%d' % (path, hook_id)


# ---------------------------------------------------------------------------------------------- environments

def download_view(data):
    data = data or {}
    return dict(state=data.get('state') or 'not_started', downloaded_at=data.get('downloaded_at'),
                message=data.get('message'))


def environment_view(data):
    """An environment in the modules' terms."""
    if not data:
        return {}
    return dict(id=data.get('id'), name=data.get('name'), image_url=data.get('image_url'),
                default_environment=bool(data.get('default_environment')), hooks_count=data.get('hooks_count') or 0,
                created_at=data.get('created_at'), download=download_view(data.get('download')))


def environment_diff(view):
    """What ``--diff`` shows of an environment: what the module manages."""
    if not view:
        return {}
    return dict(name=view['name'], image_url=view['image_url'], download=view['download']['state'])


def list_environments(client):
    return [environment_view(data) for data in client.paginate(ENVIRONMENTS)]


def find_by_name(items, name):
    """The item named ``name`` (case-insensitively), or None."""
    return next((item for item in items if same_name(item['name'], name)), None)


def download_job_details(env):
    """``(kind, description, requested, how_to_check, details)`` of the download of ``env`` (a view)."""
    return (DOWNLOAD_KIND, 'download of pre-receive environment %s' % env['name'],
            dict(name=env['name'], image_url=env['image_url']),
            'GET /%s/downloads/latest answers state success or failed once GitHub has downloaded the image; '
            'ghe.admin.pre_receive_info shows it too' % environment_path(env['id']),
            dict(environment_id=env['id'], environment=env['name'], image_url=env['image_url']))


def check_download(client, job):
    """One poll of a download: the environment once downloaded, None while it runs; :class:`JobFailed` with
    GitHub's message when it failed."""
    status = download_view(client.get(download_path(job['environment_id']) + '/latest'))
    job['download'] = status
    if status['state'] == 'failed':
        raise JobFailed(status['message'] or 'GitHub reported the download as failed without saying why')
    if status['state'] != 'success':
        return None
    return environment_view(client.get(environment_path(job['environment_id'])))


# ---------------------------------------------------------------------------------------------- hooks

def hook_view(data):
    """A hook in the modules' terms: the environment by name, the script repository as ``owner/repo``."""
    if not data:
        return {}
    environment = data.get('environment') or {}
    repository = data.get('script_repository') or {}
    return dict(id=data.get('id'), name=data.get('name'), script=data.get('script'),
                script_repository=repository.get('full_name'), environment=environment.get('name'),
                enforcement=data.get('enforcement'),
                allow_downstream_configuration=bool(data.get('allow_downstream_configuration')))


def list_hooks(client):
    return [hook_view(data) for data in client.paginate(HOOKS)]


def hooks_using(client, env_id):
    """The names of the hooks that run in environment ``env_id``."""
    return sorted(data.get('name') for data in client.paginate(HOOKS) if (data.get('environment') or {}).get('id') == env_id)


# ---------------------------------------------------------------------------------------------- enforcement

def level_of(configuration_url):
    """Where the enforcement a level sees is configured: ``enterprise``, ``organization`` or ``repository``."""
    path = urlsplit(configuration_url or '').path
    if '/repos/' in path:
        return 'repository'
    if '/orgs/' in path:
        return 'organization'
    return 'enterprise'


def org_enforcement_view(data, org):
    """What an organization sees of a hook, and whether it overrides the enterprise's setting."""
    return dict(organization=org, hook=data.get('name'), id=data.get('id'), enforcement=data.get('enforcement'),
                allow_downstream_configuration=bool(data.get('allow_downstream_configuration')),
                configured_at=level_of(data.get('configuration_url')),
                overridden=level_of(data.get('configuration_url')) == 'organization')


def repo_enforcement_view(data, full_name):
    """What a repository sees of a hook, and whether it overrides the level above."""
    return dict(repository=full_name, hook=data.get('name'), id=data.get('id'), enforcement=data.get('enforcement'),
                configured_at=level_of(data.get('configuration_url')),
                overridden=level_of(data.get('configuration_url')) == 'repository')
