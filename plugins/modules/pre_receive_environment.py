#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: pre_receive_environment
short_description: Manage a pre-receive hook environment of GitHub Enterprise Server, and download it
version_added: 0.2.0
description:
  - Creates, updates or deletes one pre-receive environment, the image (a tarball of a Linux root file system) that
    pre-receive hook scripts run in. The environment is identified by its O(name), compared case-insensitively.
  - Creating an environment, or changing its O(image_url), starts its download (C(POST .../downloads)). The
    download is asynchronous; the action plugin polls C(GET .../downloads/latest) on the controller until it
    reports C(success) or C(failed) (see O(wait)), and a failed download fails the task with GitHub's message.
  - An environment whose latest download failed or never started is downloaded again; one whose download is
    still running is waited on, not downloaded twice. O(download=always) starts a new download on every run.
  - The default environment (named C(Default)) belongs to GitHub Enterprise Server and cannot be changed or
    deleted; a task that names it fails before any request is sent. Hooks can still use it
    (O(ghe.admin.pre_receive_hook#module:environment=Default)).
  - An environment that hooks still use cannot be deleted; the task fails naming those hooks, and deletes nothing.
  - A create or a download request is never sent twice blindly. When its answer is lost, the module reads again and
    adopts what it finds (the environment, the running download).
options:
  name:
    description:
      - The environment's name; identifies it (case-insensitively). A different case renames it.
    type: str
    required: true
  image_url:
    description:
      - The C(http://) or C(https://) URL GitHub downloads the environment's tarball from (a path ending in
        C(.tar.gz), C(.tgz) or C(.tar)).
      - Required to create the environment. When omitted for an existing one, its current image is kept.
      - Changing it starts a new download.
    type: str
  download:
    description:
      - V(on_change) downloads the image when the environment is created, when its O(image_url) changes, and when
        its latest download failed or never started.
      - V(always) starts a new download on every run (and so reports a change on every run), for an image that was
        replaced at the same URL.
      - Only with O(state=present).
    type: str
    choices: [on_change, always]
    default: on_change
  state:
    description:
      - V(present) creates or updates the environment, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
  - ghe.admin.job_wait
attributes:
  check_mode:
    support: full
    description: Reports what would change and sends no write request; never waits.
  diff_mode:
    support: full
    description: Shows the environment's name, image URL and download state before and after.
  action:
    support: full
    description: The action plugin polls the download on the controller.
author:
  - ghe.admin maintainers (@ghe-admin)
notes:
  - The admin API answers 404 to tokens of users who are not site administrators.
  - A second run with the same options reports no change, unless O(download=always) or the last download failed.
seealso:
  - module: ghe.admin.pre_receive_hook
  - module: ghe.admin.pre_receive_info
  - name: REST API endpoints for pre-receive environments
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/pre-receive-environments
'''

EXAMPLES = r'''
- name: Provide the environment the push policy scripts run in, downloaded before the task ends
  ghe.admin.pre_receive_environment:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    name: DevTools Hook Env
    image_url: https://files.example.com/hooks/devtools-env-2025.10.tar.gz
    wait_timeout: 900
    poll_interval: 10

- name: Download again an image that was replaced at the same URL
  ghe.admin.pre_receive_environment:
    name: DevTools Hook Env
    download: always
  module_defaults:
    group/ghe.admin.api:
      api_url: https://ghe.example.com
      token: "{{ ghe_admin_token }}"

- name: Start the download and check on it later
  ghe.admin.pre_receive_environment:
    name: DevTools Hook Env
    image_url: https://files.example.com/hooks/devtools-env-2025.11.tar.gz
    wait: false
  register: environment

- name: Wait for it
  ghe.admin.job_info:
    job: "{{ environment.job }}"
    wait: true

- name: Remove an environment no hook uses any more
  ghe.admin.pre_receive_environment:
    name: Legacy Hook Env
    state: absent
'''

RETURN = r'''
environment:
  description:
    - The environment after the task; after a download waited on, as the API reports it once downloaded. In check
      mode, what it would be (C(id) is V(null) for one check mode would create).
    - An empty dict when the environment is absent (after O(state=absent), also in check mode).
  returned: always
  type: dict
  contains:
    id:
      description: The environment's id.
      type: int
      sample: 2
    name:
      description: Its name.
      type: str
      sample: DevTools Hook Env
    image_url:
      description: Where its tarball is downloaded from.
      type: str
      sample: https://files.example.com/hooks/devtools-env.tar.gz
    default_environment:
      description: Whether it is GitHub's default environment.
      type: bool
      sample: false
    hooks_count:
      description: How many hooks run in it.
      type: int
      sample: 1
    created_at:
      description: When it was created, as the API reports it.
      type: str
      sample: '2025-10-01T09:30:00Z'
    download:
      description: Its latest download.
      type: dict
      contains:
        state:
          description: V(not_started), V(in_progress), V(success) or V(failed).
          type: str
          sample: success
        downloaded_at:
          description: When the image was downloaded.
          type: str
          sample: '2025-10-01T09:31:12Z'
        message:
          description: GitHub's message about the download (why it failed).
          type: str
          sample: null
job:
  description:
    - The download the task started (or found running). The action plugin waits for it unless O(wait=false);
      M(ghe.admin.job_info) checks it later.
  returned: when a download was started or was running (not in check mode)
  type: dict
  contains:
    kind:
      description: V(pre_receive_download).
      type: str
      sample: pre_receive_download
    state:
      description: V(pending), V(complete) or V(failed).
      type: str
      sample: complete
    description:
      description: What the job does.
      type: str
      sample: download of pre-receive environment DevTools Hook Env
    requested:
      description: The environment's name and image URL.
      type: dict
      sample: {name: DevTools Hook Env, image_url: https://files.example.com/hooks/devtools-env.tar.gz}
    how_to_check:
      description: How to find out later what became of the download.
      type: str
    environment_id:
      description: The environment's id.
      type: int
      sample: 2
    polls:
      description: How many times the download was polled.
      type: int
      returned: when waited on
      sample: 3
operation:
  description:
    - What the task did to the environment, or in check mode what it would do.
    - V(created), V(updated) (its image URL changed, or a download was started), V(deleted), or V(none).
  returned: always
  type: str
  sample: created
reason:
  description: Why the download was (or would be) started, or why not.
  returned: with O(state=present)
  type: str
  sample: the environment was created
'''

from ansible_collections.ghe.admin.plugins.module_utils.adopt import LOST, create_or_adopt
from ansible_collections.ghe.admin.plugins.module_utils.jobs import pre_receive_download_job
from ansible_collections.ghe.admin.plugins.module_utils.module import (
    ApiError,
    GheModule,
    job_wait_argument_spec,
    options_only_with,
    state_result,
)
from ansible_collections.ghe.admin.plugins.module_utils.prereceive import (
    ENVIRONMENTS,
    download_path,
    download_view,
    environment_diff,
    environment_path,
    environment_view,
    find_by_name,
    hooks_using,
    image_url_problem,
    list_environments,
)
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT, ONCE

DEFAULT_NAME = 'default'
REFUSE_DEFAULT = ('%s is GitHub Enterprise Server\'s default pre-receive environment, which cannot be changed or deleted; '
                  'nothing was sent. Leave it out (hooks can still use environment: %s)')
RUNNING = 'in_progress'


def find_environment(ghe):
    env = find_by_name(list_environments(ghe.client), ghe.params['name'])
    if env and env['default_environment']:
        ghe.fail(REFUSE_DEFAULT % (env['name'], env['name']))
    return env


def download_reason(params, current, desired):
    """Why a download must start (or None): creation, a new image, download=always, or no good download."""
    if current is None:
        return 'the environment was created'
    if desired['image_url'] != current['image_url']:
        return 'image_url changed'
    if current['download']['state'] == RUNNING:
        return None
    if params['download'] == 'always':
        return 'download is always'
    if current['download']['state'] != 'success':
        return 'the latest download is %s' % current['download']['state']
    return None


def desired_environment(params, current):
    base = current or dict(id=None, name=params['name'], image_url=None, default_environment=False, hooks_count=0,
                           created_at=None, download=download_view(None))
    desired = dict(base, name=params['name'])
    if params['image_url'] is not None:
        desired['image_url'] = params['image_url']
    return desired


def converge(ghe):
    if ghe.params['state'] == 'absent':
        return remove(ghe)
    params = ghe.params
    current = find_environment(ghe)
    if current is None and params['image_url'] is None:
        ghe.fail('image_url is required to create pre-receive environment %s; nothing was sent' % params['name'])
    desired = desired_environment(params, current)
    reason = download_reason(params, current, desired)
    settings_change = current is None or desired['name'] != current['name'] or desired['image_url'] != current['image_url']
    changed = settings_change or reason is not None
    after = dict(desired, download=dict(desired['download'], state=RUNNING)) if reason else desired
    result = dict(reason=reason or why_no_download(current))
    if not ghe.check_mode:
        final = write(ghe, current, desired) if settings_change else current
        if reason:
            final, result['job'] = start_download(ghe, final)
        elif final['download']['state'] == RUNNING:
            result['job'] = pre_receive_download_job(final)
        after = final
    return state_result(ghe, 'environment', current, after, changed,
                        diff=(environment_diff(current), environment_diff(after)), **result)


def why_no_download(current):
    if current['download']['state'] == RUNNING:
        return 'a download is already in progress; it is waited on, not started again'
    return 'the environment is up to date and its latest download succeeded'


def write(ghe, current, desired):
    body = dict(name=desired['name'], image_url=desired['image_url'])
    if current is not None:
        changes = dict((key, value) for key, value in body.items() if current[key] != value)
        return environment_view(ghe.client.patch(environment_path(current['id']), json=changes, repeat=IDEMPOTENT))
    data, how = create_or_adopt(ghe.client, lambda: ghe.client.post(ENVIRONMENTS, json=body, repeat=ONCE),
                                lambda: find_by_name(list_environments(ghe.client), desired['name']))
    if how is None:
        return environment_view(data)
    if data['image_url'] != desired['image_url']:
        ghe.fail('pre-receive environment %s was created meanwhile (id %d) with image_url %s; run the task again to '
                 'update it' % (data['name'], data['id'], data['image_url']))
    if how == LOST:
        ghe.warn('the answer to creating pre-receive environment %s was lost; the environment it created (id %d) was '
                 'found and adopted' % (data['name'], data['id']))
    return data


def start_download(ghe, env):
    """``POST .../downloads`` once; after a lost answer, adopt the download it started or say what is known."""
    try:
        status = download_view(ghe.client.post(download_path(env['id']), repeat=ONCE))
    except ApiError as error:
        if not getattr(error, 'lost_answer', False):
            raise
        status = download_view(ghe.client.get(download_path(env['id']) + '/latest'))
        if status['state'] == 'not_started':
            ghe.fail('the answer to starting the download of pre-receive environment %s was lost and no download was '
                     'started; run the task again' % env['name'])
        ghe.warn('the answer to starting the download of pre-receive environment %s was lost; its download (%s) was '
                 'found and adopted' % (env['name'], status['state']))
    env = dict(env, download=status)
    return env, pre_receive_download_job(env)


def remove(ghe):
    env = find_environment(ghe)
    if env is not None:
        refuse_removal(ghe, env)
        if not ghe.check_mode:
            ghe.client.delete(environment_path(env['id']), repeat=IDEMPOTENT)
    return state_result(ghe, 'environment', env, {}, env is not None, diff=(environment_diff(env), {}))


def refuse_removal(ghe, env):
    """Fail, before any write, when hooks use ``env`` or its download runs."""
    users = hooks_using(ghe.client, env['id'])
    if users:
        ghe.fail('pre-receive environment %s cannot be deleted: hook%s %s still use%s it; nothing was deleted'
                 % (env['name'], 's' if len(users) > 1 else '', ', '.join(users), '' if len(users) > 1 else 's'))
    if env['download']['state'] == RUNNING:
        ghe.fail('pre-receive environment %s cannot be deleted while its download is in progress; nothing was deleted'
                 % env['name'])


def validate(ghe):
    params = ghe.params
    options_only_with(ghe, 'present', ('image_url',))
    if params['state'] == 'absent' and params['download'] != 'on_change':
        ghe.fail('download cannot be used with state: absent')
    if not params['name'].strip():
        ghe.fail('name must not be empty')
    if params['name'].strip().lower() == DEFAULT_NAME:
        ghe.fail(REFUSE_DEFAULT % (params['name'], params['name']))
    if params['image_url'] is not None:
        problem = image_url_problem(params['image_url'])
        if problem:
            ghe.fail('image_url %s' % problem)


def main():
    spec = dict(
        name=dict(type='str', required=True),
        image_url=dict(type='str'),
        download=dict(type='str', choices=['on_change', 'always'], default='on_change'),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    )
    spec.update(job_wait_argument_spec())
    ghe = GheModule(argument_spec=spec, products=('ghes',))
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
