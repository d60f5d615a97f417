#!/usr/bin/env python3
"""TAP: every tests/gen/good/* description checks, generates, and the
generated C compiles.

For each .hw: `morphgen hw`; each .isa: `morphgen check`, then `morphgen isa`
once per declared guest (or once without -g); each .board: `morphgen board -I
good/`. Every generated .c is compiled with `CC -fsyntax-only` against
runtime/ and the output directory.

usage: run_good.py MORPHGEN GOODDIR RUNTIMEDIR OUTDIR [CC...]
"""
import os
import re
import shlex
import shutil
import subprocess
import sys

SANITIZER = re.compile(r'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:')
CFLAGS = ['-std=c11', '-D_GNU_SOURCE', '-Wall', '-Wextra', '-Werror', '-Wno-unused-parameter',
          '-fsyntax-only']


class Tap:
    def __init__(self):
        self.n = 0
        self.lines = []

    def result(self, ok, what, detail=''):
        self.n += 1
        self.lines.append('%s %d - %s' % ('ok' if ok else 'not ok', self.n, what))
        if not ok:
            self.lines += ['# ' + l for l in detail.splitlines()[:40]]
        return ok

    def done(self):
        print('1..%d' % self.n)
        print('\n'.join(self.lines))


def run(cmd, cwd=None):
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors='replace', timeout=120)
    return r.returncode, r.stdout + r.stderr


def morphgen_ok(tap, what, cmd, cwd=None):
    rc, out = run(cmd, cwd)
    ok = rc == 0 and not SANITIZER.search(out)
    return tap.result(ok, what, '$ %s\nexit %d\n%s' % (' '.join(cmd), rc, out))


def compile_ok(tap, cc, runtime, outdir, files):
    for f in files:
        cmd = cc + CFLAGS + ['-I', runtime, '-I', outdir, os.path.join(outdir, f)]
        rc, out = run(cmd)
        tap.result(rc == 0, 'generated %s compiles' % f, '$ %s\n%s' % (' '.join(cmd), out))


def guests(path):
    with open(path, encoding='utf-8') as f:
        return re.findall(r'^guest\s+(\w+)', f.read(), re.M)


def main():
    morphgen, good, runtime, outdir = (os.path.abspath(a) for a in sys.argv[1:5])
    cc = sys.argv[5:] or ['cc']
    if len(cc) == 1:
        cc = shlex.split(cc[0])
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    tap = Tap()
    names = sorted(os.listdir(good))
    for name in (n for n in names if n.endswith('.hw')):
        dev = name[:-3]
        if morphgen_ok(tap, 'hw %s generates' % name, [morphgen, 'hw', name, '-o', outdir], good):
            compile_ok(tap, cc, runtime, outdir, ['dev_%s_regs.c' % dev])
    for name in (n for n in names if n.endswith('.isa')):
        morphgen_ok(tap, 'check %s (every guest)' % name, [morphgen, 'check', name], good)
        for g in guests(os.path.join(good, name)) or [None]:
            args = ['-g', g] if g else []
            if morphgen_ok(tap, 'isa %s %s generates' % (name, ' '.join(args)),
                           [morphgen, 'isa', name] + args + ['-o', outdir], good):
                prefix = g or name[:-4]
                compile_ok(tap, cc, runtime, outdir,
                           ['%s_%s.c' % (prefix, k) for k in ('decode', 'interp', 'disasm')])
    for name in (n for n in names if n.endswith('.board')):
        if morphgen_ok(tap, 'board %s generates' % name,
                       [morphgen, 'board', name, '-I', good, '-o', outdir], good):
            compile_ok(tap, cc, runtime, outdir, ['%s_hw.c' % name[:-6]])
    tap.done()
    return 0


if __name__ == '__main__':
    sys.exit(main())
