#!/usr/bin/env python3
"""bench/mmio.py: what one guest access costs by where it goes: RAM, a
`fast` device register (its handler runs in the vCPU's thread under the
device's lock), or a register served by the device's server thread through
a microkernel IPC call. Runs the mmio-*.elf loops of `ninja -C BUILD bench`
(200000 accesses each) under the interpreter and prints ns per access
above the RAM baseline (the best RAM run): the best and the median of
--repeat runs. IPC costs depend on whether the two threads meet while
spinning or one has to wake the other, so they vary from run to run on a
busy host.

usage: bench/mmio.py [--build DIR] [--repeat N]
"""
import argparse
import os
import subprocess
import sys
import time

N = 200000


def times(morph, elf, repeat):
    """Sorted wall times of `repeat` runs (seconds)."""
    t = []
    for _ in range(repeat):
        s = time.perf_counter()
        p = subprocess.run([morph, 'run', '--engine', 'interp', elf], stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        t.append(time.perf_counter() - s)
        if p.returncode != 0:
            sys.exit('mmio.py: %s failed: %s' % (elf, p.stderr.decode(errors='replace')))
    return sorted(t)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default=os.path.join(os.path.dirname(__file__), '..', 'build'))
    ap.add_argument('--repeat', type=int, default=5)
    a = ap.parse_args()
    morph = os.path.join(a.build, 'morph')
    elf = lambda v: os.path.join(a.build, 'bench', 'mmio-%s.elf' % v)
    if not os.path.exists(elf('ram-load')):
        sys.exit('mmio.py: run `ninja -C %s bench` first' % a.build)
    backend = '?'
    opts = os.path.join(a.build, 'meson-info', 'intro-buildoptions.json')
    if os.path.exists(opts):
        import json
        backend = next((o['value'] for o in json.load(open(opts)) if o['name'] == 'mk_backend'),
                       '?')
    print('MMIO access cost, %d accesses, interpreter, mk_backend=%s' % (N, backend))
    print('%-10s %10s %16s %16s' % ('access', 'best run s', 'best ns/access',
                                      'median ns/access'))
    base = {}
    for kind in ('load', 'store'):
        base[kind] = times(morph, elf('ram-' + kind), a.repeat)[0]
        print('%-10s %10.4f %16s' % ('ram-' + kind, base[kind], '(baseline)'))
    for v in ('fast-load', 'ipc-load', 'ipc-store'):
        t = times(morph, elf(v), a.repeat)
        b = base[v.split('-')[1]]
        print('%-10s %10.4f %16.1f %16.1f' % (v, t[0], (t[0] - b) / N * 1e9,
                                            (t[len(t) // 2] - b) / N * 1e9))


main()
