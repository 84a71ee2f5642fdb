# -*- coding: utf-8 -*-
"""Which product each module talks to, against the GHES and GHEC simulators: modules against the product they do
not support, the announcement on both, and encryption at rest (GitHub AE's API).

Moved from the products integration target. GitHub Enterprise Cloud is the GHEC simulator, reached either at its own
address (``product='ghec'``) or as http://api.github.com through an HTTP proxy (the simulator itself), so that
api_url names GHEC as the real one does."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

GHEC_API_URL = 'http://api.github.com'
BANNER_TEXT = 'SSO moves to the new identity provider on **Monday**'

# every GHES module, with the arguments of the playbook; the announcement is apart (it serves both products)
GHES_MODULES = [
    ('encryption_info', {}),
    ('encryption_key', dict(state='absent', confirm='api.github.com')),
    ('enterprise_info', {}),
    ('global_hook', dict(url='https://ci.example.com/hook')),
    ('global_hook_info', {}),
    ('impersonation_token', dict(user='mona', scopes=['repo'])),
    ('license_info', {}),
    ('organization', dict(name='octo', admin='mona')),
    ('personal_access_token', dict(ids=[1])),
    ('personal_access_token_info', {}),
    ('public_key', dict(ids=[1])),
    ('public_key_info', {}),
    ('stats_info', {}),
    ('user', dict(login='mona', email='mona@example.com')),
    ('user_suspension', dict(users=['mona'])),
]


@pytest.fixture
def ghec_proxy(sim_module, monkeypatch):
    """Every plain-HTTP request goes through the GHEC simulator, as a proxy."""
    for name in ('http_proxy', 'HTTP_PROXY'):
        monkeypatch.setenv(name, sim_module.ghec.url)
    for name in ('no_proxy', 'NO_PROXY'):
        monkeypatch.setenv(name, '')
    return sim_module


def refused_as_ghec(result):
    return (result.get('failed')
            and 'is GitHub Enterprise Cloud; this works only with GitHub Enterprise Server' in result['msg'])


# ----------------------------------------------------------------------------- GHES modules on GHEC

@pytest.mark.parametrize('name, args', GHES_MODULES, ids=[name for name, args in GHES_MODULES])
def test_a_ghes_module_whose_api_url_names_ghec_fails_before_any_request_saying_what_to_use(ghec_proxy, name, args):
    result = ghec_proxy(name, dict(args, api_url=GHEC_API_URL))

    assert refused_as_ghec(result), result
    assert 'set api_url to your GitHub Enterprise Server' in result['msg']
    assert 'site administrator' not in result['msg']
    assert ghec_proxy.requests('ghec') == [] and ghec_proxy.requests() == []


def test_the_announcement_on_ghec_without_enterprise_names_the_option_before_any_request(ghec_proxy):
    result = ghec_proxy('announcement', dict(api_url=GHEC_API_URL, text='hello'))

    assert result['failed'] and 'enterprise is required on GitHub Enterprise Cloud' in result['msg']
    assert ghec_proxy.requests('ghec') == []


def test_ghes_modules_whose_api_url_does_not_tell_the_product_learn_ghec_from_the_first_answer(ghec_proxy):
    unknown = dict(api_url='http://ghec.invalid')

    results = [ghec_proxy('global_hook', dict(unknown, url='https://ci.example.com/hook')),
               ghec_proxy('organization', dict(unknown, name='octo', admin='mona')),
               ghec_proxy('user_suspension', dict(unknown, users=['mona']))]

    requests = ghec_proxy.requests('ghec')
    assert len(requests) == 3 and not [r for r in requests if r['method'] != 'GET']
    assert all(refused_as_ghec(result) for result in results), results
    # the only contract violations are the GHES paths (under /api/v3) just sent to GHEC on purpose
    violations = ghec_proxy.ghec.violations
    assert violations and all(v['path'].startswith('/api/v3/') for v in violations), violations
    ghec_proxy.ghec.clear_violations()


# ----------------------------------------------------------------------------- GHEC modules on GHES

@pytest.mark.parametrize('name, args', [
    ('credential_revocation', dict(credentials=['ghp_1234567890abcdef1234567890abcdef12345678'])),
    ('credential_authorization_revocation', dict(enterprise='acme', user='mona')),
])
def test_a_ghec_module_reads_the_product_of_ghes_and_fails_before_any_write_saying_to_use_ghec(sim_module, name, args):
    result = sim_module(name, args)

    requests = sim_module.requests()
    assert [(r['method'], r['path']) for r in requests] == [('GET', '/meta')]
    assert result['failed']
    assert 'is GitHub Enterprise Server 3.19' in result['msg']
    assert 'works only with GitHub Enterprise Cloud' in result['msg']
    assert 'https://api.github.com' in result['msg']


def test_the_banner_of_an_enterprise_asked_of_ghes_is_refused_naming_the_option_without_a_write(sim_module):
    result = sim_module('announcement', dict(enterprise='acme', text='hello'))

    assert result['failed']
    assert "enterprise ('acme') is for GitHub Enterprise Cloud only" in result['msg']
    assert 'remove enterprise' in result['msg']
    assert len(sim_module.requests()) == 1


# ----------------------------------------------------------------------------- the announcement of an enterprise on GHEC

@pytest.fixture(params=['api_url names GHEC', 'GHE_CLOUD_API_URLS names the simulator'])
def on_ghec(request, sim_module, monkeypatch):
    """Runs the announcement of enterprise acme on GHEC: at http://api.github.com (through the proxy), or at the
    simulator's own address declared as GitHub Enterprise Cloud."""
    if request.param == 'api_url names GHEC':
        request.getfixturevalue('ghec_proxy')
    else:
        monkeypatch.setenv('GHE_CLOUD_API_URLS', sim_module.ghec.api_url)

    def run(args, **kwargs):
        args = dict(args, enterprise='acme')
        if request.param == 'api_url names GHEC':
            args['api_url'] = GHEC_API_URL
        result = sim_module('announcement', args, product='ghec', **kwargs)
        assert not result.get('failed'), result
        return result
    return run


def test_the_enterprise_banner_on_ghec_in_check_mode_reads_it_and_writes_nothing(sim_module, on_ghec):
    result = on_ghec(dict(text=BANNER_TEXT, expires_at='2031-01-31T19:00:00+01:00', user_dismissible=True),
                     check_mode=True, diff=True)

    requests = sim_module.requests('ghec')
    assert result['changed']
    assert [(r['method'], r['path']) for r in requests] == [('GET', '/enterprises/acme/announcement')]
    assert result['diff']['before'] == {}
    assert result['diff']['after']['text'] == BANNER_TEXT
    assert result['diff']['after']['expires_at'] == '2031-01-31T18:00:00Z'


def test_the_enterprise_banner_on_ghec_is_set_with_one_patch_then_left_alone(sim_module, on_ghec):
    first = on_ghec(dict(text=BANNER_TEXT, expires_at='2031-01-31T19:00:00+01:00', user_dismissible=True), diff=True)
    second = on_ghec(dict(text=BANNER_TEXT, expires_at='2031-01-31T18:00:00Z', user_dismissible=True))

    requests = sim_module.requests('ghec')
    writes = [r for r in requests if r['method'] != 'GET']
    assert first['changed'] and first['diff']['after']['text'] == BANNER_TEXT
    assert first['announcement']['expires_at'] == '2031-01-31T18:00:00Z' and first['announcement']['user_dismissible']
    assert not second['changed']
    assert [(w['method'], w['path']) for w in writes] == [('PATCH', '/enterprises/acme/announcement')]
    assert len(requests) == 3


def test_the_enterprise_banner_on_ghec_is_removed_with_one_delete_then_left_alone(sim_module, on_ghec):
    sim_module.ghec.reset({'announcement': {'announcement': BANNER_TEXT, 'expires_at': '2031-01-31T18:00:00Z',
                                            'user_dismissible': True}})

    removed = on_ghec(dict(state='absent'), diff=True)
    again = on_ghec(dict(state='absent'))

    requests = sim_module.requests('ghec')
    writes = [r for r in requests if r['method'] != 'GET']
    assert removed['changed'] and removed['diff']['before']['text'] == BANNER_TEXT and removed['diff']['after'] == {}
    assert not again['changed']
    assert [(w['method'], w['path']) for w in writes] == [('DELETE', '/enterprises/acme/announcement')]
    assert len(requests) == 3


# ----------------------------------------------------------------------------- encryption at rest is GitHub AE's API

def test_a_ghes_without_encryption_at_rest_is_told_it_is_github_aes_api_not_a_lack_of_rights(sim_module):
    serialization = pytest.importorskip('cryptography.hazmat.primitives.serialization')
    rsa = pytest.importorskip('cryptography.hazmat.primitives.asymmetric.rsa')
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode()
    # a GHES that does not serve encryption at rest (404), as GHES 3.19 does not
    sim_module.ghes.add_fault(method='GET', path='^/enterprise/encryption$', status=404, times=2)

    info = sim_module('encryption_info', {})
    rotated = sim_module('encryption_key', dict(key=key))

    assert info['failed'] and rotated['failed']
    for result in (info, rotated):
        assert 'Encryption at rest is an API of GitHub AE' in result['msg']
        assert 'site administrator' not in result['msg']
    assert 'version 3.19' in info['msg']
    assert key not in str(rotated)
    assert sim_module.writes() == []
