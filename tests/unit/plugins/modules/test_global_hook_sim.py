# -*- coding: utf-8 -*-
"""ghe.admin.global_hook against the simulator: secrets, pings, hooks found by id, shared URLs and pages.

Moved from the global_hook integration target; each test starts from the state the playbook had reached."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible_collections.ghe.admin.tests.unit.conftest import warning_texts

HOOK_URL = 'https://ci.example.com/ghe-events'
HOOK_SECRET = 'whsec-integration-first-0001'
ROTATED_SECRET = 'whsec-integration-rotated-0002'
DEFAULT_URL = 'https://hooks.example.com/ghe-events'
PINGED_URL = 'https://pinged.example.com/hook'
DUP_URL = 'https://dup.example.com/hook'
OTHER_URL = 'https://other.example.com/hook'
ALL_FOUR = ['organization', 'repository', 'team', 'user']


def start_with(sim_module, **hook):
    """The default state plus hook 2 at HOOK_URL, as the playbook had made it (json, with the first secret)."""
    fields = dict(id=2, url=HOOK_URL, content_type='json', events=['organization', 'repository', 'user'],
                  secret=HOOK_SECRET)
    fields.update(hook)
    sim_module.ghes.reset({'hooks': [fields]})


def stored(sim_module, url=HOOK_URL):
    return [hook for hook in sim_module.ghes.state['hooks'] if hook['url'] == url][0]


def assert_no_mask(writes):
    """No write ever carries the mask the API returns in place of a secret."""
    assert not [w for w in writes if re.search('[*]{8}', json.dumps(w['body']))]


def test_adding_an_event_with_the_secret_patches_the_whole_config_and_the_secret_survives(sim_module):
    start_with(sim_module)

    result = sim_module('global_hook', dict(url=HOOK_URL, events=['organization', 'repository', 'team', 'user'],
                                            secret=HOOK_SECRET), diff=True)

    writes = sim_module.writes()
    hook = stored(sim_module)
    assert result['changed'] and result['operation'] == 'updated'
    assert [(w['method'], w['path']) for w in writes] == [('PATCH', '/admin/hooks/2')]
    assert writes[0]['body']['config'] == {'url': HOOK_URL, 'content_type': 'json', 'insecure_ssl': '0',
                                           'secret': HOOK_SECRET}
    assert writes[0]['body']['events'] == ALL_FOUR and writes[0]['body']['active']
    assert hook['secret'] == HOOK_SECRET and hook['content_type'] == 'json' and sorted(hook['events']) == ALL_FOUR
    assert result['hook']['secret'] == '********'
    assert result['diff']['before']['events'] == ['organization', 'repository', 'user']
    assert result['diff']['after']['events'] == ALL_FOUR
    assert result['diff']['before']['secret'] == '********'
    assert_no_mask(writes)


def test_an_events_change_without_the_secret_fails_saying_why_also_in_check_mode_and_writes_nothing(sim_module):
    start_with(sim_module, events=ALL_FOUR)

    result = sim_module('global_hook', dict(url=HOOK_URL, events=['organization', 'user']))
    checked = sim_module('global_hook', dict(url=HOOK_URL, events=['organization', 'user']), check_mode=True)

    requests = sim_module.requests()
    assert result['failed'] and checked['failed']
    assert 'has a secret and its events must change, but secret is not given' in result['msg']
    assert 'the API removes a secret that an update leaves out' in result['msg']
    assert result['msg'] == checked['msg']
    assert len(requests) == 2 and not [r for r in requests if r['method'] != 'GET']
    assert stored(sim_module)['secret'] == HOOK_SECRET and len(stored(sim_module)['events']) == 4


def test_another_secret_with_update_secret_on_create_cannot_be_compared_so_nothing_is_written(sim_module):
    start_with(sim_module, events=ALL_FOUR)

    result = sim_module('global_hook', dict(url=HOOK_URL, secret=ROTATED_SECRET))

    assert not result['changed'] and not result.get('failed')
    assert sim_module.writes() == []
    assert stored(sim_module)['secret'] == HOOK_SECRET


def test_update_secret_always_rotates_the_secret_and_keeps_every_other_setting_check_mode_writes_nothing(sim_module):
    start_with(sim_module, events=ALL_FOUR)
    args = dict(url=HOOK_URL, secret=ROTATED_SECRET, update_secret='always')

    checked = sim_module('global_hook', args, check_mode=True)
    assert checked['changed'] and sim_module.writes() == []

    rotated = sim_module('global_hook', args, diff=True)

    writes = sim_module.writes()
    assert rotated['changed']
    assert [w['method'] for w in writes] == ['PATCH']
    assert writes[0]['body']['config']['secret'] == ROTATED_SECRET
    assert writes[0]['body']['config']['content_type'] == 'json'
    assert writes[0]['body']['events'] == ALL_FOUR
    assert stored(sim_module)['secret'] == ROTATED_SECRET and len(stored(sim_module)['events']) == 4
    assert rotated['diff']['before']['secret'] == '********'
    assert rotated['diff']['after']['secret'] == '******** (sent)'
    assert_no_mask(writes)


def test_update_secret_always_writes_and_reports_a_change_on_every_run(sim_module):
    start_with(sim_module, events=ALL_FOUR, secret=ROTATED_SECRET)

    result = sim_module('global_hook', dict(url=HOOK_URL, secret=ROTATED_SECRET, update_secret='always'))

    writes = sim_module.writes()
    assert result['changed'] and result['operation'] == 'updated'
    assert len(writes) == 1 and writes[0]['body']['config']['secret'] == ROTATED_SECRET


def test_insecure_ssl_is_sent_as_one_with_a_warning_and_the_hook_is_paused(sim_module):
    start_with(sim_module, events=ALL_FOUR, secret=ROTATED_SECRET)

    result = sim_module('global_hook', dict(url=HOOK_URL, insecure_ssl=True, active=False, secret=ROTATED_SECRET))

    writes = sim_module.writes()
    hook = stored(sim_module)
    assert result['changed']
    assert len([text for text in warning_texts(result) if 'insecure_ssl is true' in text]) == 1
    assert len(writes) == 1
    assert writes[0]['body']['config']['insecure_ssl'] == '1' and writes[0]['body']['active'] is False
    assert hook['insecure_ssl'] == '1' and not hook['active'] and hook['secret'] == ROTATED_SECRET
    assert result['hook']['insecure_ssl'] and not result['hook']['active']
    assert_no_mask(writes)


def test_an_empty_secret_removes_it_by_leaving_it_out_and_the_bare_hook_then_changes_without_one(sim_module):
    start_with(sim_module, events=ALL_FOUR, secret=ROTATED_SECRET, insecure_ssl='1', active=False)

    no_secret = sim_module('global_hook', dict(url=HOOK_URL, secret='', insecure_ssl=False), diff=True)
    bare_change = sim_module('global_hook', dict(url=HOOK_URL, content_type='form'))

    writes = sim_module.writes()
    hook = stored(sim_module)
    assert no_secret['changed'] and no_secret['hook']['secret'] is None
    assert no_secret['diff']['before']['secret'] == '********' and no_secret['diff']['after']['secret'] is None
    assert bare_change['changed']
    assert len(writes) == 2
    assert not [w for w in writes if 'secret' in w['body']['config']]
    assert writes[1]['body']['config']['content_type'] == 'form'
    assert writes[1]['body']['config']['insecure_ssl'] == '0'
    assert writes[1]['body']['active'] is False
    assert hook['secret'] is None and hook['content_type'] == 'form'


def test_a_hook_found_by_id_moves_to_another_url_with_one_patch_then_is_left_alone(sim_module):
    start_with(sim_module, events=ALL_FOUR, secret=None, content_type='form', active=False)

    moved = sim_module('global_hook', dict(id=2, url=HOOK_URL + '/v2', active=True))
    moved_again = sim_module('global_hook', dict(id=2, active=True))

    requests = sim_module.requests()
    writes = [r for r in requests if r['method'] != 'GET']
    assert moved['changed'] and moved['hook']['url'] == HOOK_URL + '/v2'
    assert not moved_again['changed']
    assert [w['path'] for w in writes] == ['/admin/hooks/2']
    assert writes[0]['body']['config']['url'] == HOOK_URL + '/v2'
    assert set(r['path'] for r in requests if r['method'] == 'GET') == {'/admin/hooks/2'}
    assert len([h for h in sim_module.ghes.state['hooks'] if h['url'] == HOOK_URL + '/v2']) == 1


def test_the_default_hook_matches_without_its_secret_and_check_mode_sends_no_ping(sim_module):
    default_hook = sim_module('global_hook', dict(url=DEFAULT_URL, events=['user', 'organization'],
                                                  content_type='json', active=True))
    ping_check = sim_module('global_hook', dict(url=DEFAULT_URL, ping=True), check_mode=True)

    assert not default_hook['changed']
    assert default_hook['hook']['id'] == 1 and default_hook['hook']['secret'] == '********'
    assert not ping_check['changed'] and not ping_check['pinged']
    assert sim_module.writes() == []
    assert sim_module.ghes.state['hook_pings'] == []


def test_ping_true_leaves_an_unchanged_hook_alone_and_ping_always_pings_it_without_a_change(sim_module):
    not_pinged = sim_module('global_hook', dict(url=DEFAULT_URL, ping=True))
    pinged = sim_module('global_hook', dict(url=DEFAULT_URL, ping='always'))

    writes = sim_module.writes()
    assert not not_pinged['changed'] and not not_pinged['pinged']
    assert not pinged['changed'] and pinged['pinged']
    assert [(w['method'], w['path']) for w in writes] == [('POST', '/admin/hooks/1/pings')]
    assert [ping['hook_id'] for ping in sim_module.ghes.state['hook_pings']] == [1]


def test_a_hook_created_with_ping_true_is_pinged_once_and_not_again_under_another_spelling_of_its_url(sim_module):
    created = sim_module('global_hook', dict(url=PINGED_URL, ping=True))
    # the README's example run again, the URL spelt with another case and a trailing slash
    again = sim_module('global_hook', dict(url='HTTPS://Pinged.Example.com/hook/', ping=True))

    writes = sim_module.writes()
    hook_id = created['hook']['id']
    assert created['changed'] and created['pinged']
    assert created['hook']['events'] == ['organization', 'user']
    assert created['hook']['content_type'] == 'form' and created['hook']['secret'] is None
    assert not again['changed'] and not again['pinged']
    assert again['hook']['id'] == hook_id and again['hook']['url'] == PINGED_URL
    assert [(w['method'], w['path']) for w in writes] == [('POST', '/admin/hooks'),
                                                          ('POST', '/admin/hooks/%d/pings' % hook_id)]
    assert [ping['hook_id'] for ping in sim_module.ghes.state['hook_pings']] == [hook_id]
    assert_no_mask(writes)


# ----------------------------------------------------------------------------- hooks that share a URL, ids, pages

DUPLICATES = {'replace': ['hooks'], 'hooks': [
    {'id': 5, 'url': DUP_URL, 'events': ['user'], 'secret': 'dup-secret-five'},
    {'id': 9, 'url': DUP_URL, 'events': ['organization']},
    {'id': 11, 'url': OTHER_URL},
]}


def test_a_url_two_hooks_share_fails_naming_their_ids_without_a_write(sim_module):
    sim_module.ghes.reset(DUPLICATES)

    ambiguous = sim_module('global_hook', dict(url=DUP_URL, events=['team']))
    ambiguous_absent = sim_module('global_hook', dict(url=DUP_URL, state='absent'))

    requests = sim_module.requests()
    assert ambiguous['failed']
    assert '2 global hooks have url https://dup.example.com/hook (ids 5, 9); set id' in ambiguous['msg']
    assert ambiguous_absent['failed'] and '(ids 5, 9)' in ambiguous_absent['msg']
    assert len(requests) == 2 and not [r for r in requests if r['method'] != 'GET']
    assert len(sim_module.ghes.state['hooks']) == 3


def test_a_hook_changed_by_id_is_read_by_its_id_and_the_other_hook_of_its_url_is_left_alone(sim_module):
    sim_module.ghes.reset(DUPLICATES)

    by_id = sim_module('global_hook', dict(id=9, url=DUP_URL, events=['team']))
    by_id_again = sim_module('global_hook', dict(id=9, events=['team']))

    requests = sim_module.requests()
    hooks = dict((hook['id'], hook) for hook in sim_module.ghes.state['hooks'])
    assert by_id['changed'] and by_id['hook']['id'] == 9 and by_id['hook']['events'] == ['team']
    assert not by_id_again['changed']
    assert [r['path'] for r in requests if r['method'] != 'GET'] == ['/admin/hooks/9']
    assert set(r['path'] for r in requests if r['method'] == 'GET') == {'/admin/hooks/9'}
    assert hooks[5]['events'] == ['user'] and hooks[5]['secret'] == 'dup-secret-five'
    assert hooks[9]['events'] == ['team']


def test_deleting_a_hook_by_id_naming_another_hooks_url_fails_and_deletes_nothing(sim_module):
    sim_module.ghes.reset(DUPLICATES)

    wrong_url = sim_module('global_hook', dict(id=5, url=OTHER_URL, state='absent'))

    assert wrong_url['failed']
    assert ('global hook 5 has url https://dup.example.com/hook, not https://other.example.com/hook; '
            'nothing was deleted') in wrong_url['msg']
    assert sim_module.writes() == []
    assert [hook['id'] for hook in sim_module.ghes.state['hooks']] == [5, 9, 11]


def test_a_hook_deleted_by_id_leaves_its_url_to_the_one_other_hook(sim_module):
    sim_module.ghes.reset(DUPLICATES)

    deleted = sim_module('global_hook', dict(id=9, state='absent'))
    single = sim_module('global_hook', dict(url=DUP_URL, events=['user']))

    writes = sim_module.writes()
    assert deleted['changed']
    assert not single['changed'] and single['hook']['id'] == 5
    assert [(w['method'], w['path']) for w in writes] == [('DELETE', '/admin/hooks/9')]
    assert [hook['id'] for hook in sim_module.ghes.state['hooks']] == [5, 11]


def test_an_unknown_id_cannot_be_created_and_is_already_absent(sim_module):
    sim_module.ghes.reset(DUPLICATES)

    missing = sim_module('global_hook', dict(id=404, events=['user']))
    missing_absent = sim_module('global_hook', dict(id=404, state='absent'))

    assert missing['failed'] and 'there is no global hook with id 404' in missing['msg']
    assert not missing_absent['changed'] and not missing_absent.get('failed')
    assert sim_module.writes() == []
    assert [hook['id'] for hook in sim_module.ghes.state['hooks']] == [5, 9, 11]


def test_a_hook_on_the_second_page_is_found_through_both_pages_and_left_alone(sim_module):
    # 130 more hooks, so that hook 1 is the only hook with its URL and the last is on page 2
    sim_module.ghes.reset({'hooks': [{'id': i, 'url': 'https://bulk.example.com/hook/%d' % i} for i in range(2, 132)]})

    result = sim_module('global_hook', dict(url='https://bulk.example.com/hook/131', events=['organization', 'user']))

    requests = sim_module.requests()
    assert len(sim_module.ghes.state['hooks']) == 131
    assert not result['changed'] and result['hook']['id'] == 131
    assert len(requests) == 2 and not [r for r in requests if r['method'] != 'GET']
    assert requests[0]['query']['per_page'] == '100'
    assert requests[1]['query']['page'] == '2'
