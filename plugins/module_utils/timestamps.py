# -*- coding: utf-8 -*-
# Copyright: ghe.admin contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ISO 8601 instants, compared as instants rather than as strings."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from datetime import datetime, timedelta, timezone

_ISO = re.compile(
    r'^(?P<date>\d{4}-\d{2}-\d{2})'
    r'(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.(?P<fraction>\d{1,9}))?)?'
    r'(?P<zone>Z|z|[+-]\d{2}:?\d{2})?)?$')


def parse_instant(text):
    """Return an aware UTC datetime for an ISO 8601 ``text``; ``None`` for empty or ``None``.

    A date alone means midnight UTC; a time without an offset is taken as UTC. Raises ``ValueError``
    saying what is wrong for anything that is not a real instant.
    """
    if text is None or str(text).strip() == '':
        return None
    text = str(text).strip()
    match = _ISO.match(text)
    if not match:
        raise ValueError('%r is not an ISO 8601 timestamp such as 2030-01-31T18:00:00Z' % text)
    try:
        year, month, day = (int(p) for p in match.group('date').split('-'))
        fraction = (match.group('fraction') or '0')[:6].ljust(6, '0')
        value = datetime(year, month, day, int(match.group('hour') or 0), int(match.group('minute') or 0),
                         int(match.group('second') or 0), int(fraction), tzinfo=timezone.utc)
    except ValueError as exc:
        raise ValueError('%r is not a real date and time: %s' % (text, exc))
    zone = match.group('zone')
    if zone and zone.upper() != 'Z':
        digits = zone[1:].replace(':', '')
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 23 or minutes > 59:
            raise ValueError('%r has an impossible UTC offset %s' % (text, zone))
        offset = timedelta(hours=hours, minutes=minutes)
        value = value - offset if zone[0] == '+' else value + offset
    return value


def format_instant(value):
    """``YYYY-MM-DDTHH:MM:SSZ`` for an aware datetime (the API's documented form); ``None`` stays ``None``."""
    if value is None:
        return None
    return value.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def utcnow():
    return datetime.now(timezone.utc)
