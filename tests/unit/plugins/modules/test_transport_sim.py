# -*- coding: utf-8 -*-
"""What goes on the wire, against the simulator (cases moved from the integration target transport): redirects
are never success and never followed, a page that is not the API's JSON fails cleanly, and the token never leaves
api_url's scheme, host and port. (What ~/.netrc holds is the target's: it sets NETRC through `environment`.)"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.ghe.admin.tests.unit.conftest import SIM_ADMIN_TOKEN

try:
    from urllib.parse import urlsplit
except ImportError:  # Python 2
    from urlparse import urlsplit  # pylint: disable=import-error


def clean(result):
    """No traceback, no module crash."""
    return 'Traceback' not in json.dumps(result) and 'module_stderr' not in result


def test_redirects_fail_naming_the_location_and_what_to_change_and_are_never_followed(sim_module):
    ghes = sim_module.ghes
    https_root = 'https://' + urlsplit(ghes.api_url).netloc
    banner_before = ghes.state['announcement']
    orgs_before = [org['login'] for org in ghes.state['orgs']]

    ghes.add_fault(method='PATCH', path='^/enterprise/announcement$', status=301, location=https_root + '{path}')
    banner_run = sim_module('announcement', dict(text='Maintenance tonight'))
    ghes.add_fault(method='POST', path='^/admin/organizations$', status=302,
                   location='https://sso.example.com/login?return_to=%2Fadmin')
    org_run = sim_module('organization', dict(name='transport-org', admin='octocat'))
    ghes.add_fault(method='GET', path='^/enterprise/settings/license$', status=307, location=https_root + '{path}')
    license_run = sim_module('license_info', {})

    requests = sim_module.requests()
    assert banner_run['failed'] and not banner_run.get('changed')
    assert 'HTTP 301' in banner_run['msg']
    assert 'redirects to %s/api/v3/enterprise/announcement' % https_root in banner_run['msg']
    assert 'Use https:// in api_url: set api_url to %s/api/v3' % https_root in banner_run['msg']
    assert org_run['failed'] and not org_run.get('changed')
    assert 'HTTP 302' in org_run['msg']
    assert 'redirects to https://sso.example.com/login?return_to=%2Fadmin' in org_run['msg']
    assert 'Use https' not in org_run['msg']
    assert 'Set api_url to the address of the API itself' in org_run['msg']
    assert 'organization' not in org_run
    assert license_run['failed']
    assert 'HTTP 307' in license_run['msg']
    assert 'redirects to %s/api/v3/enterprise/settings/license' % https_root in license_run['msg']
    assert 'license' not in license_run
    assert ghes.state['announcement'] == banner_before
    assert [org['login'] for org in ghes.state['orgs']] == orgs_before
    assert [r['status'] for r in requests if r['fault']] == [301, 302, 307]
    assert [r for r in requests if not r['fault'] and r['method'] != 'GET'] == []
    assert SIM_ADMIN_TOKEN not in banner_run['msg'] + org_run['msg'] + license_run['msg']
    assert clean(banner_run)


def test_a_sign_on_page_answered_with_200_fails_naming_the_host_status_and_content_type(sim_module):
    sim_module.ghes.add_fault(
        method='GET', path='^/enterprise/settings/license$', status=200,
        body_text='<html><body><form action="/login">Sign in to continue</form></body></html>')

    html_run = sim_module('license_info', {})

    assert html_run['failed']
    assert 'license' not in html_run
    assert 'on %s failed: HTTP 200' % urlsplit(sim_module.ghes.api_url).netloc in html_run['msg']
    assert 'text/html; charset=utf-8' in html_run['msg']
    assert 'not the JSON of the GitHub API' in html_run['msg']
    assert clean(html_run)
    assert 'has no attribute' not in html_run['msg']


def test_a_next_link_to_another_host_is_refused_and_nothing_is_sent_there(sim_module):
    ghec_api_url = sim_module.ghec.api_url
    sim_module.ghes.add_fault(method='GET', path='^/admin/keys$',
                              headers={'Link': '<%s/admin/keys?per_page=100&page=2>; rel="next"' % ghec_api_url})

    keys_run = sim_module('public_key_info', {})

    assert keys_run['failed']
    assert 'refused to send the request to %s' % urlsplit(ghec_api_url).netloc in keys_run['msg']
    assert 'Nothing was sent' in keys_run['msg']
    assert sim_module.requests('ghec') == []
    assert SIM_ADMIN_TOKEN not in keys_run['msg']
