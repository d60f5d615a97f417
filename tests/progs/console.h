/* Tiny freestanding runtime for the C guest programs: the board's console
 * UART, a printf subset, a few string/memory functions and exit(). */
#ifndef MORPH_PROGS_CONSOLE_H
#define MORPH_PROGS_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void putchar_uart(int c);
int puts_uart(const char *s); /* writes s and a newline */
/* Conversions: %d %i %u %x %X %o %c %s %p %%, length modifiers l, ll, z,
 * flags '-', '0' and '#', a field width and a precision (for %s and integers),
 * '*' for width/precision. */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *dst, const char *src);
char *strchr(const char *s, int c);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
int atoi(const char *s);

_Noreturn void exit(int status);

/* Deterministic pseudo-random numbers (xorshift32), same on every XLEN. */
uint32_t rand32(void);
void srand32(uint32_t seed);

#endif
