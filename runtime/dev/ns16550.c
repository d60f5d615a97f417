/* ns16550.c: device server of desc/hw/ns16550.hw, a 16550A UART.
 *
 * Transmission is instantaneous: THR writes go to the console and the line
 * status always reads THRE|TEMT. Input is one byte deep, taken from the
 * console's input when it arrives (the server is notified) or when the
 * guest looks (LSR or RBR reads). The interrupt output is
 * the level "an enabled interrupt is pending" (IIR bit 0 clear). */
#include <stdlib.h>

#include "dev_ns16550_regs.h"
#include "rt_board.h"

enum {
	LCR_DLAB = 0x80,
	LSR_DR = 0x01,
	LSR_THRE = 0x20,
	LSR_TEMT = 0x40,
	IER_ERBFI = 0x01,
	IER_ETBEI = 0x02,
	IIR_NONE = 0x01,
	IIR_THRE = 0x02,
	IIR_RDA = 0x04,
	IIR_FIFO = 0xc0,
	FCR_ENABLE = 0x01,
	MCR_LOOP = 0x10,
};

/* Private state of one UART (registers not in the generated struct). */
typedef struct uart {
	uint8_t dll, dlm, ier, fcr;
	int rx;   /* waiting input byte, -1 = none */
	int thre; /* THR-empty interrupt condition (cleared by reading IIR) */
} uart;

/* The server state of instance d. */
static uart *U(dev_ns16550 *d)
{
	return d->dev.priv;
}

/* Try to have one input byte ready. */
static void poll_rx(dev_ns16550 *d)
{
	uart *u = U(d);
	if (u->rx < 0 && !(d->regs.mcr & MCR_LOOP))
		u->rx = rt_console_getc(d->dev.m);
}

/* Current interrupt identification (without FIFO bits). */
static uint8_t iid(dev_ns16550 *d)
{
	uart *u = U(d);
	if ((u->ier & IER_ERBFI) && u->rx >= 0)
		return IIR_RDA;
	if ((u->ier & IER_ETBEI) && u->thre)
		return IIR_THRE;
	return IIR_NONE;
}

/* Drive the interrupt output from the current state. */
static void update_irq(dev_ns16550 *d)
{
	rt_dev_irq(&d->dev, DEV_NS16550_IRQ_INTR, iid(d) != IIR_NONE);
}

/* Console input arrived: take a byte and raise RDA if enabled. */
static void on_input(rt_dev *dev)
{
	dev_ns16550 *d = (dev_ns16550 *)dev;
	poll_rx(d);
	update_irq(d);
}

/* Start the server. */
int dev_ns16550_init(dev_ns16550 *d)
{
	uart *u = calloc(1, sizeof *u);
	if (!u)
		return -1;
	u->rx = -1;
	u->dll = 1;
	d->dev.priv = u;
	rt_console_on_input(&d->dev, on_input);
	return 0;
}

/* Stop the server. */
void dev_ns16550_fini(dev_ns16550 *d)
{
	free(d->dev.priv);
	d->dev.priv = NULL;
}

/* Offset 0 read: received byte, or DLL. */
uint64_t dev_ns16550_rbr_read(dev_ns16550 *d)
{
	uart *u = U(d);
	if (d->regs.lcr & LCR_DLAB)
		return u->dll;
	poll_rx(d);
	int c = u->rx;
	u->rx = -1;
	update_irq(d);
	return c < 0 ? 0 : (uint64_t)c;
}

/* Offset 0 write: transmit a byte, or DLL. */
void dev_ns16550_thr_write(dev_ns16550 *d, uint64_t val)
{
	uart *u = U(d);
	if (d->regs.lcr & LCR_DLAB) {
		u->dll = (uint8_t)val;
		return;
	}
	char c = (char)val;
	if (d->regs.mcr & MCR_LOOP)
		u->rx = (uint8_t)c;
	else
		rt_console_write(d->dev.m, &c, 1);
	u->thre = 1;
	update_irq(d);
}

/* Offset 1 read: IER, or DLM. */
uint64_t dev_ns16550_ier_read(dev_ns16550 *d)
{
	return (d->regs.lcr & LCR_DLAB) ? U(d)->dlm : U(d)->ier;
}

/* Offset 1 write: IER (enabling THRE interrupts raises one at once), or DLM. */
void dev_ns16550_ier_write(dev_ns16550 *d, uint64_t val)
{
	uart *u = U(d);
	if (d->regs.lcr & LCR_DLAB) {
		u->dlm = (uint8_t)val;
		return;
	}
	if ((val & IER_ETBEI) && !(u->ier & IER_ETBEI))
		u->thre = 1;
	u->ier = (uint8_t)(val & 0x0f);
	update_irq(d);
}

/* Offset 2 read: interrupt identification; reading a THRE report clears it. */
uint64_t dev_ns16550_iir_read(dev_ns16550 *d)
{
	uart *u = U(d);
	poll_rx(d);
	uint8_t id = iid(d);
	if (id == IIR_THRE)
		u->thre = 0;
	update_irq(d);
	return id | ((u->fcr & FCR_ENABLE) ? IIR_FIFO : 0);
}

/* Offset 2 write: FIFO control (bits 1-2 reset the FIFOs). */
void dev_ns16550_fcr_write(dev_ns16550 *d, uint64_t val)
{
	uart *u = U(d);
	u->fcr = (uint8_t)(val & 0xc9);
	if (val & 0x02)
		u->rx = -1;
	update_irq(d);
}

/* Offset 5 read: line status. */
uint64_t dev_ns16550_lsr_read(dev_ns16550 *d)
{
	poll_rx(d);
	update_irq(d);
	return LSR_THRE | LSR_TEMT | (U(d)->rx >= 0 ? LSR_DR : 0);
}

/* Offset 6 read: modem status: CTS, DSR and DCD asserted. */
uint64_t dev_ns16550_msr_read(dev_ns16550 *d)
{
	return 0xb0;
}
