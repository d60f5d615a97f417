/* rt_cli.c: the `morph` command line: run, disasm, help, version.
 * The only part of the runtime that prints; everything below returns codes
 * and messages. */
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h> /* vsnprintf */
#include <stdlib.h>
#include <string.h>

#include "mk.h"
#include "rt_cli.h"
#include "rt_cpu.h"
#include "rt_elf.h"
#include "rt_jit.h"
#include "rt_machine.h"
#include "rt_num.h"
#include "rt_semihost.h"
#include "rt_server.h"
#include "rt_vms.h"

/* Standard output, buffered here and written through the microkernel. */
static char out_buf[16384];
static size_t out_len;
static int out_err; /* a write failed */

/* Write the buffered output; 0, or -1 if any write failed. */
static int out_flush(void)
{
	if (out_len && mk_console_write(out_buf, out_len) != MK_OK)
		out_err = 1;
	out_len = 0;
	return out_err ? -1 : 0;
}

/* Append text to standard output. */
static void out_str(const char *t)
{
	for (size_t n = strlen(t); n;) {
		if (out_len == sizeof out_buf)
			out_flush();
		size_t k = sizeof out_buf - out_len < n ? sizeof out_buf - out_len : n;
		memcpy(out_buf + out_len, t, k);
		out_len += k;
		t += k;
		n -= k;
	}
}

/* printf to standard output (one piece of up to 1 KiB). */
static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
	char b[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b, sizeof b, fmt, ap);
	va_end(ap);
	out_str(b);
}

#ifndef MORPH_VERSION
#define MORPH_VERSION "0.0.0"
#endif

static const char usage_main[] =
        "usage: morph run [options] guest.elf     run a guest program on a board\n"
        "       morph run [options] --vm A.elf --vm B.elf ...\n"
        "                                         run several VMs at once\n"
        "       morph disasm [options] guest.elf  disassemble its executable sections\n"
        "       morph --help | --version\n"
        "\n"
        "`morph run --help` and `morph disasm --help` list the options.\n"
        "\n"
        "Exit status of `morph run`:\n"
        "  0      the guest exited with 0 (finisher pass, HTIF tohost = 1, semihosting\n"
        "         SYS_EXIT with ADP_Stopped_ApplicationExit and code 0)\n"
        "  N      the guest reported failure code N (finisher fail, semihosting exit code N;\n"
        "         N & 0xff, or 1 if that is 0; other semihosting exit reasons give 1)\n"
        "  1      HTIF failure (tohost = N << 1 | 1; `morph: FAIL: test N` on stderr);\n"
        "         finisher fail with code 0 (QEMU exits 0 for it; a failure never does here)\n"
        "  2      usage error (unknown option, missing argument)\n"
        "  3      cannot load the guest (missing, malformed, truncated or foreign ELF,\n"
        "         segments outside RAM, entry point outside every segment)\n"
        "  4      stopped by --max-insns\n"
        "  5      the guest stopped on a runtime error (trap loop, wfi that can never wake);\n"
        "         a VM's task crashed\n"
        "  6      a VM outlived its timeout= (several VMs)\n"
        "With several VMs, morph exits with the status of the first VM (in the order\n"
        "given) that did not exit 0, or 0.\n";

static const char usage_run[] =
        "usage: morph run [options] guest.elf\n"
        "       morph run [options] (--vm SPEC | --config FILE)...\n"
        "\n"
        "Load an ELF guest into the board's RAM and run it from its entry point.\n"
        "Console input (a terminal is put in raw mode) goes to the (first) VM;\n"
        "Ctrl-A x quits, Ctrl-A Ctrl-A sends Ctrl-A.\n"
        "\n"
        "options:\n"
        "  --max-insns N   stop after N guest instructions (exit status 4); N is\n"
        "                  decimal digits, or hex digits after 0x\n"
        "  --trace         print `pc: instruction` for each instruction on stderr\n"
        "  --stats         print instructions, wall time and guest MIPS on stderr\n"
        "  --engine E      auto: interpret, compile hot code with LLVM on a second\n"
        "                  thread (the default); interp: the interpreter only; jit:\n"
        "                  compile every region before running it\n"
        "  --board NAME    board to run on (default: the first board of the guest's family)\n"
        "  --guest NAME    guest ISA instance (default: chosen from the ELF header)\n"
        "  --semihosting   serve semihosting calls: console, clocks, exit; never host\n"
        "                  files (the default)\n"
        "  --no-semihosting\n"
        "                  semihosting traps (RISC-V ebreak, ARM svc/hlt, MIPS sdbbp)\n"
        "                  are plain guest exceptions\n"
        "  --vm SPEC       run one more VM, concurrently with the others, each in a\n"
        "                  task (host process) of its own: SPEC is\n"
        "                  FILE[,key=value...] with keys name (prefix of its output\n"
        "                  lines, default: the file's base name), guest, board,\n"
        "                  engine, max-insns, semihosting=on|off, console=PATH (its\n"
        "                  output to a file instead) and timeout=SECONDS (then it is\n"
        "                  stopped: status 6); the other options apply to every VM\n"
        "  --config FILE   the VMs of a file: one `vm FILE [key=value...]` per line,\n"
        "                  `#` starts a comment\n"
        "  -h, --help      this help\n"
        "\n"
        "Exit status: see `morph --help`.\n";

static const char usage_disasm[] =
        "usage: morph disasm [options] guest.elf\n"
        "\n"
        "Disassemble every executable section, llvm-objdump style.\n"
        "\n"
        "options:\n"
        "  --guest NAME    guest ISA instance (default: chosen from the ELF header)\n"
        "  -h, --help      this help\n";

/* One-line usage error. */
static int usage_error(const char *cmd, const char *what)
{
	char b[1024];
	int k = snprintf(b, sizeof b, "morph%s%s: %s (try `morph%s%s --help`)\n", cmd ? " " : "",
	                 cmd ? cmd : "", what, cmd ? " " : "", cmd ? cmd : "");
	mk_log_write(b, k < 0 ? 0 : (size_t)k < sizeof b ? (size_t)k : sizeof b - 1);
	return RT_EXIT_USAGE;
}

/* Options shared by run and disasm. */
typedef struct cli_opts {
	uint64_t max_insns;
	int trace, stats;
	int no_semihost;  /* --no-semihosting */
	rt_engine engine; /* --engine */
	const char *board, *guest, *file;
	rt_vm_list *vms; /* --vm, --config (run only) */
} cli_opts;

/* The VM whose messages are printed now (several VMs), or NULL. */
static const char *cur_vm;

/* One message line on stderr: "morph: [vm] text" (vm NULL: "morph: text"). */
void rt_cli_say(const char *vm, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int k = snprintf(buf, sizeof buf, "morph: %s%s%s", vm ? "[" : "", vm ? vm : "",
	                 vm ? "] " : "");
	va_start(ap, fmt);
	int m = vsnprintf(buf + k, sizeof buf - (size_t)k - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		m = 0;
	k += m;
	if ((size_t)k > sizeof buf - 2)
		k = (int)sizeof buf - 2;
	buf[k++] = '\n';
	mk_log_write(buf, (size_t)k);
}

/* A message about the current VM (or none). */
#define say(...) rt_cli_say(cur_vm, __VA_ARGS__)

/* The one parser of numeric options (rt_num.h), from 1 to max. 0 on
 * success, -1 otherwise. */
static int parse_count(const char *s, uint64_t max, uint64_t *v)
{
	uint64_t x;
	if (rt_parse_uint(s, max, &x) || x == 0)
		return -1;
	*v = x;
	return 0;
}

/* getopt_long over a subcommand's arguments; returns -1 to go on, or an
 * exit status (help printed, usage error). */
static int parse_opts(const char *cmd, int argc, char **argv, cli_opts *o, int allow_run)
{
	enum {
		O_MAX = 256,
		O_TRACE,
		O_STATS,
		O_BOARD,
		O_GUEST,
		O_SEMI,
		O_NOSEMI,
		O_ENGINE,
		O_VM,
		O_CONFIG
	};
	static const struct option run_opts[] = {
	        {"max-insns", required_argument, NULL, O_MAX},
	        {"trace", no_argument, NULL, O_TRACE},
	        {"stats", no_argument, NULL, O_STATS},
	        {"board", required_argument, NULL, O_BOARD},
	        {"guest", required_argument, NULL, O_GUEST},
	        {"semihosting", no_argument, NULL, O_SEMI},
	        {"no-semihosting", no_argument, NULL, O_NOSEMI},
	        {"engine", required_argument, NULL, O_ENGINE},
	        {"vm", required_argument, NULL, O_VM},
	        {"config", required_argument, NULL, O_CONFIG},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	static const struct option dis_opts[] = {
	        {"guest", required_argument, NULL, O_GUEST},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	char msg[512];
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+:h", allow_run ? run_opts : dis_opts, NULL)) != -1) {
		switch (c) {
		case O_MAX:
			if (parse_count(optarg, UINT64_MAX, &o->max_insns) != 0) {
				snprintf(
				        msg, sizeof msg,
				        "--max-insns wants a positive count (decimal, or hex after "
				        "0x, below 2^64), not '%.40s'",
				        optarg);
				return usage_error(cmd, msg);
			}
			break;
		case O_TRACE: o->trace = 1; break;
		case O_STATS: o->stats = 1; break;
		case O_BOARD: o->board = optarg; break;
		case O_GUEST: o->guest = optarg; break;
		case O_SEMI: o->no_semihost = 0; break;
		case O_NOSEMI: o->no_semihost = 1; break;
		case O_ENGINE:
			if (strcmp(optarg, "interp") == 0)
				o->engine = RT_ENGINE_INTERP;
			else if (strcmp(optarg, "jit") == 0)
				o->engine = RT_ENGINE_JIT;
			else if (strcmp(optarg, "auto") == 0)
				o->engine = RT_ENGINE_AUTO;
			else {
				snprintf(msg, sizeof msg,
				         "--engine wants interp, jit or auto, not '%s'", optarg);
				return usage_error(cmd, msg);
			}
			break;
		case O_VM:
		case O_CONFIG: {
			char e[400];
			int bad = c == O_VM ? rt_vms_add_spec(o->vms, optarg, e, sizeof e)
			                    : rt_vms_add_config(o->vms, optarg, e, sizeof e);
			if (bad) {
				snprintf(msg, sizeof msg, "%s %.400s",
				         c == O_VM ? "--vm:" : "--config:", e);
				return usage_error(cmd, msg);
			}
			break;
		}
		case 'h':
			out_str(allow_run ? usage_run : usage_disasm);
			return out_flush() ? RT_EXIT_ERROR : RT_EXIT_OK;
		case ':':
			snprintf(msg, sizeof msg, "option '%s' needs an argument",
			         argv[optind - 1]);
			return usage_error(cmd, msg);
		default:
			snprintf(msg, sizeof msg, "unknown option '%s'", argv[optind - 1]);
			return usage_error(cmd, msg);
		}
	}
	if (o->vms && o->vms->n) {
		if (optind < argc)
			return usage_error(cmd, "a guest file and --vm/--config do not mix (give "
			                        "each guest as a --vm)");
		return -1;
	}
	if (optind >= argc)
		return usage_error(cmd, "no guest file given");
	if (optind + 1 < argc) {
		snprintf(msg, sizeof msg, "unexpected argument '%s'", argv[optind + 1]);
		return usage_error(cmd, msg);
	}
	o->file = argv[optind];
	return -1;
}

/* Open the ELF and choose its guest (--guest or from the header).
 * Returns -1 on success or an exit status after printing the error. */
static int open_guest(const cli_opts *o, const char *cmd, rt_elf **elf, const rt_guest **g)
{
	char err[512];
	if (o->guest && !rt_guest_find(o->guest)) {
		snprintf(err, sizeof err, "unknown guest '%s'", o->guest);
		if (cur_vm) {
			say("%s", err);
			return RT_EXIT_USAGE;
		}
		return usage_error(cmd, err);
	}
	if (rt_elf_open(o->file, elf, err, sizeof err) != RT_OK) {
		say("%s", err);
		return RT_EXIT_LOAD;
	}
	if (o->guest) {
		*g = rt_guest_find(o->guest);
		if ((*g)->elf_machine != rt_elf_machine(*elf)) {
			say("%s: ELF machine %u is not guest %s's (%u)", o->file,
			    rt_elf_machine(*elf), (*g)->name, (*g)->elf_machine);
			rt_elf_close(*elf);
			return RT_EXIT_LOAD;
		}
		return -1;
	}
	if (rt_elf_pick_guest(*elf, rt_all_guests, g, err, sizeof err) != RT_OK) {
		say("%s", err);
		rt_elf_close(*elf);
		return RT_EXIT_LOAD;
	}
	return -1;
}

/* First free address after the image for SYS_HEAPINFO: the linker's end
 * symbols; 0 = unknown. */
static uint64_t heap_start(const rt_elf *elf)
{
	static const char *const names[] = {"__heap_start", "_end", "end", "__end"};
	uint64_t v;
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
		if (rt_elf_symbol(elf, names[i], &v))
			return v;
	return 0;
}

/* Build the machine and vCPU and load the image. NULL + message on error. */
static rt_cpu *setup(const cli_opts *o, rt_elf *elf, const rt_guest *g, const rt_board_desc *b,
                     char *err, size_t n)
{
	rt_machine *m;
	rt_cpu *cpu;
	uint64_t th;
	if (rt_machine_create(b, &m, err, n) != RT_OK)
		return NULL;
	if (rt_elf_load_guest(elf, g, m->ram, m->ram_base, m->ram_size, err, n) != RT_OK ||
	    rt_cpu_create(g, m, &cpu, err, n) != RT_OK) {
		rt_machine_destroy(m);
		return NULL;
	}
	if (rt_machine_boot(m, cpu, rt_elf_entry(elf), err, n) != RT_OK) {
		rt_cpu_destroy(cpu);
		rt_machine_destroy(m);
		return NULL;
	}
	if (rt_elf_symbol(elf, "tohost", &th) && th - m->ram_base < m->ram_size &&
	    m->ram_size - (th - m->ram_base) >= 8) {
		m->htif = 1;
		m->tohost = th;
		if (!rt_elf_symbol(elf, "fromhost", &m->fromhost) ||
		    m->fromhost - m->ram_base >= m->ram_size ||
		    m->ram_size - (m->fromhost - m->ram_base) < 8)
			m->fromhost = 0;
	}
	if (!o->no_semihost && rt_semihost_enable(m, o->file, heap_start(elf)) != RT_OK) {
		rt_cpu_destroy(cpu);
		rt_machine_destroy(m);
		snprintf(err, n, "out of memory");
		return NULL;
	}
	cpu->max_insns = o->max_insns;
	cpu->trace = o->trace;
	cpu->time_tiers = (uint8_t)o->stats;
	/* --trace shows every instruction: the interpreter runs them all */
	if (!o->trace && rt_jit_attach(cpu, o->engine, err, n) != RT_OK) {
		rt_cpu_destroy(cpu);
		rt_machine_destroy(m);
		return NULL;
	}
	return cpu;
}

/* Map a stop reason to the exit status, printing what the user must know. */
static int report_stop(rt_cpu *cpu)
{
	switch (cpu->stop) {
	case RT_STOP_EXIT:
		if (cpu->msg[0])
			say("%s", cpu->msg);
		if (cpu->exit_code == 0)
			return RT_EXIT_OK;
		return (cpu->exit_code & 0xff) ? (cpu->exit_code & 0xff) : 1;
	case RT_STOP_HTIF_PASS: return RT_EXIT_OK;
	case RT_STOP_HTIF_FAIL:
		say("FAIL: test %d (tohost = 0x%llx)", cpu->exit_code,
		    ((unsigned long long)cpu->exit_code << 1) | 1);
		return RT_EXIT_FAIL;
	case RT_STOP_MAX_INSNS: say("%s", cpu->msg); return RT_EXIT_MAX_INSNS;
	default: say("error: %s", cpu->msg[0] ? cpu->msg : "run stopped"); return RT_EXIT_ERROR;
	}
}

/* Print --stats (instructions, time, tiers, memory). */
static void print_stats(rt_cpu *cpu, uint64_t dt, uint64_t dc)
{
	double s = (double)dt / 1e9, cs = (double)dc / 1e9;
	uint64_t ipc = 0;
	for (int i = 0; i < cpu->m->ndevs; i++)
		ipc += rt_server_calls(cpu->m->devs[i]);
	say("stats: %" PRIu64 " instructions, %.3f s, %.1f guest MIPS "
	    "(CPU %.3f s, %.1f MIPS; %s on %s, %" PRIu64 " MMIO accesses (%" PRIu64
	    " by IPC), %" PRIu64 " code flushes)",
	    cpu->insns, s, s > 0 ? (double)cpu->insns / s / 1e6 : 0.0, cs,
	    cs > 0 ? (double)cpu->insns / cs / 1e6 : 0.0, cpu->g->name, cpu->m->board->name,
	    cpu->m->mmio_accesses, ipc, cpu->flushes);
	if (cpu->jit) {
		rt_jit_stats js = rt_jit_get_stats(cpu);
		double jt = (double)js.jit_ns / 1e9;
		say("stats: jit: %" PRIu64 " regions (%" PRIu64 " guest instructions) compiled in "
		    "%.3f s, %" PRIu64 " invalidated; %.1f%% of instructions in compiled code "
		    "(%.1f an entry); time: %.3f s compiled code, %.3f s interpreter and runtime",
		    js.regions, js.region_insns, (double)js.compile_ns / 1e9, js.invalidated,
		    cpu->insns ? 100.0 * (double)js.jit_insns / (double)cpu->insns : 0.0,
		    js.entries ? (double)js.jit_insns / (double)js.entries : 0.0, jt,
		    s > jt ? s - jt : 0.0);
	}
	say("stats: peak memory %" PRIu64 " KiB", mk_peak_rss_kb());
}

/* The console of VM `index` (-1: the only one): a file, or prefixed lines
 * (several VMs), and its stderr prefixed likewise; console input for the
 * first. 0, or an exit status. */
static int console_setup(rt_machine *m, const rt_vm_spec *v, int index)
{
	static char prefix[48];
	char err[256];
	if (index >= 0) {
		snprintf(prefix, sizeof prefix, "[%s] ", v->name);
		m->err.prefix = prefix; /* the guest's stderr stays the host's */
		mk_err e = v->console ? mk_file_create(v->console, &m->con.file) : MK_OK;
		if (e != MK_OK) {
			say("console=%s: %s", v->console, mk_strerror(e));
			return RT_EXIT_LOAD;
		}
		if (!v->console)
			m->con.prefix = prefix;
	}
	if (index <= 0 && rt_machine_input(m, err, sizeof err) != RT_OK) {
		say("%s", err);
		return RT_EXIT_ERROR;
	}
	return 0;
}

/* Run one guest: v's settings over the run's options o; index is the VM's
 * place among several, or -1. Returns the exit status. */
static int run_one(const cli_opts *run, const rt_vm_spec *v, int index)
{
	cli_opts o = *run;
	rt_elf *elf;
	const rt_guest *g;
	char err[512];
	int r;
	o.file = v->file;
	o.guest = v->guest ? v->guest : o.guest;
	o.board = v->board ? v->board : o.board;
	o.engine = v->engine >= 0 ? (rt_engine)v->engine : o.engine;
	o.max_insns = v->max_insns ? v->max_insns : o.max_insns;
	o.no_semihost = v->semihost >= 0 ? !v->semihost : o.no_semihost;
	cur_vm = index >= 0 ? v->name : NULL;
	const rt_board_desc *b = NULL;
	if (o.board && !(b = rt_board_find(o.board, NULL))) {
		if (index < 0) {
			snprintf(err, sizeof err, "unknown board '%s'", o.board);
			return usage_error("run", err);
		}
		say("unknown board '%s'", o.board);
		return RT_EXIT_USAGE;
	}
	if ((r = open_guest(&o, "run", &elf, &g)) >= 0)
		return r;
	if (!b)
		b = rt_board_find(NULL, g->family);
	if (!b || strcmp(b->family, g->family) != 0) {
		say("%s: no board runs %s guests%s%s", o.file, g->family, b ? "; board " : "",
		    b ? b->name : "");
		rt_elf_close(elf);
		return RT_EXIT_LOAD;
	}
	rt_cpu *cpu = setup(&o, elf, g, b, err, sizeof err);
	rt_elf_close(elf);
	if (!cpu) {
		say("%s", err);
		return RT_EXIT_LOAD;
	}
	if ((r = console_setup(cpu->m, v, index)) != 0) {
		rt_machine *m = cpu->m;
		rt_cpu_destroy(cpu);
		rt_machine_destroy(m);
		return r;
	}
	uint64_t t0 = mk_time_ns(), c0 = mk_cpu_time_ns();
	rt_cpu_run(cpu);
	uint64_t dt = mk_time_ns() - t0, dc = mk_cpu_time_ns() - c0;
	rt_console_flush(cpu->m);
	r = report_stop(cpu);
	if (o.stats)
		print_stats(cpu, dt, dc);
	if (rt_jit_busy(cpu)) {
		/* the guest is done; a region still compiling is of no use, and a
		 * short run must not wait for LLVM (the machine's own threads
		 * end first: they are quick to stop) */
		rt_machine_stop(cpu->m);
		mk_exit_now(r);
	}
	rt_machine *m = cpu->m;
	rt_cpu_destroy(cpu);
	rt_machine_destroy(m);
	return r;
}

/* The run's options, for the VMs' tasks. */
static const cli_opts *run_opts;

/* Run VM `index` inside its task. */
static int run_vm(const rt_vm_spec *v, int index)
{
	return run_one(run_opts, v, index);
}

/* morph run. */
static int cmd_run(int argc, char **argv)
{
	static rt_vm_list vms;
	cli_opts o = {.engine = RT_ENGINE_AUTO, .vms = &vms};
	int r = parse_opts("run", argc, argv, &o, 1);
	if (r < 0 && vms.n) {
		run_opts = &o;
		r = rt_vms_run(&vms, run_vm);
	} else if (r < 0) {
		rt_vm_spec one = {.file = o.file, .engine = -1, .semihost = -1};
		r = run_one(&o, &one, -1);
	}
	rt_vms_free(&vms);
	return r;
}

/* State of one `morph disasm`. */
typedef struct dis_state {
	const rt_elf *elf;
	const rt_guest *g;
} dis_state;

/* Print the encoding column: hex of the instruction, llvm-objdump style. */
static void print_enc(uint32_t insn, unsigned len)
{
	char enc[16];
	snprintf(enc, sizeof enc, "%0*x", (int)len * 2, insn);
	out("%-12s \t", enc);
}

/* After a jump whose last operand is an absolute address, print the
 * symbol it lands in as llvm-objdump does: ` <sym+0x10>`. */
static void print_target(const rt_elf *elf, const char *text)
{
	const char *t = text + strlen(text);
	while (t > text && t[-1] != ' ' && t[-1] != '\t' && t[-1] != ',')
		t--;
	if (t[0] != '0' || t[1] != 'x' || !t[2] ||
	    strspn(t + 2, "0123456789abcdef") != strlen(t + 2))
		return;
	uint64_t off, addr = strtoull(t + 2, NULL, 16);
	const char *sym = rt_elf_label_before(elf, addr, &off);
	if (sym && off)
		out(" <%s+0x%" PRIx64 ">", sym, off);
	else if (sym)
		out(" <%s>", sym);
}

/* Disassemble one section. */
static int dis_section(void *arg, const char *name, uint64_t addr, const uint8_t *data,
                       uint64_t size)
{
	const dis_state *st = arg;
	const rt_guest *g = st->g;
	unsigned pb = g->parcel_bytes;
	int w = g->elf_class == 64 ? 16 : 8;
	out("\nDisassembly of section %s:\n", name);
	for (uint64_t off = 0; off < size;) {
		uint64_t pc = addr + off;
		const char *lab = rt_elf_label_at(st->elf, pc);
		if (lab || off == 0)
			out("\n%0*" PRIx64 " <%s>:\n", w, pc, lab ? lab : name);
		if (size - off < pb) { /* a trailing odd byte */
			out("%8" PRIx64 ": ", pc);
			print_enc(data[off], 1);
			out_str("<unknown>\n");
			off++;
			continue;
		}
		uint32_t p0 = 0, insn;
		for (unsigned i = 0; i < pb; i++)
			p0 |= (uint32_t)data[off + i] << (g->big_endian ? 8 * (pb - 1 - i) : 8 * i);
		unsigned len = g->insn_length(p0);
		if (len < pb || len > 4 || len % pb || len > size - off)
			len = pb;
		insn = p0;
		for (unsigned i = pb; i < len; i += pb) {
			uint32_t p = 0;
			for (unsigned j = 0; j < pb; j++)
				p |= (uint32_t)data[off + i + j]
				     << (g->big_endian ? 8 * (pb - 1 - j) : 8 * j);
			insn = g->big_endian ? (insn << (8 * pb)) | p : insn | (p << (8 * i));
		}
		char text[160];
		int id = rt_cpu_disasm(g, insn, len, pc, text, sizeof text);
		out("%8" PRIx64 ": ", pc);
		print_enc(insn, len);
		out_str(text);
		if (id >= 0 && (g->insns[id].flags & RT_INSN_JUMP))
			print_target(st->elf, text);
		out_str("\n");
		off += len;
	}
	return 0;
}

/* morph disasm. */
static int cmd_disasm(int argc, char **argv)
{
	cli_opts o = {.engine = RT_ENGINE_AUTO};
	rt_elf *elf;
	const rt_guest *g;
	int r = parse_opts("disasm", argc, argv, &o, 0);
	if (r >= 0)
		return r;
	if ((r = open_guest(&o, "disasm", &elf, &g)) >= 0)
		return r;
	out("\n%s:\tfile format elf%u-%s%s\n", o.file, rt_elf_class(elf),
	    rt_elf_big_endian(elf) ? "big" : "little", g->family);
	dis_state st = {elf, g};
	rt_elf_exec_sections(elf, dis_section, &st);
	rt_elf_close(elf);
	return out_flush() == 0 ? RT_EXIT_OK : RT_EXIT_ERROR;
}

/* Entry point of the morph executable. */
int rt_cli_main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error(NULL, "no command given");
	const char *cmd = argv[1];
	char msg[160];
	int help = strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0;
	int version = strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0;
	if ((help || version) && argc > 2) {
		snprintf(msg, sizeof msg, "unexpected argument '%.80s'", argv[2]);
		return usage_error(NULL, msg);
	}
	if (help) {
		out_str(usage_main);
		return out_flush() ? RT_EXIT_ERROR : RT_EXIT_OK;
	}
	if (version) {
		out("morph %s\n", MORPH_VERSION);
		return out_flush() ? RT_EXIT_ERROR : RT_EXIT_OK;
	}
	if (strcmp(cmd, "run") == 0)
		return cmd_run(argc - 1, argv + 1);
	if (strcmp(cmd, "disasm") == 0)
		return cmd_disasm(argc - 1, argv + 1);
	snprintf(msg, sizeof msg, "unknown command '%.80s'", cmd);
	return usage_error(NULL, msg);
}
