/* ARM `virt` back end: PL011 UART at 0x09000000 (DR at 0, FR at 0x18 with
 * TXFF = bit 5) and exit through ARM semihosting (`svc 0x123456` in ARM
 * state): SYS_EXIT with ADP_Stopped_ApplicationExit for status 0,
 * SYS_EXIT_EXTENDED with {ApplicationExit, status} otherwise.  Also the
 * EABI memory helpers clang calls for struct copies and clears. */
#include "board.h"
#include "console.h"

#define UART_BASE    0x09000000UL
#define UART_DR      0x00
#define UART_FR      0x18
#define UART_FR_TXFF 0x20

#define SEMI_SYS_EXIT          0x18
#define SEMI_SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APP_EXIT   0x20026

void board_putc(int c)
{
	volatile uint32_t *uart = (volatile uint32_t *)UART_BASE;
	while (uart[UART_FR / 4] & UART_FR_TXFF)
		;
	uart[UART_DR / 4] = (uint8_t)c;
}

/* One semihosting call: operation `op`, parameter `arg`; returns r0. */
static uint32_t semihost(uint32_t op, uintptr_t arg)
{
	register uint32_t r0 __asm__("r0") = op;
	register uintptr_t r1 __asm__("r1") = arg;
	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

_Noreturn void board_exit(int status)
{
	if (status == 0) {
		semihost(SEMI_SYS_EXIT, ADP_STOPPED_APP_EXIT);
	} else {
		static uint32_t block[2];
		block[0] = ADP_STOPPED_APP_EXIT;
		block[1] = (uint32_t)status;
		semihost(SEMI_SYS_EXIT_EXTENDED, (uintptr_t)block);
		semihost(SEMI_SYS_EXIT, 0x20023); /* ADP_Stopped_RunTimeErrorUnknown */
	}
	for (;;)
		;
}

/* ---- ARM EABI run-time helpers (RTABI 4.3.4) ------------------------------ */
void __aeabi_memcpy(void *dst, const void *src, size_t n);
void __aeabi_memcpy4(void *dst, const void *src, size_t n);
void __aeabi_memcpy8(void *dst, const void *src, size_t n);
void __aeabi_memmove(void *dst, const void *src, size_t n);
void __aeabi_memmove4(void *dst, const void *src, size_t n);
void __aeabi_memmove8(void *dst, const void *src, size_t n);
void __aeabi_memset(void *dst, size_t n, int c);
void __aeabi_memset4(void *dst, size_t n, int c);
void __aeabi_memset8(void *dst, size_t n, int c);
void __aeabi_memclr(void *dst, size_t n);
void __aeabi_memclr4(void *dst, size_t n);
void __aeabi_memclr8(void *dst, size_t n);

/* memcpy */
void __aeabi_memcpy(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
}
/* memcpy, both pointers 4-byte aligned */
void __aeabi_memcpy4(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
}
/* memcpy, both pointers 8-byte aligned */
void __aeabi_memcpy8(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
}
/* memmove */
void __aeabi_memmove(void *dst, const void *src, size_t n)
{
	memmove(dst, src, n);
}
/* memmove, both pointers 4-byte aligned */
void __aeabi_memmove4(void *dst, const void *src, size_t n)
{
	memmove(dst, src, n);
}
/* memmove, both pointers 8-byte aligned */
void __aeabi_memmove8(void *dst, const void *src, size_t n)
{
	memmove(dst, src, n);
}
/* memset with the EABI's argument order (n before c) */
void __aeabi_memset(void *dst, size_t n, int c)
{
	memset(dst, c, n);
}
/* __aeabi_memset, dst 4-byte aligned */
void __aeabi_memset4(void *dst, size_t n, int c)
{
	memset(dst, c, n);
}
/* __aeabi_memset, dst 8-byte aligned */
void __aeabi_memset8(void *dst, size_t n, int c)
{
	memset(dst, c, n);
}
/* memset(dst, 0, n) */
void __aeabi_memclr(void *dst, size_t n)
{
	memset(dst, 0, n);
}
/* __aeabi_memclr, dst 4-byte aligned */
void __aeabi_memclr4(void *dst, size_t n)
{
	memset(dst, 0, n);
}
/* __aeabi_memclr, dst 8-byte aligned */
void __aeabi_memclr8(void *dst, size_t n)
{
	memset(dst, 0, n);
}
