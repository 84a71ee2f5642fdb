# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import requests
from urllib3.exceptions import NewConnectionError

from ansible_collections.ghe.admin.plugins.module_utils.client import (
    USER_AGENT,
    ApiError,
    Client,
    InvalidApiUrl,
    normalize_api_url,
)
from ansible_collections.ghe.admin.plugins.module_utils.retry import RetryPolicy
from ansible_collections.ghe.admin.tests.unit.plugins.module_utils.fakes import FakeClock, FakeSession, response

TOKEN = 'ghp_unit0secret0token0value000000000000'


def make_client(*script, **kwargs):
    clock = FakeClock()
    session = FakeSession(*script)
    policy = RetryPolicy(max_retries=kwargs.pop('max_retries', 5), max_wait=kwargs.pop('max_wait', 120),
                         jitter=0, now=clock.time)
    client = Client(kwargs.pop('api_url', 'https://ghe.example.com'), token=kwargs.pop('token', TOKEN),
                    retry_policy=policy, session=session, sleep=clock.sleep, **kwargs)
    return client, session, clock


@pytest.mark.parametrize('given, expected', [
    ('https://ghe.example.com', 'https://ghe.example.com/api/v3'),
    ('https://ghe.example.com/', 'https://ghe.example.com/api/v3'),
    ('https://ghe.example.com/api/v3', 'https://ghe.example.com/api/v3'),
    ('https://ghe.example.com/api/v3/', 'https://ghe.example.com/api/v3'),
    ('HTTPS://GHE.example.com:8443', 'https://GHE.example.com:8443/api/v3'),
    ('http://127.0.0.1:8080', 'http://127.0.0.1:8080/api/v3'),
    ('https://api.github.com', 'https://api.github.com'),
    ('https://api.github.com/', 'https://api.github.com'),
    ('https://api.octocorp.ghe.com', 'https://api.octocorp.ghe.com'),
    ('  https://ghe.example.com  ', 'https://ghe.example.com/api/v3'),
])
def test_normalize_api_url(given, expected):
    assert normalize_api_url(given) == expected


@pytest.mark.parametrize('given', ['ghe.example.com', 'ftp://ghe.example.com', 'https://', '', None,
                                   '/api/v3', 'https://ghe.example.com/api/v3?x=1'])
def test_normalize_api_url_refuses(given):
    with pytest.raises(InvalidApiUrl, match='api_url must'):
        normalize_api_url(given)


def test_headers_and_auth():
    client, session, dummy_clock = make_client(response(200, {'ok': True}), response(202, {}))
    assert client.get('meta') == {'ok': True}
    call = session.calls[0]
    assert call['url'] == 'https://ghe.example.com/api/v3/meta'
    assert call['headers']['Authorization'] == 'Bearer ' + TOKEN
    assert call['headers']['Accept'] == 'application/vnd.github+json'
    assert call['headers']['X-GitHub-Api-Version'] == '2022-11-28'
    assert call['headers']['User-Agent'] == USER_AGENT and USER_AGENT.startswith('ghe.admin')
    assert call['verify'] is True and call['timeout'] == 30
    client.request('POST', 'credentials/revoke', json={'credentials': []}, authenticated=False)
    assert 'Authorization' not in session.calls[1]['headers']
    assert session.calls[1]['json'] == {'credentials': []}


def test_tls_options():
    client, session, dummy_clock = make_client(response(200, {}), ca_path='/etc/ca.pem', timeout=5, api_version='2026-03-10')
    client.get('meta')
    assert session.calls[0]['verify'] == '/etc/ca.pem'
    assert session.calls[0]['timeout'] == 5
    assert session.calls[0]['headers']['X-GitHub-Api-Version'] == '2026-03-10'
    client, session, dummy_clock = make_client(response(200, {}), validate_certs=False, ca_path='/etc/ca.pem')
    client.get('meta')
    assert session.calls[0]['verify'] is False


@pytest.mark.parametrize('status', [500, 502, 503, 504])
def test_server_errors_are_retried_with_backoff(status):
    client, session, clock = make_client(response(status), response(status), response(200, {'ok': 1}))
    assert client.get('meta') == {'ok': 1}
    assert len(session.calls) == 3
    assert clock.sleeps == [1.0, 2.0]


def test_server_errors_give_up_after_max_retries():
    client, session, clock = make_client(*[response(503, {'message': 'Unavailable'})] * 4, max_retries=3)
    with pytest.raises(ApiError) as info:
        client.get('meta')
    assert len(session.calls) == 4
    assert clock.sleeps == [1.0, 2.0, 4.0]
    assert info.value.status == 503
    assert 'gave up after 3 retries' in str(info.value)


@pytest.mark.parametrize('status', [400, 401, 403, 404, 409, 422])
def test_client_errors_are_never_retried(status):
    client, session, clock = make_client(response(status, {'message': 'nope'}))
    with pytest.raises(ApiError) as info:
        client.patch('enterprise/announcement', json={'announcement': 'x'})
    assert len(session.calls) == 1 and clock.sleeps == []
    assert info.value.status == status


def test_post_is_not_repeated_blindly_after_a_server_error():
    client, session, dummy_clock = make_client(response(502), response(201, {}))
    with pytest.raises(ApiError):
        client.post('admin/hooks', json={'name': 'web'})
    assert len(session.calls) == 1


def test_post_is_repeated_when_the_caller_says_it_is_safe():
    client, session, dummy_clock = make_client(response(502), response(201, {'id': 1}))
    assert client.post('admin/hooks', json={'name': 'web'}, retry_post=True) == {'id': 1}
    assert len(session.calls) == 2


def test_post_is_retried_when_the_connection_was_never_made():
    refused = requests.exceptions.ConnectionError(NewConnectionError(None, 'Connection refused'))
    client, session, dummy_clock = make_client(refused, response(201, {'id': 1}))
    assert client.post('admin/hooks', json={}) == {'id': 1}
    assert len(session.calls) == 2


def test_post_is_not_retried_after_a_read_timeout():
    client, session, dummy_clock = make_client(requests.exceptions.ReadTimeout('read timed out'), response(201, {}))
    with pytest.raises(ApiError) as info:
        client.post('admin/hooks', json={})
    assert len(session.calls) == 1
    assert 'ghe.example.com did not answer within 30 s (timeout)' in str(info.value)


def test_get_is_retried_after_a_dropped_connection():
    dropped = requests.exceptions.ConnectionError('Connection aborted. RemoteDisconnected')
    client, session, dummy_clock = make_client(dropped, response(200, {'ok': 1}))
    assert client.get('meta') == {'ok': 1}
    assert len(session.calls) == 2


def test_unreachable_host_names_the_host():
    refused = requests.exceptions.ConnectionError(NewConnectionError(None, 'Connection refused'))
    client, session, clock = make_client(*[refused] * 3, max_retries=2)
    with pytest.raises(ApiError) as info:
        client.get('meta')
    text = str(info.value)
    assert 'cannot reach ghe.example.com: connection refused' in text
    assert 'gave up after 2 retries' in text
    assert info.value.status is None and len(session.calls) == 3


def test_tls_failure_suggests_ca_path():
    client, session, dummy_clock = make_client(requests.exceptions.SSLError('certificate verify failed: self signed'))
    with pytest.raises(ApiError) as info:
        client.get('meta')
    assert 'ca_path' in str(info.value) and 'validate_certs' in str(info.value)
    assert len(session.calls) == 1


def test_429_waits_retry_after():
    client, session, clock = make_client(response(429, {'message': 'slow down'}, {'Retry-After': '7'}),
                                         response(200, {}))
    client.get('meta')
    assert clock.sleeps == [7.0] and len(session.calls) == 2


def test_429_without_headers_backs_off():
    client, session, clock = make_client(response(429, {}), response(200, {}))
    client.get('meta')
    assert clock.sleeps == [1.0]


def test_secondary_rate_limit_403_with_retry_after():
    message = {'message': 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'}
    client, session, clock = make_client(response(403, message, {'Retry-After': '3'}), response(200, {}))
    client.get('meta')
    assert clock.sleeps == [3.0]


def test_secondary_rate_limit_without_retry_after_waits_a_minute():
    message = {'message': 'You have exceeded a secondary rate limit.'}
    client, session, clock = make_client(response(403, message), response(200, {}))
    client.get('meta')
    assert clock.sleeps == [60.0]


def test_post_is_retried_after_a_rate_limit():
    client, session, clock = make_client(response(429, {}, {'Retry-After': '2'}), response(201, {'id': 3}))
    assert client.post('admin/hooks', json={}) == {'id': 3}
    assert clock.sleeps == [2.0]


def test_primary_rate_limit_waits_until_reset():
    clock_start = FakeClock().now
    headers = {'x-ratelimit-remaining': '0', 'x-ratelimit-reset': str(int(clock_start + 30))}
    client, session, clock = make_client(response(403, {'message': 'API rate limit exceeded'}, headers),
                                         response(200, {}))
    client.get('meta')
    assert clock.sleeps == [31.0]


def test_rate_limit_wait_longer_than_the_cap_fails_at_once():
    headers = {'x-ratelimit-remaining': '0', 'x-ratelimit-reset': str(int(FakeClock().now + 3600))}
    client, session, clock = make_client(response(403, {'message': 'API rate limit exceeded'}, headers), max_wait=60)
    with pytest.raises(ApiError) as info:
        client.get('meta')
    assert clock.sleeps == [] and len(session.calls) == 1
    assert 'more than max_retry_wait (60 s)' in str(info.value)
    assert 'Run again after that time' in str(info.value)


def test_rate_limit_retries_are_bounded():
    limited = response(429, {}, {'Retry-After': '1'})
    client, session, clock = make_client(limited, limited, limited, max_retries=2)
    with pytest.raises(ApiError) as info:
        client.get('meta')
    assert len(session.calls) == 3
    assert 'still limited after 2 retries' in str(info.value)


def test_plain_403_is_final_and_explains_site_admin():
    client, session, dummy_clock = make_client(response(403, {'message': 'Must have admin rights'}))
    with pytest.raises(ApiError) as info:
        client.get('admin/keys')
    assert 'site administrator' in str(info.value)


def test_401_explains_the_token():
    client, session, dummy_clock = make_client(response(401, {'message': 'Bad credentials'}))
    with pytest.raises(ApiError) as info:
        client.get('meta')
    assert 'HTTP 401 Bad credentials' in str(info.value)
    assert 'GHE_TOKEN' in str(info.value)


def test_pagination_follows_link_headers():
    base = 'https://ghe.example.com/api/v3/admin/keys'
    client, session, dummy_clock = make_client(
        response(200, [{'id': 1}, {'id': 2}], {'Link': '<%s?per_page=100&page=2>; rel="next", <%s?per_page=100&page=3>; rel="last"' % (base, base)}),
        response(200, [{'id': 3}], {'Link': '<%s?per_page=100&page=3>; rel="next", <%s?per_page=100&page=1>; rel="first"' % (base, base)}),
        response(200, [{'id': 4}], {'Link': '<%s?per_page=100&page=1>; rel="first"' % base}),
    )
    assert [k['id'] for k in client.paginate('admin/keys')] == [1, 2, 3, 4]
    assert session.calls[0]['params'] == {'per_page': 100}
    assert session.calls[1]['url'] == base + '?per_page=100&page=2' and session.calls[1]['params'] is None
    assert session.calls[2]['url'] == base + '?per_page=100&page=3'


def test_pagination_keeps_caller_params():
    client, session, dummy_clock = make_client(response(200, []))
    assert list(client.paginate('admin/tokens', params={'per_page': 50, 'sort': 'x'})) == []
    assert session.calls[0]['params'] == {'per_page': 50, 'sort': 'x'}


def test_error_carries_github_fields():
    body = {'message': 'Validation Failed', 'errors': [{'resource': 'Hook', 'field': 'url', 'code': 'invalid'}],
            'documentation_url': 'https://docs.github.com/rest'}
    client, session, dummy_clock = make_client(response(422, body, {'X-GitHub-Request-Id': 'ABCD:1234'}))
    with pytest.raises(ApiError) as info:
        client.post('admin/hooks', json={})
    error = info.value
    assert (error.status, error.method, error.path) == (422, 'POST', '/api/v3/admin/hooks')
    assert error.message == 'Validation Failed'
    assert error.documentation_url == 'https://docs.github.com/rest'
    assert error.request_id == 'ABCD:1234'
    assert str(error) == ('POST /api/v3/admin/hooks on ghe.example.com failed: HTTP 422 Validation Failed '
                          '(resource=Hook field=url code=invalid) [request id ABCD:1234]')
    assert error.as_dict()['errors'] == body['errors']


def test_errors_never_carry_secrets():
    hook_secret = 'whsec-very-secret-value'
    body = {'message': 'bad token %s and secret %s' % (TOKEN, hook_secret),
            'errors': [{'message': 'echo %s' % hook_secret}]}
    client, session, dummy_clock = make_client(response(500, body), max_retries=0)
    client.add_secret(hook_secret)
    with pytest.raises(ApiError) as info:
        client.patch('admin/hooks/1', json={'config': {'secret': hook_secret}})
    text = str(info.value) + repr(info.value.as_dict())
    assert TOKEN not in text and hook_secret not in text
    assert '********' in text


def test_get_or_none():
    client, session, dummy_clock = make_client(response(404, {'message': 'Not Found'}), response(500), )
    assert client.get_or_none('orgs/x') is None
    with pytest.raises(ApiError):
        make_client(response(403, {'message': 'Forbidden'}))[0].get_or_none('orgs/x')


def test_non_json_error_body_is_reported():
    client, session, dummy_clock = make_client(response(400, '<html>bad gateway</html>', {'Content-Type': 'text/html'}))
    with pytest.raises(ApiError) as info:
        client.get('meta')
    assert '<html>bad gateway</html>' in str(info.value)


def test_size_pool_mounts_one_adapter_sized_to_the_concurrency():
    client = Client('https://ghe.example.com', token=TOKEN)
    client.size_pool(16)
    adapter = client.session.get_adapter('https://ghe.example.com/api/v3/users/x')
    assert adapter._pool_maxsize == 16
    assert client.session.get_adapter('http://127.0.0.1/') is adapter


def test_size_pool_leaves_a_session_without_adapters_alone():
    client, session, dummy_clock = make_client()
    client.size_pool(4)
    assert not hasattr(session, 'mount')


def test_429_backoff_is_capped_by_max_retry_wait_instead_of_failing():
    limited = response(429, {})
    client, session, clock = make_client(limited, limited, limited, limited, limited, limited, response(200, {}),
                                         max_retries=6, max_wait=3)
    client.get('meta')
    assert clock.sleeps == [1.0, 2.0, 3.0, 3.0, 3.0, 3.0] and len(session.calls) == 7


def test_a_repeated_delete_answered_404_after_a_lost_answer_is_done():
    client, session, clock = make_client(response(502, {}), response(404, {'message': 'Not Found'}))
    assert client.delete('admin/hooks/1') is None
    assert [c['method'] for c in session.calls] == ['DELETE', 'DELETE']
    assert client.repeated_after_lost_answer


def test_a_repeated_delete_answered_404_after_a_dropped_connection_is_done():
    dropped = requests.exceptions.ConnectionError('Connection aborted. RemoteDisconnected')
    client, session, clock = make_client(dropped, response(404, {'message': 'Not Found'}))
    assert client.request('DELETE', 'admin/keys/2').status == 204


def test_a_delete_answered_404_at_once_is_still_an_error():
    client, session, clock = make_client(response(404, {'message': 'Not Found'}))
    with pytest.raises(ApiError) as info:
        client.delete('admin/hooks/1')
    assert info.value.status == 404 and not client.repeated_after_lost_answer


def test_a_delete_repeated_after_a_rate_limit_answered_404_is_an_error():
    client, session, clock = make_client(response(429, {}, {'Retry-After': '1'}), response(404, {'message': 'Not Found'}))
    with pytest.raises(ApiError):
        client.delete('admin/hooks/1')


def test_repeated_after_lost_answer_tells_a_post_that_was_repeated():
    client, session, clock = make_client(response(502, {}), response(200, {'id': 1}),
                                         response(429, {}, {'Retry-After': '1'}), response(200, {'id': 1}))
    assert client.post('admin/users/x/authorizations', json={}, retry_post=True) == {'id': 1}
    assert client.repeated_after_lost_answer
    assert client.post('admin/users/x/authorizations', json={}, retry_post=True) == {'id': 1}
    assert not client.repeated_after_lost_answer


def test_server_errors_say_that_running_again_is_safe():
    client, session, clock = make_client(response(500, {'message': 'boom'}), response(500, {'message': 'boom'}),
                                         max_retries=1)
    with pytest.raises(ApiError) as info:
        client.get('meta')
    text = str(info.value)
    assert 'HTTP 500 boom. The server answered 500; gave up after 1 retries. The server failed; run the task again' in text


def test_pause_uses_the_clients_clock():
    client, session, clock = make_client()
    client.pause(2.5)
    assert clock.sleeps == [2.5]


def test_tls_failure_says_what_openssl_said_without_the_wrapping():
    wrapped = requests.exceptions.SSLError(
        "HTTPSConnectionPool(host='127.0.0.1', port=8443): Max retries exceeded with url: /api/v3/meta (Caused by "
        "SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
        "self-signed certificate (_ssl.c:1006)')))")
    client, session, dummy_clock = make_client(wrapped)
    with pytest.raises(ApiError) as info:
        client.get('meta')
    assert str(info.value) == (
        'GET /api/v3/meta on ghe.example.com failed: the TLS certificate of ghe.example.com could not be verified '
        '(certificate verify failed: self-signed certificate). Set ca_path to the CA bundle that signed it, or '
        'validate_certs: false (not recommended)')


@pytest.mark.parametrize('token', [
    'ghp_' + 'a1' * 18, 'gho_' + 'B' * 36, 'ghu_' + '9' * 36, 'ghs_' + 'x' * 36, 'ghr_' + 'y' * 76,
    'github_pat_11ABCDEFG0123456789abc_' + 'z' * 59,
])
def test_anything_shaped_like_a_token_is_redacted_even_if_unknown(token):
    client, session, clock = make_client(response(500, {'message': 'failed for %s, sorry' % token}), max_retries=0)
    with pytest.raises(ApiError) as info:
        client.get('meta')
    assert token not in str(info.value) and 'failed for ********, sorry' in str(info.value)


def test_words_that_merely_start_like_tokens_are_kept():
    client, session, clock = make_client()
    assert client.redact('ghp_short and github_pat_ and ghx_' + 'a' * 36) == 'ghp_short and github_pat_ and ghx_' + 'a' * 36
