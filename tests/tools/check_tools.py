#!/usr/bin/env python3
"""check_tools.py: TAP test that every external program and file the test
suite uses is installed and starts: the guest compilers and linker,
llvm-objdump/objcopy, clang-format, the GCCs that name each ISA's libgcc.a,
picolibc, and each QEMU on its board (started paused, then `quit`).

One line per missing tool, naming it and its Debian package; setup.sh
installs them all, so a failure here is a broken set-up.  Without clang-19
or a libgcc.a the guests that need it are not even built, and this is the
test that says so.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from morph_tools import find_exe, missing, package_of, qemu_error  # noqa: E402

PROGRAMS = ['clang-19', 'ld.lld-19', 'llvm-objdump-19', 'llvm-objcopy-19', 'clang-format']
# [ISA, GCC, flags]: the libgcc.a that tests/progs links (see its meson.build)
LIBGCC = [
    ['rv32', 'riscv64-unknown-elf-gcc', ['-march=rv32imac', '-mabi=ilp32']],
    ['rv64', 'riscv64-unknown-elf-gcc', ['-march=rv64imac', '-mabi=lp64']],
    ['arm', 'arm-none-eabi-gcc', []],
    ['mips', 'mips-linux-gnu-gcc', []],
    ['mipsel', 'mipsel-linux-gnu-gcc', []],
]
# [GCC, package]: picolibc's specs (tests/semihost)
PICOLIBC = [['riscv64-unknown-elf-gcc', 'picolibc-riscv64-unknown-elf'],
            ['arm-none-eabi-gcc', 'picolibc-arm-none-eabi']]
# [QEMU, board arguments] as the oracles run them
QEMUS = [
    ['qemu-system-riscv32', ['-M', 'virt', '-m', '128M', '-bios', 'none']],
    ['qemu-system-riscv64', ['-M', 'virt', '-m', '128M', '-bios', 'none']],
    ['qemu-system-arm', ['-M', 'virt', '-cpu', 'cortex-a15', '-m', '128M', '-semihosting']],
    ['qemu-system-mips', ['-M', 'malta', '-m', '128M', '-semihosting']],
    ['qemu-system-mipsel', ['-M', 'malta', '-m', '128M', '-semihosting']],
]

results = []


def check(ok, desc):
    results.append((ok, desc))


def gcc_file(gcc, flags, query):
    """What `gcc FLAGS QUERY` names, if it is an existing absolute path."""
    p = subprocess.run([gcc] + flags + [query], stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=30)
    path = p.stdout.strip()
    return path if p.returncode == 0 and path.startswith('/') and os.path.isfile(path) else None


def qemu_starts(qemu, board):
    """None when QEMU starts on its board (paused, then told to quit), else why not."""
    cmd = [qemu] + board + ['-display', 'none', '-nic', 'none', '-vga', 'none',
                            '-serial', 'none', '-S', '-monitor', 'stdio']
    try:
        p = subprocess.run(cmd, input='quit\n', capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        return 'did not quit within 30 s'
    if p.returncode == 0:
        return None
    return qemu_error(p.returncode, p.stderr) or 'exit status %d' % p.returncode


for prog in PROGRAMS:
    check(find_exe(prog) is not None, prog if find_exe(prog) else missing(prog))
for isa, gcc, flags in LIBGCC:
    if not find_exe(gcc):
        check(False, 'libgcc.a for %s: %s' % (isa, missing(gcc)))
        continue
    path = gcc_file(gcc, flags, '-print-libgcc-file-name')
    check(path is not None, 'libgcc.a for %s: %s' % (
        isa, path or 'missing (%s names none; package %s)' % (gcc, package_of(gcc))))
for gcc, pkg in PICOLIBC:
    path = find_exe(gcc) and gcc_file(gcc, [], '-print-file-name=picolibc.specs')
    check(bool(path), 'picolibc for %s: %s' % (
        gcc, path or 'picolibc.specs is missing (package %s)' % pkg))
for qemu, board in QEMUS:
    if not find_exe(qemu):
        check(False, missing(qemu))
        continue
    why = qemu_starts(qemu, board)
    check(why is None, '%s starts (%s)' % (qemu, ' '.join(board)) if why is None else
          '%s cannot start: %s (package %s)' % (qemu, why, package_of(qemu)))

print('1..%d' % len(results))
for i, (ok, desc) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, desc))
sys.exit(0)
