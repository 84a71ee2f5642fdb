# -*- coding: utf-8 -*-
"""ghe.admin.user with suspended: true creates the account already suspended (the API's own field)."""
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import requests


def recording(monkeypatch):
    """The JSON bodies the module sends, recorded on top of the run_module fixture's fake session."""
    bodies = []
    answer = requests.Session.request  # the fixture's bound answering method

    def record(session, method, url, **kwargs):
        bodies.append(kwargs.get('json'))
        return answer(method, url, **kwargs)

    monkeypatch.setattr(requests.Session, 'request', record)
    return bodies


def test_a_user_is_created_suspended_in_one_request(run_module, monkeypatch):
    run_module.answers = [('GET', '/users/future-hire', 404, dict(message='Not Found')),
                          ('POST', '/admin/users', 201, dict(login='future-hire', id=9))]
    bodies = recording(monkeypatch)
    result = run_module('user', dict(login='future-hire', email='f@example.com', suspended=True))
    assert result['changed'] is True and not result.get('failed'), result
    assert bodies[-1] == dict(login='future-hire', email='f@example.com', suspended=True)


def test_without_suspended_the_field_is_not_sent(run_module, monkeypatch):
    run_module.answers = [('GET', '/users/new-hire', 404, dict(message='Not Found')),
                          ('POST', '/admin/users', 201, dict(login='new-hire', id=9))]
    bodies = recording(monkeypatch)
    run_module('user', dict(login='new-hire', email='n@example.com'))
    assert bodies[-1] == dict(login='new-hire', email='n@example.com')
