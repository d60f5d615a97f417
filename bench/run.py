#!/usr/bin/env python3
"""bench/run.py: run the benchmark kernels under Morph, under QEMU and
natively, check that all agree on the checksum, and print a table.

    bench/run.py [--build DIR] [--repeat N] [--guest rv32|rv64|all] [NAME...]

The guest and native binaries are built by meson (`ninja -C build bench`).
Times are the best of N wall-clock runs. Morph's instruction count comes
from `morph run --stats`; QEMU's from the same program (identical code)."""
import argparse, os, re, shutil, subprocess, sys, time

NAMES = ["sha256", "qsort", "crc32", "matmul", "primes"]
# QEMU system emulator and machine options per guest (the boards Morph follows).
# No NIC and no VGA: the boards have neither, and their ROMs (ipxe-qemu,
# seabios) are not installed by setup.sh.
NO_DEVICES = ["-nic", "none", "-vga", "none"]
QEMU = {
    "rv32": ["qemu-system-riscv32", "-M", "virt", "-bios", "none"],
    "rv64": ["qemu-system-riscv64", "-M", "virt", "-bios", "none"],
    "arm": ["qemu-system-arm", "-M", "virt", "-cpu", "cortex-a15", "-m", "128M", "-semihosting"],
    "mips": ["qemu-system-mips", "-M", "malta", "-m", "128M", "-semihosting"],
    "mipsel": ["qemu-system-mipsel", "-M", "malta", "-m", "128M", "-semihosting"],
}


def timed(cmd, timeout=600):
    """Run cmd; return (seconds, stdout, stderr, status)."""
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=timeout)
    return time.perf_counter() - t0, p.stdout, p.stderr, p.returncode


def best(cmd, n):
    runs = [timed(cmd) for _ in range(n)]
    return min(runs, key=lambda r: r[0])


def checksum(out):
    m = re.search(r"checksum ([0-9a-f]+)", out)
    return m.group(1) if m else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--guest", default="all", choices=list(QEMU) + ["all"])
    ap.add_argument("names", nargs="*", default=NAMES)
    a = ap.parse_args()
    morph = next(p for p in (os.path.join(a.build, "morph"), os.path.join(a.build, "runtime", "morph")) if os.path.exists(p))
    bdir = os.path.join(a.build, "bench")
    guests = list(QEMU) if a.guest == "all" else [a.guest]
    rows, bad = [], 0
    for g in guests:
        for name in a.names:
            elf = os.path.join(bdir, f"{name}-{g}.elf")
            native = os.path.join(bdir, f"{name}-native")
            if not os.path.exists(elf) and a.guest == "all" and g not in ("rv32", "rv64"):
                continue
            if not os.path.exists(elf):
                sys.exit(f"run.py: {elf} missing; build with `ninja -C {a.build} bench`")
            tm, out, err, st = best([morph, "run", "--stats", elf], a.repeat)
            m = re.search(r"([0-9]+) instructions", err)
            insns = int(m.group(1)) if m else 0
            ck = checksum(out)
            tq = tn = None
            ckq = ckn = None
            if shutil.which(QEMU[g][0]):
                tq, outq, _, _ = best(QEMU[g] + NO_DEVICES + ["-nographic", "-monitor", "none",
                                                              "-serial", "stdio", "-kernel", elf],
                                      a.repeat)
                ckq = checksum(outq)
            if os.path.exists(native):
                tn, outn, _, _ = best([native], a.repeat)
                ckn = checksum(outn)
            # every column that ran must print the same checksum
            agree = st == 0 and ck is not None and (tq is None or ckq == ck) and \
                (tn is None or ckn == ck)
            bad += not agree
            rows.append((f"{name}-{g}", insns, tm, tq, tn, agree))
    print(f"{'benchmark':14} {'guest insns':>12} {'morph s':>8} {'MIPS':>7} "
          f"{'qemu s':>8} {'native s':>8} {'morph/qemu':>10}  ok")
    for name, insns, tm, tq, tn, ok in rows:
        fmt = lambda v: f"{v:8.3f}" if v is not None else f"{'-':>8}"
        ratio = f"{tm / tq:10.2f}" if tq else f"{'-':>10}"
        print(f"{name:14} {insns:12d} {tm:8.3f} {insns / tm / 1e6:7.1f} {fmt(tq)} {fmt(tn)} "
              f"{ratio}  {'yes' if ok else 'NO'}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
