# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Organizations: the module's view of an organization, and its asynchronous jobs."""

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


def rename_job(old_login, new_login, url=None):
    return dict(kind='rename', login=new_login, old_login=old_login, url=url, state='pending',
                description='rename of organization %s to %s' % (old_login, new_login),
                check='GET /orgs/%s answers 200' % new_login)


def delete_job(login):
    return dict(kind='delete', login=login, state='pending',
                description='deletion of organization %s' % login,
                check='GET /orgs/%s answers 404' % login)


def check_org_job(client, job):
    """Poll one organization job: the details once done, ``None`` while pending."""
    data = client.get_or_none(org_path(job['login']))
    if job['kind'] == 'rename':
        return org_view(data) if data else None
    if job['kind'] == 'delete':
        return None if data else {}
    raise ValueError('unknown organization job kind %r' % job.get('kind'))


def pending_org_hint(job):
    """How to find out later what became of a job that is still pending."""
    login = job['login']
    if job['kind'] == 'rename':
        return ('GET /orgs/%s still answers 404, so the rename has not completed yet; it may still complete. '
                'Check with ghe.admin.organization (name: %s, rename_from: %s) again, which does not rename twice, '
                'or run with a longer wait_timeout' % (login, login, job['old_login']))
    return ('GET /orgs/%s still answers 200, so the deletion has not completed yet; it may still complete. '
            'Check later whether GET /orgs/%s answers 404 (ghe.admin.organization with state: absent in check mode '
            'then reports no change), or run with a longer wait_timeout' % (login, login))
