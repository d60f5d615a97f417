#!/usr/bin/env python3
"""Differential test of the ARM data-processing, multiply and media
instructions against QEMU: random encodings of the described instructions
(random condition codes, operands and start flags) run under Morph and under
qemu-system-arm; both print r0-r11, the CPSR (in r12's place) and lr
through semihosting and must agree. Encodings that read or write pc/sp, or
are UNPREDICTABLE (long multiplies with RdHi = RdLo, bit fields past bit
31) are left out, and should-be-zero/one bits get their architectural
values (QEMU makes other values UNDEFINED; Morph's decoder, like
llvm-objdump, accepts them).

--mem: loads and stores (all forms, LDM/STM, PLD; not the exclusives) over a
1 MiB region filled from a xorshift generator: r0-r5 are bases into it,
r6-r7 small offsets, r8-r12 and lr data, and the region's hash is printed
too. Addresses that leave RAM abort on both sides (the handler skips the
instruction); encodings that could reach what only QEMU maps (its flash at
0, the PCIe window) are left out.

Every random encoding is also disassembled by llvm-objdump: one that llvm
decodes and Morph calls <unknown> fails the seed (Morph must decode all it
describes), and a seed fails unless at least half of the requested --insns
survive the filters above, so a filter gone wrong cannot leave nothing to
compare.  A missing QEMU or objdump, or QEMU failing to start, is one failure
naming it.

usage: random_diff.py --morph M --qemu Q --objdump O --clang C --ld-flag F
       --isa A32.ISA --link LD [--mem] [--seeds N] [--insns N] [--workdir D]
       (prints TAP)
"""
import argparse
import os
import random
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tools'))
from morph_tools import find_exe, missing, qemu_error  # noqa: E402

OPS = ('and', 'eor', 'sub', 'rsb', 'add', 'adc', 'sbc', 'rsc', 'tst', 'teq', 'cmp', 'cmn', 'orr',
       'mov', 'bic', 'mvn', 'mul', 'mla', 'mls', 'umull', 'umlal', 'smull', 'smlal', 'smul',
       'smla', 'smmul', 'smmla', 'smmls', 'umaal', 'qadd', 'qsub', 'qdadd', 'qdsub', 'ssat',
       'usat', 'clz', 'movw', 'movt', 'ubfx', 'sbfx', 'bfc', 'bfi', 'sxt', 'uxt', 'rev', 'rbit',
       'pkh', 'sdiv', 'udiv')
# --mem: loads and stores (not exclusives: QEMU's monitor compares values)
MEM_OPS = ('ldr', 'str', 'ldm', 'stm', 'pld')

# A 1 MiB data region filled from a xorshift generator at start (mem mode:
# base registers point into its middle) and hashed at the end.
REGION = 0x40100000
FILL = r"""
 ldr r0, =0x%08x
 ldr r1, =0x40000
 ldr r2, =0x%08x
4: eor r2, r2, r2, lsl #13
 eor r2, r2, r2, lsr #17
 eor r2, r2, r2, lsl #5
 str r2, [r0], #4
 subs r1, r1, #1
 bne 4b
"""

# Print a hash of the region, r0-r11, the CPSR and lr as hex lines through
# SYS_WRITEC, then exit 0.
TAIL = r"""
 mrs r12, apsr
 push {r0-r12, lr}
 ldr r4, =REGION
 mov r5, #0
 mov r6, #0x40000
3: ldr r7, [r4], #4
 eor r5, r7, r5, ror #27
 subs r6, r6, #1
 bne 3b
 push {r5}
 mov r4, sp
 mov r5, #15
1: ldr r6, [r4], #4
 mov r7, #8
2: mov r1, r6, lsr #28
 cmp r1, #10
 addlo r1, r1, #48
 addhs r1, r1, #87
 ldr r2, =ch
 strb r1, [r2]
 mov r1, r2
 mov r0, #3
 svc #0x123456
 mov r6, r6, lsl #4
 subs r7, r7, #1
 bne 2b
 ldr r1, =ch
 mov r0, #10
 strb r0, [r1]
 mov r0, #3
 svc #0x123456
 subs r5, r5, #1
 bne 1b
 ldr r1, =blk
 ldr r0, =0x20026
 str r0, [r1]
 mov r0, #0
 str r0, [r1, #4]
 mov r0, #0x20
 svc #0x123456
.ltorg
.align 5
vectors: b . ; movs pc, lr ; b . ; b . ; subs pc, lr, #4 ; b . ; b . ; b .
.data
ch: .word 0
blk: .word 0, 0
.align 4
.space 512
stack:
"""


def encodings(isa, ops):
    """[(name, mask, match, dontcare)] of the instructions in ops."""
    out = []
    for m in re.finditer(r'^insn\s+(\S+)\s+"([01.\- ]+)"', open(isa).read(), re.M):
        name, bits = m.group(1), m.group(2).replace(' ', '')
        if not name.split('.')[0].startswith(ops) or name.startswith('ldrex') or len(bits) != 32:
            continue
        mask = int(''.join('1' if b in '01' else '0' for b in bits), 2)
        match = int(''.join('1' if b == '1' else '0' for b in bits), 2)
        dc = int(''.join('1' if b == '-' else '0' for b in bits), 2)
        out.append((name, mask, match, dc))
    return out


def build(args, words, regs, flags, seed, path):
    lines = ['.text', '.globl _start', '_start:', ' ldr sp, =stack', ' ldr r0, =vectors',
             ' mcr p15, 0, r0, c12, c0, 0', FILL % (REGION, seed | 1), ' b 5f', '.ltorg', '5:']
    lines += [' ldr r%d, =0x%08x' % (i, v) for i, v in enumerate(regs[:13])]
    lines += [' ldr lr, =0x%08x' % regs[13], ' msr apsr_nzcvq, #0x%x' % flags, ' b body', '.ltorg',
              'body:']
    lines += [' .inst 0x%08x' % w for w in words]
    with open(path + '.S', 'w') as f:
        f.write('\n'.join(lines) + TAIL.replace('REGION', '0x%08x' % REGION))
    subprocess.run([args.clang, '--target=armv7a-none-eabi', '-mcpu=cortex-a15', '-marm',
                    '-nostdlib', '-static', args.ld_flag, '-T', args.link, path + '.S', '-o',
                    path + '.elf'], check=True, capture_output=True)
    return path + '.elf'


def keep(text):
    """Is the disassembled instruction deterministic and free of pc/sp?"""
    if '<unknown>' in text or re.search(r'\b(pc|sp)\b', text) or '^' in text:
        return False
    f = text.split(None, 1)
    ops = [o.strip() for o in f[1].split(',')] if len(f) > 1 else []
    if f[0].startswith(('ldm', 'stm')):
        base = ops[0].rstrip('!')
        return not (ops[0].endswith('!') and re.search(r'\b%s\b' % base, text.split('{', 1)[1]))
    if f[0].startswith(('ldr', 'str')) and '[' in text:
        regs = re.findall(r'\b(r\d+|lr)\b', text)
        rt, rn = regs[0], re.search(r'\[(\w+)', text).group(1)
        wb = text.endswith('!') or text.rstrip().endswith(']') is False or '],' in text
        if f[0].startswith(('ldrd', 'strd')):
            rt_n = 14 if rt == 'lr' else int(rt[1:])
            if rt_n % 2 or rt_n == 14 or (wb and rn in regs[:2]):
                return False
        if wb and rt == rn:
            return False
        return True
    if re.match(r'(umull|umlal|smull|smlal|umaal)', f[0]) and ops[0] == ops[1]:
        return False
    if re.match(r'(bfi|bfc|ubfx|sbfx)', f[0]):
        n = [int(x[1:], 0) for x in ops if x.startswith('#')]
        return n[1] >= 1 and n[0] + n[1] <= 32
    return True


BASES = ('r0', 'r1', 'r2', 'r3', 'r4', 'r5')   # mem mode: point into the region
OFFSETS = ('r6', 'r7')                          # small constants
DATA = ('r8', 'r9', 'r10', 'r11', 'r12', 'lr')  # loaded and stored


def keep_mem(text):
    """mem mode: bases stay bases, offsets stay small, data is data."""
    if ('<unknown>' in text or re.search(r'\b(pc|sp)\b', text) or '^' in text
            or re.search(r'rrx|ror', text)):
        return False
    f = text.split(None, 1)
    if f[0].startswith('pld'):
        return True
    regs = re.findall(r'\b(r\d+|lr)\b', f[1])
    if f[0].startswith(('ldm', 'stm')):
        return regs[0] in BASES and all(r in DATA for r in regs[1:])
    sh = re.search(r'#(\d+)\]?!?$', f[1])
    if re.search(r'(lsl|lsr|asr|ror) #(\d+)', f[1]) and int(sh.group(1)) > 8:
        return False
    m = re.search(r'\[(\w+)', f[1])
    if not m:
        return False
    base = m.group(1)
    n = 2 if f[0].startswith(('ldrd', 'strd')) else 1
    offs = regs[n + 1:]
    return (base in BASES and all(r in DATA for r in regs[:n]) and all(r in OFFSETS for r in offs)
            and not (n == 2 and regs[0] == 'lr'))


def disasm(cmd):
    """{address: (word, text)} of an objdump-like listing (text "<unknown>"
    for what the disassembler does not decode)."""
    out = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                         check=True).stdout
    insns = {}
    for line in out.splitlines():
        m = re.match(r'\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)$', line)
        if m:
            text = '<unknown>' if '<unknown>' in m.group(3) else m.group(3).strip()
            insns[int(m.group(1), 16)] = (int(m.group(2), 16), text)
    return insns


def one(args, encs, seed, work):
    rnd = random.Random(seed + (1000 if args.mem else 0))
    special = [0, 1, 0x80000000, 0x7fffffff, 0xffffffff]
    if args.mem:
        regs = ([REGION + 0x80000 + rnd.randrange(4096) for _ in BASES]
                + [rnd.randrange(16) for _ in OFFSETS] + [rnd.getrandbits(32) for _ in DATA])
    else:
        regs = [rnd.choice(special) if i % 3 == 0 else rnd.getrandbits(32) for i in range(14)]
    flags = rnd.getrandbits(5) << 27
    fill = rnd.getrandbits(32)
    words = []
    for _ in range(args.insns * (40 if args.mem else 3)):
        name, mask, match, dc = rnd.choice(encs)
        w = ((rnd.getrandbits(32) & ~mask) | match) & ~dc
        if name == 'clz':
            w |= 0x000f0f00
        words.append((w & 0x0fffffff) | (rnd.randrange(15) << 28))
    base = os.path.join(work, ('rm%d' if args.mem else 'rd%d') % seed)
    elf = build(args, words, regs, flags, fill, base + '-cand')
    dis = disasm([args.morph, 'disasm', elf])
    ref = disasm([args.objdump, '-d', elf])
    ws = set(words)
    good = []
    undecoded = []
    for addr, (w, text) in sorted(dis.items()):
        if w not in ws:
            continue
        if text == '<unknown>':
            llvm = ref.get(addr, (w, '<unknown>'))[1]
            if llvm != '<unknown>':      # described, llvm knows it, Morph does not
                undecoded.append('%08x: llvm-objdump: %s | morph: <unknown>' % (w, llvm))
        elif (keep_mem if args.mem else keep)(text):
            good.append(w)
    good = good[:args.insns]
    if undecoded or len(good) < args.insns // 2:
        diag = undecoded[:10] + ['%d of %d requested instructions left to compare (at least %d '
                                 'needed)' % (len(good), args.insns, args.insns // 2)]
        return False, len(good), diag
    elf = build(args, good, regs, flags, fill, base)
    # stdin from /dev/null: QEMU's -serial stdio fails when stdin is closed (as in CI)
    mo = subprocess.run([args.morph, 'run', elf], stdin=subprocess.DEVNULL, capture_output=True,
                        text=True, timeout=30)
    qo = subprocess.run([args.qemu, '-M', 'virt', '-cpu', 'cortex-a15', '-nographic',
                         '-nic', 'none', '-vga', 'none',
                         '-semihosting', '-monitor', 'none', '-kernel', elf],
                        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
    why = qemu_error(qo.returncode, qo.stderr)
    if why:
        return False, len(good), ['QEMU failed: ' + why]
    q = (qo.stdout + qo.stderr).replace('\r\n', '\n')
    ok = mo.returncode == 0 and qo.returncode == 0 and mo.stdout == q and len(q.split()) == 15
    diag = [] if ok else ['morph: ' + ' '.join(mo.stdout.split()), 'qemu:  ' + ' '.join(q.split())]
    return ok, len(good), diag


def main():
    p = argparse.ArgumentParser()
    for a in ('--morph', '--qemu', '--objdump', '--clang', '--ld-flag', '--isa', '--link'):
        p.add_argument(a, required=True)
    p.add_argument('--seeds', type=int, default=5)
    p.add_argument('--insns', type=int, default=500)
    p.add_argument('--workdir', default='.')
    p.add_argument('--mem', action='store_true', help='loads and stores instead')
    args = p.parse_args()
    for prog, what in ((args.morph, 'morph executable %r is missing (not built)' % args.morph),
                       (args.qemu, missing(args.qemu)), (args.objdump, missing(args.objdump))):
        if not find_exe(prog):
            print('1..1\nnot ok 1 - %s' % what)
            return 0
    encs = encodings(args.isa, MEM_OPS if args.mem else OPS)
    os.makedirs(args.workdir, exist_ok=True)
    print('1..%d' % args.seeds)
    for s in range(1, args.seeds + 1):
        ok, n, diag = one(args, encs, s, args.workdir)
        print('%s %d - seed %d: %d random %s agree with QEMU'
              % ('ok' if ok else 'not ok', s, s, n, 'loads/stores' if args.mem else 'instructions'))
        for d in diag:
            print('# ' + d)
    return 0


if __name__ == '__main__':
    main()
