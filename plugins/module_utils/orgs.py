# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Organizations: the module's view of an organization (its jobs are in jobs.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.six.moves.urllib.parse import quote


def org_path(login):
    return 'orgs/%s' % quote(login, safe='')


def profile_name_of(data):
    """The display name; GitHub answers an unset one as absent, null or empty."""
    return (data or {}).get('name') or None


def org_view(data, profile_name=None):
    """An organization as the module returns it; ``{}`` when there is none.

    ``profile_name`` overrides the answer's (``POST /admin/organizations`` does not echo it).
    """
    if not data:
        return {}
    return dict(login=data.get('login'), id=data.get('id'),
                profile_name=profile_name if profile_name is not None else profile_name_of(data),
                url=data.get('url'))


def renamed_view(view, new_login):
    """What ``view`` will be once its rename to ``new_login`` completes."""
    result = dict(view, login=new_login)
    url = view.get('url')
    if url and '/' in url:
        result['url'] = '%s/%s' % (url.rsplit('/', 1)[0], quote(new_login, safe=''))
    return result


def diff_view(view):
    """What ``--diff`` shows of an organization: what the module manages."""
    if not view:
        return {}
    return dict(login=view['login'], profile_name=view['profile_name'])
