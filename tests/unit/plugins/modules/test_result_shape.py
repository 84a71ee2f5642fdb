# -*- coding: utf-8 -*-
"""Every module that changes one object returns one shape: ``changed``, the object under its key (``{}`` when
absent, check mode included), ``operation`` (created, updated, deleted, none) and ``diff`` only in diff mode."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64

import pytest

MASK = '********'
NOT_FOUND = {'message': 'Not Found'}
MANAGE = 'https://ghe.example.com:8443'
HEALTHY = {'status': 'OK', 'nodes': [{'hostname': 'ghe-primary', 'status': 'OK', 'services': []}]}
KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh1YmJ5b2N0b2NhdGxhcHRvcGtleTAwMDAwMDAwMDE= admin@example.com'
OTHER_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh1YmJ5b2N0b2NhdGxhcHRvcGtleTAwMDAwMDAwMDI= other@example.com'
LICENSE = base64.b64encode(b'-----BEGIN PGP MESSAGE-----\n\nhQEMA\n-----END PGP MESSAGE-----\n').decode()


def shape(result, key, operation, changed=None, diff=False):
    """Assert the common shape; returns the object under ``key``."""
    assert not result.get('failed'), result.get('msg')
    assert result['operation'] == operation, result
    assert result['changed'] is (operation != 'none' if changed is None else changed)
    assert key in result and result[key] is not None
    assert ('diff' in result) is diff
    return result[key]


def writes(run_module):
    return [sent for sent in run_module.sent if sent[0] != 'GET']


# ----------------------------------------------------------------------------- announcement

NO_BANNER = dict(announcement=None, expires_at=None, user_dismissible=False)
BANNER = dict(announcement='hello', expires_at=None, user_dismissible=False)
BANNER_PATH = '/api/v3/enterprise/announcement'


@pytest.mark.parametrize('check_mode', [False, True])
def test_announcement_created_updated_deleted_none(run_module, check_mode):
    run_module.answers = [('GET', BANNER_PATH, 200, NO_BANNER)] + ([] if check_mode else [('PATCH', BANNER_PATH, 200, BANNER)])
    assert shape(run_module('announcement', dict(text='hello'), check_mode=check_mode), 'announcement',
                 'created')['text'] == 'hello'
    changed = dict(BANNER, announcement='bye')
    run_module.answers = [('GET', BANNER_PATH, 200, BANNER)] + ([] if check_mode else [('PATCH', BANNER_PATH, 200, changed)])
    assert shape(run_module('announcement', dict(text='bye'), check_mode=check_mode), 'announcement',
                 'updated')['text'] == 'bye'
    run_module.answers = [('GET', BANNER_PATH, 200, BANNER)] + ([] if check_mode else [('DELETE', BANNER_PATH, 204, None)])
    assert shape(run_module('announcement', dict(state='absent'), check_mode=check_mode), 'announcement', 'deleted') == {}
    run_module.answers = [('GET', BANNER_PATH, 200, NO_BANNER)]
    assert shape(run_module('announcement', dict(state='absent'), check_mode=check_mode), 'announcement', 'none') == {}
    run_module.answers = [('GET', BANNER_PATH, 200, BANNER)]
    assert shape(run_module('announcement', dict(text='hello'), check_mode=check_mode), 'announcement',
                 'none')['text'] == 'hello'
    if check_mode:
        assert writes(run_module) == []


def test_announcement_diff_only_in_diff_mode(run_module):
    run_module.answers = [('GET', BANNER_PATH, 200, BANNER)]
    result = run_module('announcement', dict(state='absent'), check_mode=True, diff=True)
    assert shape(result, 'announcement', 'deleted', diff=True) == {}
    assert result['diff'] == dict(before=dict(text='hello', expires_at=None, user_dismissible=False), after={})


# ----------------------------------------------------------------------------- global_hook

HOOK_URL = 'https://hooks.example.com/a'


def api_hook(events=('user',), secret=False):
    config = dict(url=HOOK_URL, content_type='json', insecure_ssl='0')
    if secret:
        config['secret'] = MASK
    return dict(id=5, name='web', active=True, events=list(events), config=config,
                created_at='2025-01-01T00:00:00Z', updated_at='2025-01-01T00:00:00Z')


def test_global_hook_created(run_module):
    run_module.answers = [('GET', '/admin/hooks', 200, []), ('POST', '/admin/hooks', 201, api_hook())]
    assert shape(run_module('global_hook', dict(url=HOOK_URL, events=['user'])), 'hook', 'created')['id'] == 5


def test_global_hook_created_in_check_mode_has_no_id(run_module):
    run_module.answers = [('GET', '/admin/hooks', 200, [])]
    hook = shape(run_module('global_hook', dict(url=HOOK_URL, events=['user']), check_mode=True), 'hook', 'created')
    assert hook['id'] is None and hook['url'] == HOOK_URL and writes(run_module) == []


def test_global_hook_updated_and_none(run_module):
    run_module.answers = [('GET', '/admin/hooks', 200, [api_hook()]),
                          ('PATCH', '/admin/hooks/5', 200, api_hook(events=('team', 'user')))]
    assert shape(run_module('global_hook', dict(url=HOOK_URL, events=['user', 'team'])), 'hook',
                 'updated')['events'] == ['team', 'user']
    run_module.answers = [('GET', '/admin/hooks', 200, [api_hook()])]
    assert shape(run_module('global_hook', dict(url=HOOK_URL, events=['user'])), 'hook', 'none')['id'] == 5


def test_global_hook_sending_the_secret_again_is_an_update_and_masked_in_the_diff(run_module):
    run_module.answers = [('GET', '/admin/hooks', 200, [api_hook(secret=True)]),
                          ('PATCH', '/admin/hooks/5', 200, api_hook(secret=True))]
    result = run_module('global_hook', dict(url=HOOK_URL, events=['user'], secret='s3cret-value',
                                            update_secret='always'), diff=True)
    shape(result, 'hook', 'updated', diff=True)
    assert 's3cret-value' not in str(result) and result['diff']['after']['secret'] == MASK + ' (sent)'


@pytest.mark.parametrize('check_mode', [False, True])
def test_global_hook_deleted_and_absent(run_module, check_mode):
    run_module.answers = [('GET', '/admin/hooks', 200, [api_hook()])] + ([] if check_mode else [
        ('DELETE', '/admin/hooks/5', 204, None)])
    assert shape(run_module('global_hook', dict(url=HOOK_URL, state='absent'), check_mode=check_mode), 'hook',
                 'deleted') == {}
    run_module.answers = [('GET', '/admin/hooks', 200, [])]
    assert shape(run_module('global_hook', dict(url=HOOK_URL, state='absent'), check_mode=check_mode), 'hook',
                 'none') == {}


# ----------------------------------------------------------------------------- organization

def org(name=None, login='platform'):
    data = dict(login=login, id=7, url='https://ghe.example.com/api/v3/orgs/%s' % login)
    if name:
        data['name'] = name
    return data


@pytest.mark.parametrize('check_mode', [False, True])
def test_organization_created(run_module, check_mode):
    run_module.answers = [('GET', '/orgs/platform', 404, NOT_FOUND), ('GET', '/users/platform', 404, NOT_FOUND),
                          ('GET', '/users/octocat', 200, dict(login='octocat', type='User'))]
    if not check_mode:
        run_module.answers = run_module.answers + [('POST', '/admin/organizations', 201, org())]
    view = shape(run_module('organization', dict(name='platform', admin='octocat'), check_mode=check_mode),
                 'organization', 'created')
    assert view['login'] == 'platform' and view['id'] == (None if check_mode else 7)


@pytest.mark.parametrize('check_mode', [False, True])
def test_organization_updated_deleted_none(run_module, check_mode):
    run_module.answers = [('GET', '/orgs/platform', 200, org('Old'))] + ([] if check_mode else [
        ('PATCH', '/orgs/platform', 200, org('New'))])
    assert shape(run_module('organization', dict(name='platform', profile_name='New'), check_mode=check_mode),
                 'organization', 'updated')['profile_name'] == 'New'
    run_module.answers = [('GET', '/orgs/platform', 200, org())] + ([] if check_mode else [
        ('DELETE', '/orgs/platform', 202, {})])
    result = run_module('organization', dict(name='platform', state='absent', confirm='platform', wait=False),
                        check_mode=check_mode)
    assert shape(result, 'organization', 'deleted') == {}
    assert ('job' in result) is not check_mode
    run_module.answers = [('GET', '/orgs/platform', 404, NOT_FOUND)]
    assert shape(run_module('organization', dict(name='platform', state='absent', confirm='platform'),
                            check_mode=check_mode), 'organization', 'none') == {}
    run_module.answers = [('GET', '/orgs/platform', 200, org('Same'))]
    assert shape(run_module('organization', dict(name='platform', profile_name='Same'), check_mode=check_mode),
                 'organization', 'none')['id'] == 7


def test_organization_rename_is_an_update(run_module):
    run_module.answers = [('GET', '/orgs/operations', 404, NOT_FOUND), ('GET', '/orgs/ops', 200, org(login='ops')),
                          ('GET', '/users/operations', 404, NOT_FOUND)]
    result = run_module('organization', dict(name='operations', rename_from='ops'), check_mode=True, diff=True)
    assert shape(result, 'organization', 'updated', diff=True)['login'] == 'operations'
    assert result['diff'] == dict(before=dict(login='ops', profile_name=None),
                                  after=dict(login='operations', profile_name=None))


# ----------------------------------------------------------------------------- user

def api_user(login='new-hire'):
    return dict(login=login, id=12, site_admin=False, suspended_at=None)


@pytest.mark.parametrize('check_mode', [False, True])
def test_user_created_deleted_none(run_module, check_mode):
    run_module.answers = [('GET', '/users/new-hire', 404, NOT_FOUND)] + ([] if check_mode else [
        ('POST', '/admin/users', 201, api_user())])
    assert shape(run_module('user', dict(login='new-hire'), check_mode=check_mode), 'user', 'created')['login'] == 'new-hire'
    run_module.answers = [('GET', '/users/new-hire', 200, api_user())] + ([] if check_mode else [
        ('DELETE', '/admin/users/new-hire', 204, None)])
    assert shape(run_module('user', dict(login='new-hire', state='absent', confirm='new-hire'), check_mode=check_mode),
                 'user', 'deleted') == {}
    run_module.answers = [('GET', '/users/new-hire', 404, NOT_FOUND)]
    assert shape(run_module('user', dict(login='new-hire', state='absent', confirm='new-hire'), check_mode=check_mode),
                 'user', 'none') == {}
    run_module.answers = [('GET', '/users/new-hire', 200, api_user())]
    assert shape(run_module('user', dict(login='new-hire'), check_mode=check_mode), 'user', 'none')['id'] == 12


def test_user_rename_is_an_update(run_module):
    run_module.answers = [('GET', '/users/jane-doe', 404, NOT_FOUND), ('GET', '/users/jane-smith', 200, api_user('jane-smith'))]
    result = run_module('user', dict(login='jane-doe', rename_from='jane-smith'), check_mode=True)
    assert shape(result, 'user', 'updated')['login'] == 'jane-doe'


# ----------------------------------------------------------------------------- impersonation_token

TOKEN = 'ghp_' + 'i' * 36


def authorization(token=None):
    data = dict(id=5, scopes=['repo'], token_last_eight='iiiiiiii', hashed_token='h', created_at=None, expires_at=None,
                user=dict(login='hubot'))
    if token:
        data['token'] = token
    return data


def test_impersonation_token_created_none_deleted(run_module):
    run_module.answers = [('GET', '/users/hubot', 200, api_user('hubot')),
                          ('POST', '/admin/users/hubot/authorizations', 201, authorization(TOKEN))]
    result = run_module('impersonation_token', dict(user='hubot', scopes=['repo']))
    assert shape(result, 'authorization', 'created')['id'] == 5 and result['token'] == TOKEN
    run_module.answers = [('GET', '/users/hubot', 200, api_user('hubot')),
                          ('POST', '/admin/users/hubot/authorizations', 200, authorization())]
    assert shape(run_module('impersonation_token', dict(user='hubot', scopes=['repo'])), 'authorization', 'none')['id'] == 5
    run_module.answers = [('GET', '/users/hubot', 200, api_user('hubot')),
                          ('DELETE', '/admin/users/hubot/authorizations', 204, None)]
    assert shape(run_module('impersonation_token', dict(user='hubot', state='absent')), 'authorization', 'deleted') == {}


def test_impersonation_token_check_mode_and_absent_user(run_module):
    run_module.answers = [('GET', '/users/hubot', 200, api_user('hubot'))]
    assert shape(run_module('impersonation_token', dict(user='hubot', scopes=['repo']), check_mode=True),
                 'authorization', 'created') == {}
    run_module.answers = [('GET', '/users/hubot', 200, api_user('hubot'))]
    assert shape(run_module('impersonation_token', dict(user='hubot', state='absent'), check_mode=True),
                 'authorization', 'deleted') == {}
    run_module.answers = [('GET', '/users/gone', 404, NOT_FOUND)]
    assert shape(run_module('impersonation_token', dict(user='gone', state='absent')), 'authorization', 'none') == {}
    assert writes(run_module) == []


# ----------------------------------------------------------------------------- pre-receive

IMAGE = 'https://files.example.com/env.tar.gz'
ENVS = '/admin/pre-receive-environments'


def api_env(state='success', image_url=IMAGE):
    return dict(id=2, name='Tools', image_url=image_url, default_environment=False, hooks_count=0,
                created_at='2025-01-01T00:00:00Z', download=dict(state=state, downloaded_at=None, message=None))


def test_pre_receive_environment_created_in_check_mode(run_module):
    run_module.answers = [('GET', ENVS, 200, [])]
    env = shape(run_module('pre_receive_environment', dict(name='Tools', image_url=IMAGE), check_mode=True),
                'environment', 'created')
    assert env['id'] is None and env['download']['state'] == 'in_progress'


def test_pre_receive_environment_updated_and_none(run_module):
    other = 'https://files.example.com/env-2.tar.gz'
    run_module.answers = [('GET', ENVS, 200, [api_env()])]
    assert shape(run_module('pre_receive_environment', dict(name='Tools', image_url=other), check_mode=True),
                 'environment', 'updated')['image_url'] == other
    run_module.answers = [('GET', ENVS, 200, [api_env()])]
    assert shape(run_module('pre_receive_environment', dict(name='Tools', image_url=IMAGE)), 'environment',
                 'none')['id'] == 2


@pytest.mark.parametrize('check_mode', [False, True])
def test_pre_receive_environment_deleted_and_absent(run_module, check_mode):
    run_module.answers = [('GET', ENVS, 200, [api_env()]), ('GET', '/admin/pre-receive-hooks', 200, [])] + (
        [] if check_mode else [('DELETE', ENVS + '/2', 204, None)])
    assert shape(run_module('pre_receive_environment', dict(name='Tools', state='absent'), check_mode=check_mode),
                 'environment', 'deleted') == {}
    run_module.answers = [('GET', ENVS, 200, [])]
    assert shape(run_module('pre_receive_environment', dict(name='Tools', state='absent'), check_mode=check_mode),
                 'environment', 'none') == {}


def api_pre_receive_hook(enforcement='enabled'):
    return dict(id=3, name='Reject secrets', script='checks/a.sh', script_repository=dict(full_name='platform/hooks'),
                environment=dict(id=2, name='Tools'), enforcement=enforcement, allow_downstream_configuration=False)


@pytest.mark.parametrize('check_mode', [False, True])
def test_pre_receive_hook_updated_deleted_none(run_module, check_mode):
    hooks = '/admin/pre-receive-hooks'
    run_module.answers = [('GET', hooks, 200, [api_pre_receive_hook()])] + ([] if check_mode else [
        ('PATCH', hooks + '/3', 200, api_pre_receive_hook('testing'))])
    assert shape(run_module('pre_receive_hook', dict(name='Reject secrets', enforcement='testing'), check_mode=check_mode),
                 'hook', 'updated')['enforcement'] == 'testing'
    run_module.answers = [('GET', hooks, 200, [api_pre_receive_hook()])] + ([] if check_mode else [
        ('DELETE', hooks + '/3', 204, None)])
    assert shape(run_module('pre_receive_hook', dict(name='Reject secrets', state='absent'), check_mode=check_mode),
                 'hook', 'deleted') == {}
    run_module.answers = [('GET', hooks, 200, [])]
    assert shape(run_module('pre_receive_hook', dict(name='Reject secrets', state='absent'), check_mode=check_mode),
                 'hook', 'none') == {}
    run_module.answers = [('GET', hooks, 200, [api_pre_receive_hook()])]
    assert shape(run_module('pre_receive_hook', dict(name='Reject secrets', enforcement='enabled'), check_mode=check_mode),
                 'hook', 'none')['id'] == 3


def org_hook(level='enterprise', enforcement='enabled'):
    url = dict(enterprise='https://ghe.example.com/api/v3/admin/pre-receive-hooks/3',
               organization='https://ghe.example.com/api/v3/orgs/engineering/pre-receive-hooks/3')[level]
    return dict(id=3, name='Reject secrets', enforcement=enforcement, allow_downstream_configuration=True,
                configuration_url=url)


def test_pre_receive_hook_enforcement_override_created_updated_deleted_none(run_module):
    path = '/orgs/engineering/pre-receive-hooks'
    args = dict(hook='Reject secrets', organization='engineering')
    run_module.answers = [('GET', path, 200, [org_hook()])]
    assert shape(run_module('pre_receive_hook_enforcement', dict(args, enforcement='testing'), check_mode=True),
                 'enforcement', 'created')['overridden'] is True
    run_module.answers = [('GET', path, 200, [org_hook('organization')]),
                          ('PATCH', path + '/3', 200, org_hook('organization', 'testing'))]
    assert shape(run_module('pre_receive_hook_enforcement', dict(args, enforcement='testing')), 'enforcement',
                 'updated')['enforcement'] == 'testing'
    run_module.answers = [('GET', path, 200, [org_hook('organization')]), ('DELETE', path + '/3', 200, org_hook())]
    removed = shape(run_module('pre_receive_hook_enforcement', dict(args, state='absent')), 'enforcement', 'deleted')
    assert removed['overridden'] is False and removed['configured_at'] == 'enterprise'
    run_module.answers = [('GET', path, 200, [org_hook()])]
    assert shape(run_module('pre_receive_hook_enforcement', dict(args, state='absent')), 'enforcement',
                 'none')['overridden'] is False


# ----------------------------------------------------------------------------- ldap_mapping (a team)

def test_ldap_mapping_of_a_team(run_module):
    args = dict(organization='engineering', team='platform', ldap_dn='cn=Platform,dc=example,dc=com')
    team = dict(id=1, slug='platform', ldap_dn=None)
    run_module.answers = [('GET', '/orgs/engineering/teams/platform', 200, team)]
    result = run_module('ldap_mapping', args, check_mode=True)
    assert shape(result, 'team', 'created')['ldap_dn'] == args['ldap_dn'] and result['outcome']['done'] == [
        'engineering/platform']
    run_module.answers = [('GET', '/orgs/engineering/teams/platform', 200, dict(team, ldap_dn='cn=Old,dc=example,dc=com'))]
    assert shape(run_module('ldap_mapping', args, check_mode=True), 'team', 'updated')['ldap_dn_before'] == \
        'cn=Old,dc=example,dc=com'
    run_module.answers = [('GET', '/orgs/engineering/teams/platform', 200, dict(team, ldap_dn=args['ldap_dn']))]
    assert shape(run_module('ldap_mapping', args), 'team', 'none')['id'] == 1


# ----------------------------------------------------------------------------- Manage API modules

def manage(run_module, name, args, **kwargs):
    full = dict(manage_url=MANAGE, manage_password='root-Passw0rd!')
    full.update(args)
    return run_module(name, full, connection=False, **kwargs)


def test_management_ssh_key_created_deleted_none(run_module):
    path = '/manage/v1/access/ssh'
    other = [{'key': OTHER_KEY, 'fingerprint': 'x'}]
    run_module.answers = [('GET', path, 200, other)]
    assert shape(manage(run_module, 'management_ssh_key', dict(key=KEY), check_mode=True), 'ssh_keys', 'created') == other
    run_module.answers = [('GET', path, 200, other), ('POST', path, 200, [{'hostname': 'ghe-primary', 'message': 'ok'}]),
                          ('GET', path, 200, other + [{'key': KEY, 'fingerprint': 'y'}])]
    assert len(shape(manage(run_module, 'management_ssh_key', dict(key=KEY)), 'ssh_keys', 'created')) == 2
    run_module.answers = [('GET', path, 200, [{'key': KEY, 'fingerprint': 'y'}]),
                          ('DELETE', path, 200, [{'hostname': 'ghe-primary', 'message': 'ok'}]), ('GET', path, 200, [])]
    assert shape(manage(run_module, 'management_ssh_key', dict(key=KEY, state='absent')), 'ssh_keys', 'deleted') == []
    run_module.answers = [('GET', path, 200, other)]
    assert shape(manage(run_module, 'management_ssh_key', dict(key=KEY, state='absent')), 'ssh_keys', 'none') == other


def test_maintenance_updated_and_none(run_module):
    off = [{'hostname': 'ghe-primary', 'uuid': 'u1', 'status': 'off'}]
    run_module.answers = [('GET', '/manage/v1/maintenance', 200, off)]
    assert shape(manage(run_module, 'maintenance', dict(enabled=True), check_mode=True), 'maintenance', 'updated') == off
    run_module.answers = [('GET', '/manage/v1/maintenance', 200, off)]
    assert shape(manage(run_module, 'maintenance', dict(enabled=False)), 'maintenance', 'none') == off


def test_config_settings_updated_and_none(run_module):
    settings = '/manage/v1/config/settings'
    run_module.answers = [('GET', settings, 200, {'private_mode': False}), ('GET', '/replication/status', 200, HEALTHY),
                          ('GET', '/cluster/status', 200, HEALTHY)]
    result = manage(run_module, 'config_settings', dict(settings={'private_mode': True}), check_mode=True, diff=True)
    assert shape(result, 'settings', 'updated', diff=True) == {'private_mode': True}
    assert result['diff'] == dict(before={'private_mode': False}, after={'private_mode': True})
    run_module.answers = [('GET', settings, 200, {'private_mode': True})]
    assert shape(manage(run_module, 'config_settings', dict(settings={'private_mode': True})), 'settings',
                 'none') == {'private_mode': True}


def test_license_updated_and_none(run_module):
    run_module.answers = [('GET', '/config/license', 200, {'referenceNumber': 'abc'}),
                          ('GET', '/config/license/check', 200, {'status': 'valid'})]
    assert shape(manage(run_module, 'license', dict(path='x.ghl', content=LICENSE)), 'license',
                 'none') == {'referenceNumber': 'abc'}
    run_module.answers = [('GET', '/config/license', 200, {'referenceNumber': 'abc'}),
                          ('GET', '/config/license/check', 200, {'status': 'expired'}),
                          ('GET', '/replication/status', 200, HEALTHY), ('GET', '/cluster/status', 200, HEALTHY)]
    assert shape(manage(run_module, 'license', dict(path='x.ghl', content=LICENSE), check_mode=True), 'license',
                 'updated') == {'referenceNumber': 'abc'}
