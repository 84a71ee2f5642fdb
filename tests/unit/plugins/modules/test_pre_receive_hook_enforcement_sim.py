# -*- coding: utf-8 -*-
"""ghe.admin.pre_receive_hook_enforcement against the simulator: refused overrides, repository overrides under an
organization's, removal back to inheritance, what ghe.admin.pre_receive_info then shows, and unknown names
(moved from the pre_receive_hook_enforcement target)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

HOOK = dict(name='Commit messages', script='checks/commit-message.sh', script_repository='engineering/hooks',
            environment='Default', enforcement='testing')
ORG = dict(hook='Commit messages', organization='engineering')
REPO = dict(hook='Commit messages', repository='engineering/app')


def run(sim_module, args, **kwargs):
    return sim_module('pre_receive_hook_enforcement', args, **kwargs)


def with_hook(sim_module, allow=False, org=None, repo=None):
    """The hook exists (allowing downstream configuration with ``allow``), then the organization's and the
    repository's overrides given; returns the hook's organization and repository paths. The log starts empty."""
    created = sim_module('pre_receive_hook', dict(HOOK, allow_downstream_configuration=allow))
    assert created['changed'] and not created.get('failed')
    for args in (org, repo):
        if args is not None:
            set_up = run(sim_module, args)
            assert set_up['changed'] and not set_up.get('failed')
    sim_module.requests()
    ident = created['hook']['id']
    return ('/orgs/engineering/pre-receive-hooks/%d' % ident, '/repos/engineering/app/pre-receive-hooks/%d' % ident)


def test_overrides_are_refused_with_the_reason_while_the_hook_does_not_allow_them(sim_module):
    with_hook(sim_module)

    org_refused = run(sim_module, dict(ORG, enforcement='enabled'))
    repo_refused = run(sim_module, dict(REPO, enforcement='disabled'))

    assert org_refused['failed']
    assert ('cannot be overridden for organization engineering: the hook does not allow downstream configuration'
            in org_refused['msg'])
    assert repo_refused['failed']
    assert ('cannot be overridden for repository engineering/app: organization engineering does not allow downstream '
            'configuration' in repo_refused['msg'])
    assert sim_module.writes() == []


def test_a_repository_override_is_refused_while_its_organization_does_not_allow_it(sim_module):
    org_path, dummy = with_hook(sim_module, allow=True,
                                org=dict(ORG, enforcement='enabled', allow_downstream_configuration=False))

    refused = run(sim_module, dict(REPO, enforcement='disabled'))
    allowed = run(sim_module, dict(ORG, allow_downstream_configuration=True))

    writes = sim_module.writes()
    assert refused['failed']
    assert 'organization engineering does not allow downstream configuration' in refused['msg']
    assert allowed['changed'] and not allowed.get('failed')
    assert len(writes) == 1 and writes[0]['path'] == org_path


def test_a_repository_override_is_one_patch_from_the_real_run_only(sim_module):
    dummy, repo_path = with_hook(sim_module, allow=True,
                                 org=dict(ORG, enforcement='enabled', allow_downstream_configuration=True))
    args = dict(REPO, enforcement='disabled')

    check = run(sim_module, args, check_mode=True)
    applied = run(sim_module, args, diff=True)
    again = run(sim_module, args)

    writes = sim_module.writes()
    assert check['changed'] and not check.get('failed')
    assert applied['changed'] and not applied.get('failed')
    assert applied['diff']['before']['enforcement'] == 'enabled'
    assert applied['diff']['before']['configured_at'] == 'organization'
    assert applied['enforcement']['enforcement'] == 'disabled'
    assert applied['enforcement']['configured_at'] == 'repository'
    assert not again['changed'] and not again.get('failed')
    assert len(writes) == 1 and writes[0]['path'] == repo_path
    assert writes[0]['body'] == {'enforcement': 'disabled'}


def test_pre_receive_info_shows_each_level_s_enforcement_and_where_it_comes_from(sim_module):
    with_hook(sim_module, allow=True, org=dict(ORG, enforcement='enabled', allow_downstream_configuration=True),
              repo=dict(REPO, enforcement='disabled'))

    info = sim_module('pre_receive_info', dict(organizations=['engineering', 'operations'],
                                               repositories=['engineering/app']))

    assert not info['changed'] and not info.get('failed')
    assert [hook['name'] for hook in info['hooks']] == ['Commit messages']
    assert [env['name'] for env in info['environments']] == ['Default']
    assert info['environments'][0]['download']['state'] == 'success'
    organizations = info['enforcement']['organizations']
    assert organizations['engineering'][0]['enforcement'] == 'enabled'
    assert organizations['engineering'][0]['overridden']
    assert organizations['operations'][0]['enforcement'] == 'testing'
    assert organizations['operations'][0]['configured_at'] == 'enterprise'
    repository = info['enforcement']['repositories']['engineering/app'][0]
    assert repository['enforcement'] == 'disabled' and repository['configured_at'] == 'repository'
    assert sim_module.writes() == []


def test_removing_the_overrides_deletes_each_once_and_the_levels_inherit_again(sim_module):
    org_path, repo_path = with_hook(sim_module, allow=True,
                                    org=dict(ORG, enforcement='enabled', allow_downstream_configuration=True),
                                    repo=dict(REPO, enforcement='disabled'))

    repo_check = run(sim_module, dict(REPO, state='absent'), check_mode=True)
    repo_remove = run(sim_module, dict(REPO, state='absent'))
    org_remove = run(sim_module, dict(ORG, state='absent'))
    again = [run(sim_module, dict(args, state='absent')) for args in (ORG, REPO)]

    writes = sim_module.writes()
    assert repo_check['changed']
    assert repo_check['enforcement']['enforcement'] == 'enabled'
    assert repo_check['enforcement']['configured_at'] == 'organization'
    assert repo_remove['changed']
    assert repo_remove['enforcement']['enforcement'] == 'enabled'
    assert not repo_remove['enforcement']['overridden']
    assert org_remove['changed']
    assert org_remove['enforcement']['enforcement'] == 'testing'
    assert org_remove['enforcement']['configured_at'] == 'enterprise'
    assert [result['changed'] for result in again] == [False, False]
    assert [result.get('failed', False) for result in again] == [False, False]
    assert [w['method'] for w in writes] == ['DELETE', 'DELETE']
    assert [w['path'] for w in writes] == [repo_path, org_path]


def test_an_unknown_organization_repository_or_hook_is_named_and_nothing_is_written(sim_module):
    with_hook(sim_module, allow=True)
    cases = [
        (dict(ORG, organization='nowhere'), 'organization nowhere: there is no such organization'),
        (dict(REPO, repository='engineering/nope'), 'repository engineering/nope: there is no such repository'),
        (dict(ORG, hook='No such hook'), 'hook No such hook: there is no pre-receive hook with this name'),
    ]
    for args, message in cases:
        result = run(sim_module, dict(args, enforcement='enabled'))

        requests = sim_module.requests()
        assert result['failed'] and message in result['msg'], (args, result)
        assert len(requests) == 1 and requests[0]['method'] == 'GET', (args, requests)


def test_both_organization_and_repository_are_refused_before_any_request(sim_module):
    with_hook(sim_module, allow=True)

    result = run(sim_module, dict(ORG, repository='engineering/app', enforcement='enabled'))

    assert result['failed']
    assert 'mutually exclusive: organization|repository' in result['msg']
    assert sim_module.requests() == []
