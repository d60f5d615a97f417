/* rt_board.h: the contract between generated board/device code and the
 * runtime.
 *
 * For each desc/hw/<dev>.hw morphgen emits dev_<dev>_regs.h/.c: the register
 * struct, the instance struct and the MMIO dispatchers that call the device
 * server's handlers (runtime/dev/<dev>.c). For each desc/boards/<b>.board it
 * emits <b>_hw.c defining `const rt_board_desc <b>_board`.
 *
 * What dev_<dev>_regs.h declares and the device server implements (extension
 * by the runtime engineer; `ns16550` as the example):
 *
 *   typedef struct dev_ns16550_regs { uint8_t lcr; uint8_t scr; ... }
 *           dev_ns16550_regs;            // one member per `rw` register,
 *                                        // uintN_t of its width
 *   typedef struct dev_ns16550 {
 *           rt_dev dev;                  // first member (cast rt_dev * <-> it)
 *           dev_ns16550_regs regs;       // reset values set before init
 *   } dev_ns16550;
 *   enum { DEV_NS16550_IRQ_INTR = 0 };   // irq outputs, .hw order
 *
 *   int  dev_ns16550_init(dev_ns16550 *d);   // after reset of regs; 0 = ok
 *   void dev_ns16550_fini(dev_ns16550 *d);
 *   uint64_t dev_ns16550_rx(dev_ns16550 *d); // `read = rx`: the value read
 *   void dev_ns16550_tx(dev_ns16550 *d, uint64_t val); // `write = tx`
 *
 * A read handler returns the whole register (its width); a write handler gets
 * the written bytes in their places in the register (a partial write passes
 * the other bytes as 0: describe registers a guest writes piecewise, like a
 * 64-bit timer on a 32-bit guest, as separate halves). An access spanning
 * several registers is split by the generated dispatcher.
 */
#ifndef RT_BOARD_H
#define RT_BOARD_H

#include <stddef.h>
#include <stdint.h>

#include "rt_guest.h"

typedef struct rt_dev rt_dev;
typedef struct rt_dev_desc rt_dev_desc;

/* A device instance. Generated instance structs (dev_<type>) start with it. */
struct rt_dev {
	const rt_dev_desc *desc; /* where it sits on the board */
	rt_machine *m;           /* the machine it belongs to */
	void *priv;              /* the device server's private state */
	struct rt_dev_srv *srv;  /* its server thread, endpoint, lock, timer
	                            (rt_server.c) */
};

/* A device on a board (generated). */
struct rt_dev_desc {
	const char *name;  /* instance: "uart0" */
	const char *type;  /* device type: "ns16550" */
	uint64_t base;     /* guest physical address */
	uint64_t size;     /* bytes of the MMIO window */
	size_t inst_size;  /* sizeof(dev_<type>) */
	const char *where; /* "desc/boards/virt_riscv.board:7" */
	/* Reset registers and call dev_<type>_init; 0 = ok. */
	int (*init)(rt_dev *d);
	void (*fini)(rt_dev *d);
	/* Access `bytes` (1/2/4/8) at offset `off` inside the window. Accesses
	 * that do not hit a register exactly are split or merged per byte. */
	uint64_t (*read)(rt_dev *d, uint64_t off, unsigned bytes);
	void (*write)(rt_dev *d, uint64_t off, unsigned bytes, uint64_t val);
	/* 1 if the access touches only registers marked `fast` in the .hw
	 * description: the vCPU calls read/write itself (under the device's
	 * lock) instead of sending a message to the device's server. */
	int (*fast)(uint64_t off, unsigned bytes);
	const int *irq_lines; /* CPU interrupt line of each irq output, -1 = none */
	int nirqs;
};

/* A register set at boot: `X[10] = 0` is {"X10", 0}. */
typedef struct rt_boot_reg {
	const char *slot; /* name in rt_guest.slot_names */
	uint64_t value;
} rt_boot_reg;

/* A board (generated). */
typedef struct rt_board_desc {
	const char *name;   /* "virt_riscv" */
	const char *family; /* ISA family it runs: "riscv" */
	uint64_t ram_base;
	uint64_t ram_size;
	const rt_dev_desc *devs; /* sorted by base, windows disjoint */
	int ndevs;
	int console; /* index of the console device, -1 = none */
	const rt_boot_reg *boot;
	int nboot;
} rt_board_desc;

/* ---- services the runtime gives device servers ---------------------- */

/* Write bytes to the console (the host's stdout). */
void rt_console_write(rt_machine *m, const void *buf, size_t n);
/* Read one byte of console input; -1 if none is waiting. */
int rt_console_getc(rt_machine *m);
/* Have fn(d) run on d's server (its lock held) whenever console input
 * arrives: d becomes the machine's input device. */
void rt_console_on_input(rt_dev *d, void (*fn)(rt_dev *d));
/* Power the machine off: the run stops with RT_STOP_EXIT and `code`. */
void rt_machine_exit(rt_machine *m, int code);
/* Set the level of a device's irq output `out` (0-based, .hw order). */
void rt_dev_irq(rt_dev *d, int out, int level);
/* Guest-visible time in nanoseconds since the machine started. */
uint64_t rt_machine_time_ns(rt_machine *m);
/* Arm the device's one-shot timer: at guest time `deadline_ns` the
 * device's server calls fn(d) (with the device's lock held, like every
 * handler). A later call replaces the previous deadline; deadline_ns ==
 * UINT64_MAX disarms. A vCPU in wfi sleeps until an interrupt line is set. */
void rt_dev_timer(rt_dev *d, uint64_t deadline_ns, void (*fn)(rt_dev *d));

#endif /* RT_BOARD_H */
