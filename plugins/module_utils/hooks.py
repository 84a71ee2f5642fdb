# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Global webhooks (``/admin/hooks``): what global_hook and global_hook_info share."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.parsing.convert_bool import BOOLEANS_FALSE, BOOLEANS_TRUE
from ansible.module_utils.six.moves.urllib.parse import urlsplit, urlunsplit

from ansible_collections.ghe.admin.plugins.module_utils.client import REDACTED

PATH = 'admin/hooks'

# "Global webhooks can subscribe to the organization, user, repository, team, member, membership,
# fork, and ping event types" (GitHub Enterprise Server REST reference, global webhooks).
EVENTS = ('fork', 'member', 'membership', 'organization', 'ping', 'repository', 'team', 'user')
DEFAULT_EVENTS = ('organization', 'user')
CONTENT_TYPES = ('json', 'form')
DEFAULT_CONTENT_TYPE = 'form'


def url_problem(url):
    """Why ``url`` cannot be a hook's delivery URL, or None when it can."""
    parts = urlsplit(url or '')
    if parts.scheme.lower() not in ('http', 'https') or not parts.netloc:
        return 'must be an absolute http:// or https:// URL such as https://hooks.example.com/ghe, got %r' % url
    return None


def hook_from_api(data):
    """A hook as the API returns it, in the modules' terms (the secret stays masked)."""
    config = data.get('config') or {}
    return dict(
        id=data.get('id'),
        url=config.get('url'),
        events=sorted(set(data.get('events') or [])),
        content_type=config.get('content_type') or DEFAULT_CONTENT_TYPE,
        insecure_ssl=str(config.get('insecure_ssl', '0')).strip().lower() in ('1', 'true'),
        active=bool(data.get('active')),
        secret=REDACTED if config.get('secret') else None,
        created_at=data.get('created_at'),
        updated_at=data.get('updated_at'),
    )


def hook_path(hook_id):
    return '%s/%d' % (PATH, hook_id)


def list_hooks(client):
    """Every global hook, through every page."""
    return [hook_from_api(data) for data in client.paginate(PATH)]


def get_hook(client, hook_id):
    """The hook with this id, or None."""
    data = client.get_or_none(hook_path(hook_id))
    return hook_from_api(data) if data else None


def url_key(url):
    """``url`` as hooks are matched: scheme and host in lower case, no trailing slash (path and query kept)."""
    parts = urlsplit(url or '')
    userinfo, at, hostport = parts.netloc.rpartition('@')
    netloc = userinfo + at + hostport.lower()
    return urlunsplit((parts.scheme.lower(), netloc, parts.path.rstrip('/'), parts.query, parts.fragment))


def same_url(one, other):
    return url_key(one) == url_key(other)


def hooks_with_url(hooks, url):
    """The hooks whose URL is ``url``, up to the case of the scheme and host and a trailing slash."""
    key = url_key(url)
    return [hook for hook in hooks if url_key(hook['url']) == key]


PING_MODES = ('never', 'on_change', 'always')


def ping_mode(value):
    """The ping option as one of PING_MODES (a boolean true is V(on_change)); None when it is none of them."""
    if value is None or value in BOOLEANS_FALSE:
        return 'never'
    if value in BOOLEANS_TRUE:
        return 'on_change'
    text = str(value).strip().lower()
    return text if text in PING_MODES else None
