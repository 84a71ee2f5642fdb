# -*- coding: utf-8 -*-
"""ghe.admin.management_ssh_key against the simulated Manage API: removing a key twice (the case moved from the
integration target)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

ADMIN_KEY = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh1YmJ5b2N0b2NhdGxhcHRvcGtleTAwMDAwMDAwMDE= '
             'platform@example.com')


def run(sim_module, **args):
    args.update(manage_url=sim_module.manage_url, manage_password=sim_module.manage_password)
    return sim_module('management_ssh_key', args, connection=False)


def test_removing_a_key_that_is_gone_is_no_change_and_no_write(sim_module):
    added = run(sim_module, key=ADMIN_KEY)
    removed = run(sim_module, key=ADMIN_KEY, state='absent')
    sim_module.requests()

    removed_again = run(sim_module, key=ADMIN_KEY, state='absent')

    assert added['changed'] and removed['changed'] and removed['ssh_keys'] == []
    assert not removed_again['changed'] and not removed_again.get('failed')
    assert removed_again['ssh_keys'] == []
    assert sim_module.writes() == []
