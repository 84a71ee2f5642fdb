# -*- coding: utf-8 -*-
"""Property-based tests (hypothesis) of the desired-vs-current comparisons and of what keeps secrets out.

Each property is one a module relies on to be idempotent (a converged state compares equal, whatever its
spelling) or safe (no secret survives masking or redaction).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ansible_collections.ghe.admin.plugins.module_utils.client import REDACTED, Client
from ansible_collections.ghe.admin.plugins.module_utils.credentials import (
    Deletion,
    before,
    check_ids,
    not_since,
    unique,
)
from ansible_collections.ghe.admin.plugins.module_utils.hooks import EVENTS, hook_from_api
from ansible_collections.ghe.admin.plugins.module_utils.logins import login_problem, same_login
from ansible_collections.ghe.admin.plugins.module_utils.module import diff_of, mask
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT, ONCE, READ, RetryPolicy
from ansible_collections.ghe.admin.plugins.module_utils.timestamps import format_instant, parse_instant
from ansible_collections.ghe.admin.plugins.modules.announcement import banner, desired_banner
from ansible_collections.ghe.admin.plugins.modules.global_hook import desired_hook, needs_update, request_body
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import FakeSession

settings.register_profile('ghe', max_examples=150, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile('ghe')

# ----------------------------------------------------------------------------- strategies

instants = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2999, 12, 30),
                        timezones=st.just(timezone.utc)).map(lambda value: value.replace(microsecond=0))
offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59)


def spell(instant, offset_minutes, style):
    """``instant`` written in another time zone, in one of the ISO 8601 spellings the API or a user may use."""
    local = instant + timedelta(minutes=offset_minutes)
    sign = '+' if offset_minutes >= 0 else '-'
    hours, minutes = divmod(abs(offset_minutes), 60)
    zone = '%s%02d:%02d' % (sign, hours, minutes)
    if style == 0:
        return local.strftime('%Y-%m-%dT%H:%M:%S') + zone
    if style == 1:
        return local.strftime('%Y-%m-%dT%H:%M:%S.000') + zone.replace(':', '')
    if style == 2:
        return local.strftime('%Y-%m-%d %H:%M:%S') + zone
    return instant.strftime('%Y-%m-%dT%H:%M:%SZ')


texts = st.text(min_size=1, max_size=40).filter(lambda text: text.strip())
secret_values = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=8, max_size=30)
keys = st.sampled_from(['secret', 'key', 'token', 'url', 'name', 'events', 'config', 'id'])
json_leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20))
documents = st.recursive(json_leaves, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)), max_leaves=20)
event_lists = st.lists(st.sampled_from(EVENTS), min_size=1, max_size=12)
hook_urls = st.sampled_from(['https://hooks.example.com/a', 'http://10.0.0.1:8080/x', 'https://ci.example.org/ghe?x=1'])


@st.composite
def api_hooks(draw):
    """A global hook as GET /admin/hooks answers it."""
    config = dict(url=draw(hook_urls), content_type=draw(st.sampled_from(['json', 'form'])),
                  insecure_ssl=draw(st.sampled_from(['0', '1'])))
    if draw(st.booleans()):
        config['secret'] = REDACTED
    return dict(id=draw(st.integers(min_value=1, max_value=10 ** 6)), name='web', active=draw(st.booleans()),
                events=draw(event_lists), config=config, created_at='2025-01-01T00:00:00Z',
                updated_at='2025-01-01T00:00:00Z')


def hook_params(**kwargs):
    base = dict(state='present', url=None, id=None, events=None, content_type=None, secret=None,
                update_secret='on_create', insecure_ssl=None, active=None, ping=False)
    base.update(kwargs)
    return base


# ----------------------------------------------------------------------------- timestamps

@given(instants, offsets, offsets, st.integers(0, 3), st.integers(0, 3))
def test_an_instant_is_the_same_whatever_its_zone_or_spelling(instant, offset_a, offset_b, style_a, style_b):
    left, right = spell(instant, offset_a, style_a), spell(instant, offset_b, style_b)
    assert parse_instant(left) == parse_instant(right) == instant


@given(instants, st.integers(min_value=1, max_value=10 ** 8))
def test_different_instants_never_compare_equal(instant, seconds):
    assume(instant + timedelta(seconds=seconds) < datetime(3000, 1, 1, tzinfo=timezone.utc))
    assert parse_instant(format_instant(instant)) != parse_instant(format_instant(instant + timedelta(seconds=seconds)))


@given(instants, offsets, st.integers(0, 3))
def test_formatting_is_a_fixed_point(instant, offset, style):
    once = format_instant(parse_instant(spell(instant, offset, style)))
    assert once == format_instant(parse_instant(once)) and once.endswith('Z')


@given(st.text(max_size=30))
def test_parsing_anything_either_gives_an_instant_or_says_what_is_wrong(text):
    try:
        value = parse_instant(text)
    except ValueError as exc:
        assert repr(text.strip()) in str(exc)
    else:
        assert value is None or value.tzinfo is not None


# ----------------------------------------------------------------------------- announcement

@given(texts, instants, offsets, st.integers(0, 3), st.booleans())
def test_a_banner_as_the_api_echoes_it_is_what_was_asked(text, expiry, offset, style, dismissible):
    asked = dict(state='present', text=text, expires_at=spell(expiry, offset, style), user_dismissible=dismissible)
    desired = desired_banner(asked, banner(None))
    echoed = banner(dict(announcement=desired['text'], user_dismissible=desired['user_dismissible'],
                         expires_at=spell(parse_instant(desired['expires_at']), -offset, (style + 1) % 4)))
    assert echoed == desired
    assert desired_banner(asked, echoed) == echoed


@given(texts, st.one_of(st.none(), instants.map(format_instant)), st.booleans(), texts)
def test_omitted_banner_options_keep_the_current_values(current_text, current_expiry, dismissible, new_text):
    current = banner(dict(announcement=current_text, expires_at=current_expiry, user_dismissible=dismissible))
    desired = desired_banner(dict(state='present', text=new_text, expires_at=None, user_dismissible=None), current)
    assert desired['expires_at'] == current['expires_at'] and desired['user_dismissible'] == current['user_dismissible']


# ----------------------------------------------------------------------------- global hooks

@given(api_hooks())
def test_a_hook_with_every_option_omitted_needs_no_update(data):
    current = hook_from_api(data)
    params = hook_params(url=current['url'])
    assert not needs_update(current, desired_hook(params, current), params)


@given(api_hooks(), event_lists, st.randoms())
def test_events_compare_as_a_set(data, events, rnd):
    current = hook_from_api(dict(data, events=events))
    shuffled = list(events) + list(events)
    rnd.shuffle(shuffled)
    params = hook_params(url=current['url'], events=shuffled)
    assert not needs_update(current, desired_hook(params, current), params)


@given(api_hooks(), event_lists, st.sampled_from(['json', 'form']), st.booleans(), st.booleans(),
       st.one_of(st.none(), st.just(''), secret_values))
def test_what_is_sent_reads_back_as_what_was_desired(data, events, content_type, insecure, active, secret):
    current = hook_from_api(data)
    params = hook_params(url=current['url'], events=events, content_type=content_type, insecure_ssl=insecure,
                         active=active, secret=secret)
    desired = desired_hook(params, current)
    body = request_body(desired, secret, create=False)
    assert REDACTED not in json.dumps(body)
    stored = dict(data, events=body['events'], active=body['active'], config=dict(body['config']))
    if stored['config'].get('secret'):
        stored['config']['secret'] = REDACTED
    if secret is None and current['secret']:
        return  # the module refuses this update rather than drop the secret (secret_would_be_dropped)
    read_back = hook_from_api(stored)
    assert not needs_update(read_back, desired_hook(params, read_back), dict(params, update_secret='on_create'))


@given(api_hooks(), st.sampled_from(['url', 'events', 'content_type', 'insecure_ssl', 'active']))
def test_a_changed_setting_is_always_an_update(data, setting):
    current = hook_from_api(data)
    other = dict(url=current['url'] + '/other', events=['fork'] if current['events'] != ['fork'] else ['team'],
                 content_type='form' if current['content_type'] == 'json' else 'json',
                 insecure_ssl=not current['insecure_ssl'], active=not current['active'])
    params = hook_params(**{setting: other[setting]})
    params['url'] = params['url'] or current['url']
    assert needs_update(current, desired_hook(params, current), params)


# ----------------------------------------------------------------------------- diff and masking

@given(documents, st.sets(keys, max_size=3))
def test_masking_hides_every_secret_key_and_keeps_the_shape(document, secret_keys):
    masked = mask(document, tuple(secret_keys))

    def walk(original, shown):
        if isinstance(original, dict):
            assert isinstance(shown, dict) and set(shown) == set(original)
            for key, value in original.items():
                if key in secret_keys and value not in (None, ''):
                    assert shown[key] == REDACTED
                else:
                    walk(value, shown[key])
        elif isinstance(original, list):
            assert isinstance(shown, list) and len(shown) == len(original)
            for value, shown_value in zip(original, shown):
                walk(value, shown_value)
        else:
            assert shown == original

    walk(document, masked)
    assert mask(masked, tuple(secret_keys)) == masked


@given(documents, documents)
def test_the_diff_shows_exactly_the_masked_states(before_doc, after_doc):
    diff = diff_of(dict(value=before_doc), dict(value=after_doc), secret_keys=('secret',))
    assert json.dumps(diff['before'], sort_keys=True, default=str) == json.dumps(
        mask(dict(value=before_doc), ('secret',)), sort_keys=True, default=str)


@given(st.lists(secret_values, min_size=1, max_size=4), st.text(max_size=60), st.text(max_size=60))
def test_a_registered_secret_never_survives_redaction(secrets, prefix, suffix):
    client = Client('https://ghe.example.com', token=None, session=FakeSession())
    for secret in secrets:
        client.add_secret(secret)
    text = client.redact(prefix + ' '.join(secrets) + suffix)
    for secret in secrets:
        assert secret not in text.replace(REDACTED, '\0')


# ----------------------------------------------------------------------------- retries

@given(st.integers(0, 10), st.sampled_from([400, 401, 403, 404, 409, 410, 422]), st.sampled_from([READ, IDEMPOTENT, ONCE]))
def test_refusals_are_never_retried(attempt, status, repeat):
    assert not RetryPolicy().for_response(attempt, status, {}, 'Not allowed', repeat).retry


@given(st.integers(0, 12), st.integers(0, 12), st.sampled_from([429, 500, 502, 503, 504]),
       st.one_of(st.none(), st.integers(0, 200).map(str)), st.floats(min_value=0.5, max_value=120))
def test_a_retry_never_waits_longer_than_max_retry_wait_and_stops_after_max_retries(
        attempt, max_retries, status, retry_after, max_wait):
    policy = RetryPolicy(max_retries=max_retries, max_wait=max_wait, jitter=0.1)
    headers = {} if retry_after is None else {'Retry-After': retry_after}
    decision = policy.for_response(attempt, status, headers, None, IDEMPOTENT)
    if decision.retry:
        assert 0 <= decision.wait <= max_wait and attempt < max_retries
    else:
        assert decision.reason and ('max_retry' in decision.reason or 'retries' in decision.reason)


@given(st.integers(0, 5), st.sampled_from([500, 502, 503, 504]))
def test_a_request_sent_once_is_never_repeated_after_a_server_error(attempt, status):
    assert not RetryPolicy().for_response(attempt, status, {}, None, ONCE).retry


# ----------------------------------------------------------------------------- logins and credentials

@given(st.from_regex(r'\A[A-Za-z0-9]{1,10}(-[A-Za-z0-9]{1,8}){0,3}\Z'))
def test_a_login_github_keeps_is_valid_in_every_case(login):
    assume(len(login) <= 39)
    assert login_problem(login, new=True) is None and login_problem(login) is None
    assert same_login(login, login.upper()) and same_login(login.lower(), login.swapcase())


@given(st.text(max_size=45))
def test_a_new_login_is_never_accepted_if_github_would_rewrite_it(login):
    if login_problem(login, new=True) is None:
        assert login and len(login) <= 39 and not login.startswith('-') and not login.endswith('-')
        assert '--' not in login and all(c.isascii() and (c.isalnum() or c == '-') for c in login)


@given(st.lists(st.integers(min_value=-5, max_value=50), max_size=30))
def test_unique_keeps_first_occurrences_in_order(values):
    result = unique(values)
    assert len(result) == len(set(values)) and set(result) == set(values)
    assert result == sorted(set(values), key=values.index)


@given(st.lists(st.one_of(st.none(), st.integers(min_value=-3, max_value=9)), max_size=10))
def test_every_id_that_cannot_name_a_key_is_reported_by_position(ids):
    problems = check_ids(ids)
    bad = [index for index, value in enumerate(ids) if value is None or value <= 0]
    assert [int(p.split('[')[1].split(']')[0]) for p in problems] == bad


@given(st.one_of(st.none(), instants.map(format_instant)), instants)
def test_an_unknown_instant_is_never_before_a_limit_but_counts_as_not_used_since(text, limit):
    if text is None:
        assert not before(text, limit) and not_since(text, limit)
    else:
        assert before(text, limit) == not_since(text, limit) == (parse_instant(text) < limit)
    assert before(text, None) and not_since(text, None)


@given(st.lists(st.integers(1, 20), max_size=15), st.sets(st.integers(1, 20), max_size=15), st.data())
def test_deletion_outcomes_partition_the_requested_ids(ids, existing_ids, data):
    run = Deletion(ids, dict((i, dict(id=i)) for i in existing_ids))
    for item_id in run.pending:
        if data.draw(st.booleans()):
            run.deleted(item_id)
    outcome = dict((r['id'], r['status']) for r in run.results())
    assert list(outcome) == unique(ids)
    assert all(outcome[i] == 'absent' for i in unique(ids) if i not in existing_ids)
    assert set(run.ids_with('deleted')) | set(run.ids_with('absent')) | set(run.pending) == set(unique(ids))
