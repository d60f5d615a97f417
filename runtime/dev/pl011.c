/* pl011.c: device server of desc/hw/pl011.hw, an ARM PL011 UART.
 *
 * Transmission is instantaneous: DR writes go to the console and the flag
 * register always shows an empty transmit FIFO. Input is one byte deep,
 * taken from the console's input when it arrives (the server is notified)
 * or when the guest looks (FR, DR or RIS reads). The
 * interrupt output is the level "a masked interrupt is pending" (MIS != 0):
 * RX (bit 4) while a byte waits, TX (bit 5) always. */
#include <stdlib.h>

#include "dev_pl011_regs.h"
#include "rt_board.h"

enum {
	FR_RXFE = 1u << 4,
	FR_TXFE = 1u << 7,
	INT_RX = 1u << 4,
	INT_TX = 1u << 5,
};

/* Private state of one UART. */
typedef struct pl011 {
	uint32_t imsc;
	int rx; /* waiting input byte, -1 = none */
} pl011;

/* The server state of instance d. */
static pl011 *P(dev_pl011 *d)
{
	return d->dev.priv;
}

/* Try to have one input byte ready. */
static void poll_rx(dev_pl011 *d)
{
	if (P(d)->rx < 0)
		P(d)->rx = rt_console_getc(d->dev.m);
}

/* Raw interrupt status. */
static uint32_t ris(dev_pl011 *d)
{
	return INT_TX | (P(d)->rx >= 0 ? INT_RX : 0);
}

/* Drive the interrupt output. */
static void update_irq(dev_pl011 *d)
{
	rt_dev_irq(&d->dev, DEV_PL011_IRQ_INTR, (ris(d) & P(d)->imsc) != 0);
}

/* Console input arrived: take a byte and raise RX if unmasked. */
static void on_input(rt_dev *dev)
{
	dev_pl011 *d = (dev_pl011 *)dev;
	poll_rx(d);
	update_irq(d);
}

/* Start the server. */
int dev_pl011_init(dev_pl011 *d)
{
	pl011 *p = calloc(1, sizeof *p);
	if (!p)
		return -1;
	p->rx = -1;
	d->dev.priv = p;
	rt_console_on_input(&d->dev, on_input);
	return 0;
}

/* Stop the server. */
void dev_pl011_fini(dev_pl011 *d)
{
	free(d->dev.priv);
	d->dev.priv = NULL;
}

/* DR read: the received byte (0 if none). */
uint64_t dev_pl011_dr_read(dev_pl011 *d)
{
	poll_rx(d);
	int c = P(d)->rx;
	P(d)->rx = -1;
	update_irq(d);
	return c < 0 ? 0 : (uint64_t)c;
}

/* DR write: transmit the low byte. */
void dev_pl011_dr_write(dev_pl011 *d, uint64_t val)
{
	char c = (char)val;
	rt_console_write(d->dev.m, &c, 1);
	update_irq(d);
}

/* RSR read: no receive errors. */
uint64_t dev_pl011_rsr_read(dev_pl011 *d)
{
	(void)d;
	return 0;
}

/* ECR write: clears errors (there are none). */
void dev_pl011_ecr_write(dev_pl011 *d, uint64_t val)
{
	(void)d;
	(void)val;
}

/* FR read: TX FIFO empty; RX FIFO empty unless a byte waits. */
uint64_t dev_pl011_fr_read(dev_pl011 *d)
{
	poll_rx(d);
	return FR_TXFE | (P(d)->rx >= 0 ? 0 : FR_RXFE);
}

/* IMSC read. */
uint64_t dev_pl011_imsc_read(dev_pl011 *d)
{
	return P(d)->imsc;
}

/* IMSC write: the interrupt mask (11 bits). */
void dev_pl011_imsc_write(dev_pl011 *d, uint64_t val)
{
	P(d)->imsc = (uint32_t)val & 0x7ff;
	update_irq(d);
}

/* RIS read. */
uint64_t dev_pl011_ris_read(dev_pl011 *d)
{
	poll_rx(d);
	return ris(d);
}

/* MIS read. */
uint64_t dev_pl011_mis_read(dev_pl011 *d)
{
	poll_rx(d);
	return ris(d) & P(d)->imsc;
}

/* ICR write: TX and RX conditions are levels here; nothing to clear. */
void dev_pl011_icr_write(dev_pl011 *d, uint64_t val)
{
	(void)val;
	update_irq(d);
}
