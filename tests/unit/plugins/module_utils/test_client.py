# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import requests
import requests.adapters
from urllib3.exceptions import NewConnectionError

from ansible_collections.ghe.admin.plugins.module_utils.client import (
    USER_AGENT,
    ApiError,
    Client,
    InvalidApiUrl,
    WrongProduct,
    normalize_api_url,
)
from ansible_collections.ghe.admin.plugins.module_utils.retry import IDEMPOTENT, ONCE, RetryPolicy
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
    client.request('POST', 'credentials/revoke', json={'credentials': []}, authenticated=False, repeat=IDEMPOTENT)
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
        client.patch('enterprise/announcement', json={'announcement': 'x'}, repeat=IDEMPOTENT)
    assert len(session.calls) == 1 and clock.sleeps == []
    assert info.value.status == status


def test_a_request_sent_once_is_not_repeated_after_a_server_error_and_says_the_answer_was_lost():
    client, session, dummy_clock = make_client(response(502), response(201, {}))
    with pytest.raises(ApiError) as info:
        client.post('admin/hooks', json={'name': 'web'}, repeat=ONCE)
    assert len(session.calls) == 1
    assert info.value.lost_answer and info.value.as_dict()['lost_answer']


def test_an_idempotent_post_is_repeated_after_a_server_error():
    client, session, dummy_clock = make_client(response(502), response(201, {'id': 1}))
    assert client.post('credentials/revoke', json={'credentials': []}, repeat=IDEMPOTENT) == {'id': 1}
    assert len(session.calls) == 2


def test_post_is_retried_when_the_connection_was_never_made():
    refused = requests.exceptions.ConnectionError(NewConnectionError(None, 'Connection refused'))
    client, session, dummy_clock = make_client(refused, response(201, {'id': 1}))
    assert client.post('admin/hooks', json={}, repeat=ONCE) == {'id': 1}
    assert len(session.calls) == 2


def test_post_is_not_retried_after_a_read_timeout():
    client, session, dummy_clock = make_client(requests.exceptions.ReadTimeout('read timed out'), response(201, {}))
    with pytest.raises(ApiError) as info:
        client.post('admin/hooks', json={}, repeat=ONCE)
    assert len(session.calls) == 1
    assert 'ghe.example.com did not answer within 30 s (timeout)' in str(info.value)
    assert info.value.lost_answer


def test_a_refused_connection_is_not_a_lost_answer():
    refused = requests.exceptions.ConnectionError(NewConnectionError(None, 'Connection refused'))
    client, session, dummy_clock = make_client(refused, max_retries=0)
    with pytest.raises(ApiError) as info:
        client.post('admin/hooks', json={}, repeat=ONCE)
    assert not info.value.lost_answer


def test_a_dropped_connection_after_a_request_sent_once_is_a_lost_answer_never_a_success():
    dropped = requests.exceptions.ConnectionError('Connection aborted. RemoteDisconnected')
    client, session, dummy_clock = make_client(dropped, response(201, {'id': 1}))
    with pytest.raises(ApiError) as info:
        client.patch('admin/organizations/a', json={'login': 'b'}, repeat=ONCE)
    assert info.value.lost_answer and len(session.calls) == 1


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


def test_429_without_headers_waits_a_minute_as_github_says():
    client, session, clock = make_client(response(429, {}), response(200, {}))
    client.get('meta')
    assert clock.sleeps == [60.0]


def test_429_without_headers_when_max_retry_wait_is_below_a_minute_fails_at_once():
    client, session, clock = make_client(response(429, {'message': 'slow down'}), max_wait=30)
    with pytest.raises(ApiError) as info:
        client.get('meta')
    assert clock.sleeps == [] and len(session.calls) == 1
    assert 'the API asks to wait 60 s' in str(info.value) and 'more than max_retry_wait (30 s)' in str(info.value)


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
    assert client.post('admin/hooks', json={}, repeat=ONCE) == {'id': 3}
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
        client.post('admin/hooks', json={}, repeat=ONCE)
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
        client.patch('admin/hooks/1', json={'config': {'secret': hook_secret}}, repeat=IDEMPOTENT)
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


def test_429_without_headers_doubles_the_minute_capped_by_max_retry_wait():
    limited = response(429, {})
    client, session, clock = make_client(limited, limited, limited, limited, response(200, {}),
                                         max_retries=6, max_wait=150)
    client.get('meta')
    assert clock.sleeps == [60.0, 120.0, 150.0, 150.0] and len(session.calls) == 5


def test_a_repeated_delete_answered_404_after_a_lost_answer_is_done():
    client, session, clock = make_client(response(502, {}), response(404, {'message': 'Not Found'}))
    assert client.delete('admin/hooks/1', repeat=IDEMPOTENT) is None
    assert [c['method'] for c in session.calls] == ['DELETE', 'DELETE']
    assert client.repeated_after_lost_answer


def test_a_repeated_delete_answered_404_after_a_dropped_connection_is_done():
    dropped = requests.exceptions.ConnectionError('Connection aborted. RemoteDisconnected')
    client, session, clock = make_client(dropped, response(404, {'message': 'Not Found'}))
    assert client.request('DELETE', 'admin/keys/2', repeat=IDEMPOTENT).status == 204


def test_a_delete_answered_404_at_once_is_still_an_error():
    client, session, clock = make_client(response(404, {'message': 'Not Found'}))
    with pytest.raises(ApiError) as info:
        client.delete('admin/hooks/1', repeat=IDEMPOTENT)
    assert info.value.status == 404 and not client.repeated_after_lost_answer


def test_a_delete_repeated_after_a_rate_limit_answered_404_is_an_error():
    client, session, clock = make_client(response(429, {}, {'Retry-After': '1'}), response(404, {'message': 'Not Found'}))
    with pytest.raises(ApiError):
        client.delete('admin/hooks/1', repeat=IDEMPOTENT)


def test_repeated_after_lost_answer_tells_a_post_that_was_repeated():
    client, session, clock = make_client(response(502, {}), response(200, {'id': 1}),
                                         response(429, {}, {'Retry-After': '1'}), response(200, {'id': 1}))
    assert client.post('admin/users/x/authorizations', json={}, repeat=IDEMPOTENT) == {'id': 1}
    assert client.repeated_after_lost_answer
    assert client.post('admin/users/x/authorizations', json={}, repeat=IDEMPOTENT) == {'id': 1}
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


# ----------------------------------------------------------------------------- transport: what is sent, and where

def test_every_method_but_get_must_declare_whether_it_may_be_repeated():
    client, session, dummy_clock = make_client()
    for method in ('POST', 'PATCH', 'PUT', 'DELETE'):
        with pytest.raises(ValueError, match='repeat='):
            client.request(method, 'admin/hooks')
    with pytest.raises(ValueError, match='repeat='):
        client.request('GET', 'meta', repeat='sometimes')
    assert session.calls == []


@pytest.mark.parametrize('status', [301, 302, 307, 308])
def test_a_redirect_is_never_success_and_names_where_it_leads(status):
    location = 'https://ghe.example.com/api/v3/enterprise/announcement'
    client, session, dummy_clock = make_client(response(status, '', {'Location': location}),
                                               api_url='http://ghe.example.com')
    with pytest.raises(ApiError) as info:
        client.patch('enterprise/announcement', json={'announcement': 'x'}, repeat=IDEMPOTENT)
    text = str(info.value)
    assert len(session.calls) == 1 and session.calls[0]['allow_redirects'] is False
    assert info.value.status == status and not info.value.lost_answer
    assert 'The server redirects to %s' % location in text
    assert 'Use https:// in api_url: set api_url to https://ghe.example.com/api/v3' in text


def test_a_redirect_to_a_login_page_says_to_give_the_api_address():
    client, session, dummy_clock = make_client(
        response(302, '<html>login</html>', {'Location': 'https://sso.example.com/login?next=x', 'Content-Type': 'text/html'}))
    with pytest.raises(ApiError) as info:
        client.get('enterprise/settings/license')
    text = str(info.value)
    assert 'The server redirects to https://sso.example.com/login?next=x' in text
    assert 'Set api_url to the address of the API itself (the redirect leads to https://sso.example.com' in text
    assert len(session.calls) == 1


def test_a_relative_redirect_is_resolved_against_the_request():
    client, session, dummy_clock = make_client(response(301, None, {'Location': '/login'}))
    with pytest.raises(ApiError, match='redirects to https://ghe.example.com/login'):
        client.get('meta')


@pytest.mark.parametrize('content_type', ['text/html; charset=utf-8', 'text/plain', None])
def test_a_success_that_is_not_json_fails_naming_host_status_and_content_type(content_type):
    headers = {'Content-Type': content_type} if content_type else {}
    client, session, dummy_clock = make_client(response(200, '<html><body>Sign in</body></html>', headers))
    with pytest.raises(ApiError) as info:
        client.get('enterprise/settings/license')
    text = str(info.value)
    assert 'on ghe.example.com failed: HTTP 200' in text
    assert (content_type or 'a body of no type') in text and 'not the JSON of the GitHub API' in text


def test_a_json_body_without_content_type_is_accepted():
    client, session, dummy_clock = make_client(response(200, b'{"seats": 1}'))
    assert client.get('enterprise/settings/license') == {'seats': 1}


@pytest.mark.parametrize('status', [200, 201, 202, 204])
def test_an_empty_success_is_no_data(status):
    # 204 everywhere; the Manage API answers 201/202 without a body; no body cannot be a login page
    client, session, dummy_clock = make_client(response(status, None, {'Content-Type': 'text/html'}))
    assert client.put('users/x/suspended', json={}, repeat=IDEMPOTENT) is None


def test_an_error_page_that_is_not_json_is_still_reported():
    client, session, dummy_clock = make_client(response(502, '<html>bad gateway</html>', {'Content-Type': 'text/html'}),
                                               max_retries=0)
    with pytest.raises(ApiError, match='HTTP 502 <html>bad gateway</html>'):
        client.get('meta')


def test_a_next_link_to_another_host_is_refused_without_sending():
    client, session, dummy_clock = make_client(
        response(200, [{'id': 1}], {'Link': '<https://evil.example.net/api/v3/admin/keys?page=2>; rel="next"'}))
    with pytest.raises(ApiError) as info:
        list(client.paginate('admin/keys'))
    assert len(session.calls) == 1
    assert 'refused to send the request to evil.example.net' in str(info.value)
    assert 'Nothing was sent' in str(info.value)


@pytest.mark.parametrize('url', [
    'http://ghe.example.com/api/v3/enterprise/encryption/status/1',
    'https://ghe.example.com:8443/api/v3/enterprise/encryption/status/1',
    'https://other.example.com/api/v3/enterprise/encryption/status/1',
    'https://ghe.example.com.evil.net/api/v3/x',
])
def test_an_absolute_url_off_the_api_host_is_refused(url):
    client, session, dummy_clock = make_client()
    with pytest.raises(ApiError, match='refused to send the request'):
        client.get(url)
    assert session.calls == []


@pytest.mark.parametrize('url', [
    'https://ghe.example.com/api/v3/enterprise/encryption/status/1',
    'https://GHE.example.com:443/api/v3/enterprise/encryption/status/1',
])
def test_an_absolute_url_on_the_api_host_is_followed(url):
    client, session, dummy_clock = make_client(response(200, {'result': 'complete'}))
    assert client.get(url) == {'result': 'complete'}
    assert session.calls[0]['url'] == url


class RecordingAdapter(requests.adapters.BaseAdapter):
    """The transport under a real ``requests.Session``: records the prepared requests, answers JSON."""

    def __init__(self):
        super(RecordingAdapter, self).__init__()
        self.sent = []

    def send(self, request, **kwargs):
        self.sent.append(dict(headers=dict(request.headers), url=request.url, **kwargs))
        answer = response(200, {'ok': True})
        answer.request, answer.url = request, request.url
        return answer

    def close(self):
        pass


def real_session_client(**kwargs):
    client = Client('https://ghe.example.com', token=TOKEN, **kwargs)
    adapter = RecordingAdapter()
    client.session.mount('https://', adapter)
    return client, adapter


def test_a_netrc_file_changes_nothing_that_is_sent(tmp_path, monkeypatch):
    netrc = tmp_path / 'netrc'
    netrc.write_text('machine ghe.example.com login admin password hunter2-netrc-password\n')
    netrc.chmod(0o600)
    monkeypatch.setenv('NETRC', str(netrc))
    monkeypatch.setenv('HOME', str(tmp_path))
    assert requests.utils.get_netrc_auth('https://ghe.example.com/api/v3/meta') == ('admin', 'hunter2-netrc-password')
    client, adapter = real_session_client()
    client.get('meta')
    client.request('POST', 'credentials/revoke', json={'credentials': []}, authenticated=False, repeat=IDEMPOTENT)
    assert adapter.sent[0]['headers']['Authorization'] == 'Bearer ' + TOKEN
    assert 'Authorization' not in adapter.sent[1]['headers']


def test_proxy_variables_are_still_honoured(monkeypatch):
    monkeypatch.setenv('HTTPS_PROXY', 'http://proxy.example.com:3128')
    monkeypatch.setenv('NO_PROXY', 'internal.example.com')
    client, adapter = real_session_client()
    client.get('meta')
    assert adapter.sent[0]['proxies'].get('https') == 'http://proxy.example.com:3128'
    bypass = Client('https://internal.example.com', token=TOKEN)
    bypass.session.mount('https://', adapter)
    bypass.get('meta')
    assert not adapter.sent[1]['proxies']


def test_requests_ca_bundle_from_the_environment_does_not_replace_the_trust():
    client, adapter = real_session_client()
    assert client.session.trust_env is False


# ----------------------------------------------------------------------------- products

def ghes_answer(body=None, status=200):
    return response(status, {} if body is None else body, {'X-GitHub-Enterprise-Version': '3.19.0'})


@pytest.mark.parametrize('given, expected, warned', [
    ('https://github.com', 'https://api.github.com', True),
    ('https://github.com/', 'https://api.github.com', True),
    ('https://octocorp.ghe.com', 'https://api.octocorp.ghe.com', True),
    ('https://api.octocorp.ghe.com', 'https://api.octocorp.ghe.com', False),
    ('https://ghe.example.com', 'https://ghe.example.com/api/v3', False),
])
def test_cloud_web_addresses_mean_their_api_with_a_warning(given, expected, warned):
    client, session, dummy_clock = make_client(api_url=given)
    assert client.base_url == expected
    assert bool(client.url_warning) == warned and client.warnings == ([client.url_warning] if warned else [])
    if warned:
        assert 'using its API, %s' % expected in client.url_warning


@pytest.mark.parametrize('given', ['https://ghe.example.com/api', 'https://ghe.example.com/api/',
                                   'https://github.com/enterprises/octo'])
def test_urls_that_are_not_an_api_are_refused_with_a_hint(given):
    with pytest.raises(InvalidApiUrl) as info:
        normalize_api_url(given)
    assert 'api_url' in str(info.value) and 'https://' in str(info.value).split(':', 1)[1]


def test_the_product_is_known_from_the_url_or_the_answers():
    assert make_client(api_url='https://api.github.com')[0].product == 'ghec'
    assert make_client(api_url='https://api.octocorp.ghe.com')[0].product == 'ghec'
    client, session, dummy_clock = make_client(ghes_answer())
    assert client.product is None and client.enterprise_version is None
    client.get('meta')
    assert (client.product, client.enterprise_version) == ('ghes', '3.19.0')
    client, session, dummy_clock = make_client(response(200, {}))
    client.get('meta')
    assert (client.product, client.enterprise_version) == ('ghec', None)


def test_a_url_of_the_wrong_product_fails_before_any_request():
    with pytest.raises(WrongProduct) as info:
        make_client(api_url='https://api.github.com', products=('ghes',))
    text = str(info.value)
    assert text.startswith('https://api.github.com is GitHub Enterprise Cloud; this works only with GitHub '
                           'Enterprise Server: set api_url to your GitHub Enterprise Server')


def test_before_the_first_write_the_product_is_read_from_meta():
    client, session, dummy_clock = make_client(response(200, {'verifiable_password_authentication': False}),
                                               products=('ghes',))
    with pytest.raises(WrongProduct) as info:
        client.patch('enterprise/announcement', json={}, repeat=IDEMPOTENT)
    assert [(c['method'], c['url']) for c in session.calls] == [('GET', 'https://ghe.example.com/api/v3/meta')]
    assert 'https://ghe.example.com/api/v3 is GitHub Enterprise Cloud' in str(info.value)


def test_a_write_after_an_answer_reads_no_meta():
    client, session, dummy_clock = make_client(ghes_answer(), ghes_answer(), products=('ghes',))
    client.get('enterprise/announcement')
    client.patch('enterprise/announcement', json={}, repeat=IDEMPOTENT)
    assert [c['method'] for c in session.calls] == ['GET', 'PATCH']


def test_a_ghes_answer_to_a_cloud_only_operation_names_the_version():
    client, session, dummy_clock = make_client(ghes_answer(), products=('ghec',))
    with pytest.raises(WrongProduct) as info:
        client.request('POST', 'credentials/revoke', json={}, authenticated=False, repeat=IDEMPOTENT)
    assert [c['method'] for c in session.calls] == ['GET']
    assert 'is GitHub Enterprise Server 3.19.0; this works only with GitHub Enterprise Cloud' in str(info.value)
    assert 'https://api.github.com' in str(info.value)


def test_products_allowing_both_never_read_meta():
    client, session, dummy_clock = make_client(response(204), products=('ghes', 'ghec'))
    client.delete('enterprise/announcement', repeat=IDEMPOTENT)
    assert [c['method'] for c in session.calls] == ['DELETE']


# ----------------------------------------------------------------------------- TLS trust, against a real HTTPS server

def _certificates(directory):
    """A CA and a certificate for 127.0.0.1 it signed, as PEM files: ``(ca.pem, server.pem, server.key)``."""
    import datetime  # pylint: disable=import-outside-toplevel
    import ipaddress  # pylint: disable=import-outside-toplevel
    x509 = pytest.importorskip('cryptography.x509')
    from cryptography.hazmat.primitives import hashes, serialization  # pylint: disable=import-outside-toplevel
    from cryptography.hazmat.primitives.asymmetric import ec  # pylint: disable=import-outside-toplevel
    from cryptography.x509.oid import NameOID  # pylint: disable=import-outside-toplevel

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, u'ghe.admin unit test CA')])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
          .not_valid_after(now + datetime.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                       data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                                       encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    server = (x509.CertificateBuilder()
              .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, u'127.0.0.1')])).issuer_name(ca_name)
              .public_key(server_key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=1))
              .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(u'127.0.0.1'))]),
                             critical=False)
              .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
              .sign(ca_key, hashes.SHA256()))
    paths = [directory / name for name in ('ca.pem', 'server.pem', 'server.key')]
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(server_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()))
    return paths


@pytest.fixture
def https_server(tmp_path):
    """An HTTPS server on 127.0.0.1 whose certificate a CA of its own signed: ``(url, ca.pem)``."""
    import http.server  # pylint: disable=import-outside-toplevel
    import ssl  # pylint: disable=import-outside-toplevel
    import threading  # pylint: disable=import-outside-toplevel

    ca, cert, key = _certificates(tmp_path)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # pylint: disable=invalid-name
            body = b'{"installed_version": "3.19.0"}'
            self.send_response(200)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # pylint: disable=arguments-differ
            pass

    server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield 'https://127.0.0.1:%d' % server.server_address[1], ca
    finally:
        server.shutdown()
        server.server_close()


def _no_env_trust(monkeypatch):
    for name in ('SSL_CERT_FILE', 'SSL_CERT_DIR', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'):
        monkeypatch.delenv(name, raising=False)


def test_a_ca_the_system_trusts_through_ssl_cert_file_is_trusted_without_ca_path(https_server, monkeypatch):
    url, ca = https_server
    _no_env_trust(monkeypatch)
    monkeypatch.setenv('SSL_CERT_FILE', str(ca))
    client = Client(url, token=TOKEN, retry_policy=RetryPolicy(max_retries=0))
    assert client.get('meta') == {'installed_version': '3.19.0'}


def test_requests_ca_bundle_alone_is_not_what_trusts(https_server, monkeypatch):
    url, ca = https_server
    _no_env_trust(monkeypatch)
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', str(ca))
    client = Client(url, token=TOKEN, retry_policy=RetryPolicy(max_retries=0))
    with pytest.raises(ApiError, match='could not be verified'):
        client.get('meta')


def test_a_certificate_nothing_trusts_is_refused(https_server, monkeypatch):
    url, dummy_ca = https_server
    _no_env_trust(monkeypatch)
    client = Client(url, token=TOKEN, retry_policy=RetryPolicy(max_retries=0))
    with pytest.raises(ApiError) as info:
        client.get('meta')
    assert 'the TLS certificate of 127.0.0.1' in str(info.value) and 'Set ca_path' in str(info.value)


def test_ca_path_trusts_its_ca(https_server, monkeypatch):
    url, ca = https_server
    _no_env_trust(monkeypatch)
    client = Client(url, token=TOKEN, ca_path=str(ca), retry_policy=RetryPolicy(max_retries=0))
    assert client.get('meta') == {'installed_version': '3.19.0'}


def test_validate_certs_false_trusts_anything(https_server, monkeypatch):
    url, dummy_ca = https_server
    _no_env_trust(monkeypatch)
    client = Client(url, token=TOKEN, validate_certs=False, retry_policy=RetryPolicy(max_retries=0))
    assert client.get('meta') == {'installed_version': '3.19.0'}


def test_an_error_answer_to_meta_still_tells_the_product():
    client, session, dummy_clock = make_client(ghes_answer({'message': 'Not Found'}, 404), response(204),
                                               products=('ghes',))
    client.put('users/x/suspended', json={}, repeat=IDEMPOTENT)
    assert [c['method'] for c in session.calls] == ['GET', 'PUT'] and client.product == 'ghes'


def test_cloud_api_roots_declared_in_the_environment_are_used_as_they_are(monkeypatch):
    monkeypatch.setenv('GHE_CLOUD_API_URLS', 'http://127.0.0.1:8081, https://github-api.corp.example.com')
    assert normalize_api_url('http://127.0.0.1:8081') == 'http://127.0.0.1:8081'
    assert normalize_api_url('https://github-api.corp.example.com/') == 'https://github-api.corp.example.com'
    assert normalize_api_url('http://127.0.0.1:8082') == 'http://127.0.0.1:8082/api/v3'
    assert make_client(api_url='http://127.0.0.1:8081')[0].product == 'ghec'
