"""The external programs and files the test suite needs, the Debian package
that provides each (setup.sh installs them all), and the one-line reports
the runners print when one is missing or cannot start.

Runners import this module (tests/guest/run_guest.py, random_diff.py,
tests/semihost/run_semihost.py); tests/tools/check_tools.py checks the whole
list once.  A missing tool is a broken set-up: it fails, it never skips.
"""
import os
import re
import shutil

# program -> Debian package
PACKAGE = {
    'clang-19': 'clang-19',
    'ld.lld-19': 'lld-19',
    'llvm-objdump-19': 'llvm-19',
    'llvm-objcopy-19': 'llvm-19',
    'clang-format': 'clang-format',
    'riscv64-unknown-elf-gcc': 'gcc-riscv64-unknown-elf',
    'arm-none-eabi-gcc': 'gcc-arm-none-eabi',
    'mips-linux-gnu-gcc': 'gcc-mips-linux-gnu',
    'mipsel-linux-gnu-gcc': 'gcc-mipsel-linux-gnu',
    'qemu-system-riscv32': 'qemu-system-misc',
    'qemu-system-riscv64': 'qemu-system-misc',
    'qemu-system-arm': 'qemu-system-arm',
    'qemu-system-mips': 'qemu-system-mips',
    'qemu-system-mipsel': 'qemu-system-mips',
}


def package_of(prog):
    """The Debian package of a program given by name or path."""
    name = os.path.basename(prog)
    return PACKAGE.get(name, 'unknown: not in tests/tools/morph_tools.py')


def find_exe(path):
    """Absolute path of an executable given by path or by name, or None."""
    if os.sep in path:
        return path if os.path.isfile(path) and os.access(path, os.X_OK) else None
    return shutil.which(path)


def missing(prog):
    """The one line that reports a missing program."""
    return '%s is missing (package %s)' % (prog, package_of(prog))


QEMU_ERROR = re.compile(r'^(qemu-system-[\w-]+|qemu): (?!warning)(.*)$', re.M)


def qemu_error(status, err):
    """QEMU's own error line when it failed (did not start, or stopped on an
    error of its own rather than the guest's exit), else None."""
    if status == 0:
        return None
    m = QEMU_ERROR.search(err)
    return m.group(0).strip() if m else None
