#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: global_hook
short_description: Manage a global webhook of GitHub Enterprise Server
version_added: 0.1.0
description:
  - Creates, updates or deletes one global webhook, a webhook that receives events of the whole enterprise.
  - A hook is identified by its O(url), or by O(id) when given. When two hooks have the same URL, the task fails
    naming their ids; set O(id) to choose one.
  - Idempotent. The current hook is read first and written only when it differs. O(events) are compared as a set
    (order and repetitions do not matter).
  - Secrets are write-only. The API returns a set secret as C(********), so the module cannot compare secrets; see
    O(secret) and O(update_secret) for exactly when a secret is written and when that counts as a change. The mask is
    never sent back.
  - The API resets every setting that an update omits (a secret it omits is removed). The module therefore always
    sends the complete settings, and refuses to update a hook that has a secret unless O(secret) is given, rather than
    remove the secret silently.
  - A create is never repeated blindly. When its answer is lost (a dropped connection, a timeout, a server error) or
    the API refuses it because another run created a hook with the same URL meanwhile, the module reads the hooks again
    and adopts the hook with its URL (updating it when its settings differ); only when there is none is the create sent
    again.
options:
  state:
    description:
      - V(present) creates or updates the hook, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  url:
    description:
      - The URL the payloads are delivered to, an absolute C(http://) or C(https://) URL. Identifies the hook unless
        O(id) is given. URLs that differ only in the case of the scheme or host, or in a trailing slash, name the same
        hook (its URL is then kept as it is); the path and query are compared exactly.
      - With O(id), the hook's new URL (when omitted, the current one is kept); with O(id) and O(state=absent), the hook
        is deleted only if this is its URL.
      - Required unless O(id) is given. A value without a scheme or host fails before any request is sent.
    type: str
  id:
    description:
      - The id of the hook (as returned by M(ghe.admin.global_hook_info)), to manage a hook by id rather than by O(url),
        for example one of two hooks that have the same URL.
      - A hook with this id must exist when O(state=present); the module never creates a hook with a given id.
    type: int
  events:
    description:
      - The events that trigger the hook. Compared as a set.
      - When a hook is created without O(events), it gets the API's default, V(organization) and V(user).
        When omitted for an existing hook, its current events are kept.
    type: list
    elements: str
    choices: [fork, member, membership, organization, ping, repository, team, user]
  content_type:
    description:
      - How payloads are serialised.
      - When a hook is created without it, the API's default V(form) is used. When omitted for an existing hook, its
        current content type is kept.
    type: str
    choices: [json, form]
  secret:
    description:
      - The secret GitHub signs the payloads with (C(X-Hub-Signature) header). Never logged or returned.
      - Sent when the hook is created, and with every update of the hook, because the API removes a secret that an
        update omits. An update therefore also sets the hook's secret to this value.
      - An empty string means the hook must have no secret; an existing secret is then removed.
      - When omitted, a hook's secret is kept as it is, and the module fails rather than update a hook that has a secret
        (the update would remove it).
      - It cannot be the mask C(********) that the API returns in place of a secret.
    type: str
  update_secret:
    description:
      - When O(secret) is written to a hook that already exists and has a secret.
      - V(on_create) writes it only when the hook is created or when an update is needed anyway (another setting
        differs, or the hook had no secret). A hook whose other settings match is not changed, even if its secret
        differs from O(secret), since the API never reveals the current secret.
      - V(always) updates the hook on every run with O(secret) given. Because the module cannot know whether the
        secret it sends differs from the current one, every such run sends an update and reports C(changed) (and its
        check mode reports a change too). Requires O(secret).
    type: str
    choices: [on_create, always]
    default: on_create
  insecure_ssl:
    description:
      - Deliver payloads without verifying the TLS certificate of the O(url) host (sent to the API as C(1)).
        The task warns when this is V(true).
      - When a hook is created without it, certificates are verified (V(false)). When omitted for an existing hook, its
        current setting is kept.
    type: bool
  active:
    description:
      - Whether the hook delivers payloads.
      - When a hook is created without it, it is active. When omitted for an existing hook, its current setting is kept.
    type: bool
  ping:
    description:
      - When to send a ping event to the hook, after it has been converged.
      - V(true) (or V(on_change)) pings when this task created or changed the hook, so a second identical run sends
        no write request. V(always) pings on every run, for example to check the delivery from a monitoring play
        (each such run sends a C(POST)). V(false) (or V(never)) does not ping.
      - The ping does not count as a change, and is not sent in check mode; RV(pinged) tells whether it was sent.
      - Only with O(state=present).
    type: raw
    default: false
extends_documentation_fragment:
  - ghe.admin.connection
  - ghe.admin.manage.ignored
  - ghe.admin.products.ghes
attributes:
  check_mode:
    support: full
    description: Reports what would change and sends no write request (no ping either).
  diff_mode:
    support: full
    description: Shows the hook before and after, with the secret masked; C((sent)) after the mask marks a secret this task
      writes.
author:
  - ghe.admin maintainers (@ghe-admin)
notes:
  - The admin API answers 404 to tokens of users who are not site administrators.
seealso:
  - module: ghe.admin.global_hook_info
  - name: REST API endpoints for global webhooks
    description: GitHub's reference for the endpoints this module calls.
    link: https://docs.github.com/en/enterprise-server@3.19/rest/enterprise-admin/global-webhooks
'''

EXAMPLES = r'''
- name: Send organization and user events to the audit collector, signed with a secret from the vault
  ghe.admin.global_hook:
    api_url: https://ghe.example.com
    token: "{{ ghe_admin_token }}"
    url: https://audit.example.com/github
    events: [organization, user, team, membership]
    content_type: json
    secret: "{{ vault_audit_hook_secret }}"
    ping: true

- name: Rotate the secret (reports a change on every run, since the current secret cannot be read)
  ghe.admin.global_hook:
    url: https://audit.example.com/github
    secret: "{{ vault_audit_hook_secret_2025 }}"
    update_secret: always
  module_defaults:
    group/ghe.admin.api:
      api_url: https://ghe.example.com
      token: "{{ ghe_admin_token }}"

- name: Pause a hook that has no secret (its events and content type are kept)
  ghe.admin.global_hook:
    url: https://ci.example.com/github-events
    active: false

- name: Remove one of two hooks that have the same URL
  ghe.admin.global_hook:
    id: 7
    state: absent

- name: Remove a hook
  ghe.admin.global_hook:
    url: https://old.example.com/hook
    state: absent
'''

RETURN = r'''
hook:
  description:
    - The hook after the task (in check mode, what it would be; C(id) is V(null) for a hook check mode would create).
    - An empty dict when the hook is absent (after O(state=absent), also in check mode).
  returned: always
  type: dict
  contains:
    id:
      description: The hook's id.
      type: int
      sample: 12
    url:
      description: Where payloads are delivered.
      type: str
      sample: https://audit.example.com/github
    events:
      description: The events that trigger it, sorted.
      type: list
      elements: str
      sample: [organization, user]
    content_type:
      description: V(json) or V(form).
      type: str
      sample: json
    insecure_ssl:
      description: Whether TLS certificates are not verified on delivery.
      type: bool
      sample: false
    active:
      description: Whether it delivers payloads.
      type: bool
      sample: true
    secret:
      description: C(********) when the hook has a secret, V(null) when it has none. Never the secret itself.
      type: str
      sample: '********'
    created_at:
      description: When it was created, as the API reports it.
      type: str
      sample: '2025-01-31T18:00:00Z'
    updated_at:
      description: When it was last updated, as the API reports it.
      type: str
      sample: '2025-02-01T09:30:00Z'
operation:
  description:
    - What the task did to the hook, or in check mode what it would do.
    - V(created), V(updated) (also when only the secret was sent again, with O(update_secret=always)), V(deleted),
      or V(none) (nothing to change).
  returned: always
  type: str
  sample: updated
secret_needed:
  description:
    - V(true) when the task failed because the hook has a secret and must be updated, but O(secret) is not given
      (the drift report of the C(ghe.admin.enterprise) role lists such a hook as "would change, secret needed").
  returned: failure
  type: bool
  sample: true
pinged:
  description: Whether a ping was sent (with O(ping=true) when the hook was created or changed, with O(ping=always)
    on every run; never in check mode).
  returned: always
  type: bool
  sample: true
'''

from ansible_collections.ghe.admin.plugins.module_utils.client import REDACTED
from ansible_collections.ghe.admin.plugins.module_utils.adopt import LOST, create_or_adopt
from ansible_collections.ghe.admin.plugins.module_utils.hooks import (
    CONTENT_TYPES,
    DEFAULT_CONTENT_TYPE,
    DEFAULT_EVENTS,
    EVENTS,
    PATH,
    get_hook,
    hook_from_api,
    hook_path,
    hooks_with_url,
    list_hooks,
    ping_mode,
    same_url,
    url_problem,
)
from ansible_collections.ghe.admin.plugins.module_utils.module import ApiError, GheModule, options_only_with, state_result
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT, ONCE

SETTINGS = ('url', 'events', 'content_type', 'insecure_ssl', 'active')
PRESENT_ONLY = ('events', 'content_type', 'secret', 'insecure_ssl', 'active')


def find_hook(ghe):
    """The hook the task is about, or None; fails when the URL names more than one."""
    params = ghe.params
    if params['id'] is not None:
        hook = get_hook(ghe.client, params['id'])
        if hook is None and params['state'] == 'present':
            ghe.fail('there is no global hook with id %d; leave id out to create a hook for url' % params['id'])
        return hook
    found = hooks_with_url(list_hooks(ghe.client), params['url'])
    if len(found) > 1:
        ghe.fail('%d global hooks have url %s (ids %s); set id to the one this task manages'
                 % (len(found), params['url'], ', '.join(str(hook['id']) for hook in found)))
    return found[0] if found else None


def desired_hook(params, current):
    """The hook as the task wants it; omitted options keep the current values (or get the API's defaults)."""
    base = current or dict(id=None, url=None, events=list(DEFAULT_EVENTS), content_type=DEFAULT_CONTENT_TYPE,
                           insecure_ssl=False, active=True, secret=None, created_at=None, updated_at=None)
    desired = dict(base)
    for name in SETTINGS:
        if params[name] is not None:
            desired[name] = params[name]
    if current and params['url'] is not None and same_url(params['url'], current['url']):
        desired['url'] = current['url']
    desired['events'] = sorted(set(desired['events']))
    if params['secret'] is not None:
        desired['secret'] = REDACTED if params['secret'] else None
    return desired


def needs_update(current, desired, params):
    """Whether an existing hook must be written: a setting differs, or update_secret=always with a secret."""
    if settings_differ(current, desired):
        return True
    return params['update_secret'] == 'always' and bool(params['secret'])


def settings_differ(current, desired):
    return any(current[name] != desired[name] for name in SETTINGS + ('secret',))


def request_body(desired, secret, create):
    """The complete body: the API resets whatever an update omits."""
    config = dict(url=desired['url'], content_type=desired['content_type'],
                  insecure_ssl='1' if desired['insecure_ssl'] else '0')
    if secret:
        config['secret'] = secret
    body = dict(config=config, events=desired['events'], active=desired['active'])
    if create:
        body['name'] = 'web'
    return body


def secret_would_be_dropped(current, params):
    return bool(current and current['secret']) and params['secret'] is None


def converge(ghe):
    params = ghe.params
    current = find_hook(ghe)
    if params['state'] == 'absent':
        if current is not None and params['url'] is not None and not same_url(current['url'], params['url']):
            ghe.fail('global hook %d has url %s, not %s; nothing was deleted' % (current['id'], current['url'], params['url']))
        changed = current is not None
        if changed and not ghe.check_mode:
            ghe.client.delete(hook_path(current['id']), repeat=IDEMPOTENT)
        return result(ghe, changed, current, {}, secret_sent=False, pinged=False)

    desired = desired_hook(params, current)
    changed = current is None or needs_update(current, desired, params)
    refuse_dropping_secret(ghe, current, desired, changed)
    final = desired
    if changed and not ghe.check_mode:
        if current is None:
            current, changed, final = create(ghe, desired)
        else:
            final = update(ghe, current, desired)
    secret_sent = changed and bool(params['secret'])
    mode = ping_mode(params['ping'])
    pinged = not ghe.check_mode and (mode == 'always' or (mode == 'on_change' and changed))
    if pinged:
        ping(ghe, final, changed)
    return result(ghe, changed, current, final, secret_sent, pinged)


def refuse_dropping_secret(ghe, current, desired, changed):
    if changed and secret_would_be_dropped(current, ghe.params):
        ghe.fail('global hook %d (%s) has a secret and its %s must change, but secret is not given: the API removes a '
                 'secret that an update leaves out and only ever returns it masked, so the update must send it again. '
                 'Set secret to the hook\'s secret (or to an empty string to remove it)'
                 % (current['id'], current['url'], ', '.join(changed_settings(current, desired))),
                 secret_needed=True, hook=current)


def update(ghe, current, desired):
    body = request_body(desired, ghe.params['secret'], create=False)
    final = hook_from_api(ghe.client.patch(hook_path(current['id']), json=body, repeat=IDEMPOTENT))
    final['secret'] = desired['secret']
    return final


def create(ghe, desired):
    """Create the hook; adopt it when the answer was lost or a concurrent run created it first.

    Returns (the hook before this run wrote, changed, the final hook).
    """
    body = request_body(desired, ghe.params['secret'], create=True)
    data, how = create_or_adopt(ghe.client, lambda: ghe.client.post(PATH, json=body, repeat=ONCE), lambda: find_hook(ghe))
    if how is None:
        final = hook_from_api(data)
        final['secret'] = desired['secret']
        return None, True, final
    if how == LOST:
        ghe.warn('the answer to creating global hook %s was lost; the hook it created (id %d) was found and adopted'
                 % (desired['url'], data['id']))
    desired = desired_hook(ghe.params, data)
    changed = settings_differ(data, desired) if how == LOST else needs_update(data, desired, ghe.params)
    refuse_dropping_secret(ghe, data, desired, changed)
    final = update(ghe, data, desired) if changed else data
    return (None if how == LOST else data), changed or how == LOST, final


def changed_settings(current, desired):
    return [name for name in SETTINGS if current[name] != desired[name]]


def ping(ghe, hook, changed):
    try:
        ghe.client.post(hook_path(hook['id']) + '/pings', repeat=IDEMPOTENT)
    except ApiError as error:
        ghe.fail('the hook was converged, but pinging it failed: %s' % error, api_error=error.as_dict(),
                 changed=changed, hook=hook)


def result(ghe, changed, before, after, secret_sent, pinged):
    outcome = state_result(ghe, 'hook', before, after, changed, secret_keys=('secret',), pinged=pinged)
    if secret_sent and 'diff' in outcome:
        outcome['diff']['after']['secret'] = REDACTED + ' (sent)'
    return outcome


def validate(ghe):
    params = ghe.params
    options_only_with(ghe, 'present', PRESENT_ONLY + ('ping',))
    if params['url'] is None and params['id'] is None:
        ghe.fail('url is required to identify the hook (or id, to manage a hook by its id)')
    if params['url'] is not None:
        problem = url_problem(params['url'])
        if problem:
            ghe.fail('url %s' % problem)
    if params['id'] is not None and params['id'] < 1:
        ghe.fail('id must be a positive hook id, got %d' % params['id'])
    if ping_mode(params['ping']) is None:
        ghe.fail('ping must be true (ping when the hook is created or changed), always or false, got %r'
                 % (params['ping'],))
    if params['events'] is not None and not params['events']:
        ghe.fail('events must name at least one event (leave it out to keep the current events)')
    if params['secret'] == REDACTED:
        ghe.fail('secret is the mask %s that the API returns in place of a secret; set it to the real secret' % REDACTED)
    if params['update_secret'] == 'always' and not params['secret']:
        ghe.fail('update_secret: always needs secret (the value to write on every run)')
    if params['secret']:
        ghe.client.add_secret(params['secret'])
    if params['insecure_ssl']:
        ghe.warn('insecure_ssl is true: payloads are delivered without verifying the TLS certificate of %s, which '
                 'exposes them to man-in-the-middle attacks' % (params['url'] or 'the hook\'s URL'))


def main():
    ghe = GheModule(
        products=('ghes',),
        argument_spec=dict(
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            url=dict(type='str'),
            id=dict(type='int'),
            events=dict(type='list', elements='str', choices=list(EVENTS)),
            content_type=dict(type='str', choices=list(CONTENT_TYPES)),
            secret=dict(type='str', no_log=True),
            update_secret=dict(type='str', choices=['on_create', 'always'], default='on_create', no_log=False),
            insecure_ssl=dict(type='bool'),
            active=dict(type='bool'),
            ping=dict(type='raw', default=False),
        ),
    )
    validate(ghe)
    ghe.run(converge)


if __name__ == '__main__':
    main()
