#!/usr/bin/env python3
"""TAP: run one semihosting guest under Morph (and QEMU when given) and
compare exit status and output.

usage: run_semihost.py --morph MORPH --elf ELF --name NAME --status N
         [--expect-stdout FILE] [--expect-stderr TEXT | --stderr-re RE]
         [--morph-arg ARG ...] [--qemu QEMU --qemu-args 'ARGS']

Under QEMU the semihosting console (every :tt handle, SYS_WRITEC, SYS_WRITE0)
is routed to stdout; Morph writes the stderr handle to stderr, so QEMU's
stdout is compared with Morph's stdout followed by its stderr.  QEMU's exit
status counts only when QEMU demonstrably ran the guest (it printed the
guest's output and no error of its own: QEMU failing to start exits 1, as a
guest may); a missing or failing QEMU is one failure naming it.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))
from morph_tools import find_exe, missing, qemu_error  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument('--morph', required=True)
ap.add_argument('--elf', required=True)
ap.add_argument('--name', required=True)
ap.add_argument('--status', type=int, required=True)
ap.add_argument('--expect-stdout')
ap.add_argument('--expect-stderr')
ap.add_argument('--stderr-re')
ap.add_argument('--morph-arg', action='append', default=[])
ap.add_argument('--qemu')
ap.add_argument('--qemu-args', default='')
ap.add_argument('--engines', default=os.environ.get('MORPH_ENGINES', 'interp,jit,auto'),
                help='engines to run the guest under (each held to the same checks)')
a = ap.parse_args()

QEMU_SEMI = ['-display', 'none', '-nic', 'none', '-vga', 'none',
             '-chardev', 'stdio,id=c0,mux=on', '-serial', 'chardev:c0',
             '-monitor', 'none', '-semihosting-config',
             'enable=on,target=native,chardev=c0']

n = 0


tag = ''


def ok(cond, what, detail=''):
    global n
    n += 1
    print(('ok' if cond else 'not ok') + ' %d - %s%s: %s' % (n, a.name, tag, what), flush=True)
    if not cond and detail:
        for line in detail.splitlines()[:20]:
            print('# ' + line, flush=True)


def run(cmd):
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
        return p.returncode, p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')
    except subprocess.TimeoutExpired:
        return None, '', 'timeout'


for engine in a.engines.split(','):
    tag = ' [%s]' % engine
    st, out, err = run([a.morph, 'run', '--engine', engine] + a.morph_arg + [a.elf])
    ok(st == a.status, 'morph exit status %d' % a.status, 'got %r, stderr %r' % (st, err))
    ok('still running' not in out and 'FAILED' not in out, 'every guest check passes', out)
    if a.stderr_re is not None:
        ok(re.search(a.stderr_re, err) is not None, 'stderr matches %r' % a.stderr_re, err)
    elif a.expect_stderr is not None:
        ok(err == a.expect_stderr.replace('\\n', '\n'), 'stderr is %r' % a.expect_stderr, err)
    else:
        ok(err == '', 'nothing on stderr', err)
    if a.expect_stdout:
        with open(a.expect_stdout) as f:
            want = f.read()
        ok(out == want, 'stdout equals ' + os.path.basename(a.expect_stdout), out)
tag = ''
if a.qemu and not find_exe(a.qemu):
    ok(False, 'QEMU oracle: ' + missing(a.qemu))
elif a.qemu:
    qst, qout, qerr = run([a.qemu] + shlex.split(a.qemu_args) + QEMU_SEMI + ['-kernel', a.elf])
    why = qemu_error(qst, qerr) if qst is not None else None
    if why:
        ok(False, 'QEMU oracle failed: ' + why)
    else:
        ran = qout.strip() != ''
        ok(qst == st and ran, 'same exit status as QEMU (%r)%s'
           % (qst, '' if ran else ', but QEMU printed nothing: the guest did not run'), qerr)
        ok(qout == out + err, 'same output as QEMU', 'qemu:\n' + qout + '\nmorph:\n' + out + err)
print('1..%d' % n, flush=True)
sys.exit(0)
