"""Print the release notes of one version from changelogs/changelog.yaml, in reStructuredText.

    python tools/release_notes.py VERSION > notes.rst

They are the section of CHANGELOG.rst for that version (antsibull-changelog writes both from the same data); a
version that was never released is an error, so `make release` cannot ship a tarball without its notes.
"""

import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent


def section(changelog, version):
    """The text of ``changelog`` (CHANGELOG.rst) from the heading of ``version`` to the next version's heading."""
    lines = changelog.splitlines()
    heading = re.compile(r'^v\d+\.\d+\.\d+\S*$')
    start = next((i for i, line in enumerate(lines) if line == 'v' + version), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if heading.match(lines[i])), len(lines))
    return '\n'.join(lines[start:end]).rstrip() + '\n'


def main(version):
    releases = yaml.safe_load((ROOT / 'changelogs' / 'changelog.yaml').read_text(encoding='utf-8'))['releases'] or {}
    if version not in releases:
        sys.exit('release_notes: version %s is not released in changelogs/changelog.yaml; run `make release-notes` '
                 'after setting it in galaxy.yml' % version)
    notes = section((ROOT / 'CHANGELOG.rst').read_text(encoding='utf-8'), version)
    if notes is None:
        sys.exit('release_notes: CHANGELOG.rst has no section v%s; run `make release-notes`' % version)
    sys.stdout.write(notes)


if __name__ == '__main__':
    main(sys.argv[1])
