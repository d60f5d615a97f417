#!/usr/bin/env python3
"""Run one guest ELF and report TAP.  Used by every guest test in meson.

Modes (exactly one of --morph without --disasm, --qemu, or --disasm):

  run_guest.py --morph MORPH --elf X.elf [checks]
      runs `MORPH run [MORPH_RUN_ARGS...] [--morph-arg A ...] X.elf`
  run_guest.py --qemu qemu-system-riscv64 --elf X.elf [checks]
      runs QEMU's `virt` board with -bios none -kernel X.elf (the
      SiFive test finisher gives the exit status, the UART is stdout);
      --qemu-args "ARGS" replaces the machine arguments `-M virt -m 128M
      -bios none` (e.g. "-M malta -m 128M -semihosting" for MIPS, where
      semihosting gives the exit status), --qemu-arg A adds one argument
  run_guest.py --disasm --morph MORPH --objdump llvm-objdump-19 --elf X.elf
      compares `MORPH disasm X.elf` with `llvm-objdump -d -M no-aliases`

Checks (run modes):
  --expect-exit N | nonzero    exit status (default 0)
  --expect-stdout FILE         stdout must equal FILE (CRLF read as LF)
  --expect-stdout-contains T   stdout must contain text T (repeatable)
  --expect-stderr-contains T   stderr must contain text T (repeatable)
  --expect-fail-test N         the output (stdout + stderr) must mention
                               test number N as a separate number

Under QEMU a non-zero --expect-exit also needs --expect-stdout or
--expect-stdout-contains: QEMU's status counts only when the guest shows it
ran (QEMU failing itself exits 1 too), and a QEMU error line on stderr
("qemu-system-arm: failed to find romfile ...") is one failure naming it.

A missing MORPH/QEMU/objdump is one `not ok` naming it and its Debian
package (tests/tools/morph_tools.py), never a skip.  Under --morph the
guest runs once per engine (--engines, default $MORPH_ENGINES or
interp,jit,auto), each run held to the same checks.  MORPH_RUN_ARGS in the
environment is split on spaces and added after `run --engine E`.
"""

import argparse
import difflib
import os
import re
import shlex
import signal
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from morph_tools import find_exe, missing, qemu_error  # noqa: E402


class Tap:
    def __init__(self):
        self.results = []

    def add(self, ok, desc, diag=()):
        self.results.append((ok, desc, list(diag)))

    def emit(self):
        print("1..%d" % len(self.results))
        for i, (ok, desc, diag) in enumerate(self.results, 1):
            print("%s %d - %s" % ("ok" if ok else "not ok", i, desc))
            for line in diag:
                print("# " + line)
        sys.stdout.flush()
        return 0


def fail(name, reason):
    """The whole test is one failure: reason (a missing program, say)."""
    print("1..1\nnot ok 1 - %s: %s" % (name, reason))
    sys.stdout.flush()
    return 0


def run(cmd, timeout):
    """Run cmd in its own process group; returns (status, stdout, stderr,
    timed_out).  Output is decoded leniently."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        timed_out = True
    return (proc.returncode, out.decode("utf-8", "replace"),
            err.decode("utf-8", "replace"), timed_out)


def tail(text, n=15):
    lines = text.rstrip("\n").splitlines()
    return lines[-n:]


def check_run(args, tap, name, cmd, qemu=False):
    status, out, err, timed_out = run(cmd, args.timeout)
    out = out.replace("\r\n", "\n")
    cmdline = " ".join(shlex.quote(c) for c in cmd)
    why = qemu_error(status, err) if qemu and not timed_out else None
    if why:
        tap.add(False, "%s: QEMU failed: %s" % (name, why), ["command: " + cmdline])
        return

    # exit status
    want = args.expect_exit
    if timed_out:
        ok = False
        desc = "%s: timed out after %ss (expected exit %s)" % (name, args.timeout, want)
    elif want == "nonzero":
        ok = status != 0
        desc = "%s: exit status %d (expected non-zero)" % (name, status)
    else:
        ok = status == int(want)
        desc = "%s: exit status %d (expected %s)" % (name, status, want)
    diag = []
    if not ok:
        diag.append("command: " + cmdline)
        diag += ["stdout: " + l for l in tail(out)]
        diag += ["stderr: " + l for l in tail(err)]
    tap.add(ok, desc, diag)

    # stdout
    if args.expect_stdout:
        with open(args.expect_stdout, encoding="utf-8", errors="replace") as f:
            golden = f.read().replace("\r\n", "\n")
        ok = out == golden
        diag = []
        if not ok:
            diff = list(difflib.unified_diff(golden.splitlines(), out.splitlines(),
                                             "expected", "actual", lineterm=""))
            diag = diff[:60]
            if len(diff) > 60:
                diag.append("... (%d more diff lines)" % (len(diff) - 60))
            if not out:
                diag.append("(no output; stderr follows)")
                diag += ["stderr: " + l for l in tail(err)]
        tap.add(ok, "%s: stdout matches %s" % (name, os.path.basename(args.expect_stdout)), diag)

    for text in args.expect_stdout_contains:
        ok = text in out
        tap.add(ok, "%s: stdout contains %r" % (name, text),
                [] if ok else ["stdout: " + l for l in tail(out)] + ["stderr: " + l for l in tail(err)])

    for text in args.expect_stderr_contains:
        ok = text in err
        tap.add(ok, "%s: stderr contains %r" % (name, text),
                [] if ok else ["stderr: " + l for l in tail(err)])

    if args.expect_fail_test is not None:
        n = args.expect_fail_test
        pat = re.compile(r"(?<![0-9A-Za-z])%d(?![0-9A-Za-z])" % n)
        both = out + "\n" + err
        ok = pat.search(both) is not None
        tap.add(ok, "%s: output names failing test %d" % (name, n),
                [] if ok else ["stdout: " + l for l in tail(out)] + ["stderr: " + l for l in tail(err)])


# ---- disassembly comparison ----------------------------------------------

LINE_RE = re.compile(r"^\s*([0-9a-fA-F]+):\s+([0-9a-fA-F]{2}(?:\s?[0-9a-fA-F]{2})*)\s*\t\s*(.*)$")
LINE_RE_LOOSE = re.compile(r"^\s*([0-9a-fA-F]+):\s+([0-9a-fA-F]+)\s+(\S.*)$")

# objdump prints these names even with -M no-aliases; accept either form.
EQUIVALENT = {
    "c0001073": {"unimp", "csrrw zero,cycle,zero"},
    "0000": {"c.unimp"},
}
# Encodings objdump names but that are illegal or reserved: the emulator's
# disassembler may call them <unknown> instead.
MAY_BE_UNKNOWN = re.compile(r"^(c\.unimp|unimp|c\.lui [a-z0-9]+,0x0)$")
# ... and on RV32, shifts by 32..63 (shamt[5] = 1 is reserved there).
MAY_BE_UNKNOWN_RV32 = re.compile(r"^(c\.)?(slli|srli|srai) .*,0x[23][0-9a-f]$")


def elf_is_32bit(path):
    with open(path, "rb") as f:
        ident = f.read(5)
    return len(ident) == 5 and ident[4] == 1


def elf_machine(path):
    """e_machine of a little-endian ELF (EM_ARM = 40), or 0."""
    with open(path, "rb") as f:
        hdr = f.read(20)
    if len(hdr) < 20 or hdr[5] != 1:
        return 0
    return hdr[18] | (hdr[19] << 8)


def elf_mips(path):
    """For a MIPS ELF (EM_MIPS = 8, either byte order): 'big' or 'little'; else None."""
    with open(path, "rb") as f:
        hdr = f.read(20)
    if len(hdr) < 20 or hdr[5] not in (1, 2):
        return None
    big = hdr[5] == 2
    machine = (hdr[18] << 8 | hdr[19]) if big else (hdr[18] | hdr[19] << 8)
    return ("big" if big else "little") if machine == 8 else None


# MIPS: llvm-objdump has no no-aliases option either (the description prints
# its aliases), prints the bytes in memory order (reversed here for
# little-endian, to compare with morph's instruction words) and prints
# rdhwr as an assembler directive block (".set push ...": not compared).

# ARM: llvm-objdump has no no-aliases option and comments start with '@'
# ('#' starts immediates there).
EM_ARM = 40


def normalize(text, arm=False):
    text = re.sub(r"\s*<[^>]*>", "", text)        # symbol annotations
    if arm:
        text = re.sub(r"\s*@.*$", "", text)       # comments
    else:
        text = re.sub(r"\s*#.*$", "", text)       # comments
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s*,\s*", ",", text)
    return text


def parse_disasm(text, arm=False):
    """{address: (encoding, normalized text)} from objdump-like output;
    undecodable bytes have the text "<unknown>"."""
    insns = {}
    for line in text.splitlines():
        m = LINE_RE.match(line) or LINE_RE_LOOSE.match(line)
        if not m:
            continue
        addr = int(m.group(1), 16)
        enc = m.group(2).replace(" ", "").lower()
        body = m.group(3)
        insns[addr] = (enc, "<unknown>" if "<unknown>" in body else normalize(body, arm))
    return insns


def check_disasm(args, tap, name):
    morph_cmd = [args.morph, "disasm", args.elf]
    arm = elf_machine(args.elf) == EM_ARM
    mips = elf_mips(args.elf)
    obj_cmd = [args.objdump, "-d"] + ([] if arm or mips else ["-M", "no-aliases"]) + [args.elf]
    st_m, out_m, err_m, to_m = run(morph_cmd, args.timeout)
    st_o, out_o, err_o, to_o = run(obj_cmd, args.timeout)
    ok = not to_m and st_m == 0
    tap.add(ok, "%s: morph disasm exits 0" % name,
            [] if ok else ["status %s%s" % (st_m, " (timeout)" if to_m else "")]
            + ["stderr: " + l for l in tail(err_m)])
    if st_o != 0 or to_o:
        tap.add(False, "%s: llvm-objdump failed" % name, ["stderr: " + l for l in tail(err_o)])
        return
    rv32 = elf_is_32bit(args.elf)
    ref = parse_disasm(out_o, arm)
    if mips:
        for a, (enc, text) in list(ref.items()):
            if mips == "little":
                enc = "".join(reversed([enc[i:i + 2] for i in range(0, len(enc), 2)]))
            ref[a] = (enc, "<unknown>" if text.startswith(".set") else text)
    got = parse_disasm(out_m, arm)
    compared = 0
    diffs = []
    for addr in sorted(ref):
        r = ref[addr]
        if r[1] == "<unknown>":
            continue                                  # objdump does not know it
        if r[1].startswith((".word", ".short", ".byte", ".long")):
            continue                                  # data (ARM mapping symbols)
        compared += 1
        g = got.get(addr)
        if g is None:
            diffs.append("%x: expected %s  %s | morph: (missing)" % (addr, r[0], r[1]))
            continue
        enc_ok = g[0] == r[0]
        alts = EQUIVALENT.get(r[0], set()) | {r[1]}
        text_ok = g[1] in alts or (g[1] == "<unknown>" and (
            MAY_BE_UNKNOWN.match(r[1]) is not None
            or (rv32 and MAY_BE_UNKNOWN_RV32.match(r[1]) is not None)))
        if not (enc_ok and text_ok):
            diffs.append("%x: expected %s  %s | morph: %s  %s" % (addr, r[0], r[1], g[0], g[1]))
    extra = sorted(a for a in got if a not in ref)
    diag = diffs[:20]
    if len(diffs) > 20:
        diag.append("... and %d more differences" % (len(diffs) - 20))
    if extra:
        diag.append("note: morph printed %d addresses objdump did not (first %x)" % (len(extra), extra[0]))
    ok = compared > 0 and not diffs and ok
    tap.add(ok, "%s: %d of %d instructions match llvm-objdump" % (name, compared - len(diffs), compared),
            diag)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--elf", required=True)
    p.add_argument("--name")
    p.add_argument("--morph")
    p.add_argument("--morph-arg", action="append", default=[])
    p.add_argument("--engines", default=os.environ.get("MORPH_ENGINES", "interp,jit,auto"),
                   help="comma-separated engines to run the guest under (default: "
                        "$MORPH_ENGINES or interp,jit,auto)")
    p.add_argument("--qemu")
    p.add_argument("--qemu-arg", action="append", default=[])
    p.add_argument("--qemu-args", default="-M virt -m 128M -bios none")
    p.add_argument("--disasm", action="store_true")
    p.add_argument("--objdump", default="llvm-objdump-19")
    p.add_argument("--expect-exit", default="0")
    p.add_argument("--expect-stdout")
    p.add_argument("--expect-stdout-contains", action="append", default=[])
    p.add_argument("--expect-stderr-contains", action="append", default=[])
    p.add_argument("--expect-fail-test", type=int)
    p.add_argument("--timeout", type=float, default=float(os.environ.get("MORPH_GUEST_TIMEOUT", "30")))
    args = p.parse_args()
    if args.expect_exit != "nonzero":
        int(args.expect_exit)
    if (args.qemu and args.expect_exit != "0" and not args.expect_stdout
            and not args.expect_stdout_contains):
        p.error("--qemu with a non-zero --expect-exit needs the guest's output "
                "(--expect-stdout or --expect-stdout-contains) to show it ran")

    name = args.name or os.path.basename(args.elf)
    if not os.path.isfile(args.elf):
        print("1..1\nnot ok 1 - %s: %s does not exist" % (name, args.elf))
        return 0
    tap = Tap()

    if args.disasm:
        morph = find_exe(args.morph or "")
        if not morph:
            return fail(name, "morph executable %r is missing (not built)" % args.morph)
        objdump = find_exe(args.objdump)
        if not objdump:
            return fail(name, missing(args.objdump))
        args.morph, args.objdump = morph, objdump
        check_disasm(args, tap, name)
        return tap.emit()

    if args.qemu:
        qemu = find_exe(args.qemu)
        if not qemu:
            return fail(name + " (qemu)", missing(args.qemu))
        cmd = ([qemu] + shlex.split(args.qemu_args)
               + ["-nographic", "-nic", "none", "-vga", "none", "-monitor", "none", "-serial", "stdio"]
               + args.qemu_arg + ["-kernel", args.elf])
        check_run(args, tap, name + " (qemu)", cmd, qemu=True)
        return tap.emit()

    if args.morph:
        morph = find_exe(args.morph)
        if not morph:
            return fail(name, "morph executable %r is missing (not built)" % args.morph)
        extra = shlex.split(os.environ.get("MORPH_RUN_ARGS", ""))
        # every engine runs the guest and must pass the same checks
        for engine in args.engines.split(","):
            cmd = [morph, "run", "--engine", engine] + extra + args.morph_arg + [args.elf]
            check_run(args, tap, "%s [%s]" % (name, engine), cmd)
        return tap.emit()

    p.error("one of --morph, --qemu or --disasm is required")
    return 2


if __name__ == "__main__":
    sys.exit(main())
