"""Provide ansible-test's pip bootstrap script offline.

ansible-test downloads ``get-pip-<version>.py`` from a host that may be unreachable and caches it at
``~/.ansible/test/cache/get_pip_<version>.py``. This writes a stand-in for every pip version the
installed ansible-test asks for: ensurepip, then ``pip install --upgrade`` with ansible-test's
arguments, using this machine's pip configuration.
"""

import os
import pathlib
import re
import sys

import ansible_test

STAND_IN = '''\
"""Stand-in for get-pip.py written by ghe.admin's tools/ansible_test_pip_bootstrap.py."""
import os
import subprocess
import sys

DROPPED = ('--no-setuptools', '--no-wheel')
env = dict(os.environ)
env.pop('PIP_CONFIG_FILE', None)  # ensurepip points it at /dev/null, hiding the machine's pip config
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade'], env=env)
subprocess.check_call([sys.executable, '-m', 'pip', 'install', '--upgrade'] + [a for a in sys.argv[1:] if a not in DROPPED], env=env)
'''


def pip_versions():
    source = pathlib.Path(ansible_test.__file__).parent / '_internal' / 'python_requirements.py'
    return sorted(set(re.findall(r"pip='([0-9.]+)'", source.read_text(encoding='utf-8'))))


def main():
    cache = pathlib.Path(os.path.expanduser('~/.ansible/test/cache'))
    cache.mkdir(parents=True, exist_ok=True)
    versions = pip_versions()
    if not versions:
        sys.exit('could not find the pip version ansible-test bootstraps')
    for version in versions:
        path = cache / ('get_pip_%s.py' % version.replace('.', '_'))
        path.write_text(STAND_IN, encoding='utf-8')
        print('wrote %s' % path)


if __name__ == '__main__':
    main()
