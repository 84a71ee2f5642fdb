# -*- coding: utf-8 -*-
"""ghe.admin.organization against the simulator: lost answers, pending renames and errors."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ghe.admin.tests.unit.conftest import warning_texts


def test_a_lost_rename_answer_is_adopted_when_the_new_login_answers(sim_module):
    sim_module.ghes.reset({'orgs': [{'login': 'operations', 'admin': 'ghe-admin'}], 'settings': {'job_polls': 1}})
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
