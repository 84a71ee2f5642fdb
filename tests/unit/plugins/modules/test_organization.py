# -*- coding: utf-8 -*-
"""The organization module's decisions, over scripted HTTP answers, and its pure helpers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ghe.admin.plugins.module_utils.jobs import org_delete_job, org_rename_job
from ansible_collections.ghe.admin.plugins.module_utils.orgs import diff_view, org_view, renamed_view
from ansible_collections.ghe.admin.plugins.modules.organization import converge, validate, wanted_profile_name
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import response

API = 'https://ghe.example.com'


class Failed(Exception):
    pass


@pytest.fixture
def fake_ghe(fake_ghe):
    """The shared fake GheModule (tests/unit/conftest.py) with the organization module's parameters."""
    return fake_ghe.defaults(name='new', state='present', admin=None, profile_name=None, rename_from=None, confirm=None,
                             wait=True, wait_timeout=300, poll_interval=5, diff=True, fails_with=Failed)


def org(login, org_id=7, name=None):
    data = dict(login=login, id=org_id, url='%s/api/v3/orgs/%s' % (API, login))
    if name is not None:
        data['name'] = name
    return data


def ok(body):
    return response(200, body)


def missing():
    return response(404, {'message': 'Not Found'})


def user(login, kind='User'):
    return ok(dict(login=login, id=1, type=kind))


# ----------------------------------------------------------------------------- pure helpers

def test_views():
    assert org_view(None) == {} and org_view({}) == {}
    assert org_view(org('a', name='')) == dict(login='a', id=7, profile_name=None, url=API + '/api/v3/orgs/a')
    assert org_view(org('a'), profile_name='P')['profile_name'] == 'P'
    assert renamed_view(org_view(org('a', name='A')), 'b') == dict(login='b', id=7, profile_name='A',
                                                                   url=API + '/api/v3/orgs/b')
    assert renamed_view(dict(login='a', id=None, profile_name=None, url=None), 'b')['url'] is None
    assert diff_view({}) == {}
    assert diff_view(org_view(org('a', name='A'))) == dict(login='a', profile_name='A')


def test_wanted_profile_name():
    assert wanted_profile_name(dict(profile_name=None), org('a', name='Kept')) == 'Kept'
    assert wanted_profile_name(dict(profile_name=''), org('a', name='Gone')) is None
    assert wanted_profile_name(dict(profile_name='New'), org('a')) == 'New'


# ----------------------------------------------------------------------------- validation

@pytest.mark.parametrize('params, message', [
    (dict(name='-x'), "name: '-x' is not a login GitHub keeps as it is"),
    (dict(rename_from='a/b'), "rename_from: 'a/b' is not a login GitHub keeps as it is"),
    (dict(rename_from='NEW'), 'rename_from must name another organization than name'),
    (dict(admin=''), 'admin: an empty login'),
    (dict(state='absent', admin='x', confirm='new'), 'admin cannot be used with state: absent'),
    (dict(state='absent'), 'Deleting organization new (with its repositories) cannot be undone; set confirm: new'),
    (dict(state='absent', confirm='New'), "(got 'New')"),
    (dict(confirm='new'), 'confirm cannot be used with state: present'),
])
def test_bad_input_is_refused_before_any_request(fake_ghe, params, message):
    ghe = fake_ghe(**params)
    with pytest.raises(Failed, match=None) as info:
        validate(ghe)
    assert message in str(info.value)
    assert ghe.session.calls == []


def test_good_input_passes(fake_ghe):
    validate(fake_ghe(rename_from='old', admin='octo_cat', profile_name=''))
    validate(fake_ghe(state='absent', confirm='new'))


# ----------------------------------------------------------------------------- converge

def test_create_checks_the_login_and_the_admin_first(fake_ghe):
    ghe = fake_ghe([missing(), missing(), user('octocat'), response(201, org('new', org_id=9))],
                   admin='octocat', profile_name='New Org')
    result = converge(ghe)
    assert ghe.sent == [('GET', '/orgs/new', None), ('GET', '/users/new', None), ('GET', '/users/octocat', None),
                        ('POST', '/admin/organizations', dict(login='new', admin='octocat', profile_name='New Org'))]
    assert result['changed'] and result['organization'] == dict(login='new', id=9, profile_name='New Org',
                                                                url=API + '/api/v3/orgs/new')
    assert result['diff'] == dict(before={}, after=dict(login='new', profile_name='New Org'))
    assert 'job' not in result


def test_create_in_check_mode_only_reads(fake_ghe):
    ghe = fake_ghe([missing(), missing(), user('octocat')], check_mode=True, admin='octocat')
    result = converge(ghe)
    assert ghe.writes == []
    assert result['organization'] == dict(login='new', id=None, profile_name=None, url=None)


def test_an_admin_that_is_an_organization_is_refused(fake_ghe):
    ghe = fake_ghe([missing(), missing(), user('acme', 'Organization')], admin='acme')
    with pytest.raises(Failed, match='admin: acme is not a user of this GitHub Enterprise .it is an organization., '
                                     'so it cannot own organization new'):
        converge(ghe)
    assert ghe.writes == []


def test_a_create_refused_by_github_names_the_logins(fake_ghe):
    refused = response(422, {'message': 'Validation Failed', 'errors': [{'resource': 'Organization', 'field': 'login',
                                                                         'code': 'already_exists'}]})
    ghe = fake_ghe([missing(), missing(), user('octocat'), refused, missing()], admin='octocat')
    with pytest.raises(Failed, match='GitHub refused to create organization new with admin octocat: POST '):
        converge(ghe)
    assert ghe.sent[-1] == ('GET', '/orgs/new', None)


def test_a_create_whose_answer_is_lost_adopts_the_organization(fake_ghe):
    ghe = fake_ghe([missing(), missing(), user('octocat'), response(502, {}), ok(org('new', name='Ops'))],
                   admin='octocat', profile_name='Ops')
    result = converge(ghe)
    assert [s[:2] for s in ghe.sent] == [('GET', '/orgs/new'), ('GET', '/users/new'), ('GET', '/users/octocat'),
                                         ('POST', '/admin/organizations'), ('GET', '/orgs/new')]
    assert result['changed'] and result['organization']['id'] == 7 and result['organization']['profile_name'] == 'Ops'
    assert 'was lost' in ghe.warnings[0]


def test_a_create_that_lost_a_race_adopts_and_converges_the_organization(fake_ghe):
    taken = response(422, {'message': 'Validation Failed', 'errors': [{'code': 'already_exists'}]})
    ghe = fake_ghe([missing(), missing(), user('octocat'), taken, ok(org('new', name='Theirs')),
                    ok(org('new', name='Ours'))], admin='octocat', profile_name='Ours')
    result = converge(ghe)
    assert ghe.writes[-1] == ('PATCH', '/orgs/new', {'name': 'Ours'})
    assert result['changed'] and result['organization']['profile_name'] == 'Ours' and not ghe.warnings


def test_an_existing_organization_with_the_same_attributes_gets_no_write(fake_ghe):
    ghe = fake_ghe([ok(org('new', name='Same'))], admin='someone-else', profile_name='Same')
    result = converge(ghe)
    assert not result['changed'] and ghe.sent == [('GET', '/orgs/new', None)]
    assert result['diff']['before'] == result['diff']['after']


def test_a_display_name_change_is_one_patch(fake_ghe):
    ghe = fake_ghe([ok(org('new', name='Old')), ok(org('new', name='Fresh'))], profile_name='Fresh')
    result = converge(ghe)
    assert ghe.writes == [('PATCH', '/orgs/new', dict(name='Fresh'))]
    assert result['changed'] and result['organization']['profile_name'] == 'Fresh'


def test_rename_sets_the_display_name_under_the_old_login_first(fake_ghe):
    accepted = response(202, {'message': 'Job queued', 'url': API + '/api/v3/organizations/7'})
    ghe = fake_ghe([missing(), ok(org('old')), missing(), ok(org('old', name='Named')), accepted],
                   rename_from='old', profile_name='Named')
    result = converge(ghe)
    assert ghe.writes == [('PATCH', '/orgs/old', dict(name='Named')),
                          ('PATCH', '/admin/organizations/old', dict(login='new'))]
    assert result['job'] == org_rename_job('old', 'new', API + '/api/v3/organizations/7')
    assert result['organization'] == dict(login='new', id=7, profile_name='Named', url=API + '/api/v3/orgs/new')
    assert result['diff'] == dict(before=dict(login='old', profile_name=None), after=dict(login='new', profile_name='Named'))


def test_rename_in_check_mode_only_reads_and_starts_no_job(fake_ghe):
    ghe = fake_ghe([missing(), ok(org('old', name='O')), missing()], check_mode=True, rename_from='old')
    result = converge(ghe)
    assert ghe.writes == [] and 'job' not in result and result['changed']
    assert result['organization']['login'] == 'new' and result['organization']['profile_name'] == 'O'


def test_a_rename_that_happened_is_not_repeated(fake_ghe):
    ghe = fake_ghe([ok(org('new')), missing()], rename_from='old')
    result = converge(ghe)
    assert not result['changed'] and ghe.writes == [] and 'job' not in result


def test_both_logins_existing_is_an_error_naming_both(fake_ghe):
    ghe = fake_ghe([ok(org('new', org_id=8)), ok(org('old'))], rename_from='old')
    with pytest.raises(Failed) as info:
        converge(ghe)
    assert 'cannot rename organization old to new: both exist (name: new and rename_from: old)' in str(info.value)
    assert ghe.writes == []


def test_a_name_taken_by_a_user_is_an_error_before_the_rename(fake_ghe):
    ghe = fake_ghe([missing(), ok(org('old')), user('new')], rename_from='old')
    with pytest.raises(Failed, match=r'name: new is already the login of a user \(new\)'):
        converge(ghe)
    assert ghe.writes == []


def test_a_rename_refused_while_another_is_pending_says_so(fake_ghe):
    taken = response(422, {'message': 'Validation Failed', 'errors': [{'resource': 'Organization', 'field': 'login',
                                                                       'code': 'already_exists'}]})
    ghe = fake_ghe([missing(), ok(org('old')), missing(), taken], rename_from='old')
    with pytest.raises(Failed) as info:
        converge(ghe)
    assert str(info.value).startswith('GitHub refused to rename organization old to new (if an earlier rename to new '
                                      'is still in progress, wait for it')


def test_delete_starts_a_job_on_the_login_github_knows(fake_ghe):
    ghe = fake_ghe([ok(org('New')), response(202, {})], state='absent', confirm='new')
    result = converge(ghe)
    assert ghe.writes == [('DELETE', '/orgs/New', None)]
    assert result['job'] == org_delete_job('New') and result['organization'] == {}
    assert result['diff'] == dict(before=dict(login='New', profile_name=None), after={})


def test_delete_of_a_missing_organization_changes_nothing(fake_ghe):
    ghe = fake_ghe([missing()], state='absent', confirm='new')
    assert converge(ghe) == dict(changed=False, organization={}, operation='none', diff=dict(before={}, after={}))


def test_delete_in_check_mode_only_reads(fake_ghe):
    ghe = fake_ghe([ok(org('new'))], state='absent', confirm='new', check_mode=True, diff=False)
    assert converge(ghe) == dict(changed=True, organization={}, operation='deleted')


# ----------------------------------------------------------------------------- a site administrator who is no owner

OWNER_ADVICE = ('only an owner of the organization can change or delete it; a site administrator can make themselves '
                'an owner first (Site admin > the organization, or ghe-org-admin-promote on the appliance)')


def not_an_owner():
    return response(403, {'message': 'Must have admin rights to Repository.'})


@pytest.mark.parametrize('params, first_answer, write', [
    (dict(profile_name='Fresh'), ok(org('new', name='Old')), ('PATCH', '/orgs/new', dict(name='Fresh'))),
    (dict(state='absent', confirm='new'), ok(org('new')), ('DELETE', '/orgs/new', None)),
])
def test_a_write_refused_to_a_site_administrator_who_is_no_owner_says_what_to_do(fake_ghe, params, first_answer, write):
    ghe = fake_ghe([first_answer, not_an_owner()], **params)
    with pytest.raises(Failed) as info:
        converge(ghe)
    assert OWNER_ADVICE in str(info.value)
    assert 'HTTP 403 Must have admin rights to Repository.' in str(info.value)
    assert ghe.writes == [write]


# ----------------------------------------------------------------------------- lost answers (sent once)

def lost():
    return response(502, {'message': 'Bad Gateway'})


def test_a_rename_whose_answer_is_lost_is_not_resent_and_adopts_the_finished_rename(fake_ghe):
    ghe = fake_ghe([missing(), ok(org('old')), missing(), lost(), ok(org('new', name='N'))], rename_from='old')
    result = converge(ghe)
    assert ghe.writes == [('PATCH', '/admin/organizations/old', dict(login='new'))]
    assert ghe.sent[-1] == ('GET', '/orgs/new', None)
    assert result['changed'] and result['job']['kind'] == 'org_rename' and result['job']['state'] == 'complete'
    assert result['organization'] == dict(login='new', id=7, profile_name='N', url=API + '/api/v3/orgs/new')
    assert 'was lost; GitHub had received it' in ghe.warnings[0]


def test_a_rename_whose_answer_is_lost_is_adopted_pending_when_the_old_login_is_gone(fake_ghe):
    ghe = fake_ghe([missing(), ok(org('old')), missing(), lost(), missing(), missing()], rename_from='old')
    result = converge(ghe)
    assert len(ghe.writes) == 1 and result['changed']
    assert result['job']['state'] == 'pending' and result['job']['login'] == 'new'
    assert result['organization']['login'] == 'new'


def test_a_rename_whose_answer_is_lost_fails_saying_what_may_be_in_progress_when_it_cannot_tell(fake_ghe):
    ghe = fake_ghe([missing(), ok(org('old')), missing(), lost(), missing(), ok(org('old'))], rename_from='old')
    with pytest.raises(Failed) as info:
        converge(ghe)
    assert len(ghe.writes) == 1
    assert str(info.value).startswith('the answer to the request to rename organization old to new was lost (')
    assert 'GitHub may have started the rename' in str(info.value) and 'GET /orgs/new answers 200' in str(info.value)


def test_a_deletion_whose_answer_is_lost_is_adopted_when_the_organization_is_gone(fake_ghe):
    ghe = fake_ghe([ok(org('gone')), lost(), missing()], state='absent', confirm='gone', name='gone')
    result = converge(ghe)
    assert ghe.writes == [('DELETE', '/orgs/gone', None)]
    assert result['changed'] and result['job']['kind'] == 'org_delete' and result['job']['state'] == 'complete'


def test_a_deletion_whose_answer_is_lost_fails_when_the_organization_still_resolves(fake_ghe):
    ghe = fake_ghe([ok(org('gone')), lost(), ok(org('gone'))], state='absent', confirm='gone', name='gone')
    with pytest.raises(Failed, match='the answer to the request to delete organization gone was lost'):
        converge(ghe)
    assert ghe.writes == [('DELETE', '/orgs/gone', None)]
