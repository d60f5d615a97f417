/* MIPS Malta back end (either byte order): the 16550 UART of the PIIX4
 * south bridge (ISA port 0x3f8 = physical 0x180003f8, reached uncached
 * through kseg1 at 0xb80003f8) and exit through MIPS UHI semihosting:
 * `sdbbp 1` with $25 = 1 (UHI_exit) and $4 = the exit status. */
#include "board.h"
#include "console.h"

#define UART_BASE     0xb80003f8UL
#define UART_THR      0
#define UART_LSR      5
#define UART_LSR_THRE 0x20

#define UHI_EXIT 1

void board_putc(int c)
{
	volatile uint8_t *uart = (volatile uint8_t *)UART_BASE;
	while (!(uart[UART_LSR] & UART_LSR_THRE))
		;
	uart[UART_THR] = (uint8_t)c;
}

_Noreturn void board_exit(int status)
{
	register uint32_t a0 __asm__("$4") = (uint32_t)status;
	register uint32_t t9 __asm__("$25") = UHI_EXIT;
	__asm__ volatile("sdbbp 1" : "+r"(a0) : "r"(t9) : "memory");
	for (;;)
		;
}
