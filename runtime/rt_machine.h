/* rt_machine.h: a board instance — guest RAM, device servers, interrupt
 * wiring, timers, console and the HTIF mailbox — built from a generated
 * rt_board_desc. The services device servers call are in rt_board.h. */
#ifndef RT_MACHINE_H
#define RT_MACHINE_H

#include <stddef.h>
#include <stdint.h>

#include "mk.h"
#include "rt_board.h"
#include "rt_err.h"
#include "rt_guest.h"

/* Every guest and board of this build (generated morph_registry.c). */
extern const rt_guest *const rt_all_guests[];
extern const rt_board_desc *const rt_all_boards[];

/* A line-buffered output stream of a machine: flushed at each newline and
 * when full, each line after `prefix`, to `file` if set, else to the host
 * console (`log` 0) or log stream (`log` 1). */
typedef struct rt_out {
	char buf[4096];
	size_t len;
	int bol;            /* the next byte starts a line */
	int log;            /* 1: the host's log stream (stderr) */
	const char *prefix; /* put before each line, or NULL */
	mk_file *file;      /* output goes here instead */
} rt_out;

struct rt_machine {
	const rt_board_desc *board;
	uint8_t *ram; /* host mapping of guest RAM (guard pages around) */
	uint64_t ram_base, ram_size;
	rt_dev **devs;    /* instances, same order as board->devs */
	rt_dev **by_base; /* instances sorted by base, for dispatch */
	int ndevs;
	rt_cpu *cpu;              /* the vCPU whose lines the devices drive */
	uint64_t t0;              /* mk_time_ns() at creation */
	mk_notify *irq_notify;    /* signalled when a line changes (wfi sleeps on it) */
	_Atomic int timers_armed; /* device timers armed (rt_server.c) */
	_Atomic int quit;         /* Ctrl-A x: stop at the next look */
	/* console input: the input thread fills the ring, the console device's
	 * server drains it (rt_console_getc) */
	rt_dev *input_dev;      /* the device fed by console input */
	mk_thread *input;       /* the input thread, NULL = no input */
	_Atomic int input_open; /* more input may come */
	_Atomic int input_eof;  /* the input thread saw the end of input */
	_Atomic int input_stop; /* the input thread must end */
	mk_lock *in_lock;       /* guards the ring */
	uint8_t in_pre[256];    /* input read before the input thread started */
	size_t in_pre_n;
	uint8_t in_ring[1024];
	unsigned in_head, in_tail; /* ring indices (tail = next to read) */
	/* HTIF (riscv-tests `tohost` / `fromhost`) */
	int htif;                  /* tohost known */
	uint64_t tohost, fromhost; /* guest addresses (fromhost 0 = none) */
	/* output (con_lock: devices, semihosting): the console, and the
	 * guest's stderr (semihosting) */
	mk_lock *con_lock;
	rt_out con, err;
	uint64_t mmio_accesses;       /* statistics */
	struct rt_semihost *semihost; /* semihosting state, NULL = off (rt_semihost.h) */
};

/* Find a board by name (NULL: the first board whose family is `family`). */
const rt_board_desc *rt_board_find(const char *name, const char *family);

/* Find a guest by name; NULL if there is none. */
const rt_guest *rt_guest_find(const char *name);

/* Build a machine: map RAM, create and init every device.
 * Errors: RT_ERR_NOMEM, RT_ERR_DEVICE (message in err). */
rt_err rt_machine_create(const rt_board_desc *b, rt_machine **out, char *err, size_t n);

/* Stop the machine's threads (console input, device servers): afterwards
 * no thread but the caller's touches the machine or its vCPU. Idempotent;
 * rt_cpu_destroy and rt_machine_destroy call it. */
void rt_machine_stop(rt_machine *m);

/* Stop the devices, flush the console, free everything. NULL is a no-op. */
void rt_machine_destroy(rt_machine *m);

/* The device whose window holds [addr, addr + bytes) entirely; NULL if none. */
rt_dev *rt_machine_find_dev(rt_machine *m, uint64_t addr, unsigned bytes);

/* Start reading the host console for the machine's console device
 * (raw mode on a terminal; Ctrl-A x quits, Ctrl-A Ctrl-A sends Ctrl-A).
 * Errors: RT_ERR_NOMEM. */
rt_err rt_machine_input(rt_machine *m, char *err, size_t n);

/* One byte of console input, waiting for it while input is open (for
 * semihosting's blocking reads); -1 at the end of input. */
int rt_console_getc_wait(rt_machine *m);

/* Console input has ended and the input device has taken its last bytes
 * (called by the input device's server, or the input thread if none). */
void rt_machine_input_closed(rt_machine *m);

/* Can an interrupt still come (a device timer armed, console input open)? */
int rt_machine_can_wake(rt_machine *m);

/* Set the entry pc and the board's boot registers on cpu.
 * Errors: RT_ERR_BOARD (a boot register names no slot of the guest). */
rt_err rt_machine_boot(rt_machine *m, rt_cpu *cpu, uint64_t entry, char *err, size_t n);

/* Look at the HTIF mailbox: stop the cpu on a pass/fail code, serve console
 * and syscall requests. Cheap when tohost is 0. */
void rt_machine_poll_htif(rt_machine *m, rt_cpu *cpu);

/* Write buffered console and stderr output to the host. */
void rt_console_flush(rt_machine *m);

/* The guest's stderr (semihosting): the console's output so far first,
 * then buf, line by line after m->err.prefix if set, else at once. */
void rt_console_write_err(rt_machine *m, const void *buf, size_t n);

#endif /* RT_MACHINE_H */
