#!/usr/bin/env python3
"""TAP: `--max-insns N` stops every engine at exactly the same instruction.

usage: check_limits.py MORPH ELF [ELF...]

For each ELF and several limits N (some inside hot loops, i.e. inside
compiled regions), runs `morph run --max-insns N --stats` under interp, jit
and auto: each must exit 4 (stopped by --max-insns), report exactly N
instructions, and print exactly what the interpreter printed up to there
(console output is in the guest's order, so a region that ran past the
limit or stopped short shows in the output or the count)."""
import re
import subprocess
import sys

LIMITS = [1, 7, 1000, 12345, 100003, 400009]
ENGINES = ['interp', 'jit', 'auto']


def run(morph, elf, n, engine):
    p = subprocess.run([morph, 'run', '--engine', engine, '--max-insns', str(n), '--stats', elf],
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    err = p.stderr.decode(errors='replace')
    m = re.search(r'stats: ([0-9]+) instructions', err)
    return p.returncode, p.stdout, int(m.group(1)) if m else None, err


def main():
    morph, elfs = sys.argv[1], sys.argv[2:]
    n = 0
    for elf in elfs:
        name = elf.rsplit('/', 1)[-1]
        for lim in LIMITS:
            ref = run(morph, elf, lim, 'interp')
            for engine in ENGINES:
                st, out, count, err = ref if engine == 'interp' else run(morph, elf, lim, engine)
                n += 1
                ok = st == 4 and count == lim and out == ref[1]
                print('%s %d - %s --max-insns %d [%s]: exit %s, %s instructions%s' %
                      ('ok' if ok else 'not ok', n, name, lim, engine, st, count,
                       '' if out == ref[1] else ', output differs from the interpreter\'s'))
                if not ok:
                    for line in err.splitlines()[-5:]:
                        print('# ' + line)
    print('1..%d' % n)
    return 0


if __name__ == '__main__':
    sys.exit(main())
