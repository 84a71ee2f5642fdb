# -*- coding: utf-8 -*-
"""Scripted HTTP for client tests: real ``requests.Response`` objects, a fake clock."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import requests
from requests.structures import CaseInsensitiveDict


def response(status=200, body=None, headers=None):
    resp = requests.Response()
    resp.status_code = status
    resp.headers = CaseInsensitiveDict(headers or {})
    if body is None:
        resp._content = b''
    elif isinstance(body, (bytes, str)):
        resp._content = body.encode() if isinstance(body, str) else body
    else:
        resp._content = json.dumps(body).encode()
        resp.headers.setdefault('Content-Type', 'application/json')
    return resp


class FakeSession:
    """Answers each request with the next scripted item: a Response, or an exception to raise."""

    def __init__(self, *script):
        self.script = list(script)
        self.calls = []

    def request(self, method, url, **kwargs):
        self.calls.append(dict(method=method, url=url, **kwargs))
        if not self.script:
            raise AssertionError('unexpected request %s %s' % (method, url))
        item = self.script.pop(0)
        if isinstance(item, BaseException):
            raise item
        return item

    def close(self):
        pass


class FakeClock:
    def __init__(self, start=1700000000.0):
        self.now = start
        self.sleeps = []

    def time(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds
