# -*- coding: utf-8 -*-
"""The one harness for the action plugins: runs an action with scripted module results and records which
modules it executed, with which arguments (the wait is ``ghe.admin.job_info``, executed like the module)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import importlib
from unittest.mock import MagicMock

import pytest
from ansible.parsing.dataloader import DataLoader


class ActionRun:
    """``results`` maps a module name to its result, or to a list of results served in order."""

    def __init__(self):
        self.results = {}
        self.calls = []

    def _execute_module(self, module_name=None, module_args=None, task_vars=None, **kwargs):
        self.calls.append((module_name, copy.deepcopy(module_args)))
        result = self.results.get(module_name)
        if result is None:
            raise AssertionError('the action executed %s, which the test did not expect' % module_name)
        if isinstance(result, list):
            result = result.pop(0)
        return copy.deepcopy(result)

    def __call__(self, name, args, check_mode=False, find=None, loader=None):
        plugin = importlib.import_module('ansible_collections.ghe.admin.plugins.action.%s' % name)
        task = MagicMock()
        task.args = dict(args)
        task.async_val = 0
        task.check_mode = check_mode
        action = plugin.ActionModule(task, MagicMock(), MagicMock(), loader or DataLoader(), MagicMock(), MagicMock())
        action._execute_module = self._execute_module
        if find:
            action._find_needle = find
        return action.run(task_vars={})

    @property
    def modules(self):
        return [name for name, dummy in self.calls]


@pytest.fixture
def run_action():
    """``run_action(name, args)`` -> the task result; ``run_action.results`` scripts the modules' results."""
    return ActionRun()
