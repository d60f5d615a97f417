#!/usr/bin/env python3
"""TAP tests of the `morph` command line: usage errors, bad guest files,
exit statuses of guests (finisher, HTIF), --max-insns, runtime errors, the
console, --stats, --trace and the disassembler's layout.

usage: test_cli.py MORPH GUEST_DIR [LLVM_OBJDUMP]
GUEST_DIR holds the guests tests/cli/meson.build builds (skipped if absent).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))
from tap import done, ok, skip  # noqa: E402

MORPH, GDIR = sys.argv[1], sys.argv[2]
OBJDUMP = sys.argv[3] if len(sys.argv) > 3 else ''


def morph(*args, timeout=60):
    """Run morph; (status, stdout, stderr). A signal is a negative status,
    a run killed after `timeout` seconds status None."""
    try:
        p = subprocess.run([MORPH] + list(args), stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, '', 'timed out after %d s' % timeout
    return p.returncode, p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')


def morph_maxrss(*args):
    """Run morph; (status, stderr, peak resident memory in MiB)."""
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen([MORPH] + list(args), stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return p.returncode, err.read().decode(errors='replace'), ru.ru_maxrss / 1024


def one_line(err):
    """stderr is exactly one line starting with 'morph'."""
    return err.count('\n') == 1 and err.startswith('morph')


def expect(args, status, what, stderr_re=None, stdout_re=None, single=True):
    st, out, err = morph(*args)
    good = st == status
    if single:
        good = good and one_line(err)
    if stderr_re:
        good = good and re.search(stderr_re, err) is not None
    if stdout_re:
        good = good and re.search(stdout_re, out) is not None
    ok(good, '%s: exit %d (got %s; stderr %r)' % (what, status, st, err[:200]))
    return out, err


def guest(name):
    p = os.path.join(GDIR, name + '.elf')
    return p if os.path.exists(p) else None


# ---- usage ----------------------------------------------------------------
expect([], 2, 'no arguments')
expect(['frobnicate'], 2, 'unknown command', r"unknown command")
expect(['run'], 2, 'run without a file', r'no guest file')
expect(['run', '--bogus', 'x.elf'], 2, 'unknown option', r"unknown option '--bogus'")
expect(['run', '--max-insns'], 2, 'option missing its argument', r'needs an argument')
expect(['run', '--max-insns', 'abc', 'x.elf'], 2, 'bad --max-insns count', r'positive count')
# One strict parser for numbers: decimal digits or 0x and hex digits, 1..2^64-1.
for v in (' -1', '-1', '+5', ' 5', '5 ', '0', '0x', '5k', '1e3', '99999999999999999999999',
          '18446744073709551616', '0x10000000000000000', ''):
    expect(['run', '--max-insns', v, 'x.elf'], 2, '--max-insns %r refused' % v, r'positive count')
expect(['run', '--board', 'nosuch', 'x.elf'], 2, 'unknown board', r"unknown board 'nosuch'")
expect(['run', '--guest', 'nosuch', 'x.elf'], 2, 'unknown guest', r"unknown guest 'nosuch'")
expect(['run', 'a.elf', 'b.elf'], 2, 'two files', r'unexpected argument')
expect(['disasm'], 2, 'disasm without a file')
st, out, err = morph('--help')
ok(st == 0 and 'morph run' in out and 'Exit status' in out and err == '', '--help')
st, out, err = morph('run', '--help')
ok(st == 0 and '--max-insns' in out and '--stats' in out, 'run --help')
st, out, err = morph('disasm', '--help')
ok(st == 0 and 'disasm' in out, 'disasm --help')
st, out, err = morph('--version')
ok(st == 0 and re.match(r'morph \d+\.\d+', out) is not None, '--version')
expect(['--version', 'extra'], 2, '--version with an argument', r"unexpected argument 'extra'")
expect(['--help', 'extra'], 2, '--help with an argument', r"unexpected argument 'extra'")

# ---- bad guest files --------------------------------------------------------
tmp = tempfile.mkdtemp(prefix='morph-cli-')


def tmpfile(name, data):
    p = os.path.join(tmp, name)
    with open(p, 'wb') as f:
        f.write(data)
    return p


expect(['run', os.path.join(tmp, 'missing.elf')], 3, 'missing file', r'no such file')
expect(['run', tmp], 3, 'a directory', r'directory')
expect(['run', tmpfile('empty.elf', b'')], 3, 'empty file', r'empty')
expect(['run', tmpfile('garbage.elf', os.urandom(4096))], 3, 'random garbage', r'not an ELF')
expect(['run', tmpfile('script.elf', b'#!/bin/sh\necho hi\n')], 3, 'a script', r'not an ELF')
# Not regular files: refused at once (a FIFO used to block forever), with
# the right words (a symlink loop used to say "input/output error").
fifo = os.path.join(tmp, 'fifo.elf')
os.mkfifo(fifo)
# (a run that hangs is killed after 60 s and fails)
expect(['run', fifo], 3, 'a FIFO', r'not a regular file')
expect(['disasm', fifo], 3, 'disasm of a FIFO', r'not a regular file')
expect(['run', '/dev/zero'], 3, 'a character device', r'not a regular file')
os.symlink('loop2.elf', os.path.join(tmp, 'loop1.elf'))
os.symlink('loop1.elf', os.path.join(tmp, 'loop2.elf'))
expect(['run', os.path.join(tmp, 'loop1.elf')], 3, 'a symlink loop',
       r'too many levels of symbolic links')
if os.path.exists('/proc/version'):  # st_size 0, yet it has contents
    expect(['run', '/proc/version'], 3, 'a /proc file', r'not an ELF file \(bad magic\)')
else:
    skip('no /proc/version')
# Large files: the header is checked first and the file is held once.
big = os.path.join(tmp, 'big.elf')
with open(big, 'wb') as f:
    f.truncate(1 << 30)
st, err, rss = morph_maxrss('run', big)
ok(st == 3 and one_line(err) and 'bad magic' in err and rss < 256,
   '1 GiB of garbage: bad magic without reading it (exit %s, %r, %.0f MiB)' % (st, err, rss))
with open(big, 'r+b') as f:
    f.write(b'\x7fELF\x02\x01\x01')
    f.truncate((1 << 30) + 1)
st, err, rss = morph_maxrss('run', big)
ok(st == 3 and one_line(err) and 'larger than 1 GiB' in err and rss < 256,
   'an ELF over 1 GiB: refused without reading it (exit %s, %r, %.0f MiB)' % (st, err, rss))
os.unlink(big)
expect(['run', tmpfile('ident.elf', b'\x7fELF\x02\x01\x01' + b'\0' * 9)], 3, 'ELF identification only',
       r'truncated')
if os.path.exists('/bin/true'):
    expect(['run', '/bin/true'], 3, 'x86-64 host executable', r'no guest for this ELF')
    expect(['disasm', '/bin/true'], 3, 'disasm of an x86-64 executable', r'no guest for this ELF')
else:
    skip('no /bin/true')

hello = guest('hello')
if hello:
    data = open(hello, 'rb').read()
    for cut in (16, 52, 64, 100, len(data) // 2, len(data) - 1):
        expect(['run', tmpfile('trunc%d.elf' % cut, data[:cut])], 3, 'hello.elf truncated to %d bytes' % cut)
    # A few corruptions of the header: never a crash (status 0..5 only).
    bad = 0
    for i, (off, val) in enumerate([(4, 9), (5, 9), (18, 0x3e), (32, 0xff), (40, 0xff), (54, 1),
                                    (56, 0xff), (58, 0), (60, 0xff), (62, 0xff)]):
        d = bytearray(data)
        d[off] = val
        st, out, err = morph('run', '--max-insns', '100000', tmpfile('corrupt%d.elf' % i, bytes(d)))
        if st < 0 or st > 5 and st != 255:
            bad += 1
    ok(bad == 0, 'corrupted headers never crash morph')
else:
    skip('guests not built (no clang-19)')

if hello:
    # Entry points a guest must never start from: all ones (the decode
    # cache's old empty marker; it crashed the host), past the 32-bit
    # address space of --guest rv32, and outside every segment.
    data = open(hello, 'rb').read()
    for entry, args, msg in [(2**64 - 1, [], r'not in any loadable segment'),
                             (2**64 - 1, ['--guest', 'rv32'], r'outside the 32-bit address space'),
                             (2**32, ['--guest', 'rv32'], r'outside the 32-bit address space'),
                             (0x1000, [], r'not in any loadable segment')]:
        d = bytearray(data)
        d[24:32] = entry.to_bytes(8, 'little')
        expect(['run'] + args + [tmpfile('entry.elf', bytes(d))], 3,
               'entry point 0x%x %s' % (entry, ' '.join(args)),
               r'^morph: .*entry point 0x%x is %s' % (entry, msg))

outside = guest('outside')
if outside:
    expect(['run', outside], 3, 'segment outside RAM', r'outside guest RAM')
else:
    skip('no outside.elf')

# ---- running guests -----------------------------------------------------------
if hello:
    out, err = expect(['run', hello], 0, 'hello (UART + finisher pass)', stdout_re=r'^hello from the guest\n$',
                      single=False)
    ok(err == '', 'hello prints nothing on stderr')
    h32 = guest('hello32')
    expect(['run', h32], 0, 'hello on rv32', stdout_re=r'^hello from the guest\n$', single=False)
    st, out, err = morph('run', '--stats', hello)
    ok(st == 0 and re.search(r'morph: stats: \d+ instructions, [0-9.]+ s, [0-9.]+ guest MIPS', err),
       '--stats (%r)' % err)
    st, out, err = morph('run', '--trace', '--max-insns', '5', hello)
    lines = err.splitlines()
    ok(st == 4 and len(lines) == 6 and lines[0].startswith('80000000: '), '--trace prints one line per insn')
    expect(['run', '--guest', 'rv64', '--board', 'virt_riscv', hello], 0, '--guest and --board', single=False)
    expect(['run', guest('exitcode')], 3, 'finisher fail code 3', single=False)
    expect(['run', guest('failzero')], 1, 'finisher fail with code 0 exits 1, not 0 as QEMU',
           r'^morph: guest reported failure through the finisher with code 0; exit status 1\n$')
    expect(['run', guest('htif_pass')], 0, 'HTIF pass', stdout_re=r'^htif\n$', single=False)
    expect(['run', guest('htif_fail')], 1, 'HTIF fail', r'^morph: FAIL: test 7 \(tohost = 0xf\)\n$')
    expect(['run', '--max-insns', '10000', guest('loop')], 4, 'endless loop with --max-insns',
           r'stopped after 10000 instructions \(--max-insns\)')
    for v, count in (('0x10', 16), ('010', 10), ('0X1f', 31)):
        expect(['run', '--max-insns', v, guest('loop')], 4, '--max-insns %s is %d' % (v, count),
               r'stopped after %d instructions' % count)
    expect(['run', guest('unmapped')], 5, 'jump to unmapped memory with mtvec unmapped', r'trap loop')
    expect(['run', guest('wfi_forever')], 5, 'wfi with nothing armed', r'never come')
    expect(['run', guest('wfi_timer')], 0, 'wfi woken by the CLINT timer', single=False)
    expect(['run', guest('irq')], 0, 'CLINT timer and software interrupts taken through mtvec',
           single=False)

    # The disassembler's layout: address and encoding columns as llvm-objdump-19.
    st, out, err = morph('disasm', hello)
    ours = [l for l in out.splitlines() if re.match(r'^ *[0-9a-f]+: ', l)]
    ok(st == 0 and len(ours) > 10, 'disasm prints instruction lines')
    if OBJDUMP:
        p = subprocess.run([OBJDUMP, '-d', '-M', 'no-aliases', '--mattr=+m,+a,+c', hello],
                           capture_output=True)
        ref = p.stdout.decode()
        ok(out == ref, 'disasm output is llvm-objdump -d -M no-aliases\'s, line for line')
        if out != ref:
            for a, b in zip(out.splitlines(), ref.splitlines()):
                if a != b:
                    print('# morph:   %r\n# objdump: %r' % (a, b))
                    break
    else:
        skip('no llvm-objdump-19')

shutil.rmtree(tmp, ignore_errors=True)
done()
