# -*- coding: utf-8 -*-
"""ghe.admin.organization against the simulator: updates, renames, deletions, lost answers, pending renames and
errors (moved from the organization integration target, with the same assertions)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.ghe.admin.tests.unit.conftest import SIM_USER_TOKEN, run_waiting_action, warning_texts

# The target's sim_base_fixture: GitHub lets only an organization's owners change or delete it, and ghe-admin
# (the admin token's user) owns operations too here (its default owner is hubot).
BASE_ORGS = [{'login': 'operations', 'admin': 'ghe-admin'}]


def reset(sim_module, job_polls=None, **fixture):
    """The integration target's reset: its sim_base_fixture merged under ``fixture``."""
    fixture.setdefault('orgs', BASE_ORGS)
    if job_polls is not None:
        fixture['settings'] = {'job_polls': job_polls}
    sim_module.ghes.reset(fixture)


def org(sim_module, login):
    return [entry for entry in sim_module.ghes.state['orgs'] if entry['login'] == login]


def paths(requests):
    return [entry['path'] for entry in requests]


def statuses(requests):
    return [entry['status'] for entry in requests]


def create_platform(sim_module):
    """platform created by octocat with a display name, ghe-admin made an owner too, the request log cleared."""
    reset(sim_module)
    created = sim_module('organization', dict(name='platform', admin='octocat', profile_name='Platform Engineering'))
    assert created['changed'] and created['operation'] == 'created'
    sim_module.ghes.merge_state({'orgs': [{'login': 'platform', 'admin': 'ghe-admin'}]})
    sim_module.requests()
    return created


# ------------------------------------------------------------------------------------------------ create and update

def test_the_login_is_compared_without_case_and_admin_is_not_compared_on_an_existing_organization(sim_module):
    created = create_platform(sim_module)

    again = sim_module('organization', dict(name='platform', admin='octocat', profile_name='Platform Engineering'))
    capitals = sim_module('organization', dict(name='PLATFORM', admin='hubot'))

    requests = sim_module.requests()
    assert not again['changed'] and again['operation'] == 'none'
    assert not capitals['changed']
    assert [entry for entry in requests if entry['method'] != 'GET'] == []
    assert len(requests) == 2
    assert again['organization'] == created['organization']
    assert capitals['organization']['login'] == 'platform'
    assert capitals['organization']['profile_name'] == 'Platform Engineering'


def test_a_display_name_change_is_one_patch_in_place_and_check_mode_writes_nothing(sim_module):
    created = create_platform(sim_module)

    check = sim_module('organization', dict(name='platform', profile_name='Platform Team'), check_mode=True, diff=True)
    assert sim_module.writes() == []
    result = sim_module('organization', dict(name='platform', profile_name='Platform Team'), diff=True)

    requests = sim_module.requests()
    writes = [entry for entry in requests if entry['method'] != 'GET']
    assert check['changed'] and check['operation'] == 'updated'
    assert check['organization']['profile_name'] == 'Platform Team'
    assert check['diff']['before']['profile_name'] == 'Platform Engineering'
    assert check['diff']['after']['profile_name'] == 'Platform Team'
    assert result['changed'] and result['operation'] == 'updated'
    assert len(requests) == 2
    assert [(w['method'], w['path'], w['body']) for w in writes] == [('PATCH', '/orgs/platform', {'name': 'Platform Team'})]
    assert org(sim_module, 'platform')[0]['name'] == 'Platform Team'
    assert result['organization']['profile_name'] == 'Platform Team'
    assert result['organization']['id'] == created['organization']['id']
    assert result['diff']['before'] == {'login': 'platform', 'profile_name': 'Platform Engineering'}
    assert result['diff']['after'] == {'login': 'platform', 'profile_name': 'Platform Team'}


def test_an_empty_profile_name_removes_the_display_name_once(sim_module):
    create_platform(sim_module)

    cleared = sim_module('organization', dict(name='platform', profile_name=''))
    again = sim_module('organization', dict(name='platform', profile_name=''))

    requests = sim_module.requests()
    writes = [entry for entry in requests if entry['method'] != 'GET']
    assert cleared['changed'] and cleared['organization']['profile_name'] is None
    assert not again['changed'] and again['operation'] == 'none'
    assert [w['body'] for w in writes] == [{'name': ''}]
    assert len(requests) == 3


def test_a_creation_without_a_display_name_posts_no_profile_name(sim_module):
    reset(sim_module)

    result = sim_module('organization', dict(name='no-profile', admin='ghe-admin'))

    assert result['changed'] and result['operation'] == 'created'
    assert [w['body'] for w in sim_module.writes()] == [{'login': 'no-profile', 'admin': 'ghe-admin'}]
    assert result['organization']['profile_name'] is None


# ------------------------------------------------------------------------------------------------------------ rename

def test_a_rename_in_check_mode_reads_both_logins_and_writes_nothing(sim_module):
    reset(sim_module, job_polls=3)

    result = run_waiting_action(sim_module, 'organization', dict(name='ops-team', rename_from='operations',
                                                                 profile_name='Operations', poll_interval=0.1),
                                check_mode=True, diff=True)

    requests = sim_module.requests()
    assert result['changed'] and result['operation'] == 'updated'
    assert 'job' not in result
    assert paths(requests) == ['/orgs/ops-team', '/orgs/operations', '/users/ops-team']
    assert sim_module.ghes.state['jobs'] == []
    assert result['diff']['before'] == {'login': 'operations', 'profile_name': None}
    assert result['diff']['after'] == {'login': 'ops-team', 'profile_name': 'Operations'}
    assert result['organization']['login'] == 'ops-team' and result['organization']['id'] == 7
    assert re.match('http.*/api/v3/orgs/ops-team$', result['organization']['url'])


def test_a_rename_that_happened_is_not_sent_again(sim_module):
    reset(sim_module, job_polls=1)
    args = dict(name='ops-team', rename_from='operations', profile_name='Operations', poll_interval=0.1)
    renamed = run_waiting_action(sim_module, 'organization', args)
    assert renamed['changed'] and renamed['job']['state'] == 'complete'
    sim_module.requests()

    again = run_waiting_action(sim_module, 'organization', args)

    requests = sim_module.requests()
    assert not again['changed'] and again['operation'] == 'none'
    assert 'job' not in again
    assert paths(requests) == ['/orgs/ops-team', '/orgs/operations']
    assert statuses(requests) == [200, 404]
    assert again['organization'] == renamed['organization']


def test_a_rename_whose_display_name_is_right_only_renames_and_the_teams_follow(sim_module):
    reset(sim_module, job_polls=3)

    result = run_waiting_action(sim_module, 'organization', dict(name='eng', rename_from='engineering',
                                                                 profile_name='Engineering', poll_interval=0.1))

    requests = sim_module.requests()
    writes = [entry for entry in requests if entry['method'] != 'GET']
    assert result['changed'] and result['operation'] == 'updated'
    assert paths(writes) == ['/admin/organizations/engineering']
    assert len(requests) == 7
    assert result['job']['polls'] == 3
    assert result['organization']['login'] == 'eng' and result['organization']['profile_name'] == 'Engineering'
    assert [team['org'] for team in sim_module.ghes.state['teams'] if team['id'] == 1] == ['eng']


def test_a_rename_from_a_missing_organization_creates_the_new_one_without_a_job(sim_module):
    reset(sim_module, job_polls=3)

    result = run_waiting_action(sim_module, 'organization', dict(name='research', rename_from='labs', admin='hubot'))

    requests = sim_module.requests()
    assert result['changed'] and result['operation'] == 'created'
    assert 'job' not in result
    assert paths(requests) == ['/orgs/research', '/orgs/labs', '/users/research', '/users/hubot', '/admin/organizations']
    assert len([entry for entry in requests if entry['method'] != 'GET']) == 1
    assert result['organization']['login'] == 'research'


def test_a_rename_not_waited_for_returns_the_pending_job_after_the_202(sim_module):
    reset(sim_module, job_polls=1)

    # wait given as the string -e and AWX surveys give
    result = run_waiting_action(sim_module, 'organization', dict(name='ops-team', rename_from='operations', wait='false'))

    requests = sim_module.requests()
    assert result['changed']
    assert len(requests) == 4
    assert len([entry for entry in requests if entry['method'] != 'GET']) == 1
    assert (requests[-1]['path'], requests[-1]['status']) == ('/admin/organizations/operations', 202)
    job = result['job']
    assert job['state'] == 'pending' and 'polls' not in job
    assert job['kind'] == 'org_rename' and job['login'] == 'ops-team' and job['old_login'] == 'operations'
    assert job['how_to_check'].startswith('GET /orgs/ops-team answers 200 once GitHub has renamed the organization')
    assert job['requested'] == {'name': 'ops-team', 'rename_from': 'operations'}
    assert re.match('http.*/organizations/7$', job['url'])
    assert result['organization']['login'] == 'ops-team'
    assert len(org(sim_module, 'operations')) == 1
    assert sim_module.ghes.state['jobs'][0]['status'] == 'started'

    after = run_waiting_action(sim_module, 'organization', dict(name='ops-team', rename_from='operations'))

    requests = sim_module.requests()
    assert not after['changed']
    assert [entry for entry in requests if entry['method'] != 'GET'] == []
    assert statuses(requests) == [200, 404]
    assert after['organization']['login'] == 'ops-team' and after['organization']['id'] == 7


def test_the_same_rename_while_github_is_still_renaming_is_refused_naming_both_logins(sim_module):
    reset(sim_module, job_polls=3)
    started = run_waiting_action(sim_module, 'organization', dict(name='ops-team', rename_from='operations', wait=False))
    assert started['job']['state'] == 'pending'

    result = run_waiting_action(sim_module, 'organization', dict(name='ops-team', rename_from='operations',
                                                                 poll_interval=0.1))

    assert result['failed']
    assert 'GitHub refused to rename organization operations to ops-team' in result['msg']
    assert 'still in progress' in result['msg']
    assert 'HTTP 422' in result['msg']
    assert result['api_error']['status'] == 422
    assert statuses(sim_module.writes()) == [202, 422]
    assert len(sim_module.ghes.state['jobs']) == 1


def test_a_rename_that_does_not_finish_in_time_fails_saying_what_is_pending_and_how_to_check(sim_module):
    reset(sim_module, job_polls=-1)  # renames never finish

    result = run_waiting_action(sim_module, 'organization', dict(name='eng', rename_from='engineering',
                                                                 wait_timeout=1, poll_interval=0.2))

    requests = sim_module.requests()
    polls = requests[4:]
    assert result['failed']
    assert result['msg'].startswith('rename of organization engineering to eng still pending after 1 s (%d polls). '
                                    % len(polls))
    assert 'It may still complete: GET /orgs/eng answers 200 once GitHub has renamed the organization' in result['msg']
    assert 'ghe.admin.job_info with job: this record checks it' in result['msg']
    assert ('ghe.admin.organization (name: eng, rename_from: engineering) run again does not rename twice'
            in result['msg'])
    assert len(polls) >= 2
    assert result['job']['polls'] == len(polls) and result['job']['state'] == 'pending'
    assert len([entry for entry in requests if entry['method'] != 'GET']) == 1
    assert set(paths(polls)) == {'/orgs/eng'} and set(statuses(polls)) == {404}
    assert len(org(sim_module, 'engineering')) == 1


# ------------------------------------------------------------------------------------------------------------ delete

def test_a_deletion_without_the_right_confirm_is_refused_before_any_request(sim_module):
    reset(sim_module, job_polls=3)

    missing = sim_module('organization', dict(name='operations', state='absent'))
    wrong = sim_module('organization', dict(name='operations', state='absent', confirm='engineering'))

    assert sim_module.requests() == []
    assert missing['failed']
    assert ('Deleting organization operations (with its repositories) cannot be undone; set confirm: operations'
            in missing['msg'])
    assert 'got nothing' in missing['msg']
    assert wrong['failed']
    assert 'set confirm: operations' in wrong['msg'] and "got 'engineering'" in wrong['msg']
    assert len(org(sim_module, 'operations')) == 1


def test_a_deletion_in_check_mode_reads_once_and_writes_nothing(sim_module):
    reset(sim_module, job_polls=3)

    result = run_waiting_action(sim_module, 'organization', dict(name='operations', state='absent', confirm='operations',
                                                                 poll_interval=0.1), check_mode=True, diff=True)

    requests = sim_module.requests()
    assert result['changed'] and result['operation'] == 'deleted'
    assert 'job' not in result
    assert result['organization'] == {}
    assert result['diff']['before'] == {'login': 'operations', 'profile_name': None}
    assert result['diff']['after'] == {}
    assert len(requests) == 1 and requests[0]['method'] == 'GET'
    assert sim_module.ghes.state['jobs'] == []


def test_an_organization_that_is_gone_is_not_deleted_again(sim_module):
    reset(sim_module, job_polls=1)
    args = dict(name='operations', state='absent', confirm='operations', poll_interval=0.1)
    deleted = run_waiting_action(sim_module, 'organization', args)
    assert deleted['changed'] and deleted['job']['state'] == 'complete'
    sim_module.requests()

    again = run_waiting_action(sim_module, 'organization', args)

    requests = sim_module.requests()
    assert not again['changed'] and again['operation'] == 'none'
    assert 'job' not in again
    assert again['organization'] == {}
    assert len(requests) == 1 and requests[0]['method'] == 'GET'


def test_a_deletion_not_waited_for_returns_the_pending_job_after_the_202(sim_module):
    reset(sim_module, job_polls=3)

    result = run_waiting_action(sim_module, 'organization', dict(name='engineering', state='absent',
                                                                 confirm='engineering', wait=False))

    assert result['changed'] and result['operation'] == 'deleted'
    assert len(sim_module.requests()) == 2
    assert result['job']['state'] == 'pending'
    assert result['job']['how_to_check'].startswith(
        'GET /orgs/engineering answers 404 once GitHub has deleted the organization')
    assert len(org(sim_module, 'engineering')) == 1


def test_a_deletion_that_does_not_finish_in_time_fails_saying_what_is_pending_and_how_to_check(sim_module):
    reset(sim_module, job_polls=-1)  # deletions never finish

    result = run_waiting_action(sim_module, 'organization', dict(name='engineering', state='absent',
                                                                 confirm='engineering', wait_timeout=0.5,
                                                                 poll_interval=0.2))

    requests = sim_module.requests()
    polls = requests[2:]
    assert result['failed']
    assert result['msg'].startswith('deletion of organization engineering still pending after 0.5 s (%d polls). '
                                    % len(polls))
    assert 'It may still complete: GET /orgs/engineering answers 404 once' in result['msg']
    assert 'ghe.admin.job_info' in result['msg']
    assert result['job']['polls'] == len(polls) and len(polls) >= 2
    assert len([entry for entry in requests if entry['method'] != 'GET']) == 1


# ------------------------------------------------------------------------------------------------------ lost answers

def test_a_lost_rename_answer_is_adopted_when_the_new_login_answers(sim_module):
    reset(sim_module, job_polls=1)
    sim_module.ghes.add_fault(method='PATCH', path='^/admin/organizations/operations$', phase='after', action='drop')

    result = sim_module('organization', dict(name='ops-team', rename_from='operations', poll_interval=0.1))

    requests = sim_module.requests()
    writes = [entry for entry in requests if entry['method'] != 'GET']
    assert result['changed'] and not result.get('failed')
    assert [(w['path'], w['status']) for w in writes] == [('/admin/organizations/operations', None)]
    assert (requests[-1]['path'], requests[-1]['status']) == ('/orgs/ops-team', 200)
    assert result['job']['kind'] == 'org_rename' and result['job']['state'] == 'complete'
    assert result['organization']['login'] == 'ops-team' and result['organization']['id'] == 7
    assert 'was lost; GitHub had received it' in ' '.join(warning_texts(result))
    assert len(sim_module.ghes.state['jobs']) == 1


def test_a_lost_rename_answer_while_github_has_not_finished_says_what_may_be_in_progress(sim_module):
    reset(sim_module, job_polls=3)
    sim_module.ghes.add_fault(method='PATCH', path='^/admin/organizations/engineering$', phase='after', status=502)

    result = run_waiting_action(sim_module, 'organization', dict(name='eng', rename_from='engineering'))

    writes = sim_module.writes()
    assert result['failed']
    assert statuses(writes) == [502]
    assert re.match(r'the answer to the request to rename organization engineering to eng was lost \(', result['msg'])
    assert 'GitHub may have started the rename' in result['msg']
    assert 'GET /orgs/eng answers 200 once a rename is done' in result['msg']
    assert len(sim_module.ghes.state['jobs']) == 1


def test_a_lost_deletion_answer_is_adopted_when_the_organization_is_gone(sim_module):
    reset(sim_module, job_polls=1)
    sim_module.ghes.add_fault(method='DELETE', path='^/orgs/engineering$', phase='after', action='drop')

    result = run_waiting_action(sim_module, 'organization', dict(name='engineering', state='absent',
                                                                 confirm='engineering'))

    assert result['changed'] and not result.get('failed')
    assert len(sim_module.writes()) == 1
    assert result['job']['kind'] == 'org_delete' and result['job']['state'] == 'complete'
    assert org(sim_module, 'engineering') == []


# ------------------------------------------------------------------------------------------------------------ errors

def test_errors_name_the_logins_and_come_after_reading_only(sim_module):
    reset(sim_module)
    cases = [
        (dict(name='platform', admin='nobody-here'),
         ['admin: nobody-here is not a user of this GitHub Enterprise (no such login)', 'organization platform']),
        (dict(name='platform', admin='engineering'), ['admin: engineering is not a user of this GitHub Enterprise']),
        (dict(name='octocat', admin='ghe-admin'), ['name: octocat is already the login of a user (octocat)']),
        (dict(name='hubot', rename_from='operations'), ['name: hubot is already the login of a user']),
        (dict(name='engineering', rename_from='operations'),
         ['cannot rename organization operations to engineering: both exist',
          'name: engineering and rename_from: operations']),
        (dict(name='research', rename_from='labs'),
         ['neither organization research (name) nor organization labs (rename_from) exists', 'set admin']),
        (dict(name='research'), ['organization research does not exist; set admin']),
    ]
    counts = []
    for args, texts in cases:
        result = sim_module('organization', args)
        assert result['failed'], args
        for text in texts:
            assert text in result['msg'], (args, result['msg'])
        requests = sim_module.requests()
        assert [entry for entry in requests if entry['method'] != 'GET'] == [], args
        counts.append(len(requests))
    assert counts == [3, 3, 2, 3, 2, 3, 2]
    assert len(sim_module.ghes.state['orgs']) == 2


def test_a_creation_with_an_ordinary_user_s_token_says_a_site_administrator_is_needed(sim_module):
    reset(sim_module)

    result = sim_module('organization', dict(name='platform', admin='octocat', token=SIM_USER_TOKEN))

    assert result['failed']
    assert 'POST /api/v3/admin/organizations' in result['msg']
    assert 'site administrator' in result['msg']
    assert result['api_error']['status'] == 404
    assert statuses(sim_module.writes()) == [404]
