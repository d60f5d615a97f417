#!/usr/bin/env python3
"""TAP: mutated guest ELFs through `morph run` (and `morph disasm`).

A deterministic, seeded corpus: each mutant is a real guest ELF of the
build with its ELF header, program headers, section headers, entry point,
sizes, flags, length or code bytes changed (one to three changes). Every
run must end in a documented exit status (README: 0, 1, a code N the guest
reported, 2, 3, 4, 5) within a timeout; a signal, a sanitizer report, a
hang or a malformed message is a failure. Fixed cases (the crashers of
issue 6, such as an entry point of all ones) run first, on every ELF.

usage: elf_fuzz.py MORPH OUTDIR COUNT ELF...
  COUNT  random mutants in all (spread over the ELFs); the environment's
         MORPH_ELF_FUZZ_N overrides it, MORPH_ELF_FUZZ_SEED the seed
         (default 6), MORPH_ELF_FUZZ_ONLY=I runs only mutant I (to
         reproduce a failure; fixed cases are F0, F1, ...).
Fixed cases and every fourth random mutant run on the default engine (the
LLVM tier may compile them); the others with --engine interp, which is
cheaper; every fourth also goes through `morph disasm`.
A failing mutant is kept in OUTDIR with its seed and description.
"""
import concurrent.futures
import os
import random
import re
import struct
import subprocess
import sys
import time

MAX_INSNS = '20000'
TIMEOUT = 30  # seconds per run; a run that needs more is a failure
SANITIZER = re.compile(r'Sanitizer|runtime error:|LeakSanitizer')
ONES = (1 << 64) - 1


class Elf:
    """Field offsets of an ELF image (either class, either byte order)."""

    def __init__(self, data):
        self.c64 = data[4] == 2
        self.e = '<' if data[5] == 1 else '>'
        if self.c64:
            self.eh = {'e_type': (16, 'H'), 'e_machine': (18, 'H'), 'e_version': (20, 'I'),
                       'e_entry': (24, 'Q'), 'e_phoff': (32, 'Q'), 'e_shoff': (40, 'Q'),
                       'e_flags': (48, 'I'), 'e_ehsize': (52, 'H'), 'e_phentsize': (54, 'H'),
                       'e_phnum': (56, 'H'), 'e_shentsize': (58, 'H'), 'e_shnum': (60, 'H'),
                       'e_shstrndx': (62, 'H')}
            self.ph = {'p_type': (0, 'I'), 'p_flags': (4, 'I'), 'p_offset': (8, 'Q'),
                       'p_vaddr': (16, 'Q'), 'p_paddr': (24, 'Q'), 'p_filesz': (32, 'Q'),
                       'p_memsz': (40, 'Q'), 'p_align': (48, 'Q')}
            self.sh = {'sh_name': (0, 'I'), 'sh_type': (4, 'I'), 'sh_flags': (8, 'Q'),
                       'sh_addr': (16, 'Q'), 'sh_offset': (24, 'Q'), 'sh_size': (32, 'Q'),
                       'sh_link': (40, 'I'), 'sh_info': (44, 'I'), 'sh_entsize': (56, 'Q')}
        else:
            self.eh = {'e_type': (16, 'H'), 'e_machine': (18, 'H'), 'e_version': (20, 'I'),
                       'e_entry': (24, 'I'), 'e_phoff': (28, 'I'), 'e_shoff': (32, 'I'),
                       'e_flags': (36, 'I'), 'e_ehsize': (40, 'H'), 'e_phentsize': (42, 'H'),
                       'e_phnum': (44, 'H'), 'e_shentsize': (46, 'H'), 'e_shnum': (48, 'H'),
                       'e_shstrndx': (50, 'H')}
            self.ph = {'p_type': (0, 'I'), 'p_offset': (4, 'I'), 'p_vaddr': (8, 'I'),
                       'p_paddr': (12, 'I'), 'p_filesz': (16, 'I'), 'p_memsz': (20, 'I'),
                       'p_flags': (24, 'I'), 'p_align': (28, 'I')}
            self.sh = {'sh_name': (0, 'I'), 'sh_type': (4, 'I'), 'sh_flags': (8, 'I'),
                       'sh_addr': (12, 'I'), 'sh_offset': (16, 'I'), 'sh_size': (20, 'I'),
                       'sh_link': (24, 'I'), 'sh_info': (28, 'I'), 'sh_entsize': (36, 'I')}

    def get(self, d, off, fmt):
        """The field at off (0 past the end of a truncated image)."""
        if off + struct.calcsize(fmt) > len(d):
            return 0
        return struct.unpack_from(self.e + fmt, d, off)[0]

    def put(self, d, off, fmt, v):
        """Store v (wrapped to the field's width); nothing past the end."""
        if off + struct.calcsize(fmt) <= len(d):
            struct.pack_into(self.e + fmt, d, off, v & ((1 << (8 * struct.calcsize(fmt))) - 1))

    def table(self, d, kind):
        """(offset of entry 0, entry size, count) of 'ph' or 'sh', or None."""
        g = lambda f: self.get(d, *self.eh[f])
        off, size, num = (g('e_phoff'), g('e_phentsize'), g('e_phnum')) if kind == 'ph' else \
                         (g('e_shoff'), g('e_shentsize'), g('e_shnum'))
        return (off, size, num) if num and off + size * num <= len(d) else None

    def segments(self, d):
        """(vaddr, memsz, offset, filesz, flags) of each PT_LOAD segment."""
        t = self.table(d, 'ph')
        segs = []
        for i in range(t[2] if t else 0):
            b = t[0] + i * t[1]
            f = lambda n: self.get(d, b + self.ph[n][0], self.ph[n][1])
            if f('p_type') == 1:
                segs.append((f('p_vaddr'), f('p_memsz'), f('p_offset'), f('p_filesz'),
                             f('p_flags')))
        return segs


def interesting(rng, v, width, d):
    """A value worth trying in a field of `width` bytes that holds v."""
    top = (1 << (8 * width)) - 1
    return rng.choice([0, 1, v + 1, v - 1, v + 2, v + 3, v + 4, v - 4, top, top - 1, top - 3,
                       1 << (8 * width - 1), (1 << (8 * width - 1)) - 1, 0xffffffff,
                       0x80000000, 0x100000000, v * 2, v + 0x1000, v ^ (1 << rng.randrange(8 * width)),
                       len(d), len(d) + 1, rng.getrandbits(8 * width), rng.randrange(256)]) & top


def mutate_once(rng, elf, d):
    """Apply one random mutation to bytearray d (in place); its description."""
    kind = rng.choice(['entry', 'entry', 'ehdr', 'ehdr', 'phdr', 'phdr', 'phdr', 'shdr',
                       'truncate', 'flip', 'code', 'ident', 'extend'])
    if len(d) < 64:  # already cut inside the ELF header
        kind = 'extend'
    if kind in ('entry', 'ehdr'):
        name = 'e_entry' if kind == 'entry' else rng.choice(sorted(elf.eh))
        off, fmt = elf.eh[name]
        old = elf.get(d, off, fmt)
        segs = elf.segments(d)
        if name == 'e_entry' and segs and rng.random() < 0.4:
            s = rng.choice(segs)
            new = rng.choice([s[0] + s[1], s[0] + s[1] - 1, s[0] + s[1] - 2, s[0] - 4,
                              s[0] + 1, s[0] + 2, s[0] + s[3], s[0] + rng.randrange(s[1] or 1)])
        else:
            new = interesting(rng, old, struct.calcsize(fmt), d)
        elf.put(d, off, fmt, new)
        return '%s 0x%x -> 0x%x' % (name, old, elf.get(d, off, fmt))
    if kind in ('phdr', 'shdr'):
        t = elf.table(d, kind[:2])
        if not t:
            return mutate_once(rng, elf, d)
        i = rng.randrange(t[2])
        fields = elf.ph if kind == 'phdr' else elf.sh
        name = rng.choice(sorted(fields))
        off, fmt = t[0] + i * t[1] + fields[name][0], fields[name][1]
        if off + struct.calcsize(fmt) > len(d):
            return mutate_once(rng, elf, d)
        old = elf.get(d, off, fmt)
        elf.put(d, off, fmt, interesting(rng, old, struct.calcsize(fmt), d))
        return '%s[%d].%s 0x%x -> 0x%x' % (kind, i, name, old, elf.get(d, off, fmt))
    if kind == 'truncate':
        n = rng.choice([rng.randrange(64), rng.randrange(512), rng.randrange(len(d))])
        del d[n:]
        return 'truncated to %d bytes' % n
    if kind == 'extend':
        n = rng.randrange(1, 4096)
        d.extend(rng.getrandbits(8) for _ in range(n))
        return 'extended by %d random bytes' % n
    if kind == 'ident':
        i = rng.randrange(16)
        old = d[i]
        d[i] = rng.choice([0, 1, 2, 3, 0xff, old ^ 1, rng.randrange(256)])
        return 'e_ident[%d] 0x%x -> 0x%x' % (i, old, d[i])
    if kind == 'code':
        segs = [s for s in elf.segments(d) if s[4] & 1 and s[3] and s[2] + s[3] <= len(d)]
        if not segs:
            return mutate_once(rng, elf, d)
        s = rng.choice(segs)
        at = s[2] + rng.randrange(s[3])
        n = min(rng.choice([4, 16, 64, 256]), len(d) - at)
        d[at:at + n] = bytes(rng.getrandbits(8) for _ in range(n))
        return '%d random code bytes at file offset 0x%x' % (n, at)
    n = rng.randrange(1, 9)
    where = []
    for _ in range(n):
        i = rng.randrange(min(len(d), rng.choice([64, 512, len(d)])))
        d[i] ^= 1 << rng.randrange(8)
        where.append('%d' % i)
    return 'bit flips at ' + ','.join(where)


def guest_override(rng, elf, base):
    """Sometimes run a RISC-V ELF as the other RISC-V width (--guest)."""
    if elf.get(base, *elf.eh['e_machine']) == 243 and rng.random() < 0.1:
        return ['--guest', 'rv32' if elf.c64 else 'rv64']
    return []


def fixed_cases(elf, base):
    """The crashers of issue 6 and their neighbours: (description, data, args)."""
    out = []

    def with_field(desc, name, v, args=()):
        d = bytearray(base)
        elf.put(d, *elf.eh[name], v)
        out.append((desc, bytes(d), list(args)))

    entry = elf.get(base, *elf.eh['e_entry'])
    with_field('entry point all ones', 'e_entry', ONES)
    with_field('entry point + 1 (misaligned)', 'e_entry', entry + 1)
    with_field('entry point + 2', 'e_entry', entry + 2)
    with_field('entry point 0', 'e_entry', 0)
    with_field('e_phnum 0xffff', 'e_phnum', 0xffff)
    with_field('e_phoff all ones', 'e_phoff', ONES)
    with_field('e_shoff all ones', 'e_shoff', ONES)
    with_field('e_shstrndx 0xffff', 'e_shstrndx', 0xffff)
    if elf.get(base, *elf.eh['e_machine']) == 243:
        other = 'rv32' if elf.c64 else 'rv64'
        with_field('entry point all ones, --guest ' + other, 'e_entry', ONES, ['--guest', other])
        with_field('entry point 2^32, --guest rv32', 'e_entry', 1 << 32, ['--guest', 'rv32'])
        out.append(('unchanged, --guest ' + other, bytes(base), ['--guest', other]))
    t = elf.table(base, 'ph')
    for name, v in (('p_filesz', ONES), ('p_memsz', ONES), ('p_vaddr', ONES - 3),
                    ('p_paddr', ONES - 3), ('p_offset', ONES)):
        d = bytearray(base)
        off, fmt = elf.ph[name]
        elf.put(d, t[0] + off, fmt, v)
        out.append(('phdr[0].%s all ones' % name, bytes(d), []))
    for n in (4, 16, 52, 64, len(base) // 2):
        out.append(('truncated to %d bytes' % n, bytes(base[:n]), []))
    return out


def run(morph, path, args, disasm, interp):
    """Run one mutant (with --engine interp if interp, else the default
    engine, which may compile with LLVM); None if all went well, else what
    went wrong."""
    engine = ['--engine', 'interp'] if interp else []
    cmds = [[morph, 'run', '--max-insns', MAX_INSNS] + engine + args + [path]]
    if disasm:
        cmds.append([morph, 'disasm'] + [a for a in args] + [path])
    for cmd in cmds:
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return '`%s` did not finish in %d s' % (' '.join(cmd[1:2]), TIMEOUT)
        err = p.stderr.decode(errors='replace')
        what = check_status(cmd[1], p.returncode, err)
        if what:
            return '`morph %s`: %s; stderr: %r' % (cmd[1], what, err[-600:])
    return None


def check_status(cmd, st, err):
    """Is exit status st with stderr err a documented outcome of cmd?"""
    if st < 0:
        return 'killed by signal %d' % -st
    if SANITIZER.search(err):
        return 'sanitizer report'
    lines = err.splitlines()
    if cmd == 'disasm':
        if st == 3 and len(lines) == 1 and lines[0].startswith('morph: '):
            return None
        return None if st == 0 and not err else 'exit %d' % st
    if st == 3 and (len(lines) != 1 or not lines[0].startswith('morph: ')):
        return 'load error (3) without one `morph: ` line'
    if st == 4 and 'stopped after %s instructions' % MAX_INSNS not in err:
        return 'exit 4 without the --max-insns message'
    if st == 5 and 'morph: error: ' not in err:
        return 'exit 5 without a runtime error message'
    return None  # 0, 1, 2 and other codes a guest may report


def main():
    morph, outdir, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    bases = [p for p in sys.argv[4:] if os.path.exists(p)]
    count = int(os.environ.get('MORPH_ELF_FUZZ_N', count))
    seed = int(os.environ.get('MORPH_ELF_FUZZ_SEED', '6'))
    only = os.environ.get('MORPH_ELF_FUZZ_ONLY')
    os.makedirs(outdir, exist_ok=True)
    print('# seed %d, %d random mutants of %d ELFs (MORPH_ELF_FUZZ_SEED, MORPH_ELF_FUZZ_N)'
          % (seed, count, len(bases)))
    if not bases:
        print('1..0 # SKIP no guest ELFs built')
        return 0
    jobs = []  # (id, base name, description, data, args)
    nfixed = 0
    for b in bases:
        data = open(b, 'rb').read()
        for desc, d, args in fixed_cases(Elf(data), data):
            jobs.append(('F%d' % nfixed, b, desc, d, args))
            nfixed += 1
    rng = random.Random(seed)
    for i in range(count):
        b = bases[i % len(bases)]
        base = open(b, 'rb').read()
        elf, data = Elf(base), bytearray(base)
        descs = [mutate_once(rng, elf, data) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
        jobs.append(('%d' % i, b, '; '.join(descs), bytes(data), guest_override(rng, elf, base)))
    if only is not None:
        jobs = [j for j in jobs if j[0] == only]

    def one(job):
        jid, b, desc, d, args = job
        path = os.path.join(outdir, 'mutant-%s.elf' % jid)
        with open(path, 'wb') as f:
            f.write(d)
        t0 = time.monotonic()
        fixed = jid.startswith('F')
        why = run(morph, path, args, disasm=fixed or int(jid) % 4 == 0,
                  interp=not fixed and int(jid) % 4 != 1)
        if why is None:
            os.unlink(path)
        slow.append((time.monotonic() - t0, jid, os.path.basename(b), desc))
        return job, why

    slow = []
    n = failed = 0
    per_base = {b: 0 for b in bases}
    workers = min(4, os.cpu_count() or 2)
    with concurrent.futures.ThreadPoolExecutor(workers) as ex:
        for job, why in ex.map(one, jobs):
            jid, b, desc, d, args = job
            if why is None and jid.startswith('F'):
                n += 1
                print('ok %d - %s: %s%s' % (n, os.path.basename(b), desc,
                                           ' (%s)' % ' '.join(args) if args else ''))
            elif why is None:
                per_base[b] += 1
            else:
                n += 1
                failed += 1
                print('not ok %d - seed %d mutant %s of %s (%s%s): %s' %
                      (n, seed, jid, os.path.basename(b), desc,
                       '; ' + ' '.join(args) if args else '', why))
                print('# kept as %s; rerun with MORPH_ELF_FUZZ_SEED=%d MORPH_ELF_FUZZ_ONLY=%s'
                      % (os.path.join(outdir, 'mutant-%s.elf' % jid), seed, jid))
    for b in bases:
        n += 1
        print('ok %d - %d random mutants of %s end in a documented status' %
              (n, per_base[b], os.path.basename(b)))
    for t, jid, b, desc in sorted(slow, reverse=True)[:3]:
        print('# slowest: %.2f s, mutant %s of %s (%s)' % (t, jid, b, desc))
    print('1..%d' % n)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
