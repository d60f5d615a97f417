#!/usr/bin/env python3
"""TAP: the morphgen command line (usage, exit statuses, atomic outputs).

usage: cli.py MORPHGEN TESTDIR OUTDIR
"""
import os
import shutil
import subprocess
import sys

N = 0


def check(ok, what, detail=''):
    global N
    N += 1
    print('%s %d - %s' % ('ok' if ok else 'not ok', N, what))
    if not ok:
        for l in detail.splitlines()[:30]:
            print('# ' + l)


def run(*args, cwd=None):
    """(status, stdout, stderr); status None when killed after 30 s."""
    try:
        r = subprocess.run([MORPHGEN] + list(args), cwd=cwd, capture_output=True, text=True,
                           errors='replace', timeout=30, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, '', 'timed out'
    return r.returncode, r.stdout, r.stderr


def expect(what, args, rc, one_line=False, contains=None, stream='stderr', cwd=None):
    got, out, err = run(*args, cwd=cwd)
    text = err if stream == 'stderr' else out
    ok = got == rc
    ok = ok and (not one_line or len(err.strip().splitlines()) == 1)
    ok = ok and (contains is None or contains in text)
    check(ok, what, 'exit %s (want %d)\nstdout: %s\nstderr: %s' % (got, rc, out, err))


def main():
    global MORPHGEN
    MORPHGEN = os.path.abspath(sys.argv[1])
    tdir, out = os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    good, bad = os.path.join(tdir, 'good'), os.path.join(tdir, 'bad')
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    toy = os.path.join(good, 'toyarm.isa')

    expect('--help exits 0 with usage', ['--help'], 0, contains='usage: morphgen', stream='stdout')
    expect('--version exits 0', ['--version'], 0, contains='morphgen ', stream='stdout')
    got, _, err = subprocess.run([MORPHGEN], capture_output=True, text=True).returncode, '', ''
    check(got == 2, 'no arguments exit 2')
    expect('unknown command: exit 2, one line', ['frobnicate'], 2, one_line=True)
    expect('unknown option: exit 2, one line', ['isa', toy, '-x', '-o', out], 2, one_line=True)
    expect('option without value: exit 2', ['isa', toy, '-o'], 2, one_line=True)
    expect('isa without -o: exit 2', ['isa', toy], 2, one_line=True)
    expect('-g twice: exit 2', ['isa', toy, '-g', 'ta1', '-g', 'ta2', '-o', out], 2, one_line=True)
    expect('hw with two files: exit 2', ['hw', 'a.hw', 'b.hw', '-o', out], 2, one_line=True)
    expect('missing input file: exit 2, one line', ['check', os.path.join(out, 'nope.isa')], 2,
           one_line=True, contains='cannot read')
    expect('a directory as input: exit 2', ['check', good + '/'], 2, one_line=True)
    expect('--version with an argument: exit 2', ['--version', 'extra'], 2, one_line=True)
    expect('--help with an argument: exit 2', ['--help', 'extra'], 2, one_line=True)

    # Inputs that are not regular files: refused at once, with the right words.
    fifo = os.path.join(out, 'fifo.isa')
    os.mkfifo(fifo)
    for cmd in ('isa', 'hw', 'board'):
        expect('a FIFO as %s input: exit 2, no wait' % cmd, [cmd, fifo, '-o', out], 2,
               one_line=True, contains='not a regular file')
    expect('/dev/zero as input: exit 2', ['isa', '/dev/zero', '-o', out], 2, one_line=True,
           contains='not a regular file')
    os.symlink('loop2.isa', os.path.join(out, 'loop1.isa'))
    os.symlink('loop1.isa', os.path.join(out, 'loop2.isa'))
    expect('a symlink loop: exit 2', ['check', os.path.join(out, 'loop1.isa')], 2,
           one_line=True, contains='Too many levels of symbolic links')

    # -g must be a C identifier: it prefixes C names and names the outputs.
    gd = os.path.join(out, 'g')
    for name in ('9bad', 'x;int y', '../x', 'a-b', ''):
        expect('-g %r: usage error' % name, ['isa', toy, '-g', name, '-o', gd], 2,
               one_line=True, contains='C identifier' if name else None)
    check(not os.path.exists(gd) and not os.path.exists(os.path.join(out, 'x_guest.h')),
          'a refused -g writes nothing')
    # -D values: decimal or 0x hex, nothing else.
    for d in (' variant=1', 'variant= 1', 'variant=+1', 'variant=-1', 'variant=1 ',
              'variant=99999999999999999999999', 'variant=1073741825', 'variant=0x',
              'variant=1k', '9v=1', 'variant'):
        expect('-D %r: usage error' % d, ['check', toy, '-D', d], 2, one_line=True)
    for d in ('variant=1', 'variant=0x2', 'variant=02'):
        expect('-D %r accepted' % d, ['check', toy, '-D', d], 0)

    blocker = os.path.join(out, 'file')
    open(blocker, 'w').close()
    expect('-o naming a file: exit 2', ['isa', toy, '-g', 'ta1', '-o', blocker], 2, one_line=True)

    # A description error leaves the output directory untouched.
    d1 = os.path.join(out, 'bad-run')
    os.makedirs(d1)
    expect('bad description: exit 1', ['isa', os.path.join(bad, 'overlap.isa'), '-o', d1], 1,
           contains='error:')
    check(os.listdir(d1) == [], 'a failed run writes no file', repr(os.listdir(d1)))

    # A good run creates the directory and exactly the four files.
    d2 = os.path.join(out, 'new', 'dir')
    os.makedirs(os.path.dirname(d2))
    expect('isa -g ta2 into a new directory: exit 0', ['isa', toy, '-g', 'ta2', '-o', d2], 0)
    want = sorted(['ta2_guest.h', 'ta2_decode.c', 'ta2_interp.c', 'ta2_disasm.c', 'ta2_emit.c'])
    got = sorted(os.listdir(d2)) if os.path.isdir(d2) else []
    check(got == want, 'isa writes the four guest files and no temporaries', repr(got))
    expect('regenerating over existing files: exit 0', ['isa', toy, '-g', 'ta2', '-o', d2], 0)
    got = sorted(os.listdir(d2))
    check(got == want, 'still exactly four files', repr(got))
    check(all(open(os.path.join(d2, f)).read().strip() for f in want), 'generated files are not empty')

    expect('guest name defaults to the family', ['isa', toy, '-D', 'variant=1', '-o', d2], 0)
    check(os.path.exists(os.path.join(d2, 'toyarm_guest.h')), '-D without -g writes toyarm_*')
    expect('-D conflicting with -g: exit 1', ['isa', toy, '-g', 'ta1', '-D', 'variant=2', '-o', d2], 1,
           contains='conflicts with guest')
    expect('check of .isa, .hw and .board together: exit 0',
           ['check', toy, os.path.join(good, 'uart8.hw'), os.path.join(good, 'toyboard.board'),
            '-I', good], 0)
    expect('hw writes both files', ['hw', os.path.join(good, 'uart8.hw'), '-o', d2], 0)
    check(os.path.exists(os.path.join(d2, 'dev_uart8_regs.h')) and
          os.path.exists(os.path.join(d2, 'dev_uart8_regs.c')), 'dev_uart8_regs.h and .c exist')
    expect('board writes its file', ['board', os.path.join(good, 'toyboard.board'), '-I', good,
                                     '-o', d2], 0)
    check(os.path.exists(os.path.join(d2, 'toyboard_hw.c')), 'toyboard_hw.c exists')

    # check without -D/-g checks every declared guest.
    two = os.path.join(out, 'two.isa')
    src = open(toy).read().replace('if (variant == 2) {', 'if (variant == 2) {\n    field oops = pc[3:0];')
    open(two, 'w').write(src)
    expect('check covers every guest (error only in ta2): exit 1', ['check', two], 1,
           contains='pc cannot be used in a field expression')
    expect('check -g ta1 of the same file: exit 0', ['check', two, '-g', 'ta1'], 0)
    print('1..%d' % N)
    return 0


if __name__ == '__main__':
    sys.exit(main())
