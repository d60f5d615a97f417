#!/usr/bin/env python3
"""bench/compare.py: guest speed of two morph builds on the benchmark
kernels, run alternately (A, B, A, B, ...) so that a busy host's drift
falls on both alike. Prints each program's best time under A and B, the
ratio B/A and its geometric mean per guest and overall: how much a change
costs or gains (copy a build's `morph` and `libmorph-jit.so` aside first;
the JIT module is loaded from next to `morph`).

usage: bench/compare.py A/morph B/morph [--engine auto|interp|jit]
                        [--repeat N] [--long] [--guest G] [--build DIR]
"""
import argparse
import math
import os
import subprocess
import sys
import time

from run import NAMES, QEMU, STARTUP, guest_elf

KERNELS = [n for n in NAMES if n != STARTUP]
GUESTS = list(QEMU)


def run(morph, engine, elf):
    """Wall time of one run; exits on a failing run."""
    t = time.perf_counter()
    p = subprocess.run([morph, 'run', '--engine', engine, elf], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit('compare.py: %s %s: status %d: %s' % (morph, elf, p.returncode,
                                                       p.stderr.decode(errors='replace')))
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('a')
    ap.add_argument('b')
    ap.add_argument('--engine', default='auto', choices=['auto', 'interp', 'jit'])
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--long', action='store_true')
    ap.add_argument('--guest', choices=GUESTS + ['all'], default='all')
    ap.add_argument('--build', default=os.path.join(os.path.dirname(__file__), '..', 'build'))
    o = ap.parse_args()
    guests = GUESTS if o.guest == 'all' else [o.guest]
    print('%-16s %9s %9s %7s   (--engine %s, best of %d)' % ('benchmark', 'A s', 'B s',
                                                              'B/A', o.engine, o.repeat))
    every = []
    for g in guests:
        logs = []
        for n in KERNELS:
            elf = guest_elf(o, n, g)
            if not os.path.exists(elf):
                sys.exit('compare.py: %s missing: run `ninja -C %s bench`' % (elf, o.build))
            ta, tb = [], []
            for _ in range(o.repeat):
                ta.append(run(o.a, o.engine, elf))
                tb.append(run(o.b, o.engine, elf))
            a, b = min(ta), min(tb)
            logs.append(math.log(b / a))
            print('%-16s %9.3f %9.3f %7.3f' % (n + '-' + g, a, b, b / a), flush=True)
        print('%-16s %27.3f' % ('geomean ' + g, math.exp(sum(logs) / len(logs))))
        every += logs
    print('%-16s %27.3f' % ('geomean all', math.exp(sum(every) / len(every))))


main()
