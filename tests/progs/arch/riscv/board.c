/* RISC-V `virt` back end: NS16550A UART at 0x10000000, exit through the
 * SiFive test finisher at 0x100000 (0 -> 0x5555, n -> (n << 16) | 0x3333),
 * and the report for an unexpected trap (crt0.S's trap vector). */
#include "board.h"
#include "console.h"

#define UART_BASE     0x10000000UL
#define UART_THR      0
#define UART_LSR      5
#define UART_LSR_THRE 0x20
#define FINISHER      0x100000UL

void board_putc(int c)
{
	volatile uint8_t *uart = (volatile uint8_t *)UART_BASE;
	while (!(uart[UART_LSR] & UART_LSR_THRE))
		;
	uart[UART_THR] = (uint8_t)c;
}

_Noreturn void board_exit(int status)
{
	volatile uint32_t *fin = (volatile uint32_t *)FINISHER;
	*fin = status == 0 ? 0x5555u : ((uint32_t)status << 16) | 0x3333u;
	for (;;)
		;
}

void trap_report(unsigned long cause, unsigned long epc, unsigned long tval);

/* Prints the trap's machine CSRs; crt0.S then exits with status 99. */
void trap_report(unsigned long cause, unsigned long epc, unsigned long tval)
{
	printf("\n*** unexpected trap: mcause=%lx mepc=%lx mtval=%lx\n", cause, epc, tval);
}
