/* rt_machine.h: a board instance — guest RAM, device servers, interrupt
 * wiring, timers, console and the HTIF mailbox — built from a generated
 * rt_board_desc. The services device servers call are in rt_board.h. */
#ifndef RT_MACHINE_H
#define RT_MACHINE_H

#include <stddef.h>
#include <stdint.h>

#include "rt_board.h"
#include "rt_err.h"
#include "rt_guest.h"

/* Every guest and board of this build (generated morph_registry.c). */
extern const rt_guest *const rt_all_guests[];
extern const rt_board_desc *const rt_all_boards[];

struct rt_machine {
	const rt_board_desc *board;
	uint8_t *ram; /* host mapping of guest RAM (guard pages around) */
	uint64_t ram_base, ram_size;
	rt_dev **devs;    /* instances, same order as board->devs */
	rt_dev **by_base; /* instances sorted by base, for dispatch */
	int ndevs;
	rt_cpu *cpu; /* the vCPU whose lines the devices drive */
	uint64_t t0; /* mk_time_ns() at creation */
	/* device timers (rt_dev_timer), one per device */
	uint64_t *deadline; /* guest ns, UINT64_MAX = disarmed */
	void (**timer_fn)(rt_dev *);
	uint64_t next_deadline; /* earliest of deadline[] */
	/* HTIF (riscv-tests `tohost` / `fromhost`) */
	int htif;                  /* tohost known */
	uint64_t tohost, fromhost; /* guest addresses (fromhost 0 = none) */
	/* console output buffer */
	char con[4096];
	size_t conlen;
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

/* Stop the devices, flush the console, free everything. NULL is a no-op. */
void rt_machine_destroy(rt_machine *m);

/* The device whose window holds [addr, addr + bytes) entirely; NULL if none. */
rt_dev *rt_machine_find_dev(rt_machine *m, uint64_t addr, unsigned bytes);

/* Run the device timers whose deadline is at or before guest time `now`. */
void rt_machine_run_timers(rt_machine *m, uint64_t now);

/* Set the entry pc and the board's boot registers on cpu.
 * Errors: RT_ERR_BOARD (a boot register names no slot of the guest). */
rt_err rt_machine_boot(rt_machine *m, rt_cpu *cpu, uint64_t entry, char *err, size_t n);

/* Look at the HTIF mailbox: stop the cpu on a pass/fail code, serve console
 * and syscall requests. Cheap when tohost is 0. */
void rt_machine_poll_htif(rt_machine *m, rt_cpu *cpu);

/* Write buffered console output to the host. */
void rt_console_flush(rt_machine *m);

#endif /* RT_MACHINE_H */
