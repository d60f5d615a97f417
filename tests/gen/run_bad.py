#!/usr/bin/env python3
"""TAP: every tests/gen/bad/* description must fail with its expected message.

Each file opens with comments:
    // Diagnoses <what>.
    // expect: <exact first diagnostic line>
    // args: <extra morphgen check arguments>      (optional)
morphgen check runs in the bad/ directory, so locations read `name:line:col`.
The run must exit 1, print the expected line first, and show no sanitizer
report.

usage: run_bad.py MORPHGEN BADDIR
"""
import os
import re
import shlex
import subprocess
import sys

SANITIZER = re.compile(r'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:')


def header(path):
    """The expect and args comments of a test file."""
    expect, args = None, []
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            if not line.startswith('//'):
                break
            m = re.match(r'//\s*expect:\s?(.*)$', line.rstrip('\n'))
            if m:
                expect = m.group(1)
            m = re.match(r'//\s*args:\s?(.*)$', line.rstrip('\n'))
            if m:
                args = shlex.split(m.group(1))
    return expect, args


def main():
    morphgen, bad = os.path.abspath(sys.argv[1]), sys.argv[2]
    names = sorted(n for n in os.listdir(bad) if n.endswith(('.isa', '.hw', '.board')))
    print('1..%d' % len(names))
    failed = 0
    for i, name in enumerate(names, 1):
        expect, args = header(os.path.join(bad, name))
        problem = None
        if expect is None:
            problem = 'no "// expect:" line'
        else:
            r = subprocess.run([morphgen, 'check'] + args + [name], cwd=bad,
                               capture_output=True, text=True, errors='replace', timeout=60)
            first = r.stderr.splitlines()[0] if r.stderr else ''
            if r.returncode != 1:
                problem = 'exit status %d, expected 1' % r.returncode
            elif first != expect:
                problem = 'got:      %s\n# expected: %s' % (first, expect)
            elif SANITIZER.search(r.stderr):
                problem = 'sanitizer report:\n' + r.stderr
        if problem:
            failed += 1
            print('not ok %d - %s' % (i, name))
            for line in problem.splitlines():
                print('# ' + line)
        else:
            print('ok %d - %s: %s' % (i, name, expect.split(' error: ', 1)[-1]))
    return 0


if __name__ == '__main__':
    sys.exit(main())
