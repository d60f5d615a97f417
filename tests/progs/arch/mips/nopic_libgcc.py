#!/usr/bin/env python3
"""Make Debian's MIPS o32 libgcc.a (built for Linux: -mabicalls PIC code,
hard-float -mfpxx FP ABI) linkable into the bare-metal, non-PIC,
soft-float C guest programs with ld.lld:

  nopic_libgcc.py OBJCOPY IN.a OUT.a

1. `OBJCOPY --remove-section=.MIPS.abiflags --remove-section=.gnu.attributes`
   drops the FP ABI records (lld refuses to mix -mfpxx with -msoft-float;
   the helpers the programs use, __udivdi3 and friends, are integer-only);
2. every member's ELF header loses EF_MIPS_PIC and EF_MIPS_CPIC, so lld
   calls the helpers directly instead of through an LA25 thunk (lld 19
   encodes the thunk's `j` wrongly for targets at 0x10000000 and above,
   such as kseg0; the helpers are leaf functions that never use $gp).
"""

import struct
import subprocess
import sys

EF_MIPS_PIC = 0x2
EF_MIPS_CPIC = 0x4


def patch_elf(data, off, size):
    """Clears the PIC flags of the ELF32 MIPS object at data[off:off+size]."""
    if size < 52 or data[off:off + 4] != b"\x7fELF" or data[off + 4] != 1:
        return
    endian = ">" if data[off + 5] == 2 else "<"
    (machine,) = struct.unpack_from(endian + "H", data, off + 18)
    if machine != 8:  # EM_MIPS
        return
    (flags,) = struct.unpack_from(endian + "I", data, off + 36)
    struct.pack_into(endian + "I", data, off + 36, flags & ~(EF_MIPS_PIC | EF_MIPS_CPIC))


def patch_archive(data):
    """Patches every member of a System V / GNU `ar` archive in place."""
    if data[:8] != b"!<arch>\n":
        raise ValueError("not an ar archive")
    pos = 8
    while pos + 60 <= len(data):
        size = int(data[pos + 48:pos + 58].decode("ascii").strip())
        patch_elf(data, pos + 60, size)
        pos += 60 + size + (size & 1)


def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: nopic_libgcc.py OBJCOPY IN.a OUT.a\n")
        return 2
    objcopy, src, dst = sys.argv[1:]
    r = subprocess.run([objcopy, "--remove-section=.MIPS.abiflags",
                        "--remove-section=.gnu.attributes", src, dst])
    if r.returncode != 0:
        return 1
    with open(dst, "rb") as f:
        data = bytearray(f.read())
    try:
        patch_archive(data)
    except ValueError as e:
        sys.stderr.write("nopic_libgcc.py: %s: %s\n" % (dst, e))
        return 1
    with open(dst, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
