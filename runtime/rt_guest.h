/* rt_guest.h: the contract between generated guest code and the runtime.
 *
 * morphgen emits, for each guest (e.g. rv32), C that includes this header
 * and defines one `const rt_guest <guest>_guest`. The runtime drives any
 * guest only through this struct and the rt_cpu it points at; target glue in
 * targets/<family>/ implements the hooks and helpers the description names.
 */
#ifndef RT_GUEST_H
#define RT_GUEST_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define rt_likely(x)   __builtin_expect(!!(x), 1)
#define rt_unlikely(x) __builtin_expect(!!(x), 0)
#else
#define rt_likely(x)   (x)
#define rt_unlikely(x) (x)
#endif

typedef struct rt_cpu rt_cpu;
typedef struct rt_machine rt_machine; /* board instance: RAM + devices (rt_machine.h) */
typedef struct rt_guest rt_guest;

/* Runtime fault kinds, mapped to guest exception causes by the description's
 * `exception` table (rt_guest.exc). ORDER RT_EXC */
typedef enum rt_exc_kind {
	RT_EXC_ILLEGAL_INSN,     /* undecodable or illegal instruction; tval = insn bits */
	RT_EXC_FETCH_FAULT,      /* fetch from unmapped memory; tval = address */
	RT_EXC_FETCH_MISALIGNED, /* jump to a misaligned address; tval = address */
	RT_EXC_LOAD_FAULT,       /* load from unmapped memory; tval = address */
	RT_EXC_STORE_FAULT,      /* store to unmapped or read-only memory; tval = address */
	RT_EXC_LOAD_MISALIGNED,  /* reserved for ISAs that trap misaligned loads */
	RT_EXC_STORE_MISALIGNED, /* reserved for ISAs that trap misaligned stores */
	RT_EXC_BREAKPOINT,       /* breakpoint */
	RT_EXC_COUNT
} rt_exc_kind;

/* Why rt_cpu_run stopped (rt_cpu.stop). */
typedef enum rt_stop {
	RT_STOP_NONE,      /* still running */
	RT_STOP_EXIT,      /* guest powered off / exited; exit_code is valid */
	RT_STOP_HTIF_PASS, /* tohost == 1 */
	RT_STOP_HTIF_FAIL, /* tohost == (n << 1) | 1; exit_code = n */
	RT_STOP_MAX_INSNS, /* --max-insns reached */
	RT_STOP_ERROR,     /* runtime error (message in rt_cpu.msg) */
	RT_STOP_COUNT
} rt_stop;

/* An interpreter function: executes one decoded instruction.
 * On entry cpu->pc is its address and cpu->npc = pc + length; it may set
 * cpu->npc (jump). Returns 0 normally, nonzero when the instruction trapped
 * (the target's trap hook has already redirected cpu->npc) or the run must
 * stop (cpu->stop set). */
typedef int (*rt_exec_fn)(rt_cpu *cpu, uint32_t insn);

/* Instruction flags computed by morphgen from the semantics. */
enum {
	RT_INSN_JUMP = 1u << 0,   /* may write pc (ends a basic block) */
	RT_INSN_TRAPS = 1u << 1,  /* contains raise() */
	RT_INSN_HELPER = 1u << 2, /* may call a helper (may change privileged state) */
	RT_INSN_MEM = 1u << 3,    /* loads or stores memory */
	RT_INSN_DELAY = 1u << 4,  /* has a delayed jump (next insn is a delay slot) */
};

/* One instruction of a guest, indexed by the id the decoder returns. */
typedef struct rt_insn_info {
	const char *name;  /* as in the description: "c.addi" */
	rt_exec_fn exec;   /* generated interpreter function */
	uint8_t length;    /* bytes */
	uint8_t flags;     /* RT_INSN_* */
	const char *where; /* "desc/isa/riscv/rv_i.isa:42" */
	/* Extension: the encoding's fixed bits; a word w is this instruction
	 * only if (w & mask) == match (tests, tools). */
	uint32_t mask, match;
} rt_insn_info;

/* A generated guest: everything the runtime knows about an ISA instance. */
struct rt_guest {
	const char *name;              /* "rv32" */
	const char *family;            /* "riscv" */
	uint16_t elf_machine;          /* e_machine */
	uint8_t elf_class;             /* 32 or 64 */
	uint8_t big_endian;            /* 1 = big-endian guest */
	uint8_t word_bits;             /* width of pc and addresses */
	uint8_t parcel_bytes;          /* fetch unit */
	uint8_t max_insn_bytes;        /* longest instruction */
	unsigned nslots;               /* uint64_t register slots in rt_cpu.r */
	const char *const *slot_names; /* nslots names for traces ("x1", "res_valid") */
	/* Length in bytes of the instruction whose first parcel is given. */
	unsigned (*insn_length)(uint32_t first_parcel);
	/* Instruction id of the `len`-byte word `insn`, or -1 if illegal. */
	int (*decode)(uint32_t insn, unsigned len);
	const rt_insn_info *insns;
	unsigned ninsns;
	/* Disassemble instruction `id` (word `insn` at `pc`) into buf; returns
	 * the text length (snprintf-style). Mnemonic and operands are separated
	 * by one '\t'. */
	int (*disasm)(int id, uint32_t insn, uint64_t pc, char *buf, size_t n);
	/* Target hooks (targets/<family>/). */
	int (*init)(rt_cpu *cpu);   /* allocate cpu->target; 0 = ok */
	void (*fini)(rt_cpu *cpu);  /* free cpu->target */
	void (*reset)(rt_cpu *cpu); /* architectural reset (pc set by the loader) */
	void (*trap)(rt_cpu *cpu, uint64_t cause, uint64_t tval);
	/* Take a pending interrupt; 1 if taken. Called between instructions
	 * with cpu->pc == cpu->npc == the next instruction's address; like trap,
	 * it saves cpu->pc as the return address and redirects cpu->npc. The run
	 * loop calls it after every instruction that called a helper (which sets
	 * cpu->check), whenever a line of cpu->irq_lines changes, and every few
	 * thousand instructions. */
	int (*interrupt)(rt_cpu *cpu);
	uint64_t exc[RT_EXC_COUNT]; /* rt_exc_kind -> guest cause */
	/* Extension: give hard-wired registers (`hardwire X[0] = 0`) their
	 * values; call after zeroing cpu->r, before g->reset. Generated code
	 * drops writes to them, so they keep the value. */
	void (*reset_regs)(rt_cpu *cpu);
	/* Extension: address translation (`translate NAME;` in the
	 * description; NULL = guest addresses are physical). Maps vaddr for an
	 * access of kind RT_ACCESS_* to a physical address in *paddr; returns
	 * 0, or 1 after raising the guest's exception (TLB miss, address error).
	 * The runtime calls it on the slow path only: the RAM fast path uses the
	 * window [cpu->ram_base, + ram_size), which the target's init may move to
	 * the virtual addresses where RAM is seen linearly (MIPS: kseg0). With
	 * cpu == NULL (the ELF loader) it must not raise: it gives the physical
	 * address at which an image segment linked at vaddr is loaded. */
	int (*translate)(rt_cpu *cpu, uint64_t vaddr, unsigned access, uint64_t *paddr);
};

/* Access kinds passed to rt_guest.translate. */
enum { RT_ACCESS_LOAD, RT_ACCESS_STORE, RT_ACCESS_FETCH };

/* A virtual CPU. Generated code touches only the fields marked (gen). */
struct rt_cpu {
	uint64_t pc;                /* (gen) address of the current instruction */
	uint64_t npc;               /* (gen) next pc; an instruction writes it to jump */
	uint64_t *r;                /* (gen) register slots, values kept masked to width */
	uint64_t delay_pc;          /* (gen) target of a pending delayed jump */
	int delay_pending;          /* (gen) 1 = jump to delay_pc after the next insn */
	int trapped;                /* (gen) set by rt_raise during the current insn
	                         (0 whenever an instruction starts) */
	rt_stop stop;               /* set to stop the run loop */
	int exit_code;              /* with RT_STOP_EXIT / RT_STOP_HTIF_FAIL */
	const rt_guest *g;          /* the guest */
	rt_machine *m;              /* the board instance: memory and devices */
	void *target;               /* state of targets/<family>/ (CSRs, mode, ...) */
	uint64_t insns;             /* instructions retired */
	uint64_t max_insns;         /* 0 = no limit */
	_Atomic uint64_t irq_lines; /* level of each interrupt line (board wiring;
	                               device servers set them from their threads) */
	int trace;                  /* print each instruction */
	uint8_t *ram;               /* (gen) host address of guest RAM (fast path) */
	uint64_t ram_base;          /* (gen) guest physical address of RAM */
	uint64_t ram_size;          /* (gen) bytes of RAM */
	char msg[256];              /* reason for RT_STOP_ERROR */
	/* ---- runtime-private (extension): generated code reaches these only
	 * through the inline functions of rt_mem.h. ---- */
	uint8_t *code_map;        /* one byte per 2^RT_CODE_LINE_SHIFT bytes of RAM:
	                         nonzero = decoded code from there is cached */
	uint8_t swap;             /* guest byte order differs from the host's */
	volatile int check;       /* (gen) nonzero: at the next instruction
	                         boundary look at stop, interrupts and timers
	                         (set by generated code after every helper
	                         call, by traps, MMIO that changed a line,
	                         services and rt_machine_exit; only ever by
	                         the vCPU's thread, or by a device's server
	                         while the vCPU waits for its reply) */
	struct rt_icache *icache; /* decode cache (rt_cpu.c) */
	uint64_t storm;           /* consecutive traps with nothing retired */
	uint64_t storm_insns;     /* cpu->insns at the previous trap */
	uint64_t flushes;         /* decode cache flushes (statistics) */
	uint8_t code_alias;       /* code was decoded outside the RAM window
	                         (through rt_guest.translate): a store to a
	                         code line flushes the whole decode cache */
	uint64_t storm_limit;     /* traps in a row that stop the run
	                         (0 = RT_TRAP_STORM; tests lower it) */
	uint64_t code_writes;     /* stores that hit cached code */
	struct rt_jit *jit;       /* the LLVM tier's state (rt_jit.c), or NULL */
	uint8_t time_tiers;       /* time each entry into compiled code (for
	                         --stats: two clock reads an entry) */
};

/* Raise a guest exception from generated code or a helper: calls the
 * target's trap hook (which redirects cpu->npc) and marks the instruction
 * as trapped. Always returns 1 so callers can `return rt_raise(...)`. */
int rt_raise(rt_cpu *cpu, uint64_t cause, uint64_t tval);

/* Raise a runtime fault kind (mapped through g->exc). Returns 1. */
int rt_fault(rt_cpu *cpu, rt_exc_kind kind, uint64_t tval);

/* Generated code does not call these directly: it includes rt_mem.h and
 * calls its static inline rt_ld()/rt_st(), same signatures, which try the
 * RAM fast path (cpu->ram) and fall back to rt_load()/rt_store().
 *
 * Guest memory access in guest byte order; `bytes` is 1, 2, 4 or 8.
 * Returns 0 on success; on failure raises the load/store fault (through
 * rt_fault) and returns 1. Implemented in runtime/rt_mem.c, with an inline
 * RAM fast path in rt_mem.h. */
int rt_load(rt_cpu *cpu, uint64_t addr, unsigned bytes, uint64_t *val);
int rt_store(rt_cpu *cpu, uint64_t addr, unsigned bytes, uint64_t val);

/* Drop every cached translation/decoding (fence.i, self-modifying code). */
void rt_flush_code(rt_cpu *cpu);

/* Wait for an interrupt (RISC-V wfi): returns at once if an interrupt line
 * is set; otherwise sleeps until the earliest armed device timer fires. If
 * no interrupt can ever come, stops the run with RT_STOP_ERROR. Extension. */
void rt_cpu_wfi(rt_cpu *cpu);

#endif /* RT_GUEST_H */
