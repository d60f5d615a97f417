/* Console (through the board's UART: arch/<family>/board.c), printf subset
 * and small libc pieces for the freestanding C guest programs.  The same on
 * every guest ISA. */
#include "console.h"
#include "board.h"

void putchar_uart(int c)
{
	board_putc(c);
}

int puts_uart(const char *s)
{
	while (*s)
		putchar_uart(*s++);
	putchar_uart('\n');
	return 0;
}

/* ---- formatted output ------------------------------------------------- */

struct out {
	char *buf; /* NULL: write to the UART */
	size_t size;
	size_t len;
};

static void out_char(struct out *o, char c)
{
	if (o->buf) {
		if (o->len + 1 < o->size)
			o->buf[o->len] = c;
	} else {
		putchar_uart(c);
	}
	o->len++;
}

static void out_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

static int v_nonzero(const char *digits, int n)
{
	for (int i = 0; i < n; i++)
		if (digits[i] != '0')
			return 1;
	return 0;
}

static void out_number(struct out *o, unsigned long long v, int negative, unsigned base, int upper,
                       int width, int prec, int left, int zero, int alt)
{
	char digits[24];
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;
	while (v) {
		digits[n++] = set[v % base];
		v /= base;
	}
	if (prec < 0 && n == 0)
		digits[n++] = '0';
	int ndig = n > prec ? n : prec; /* digits incl. precision zeros */
	const char *prefix = "";
	if (alt && base == 16 && v_nonzero(digits, n))
		prefix = upper ? "0X" : "0x";
	else if (alt && base == 8 && ndig == n && (n == 0 || digits[n - 1] != '0'))
		ndig++; /* one leading zero */
	int plen = (int)strlen(prefix);
	int total = ndig + plen + (negative ? 1 : 0);
	if (prec >= 0)
		zero = 0;
	if (!left && !zero)
		out_pad(o, ' ', width - total);
	if (negative)
		out_char(o, '-');
	for (int i = 0; i < plen; i++)
		out_char(o, prefix[i]);
	if (!left && zero)
		out_pad(o, '0', width - total);
	out_pad(o, '0', ndig - n);
	while (n)
		out_char(o, digits[--n]);
	if (left)
		out_pad(o, ' ', width - total);
}

static int format(struct out *o, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out_char(o, *fmt);
			continue;
		}
		fmt++;
		int left = 0, zero = 0, alt = 0, width = 0, prec = -1, lng = 0, size_t_mod = 0;
		for (;; fmt++) {
			if (*fmt == '-')
				left = 1;
			else if (*fmt == '0')
				zero = 1;
			else if (*fmt == '#')
				alt = 1;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				left = 1;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt++ - '0');
			}
		}
		while (*fmt == 'l') {
			lng++;
			fmt++;
		}
		if (*fmt == 'z') {
			size_t_mod = 1;
			fmt++;
		}
		char c = *fmt;
		if (c == '\0')
			break;
		switch (c) {
		case 'd':
		case 'i': {
			long long v;
			if (lng >= 2)
				v = va_arg(ap, long long);
			else if (lng == 1 || size_t_mod)
				v = va_arg(ap, long);
			else
				v = va_arg(ap, int);
			unsigned long long mag =
			        v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
			out_number(o, mag, v < 0, 10, 0, width, prec, left, zero, 0);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			unsigned long long v;
			if (lng >= 2)
				v = va_arg(ap, unsigned long long);
			else if (lng == 1 || size_t_mod)
				v = va_arg(ap, unsigned long);
			else
				v = va_arg(ap, unsigned int);
			unsigned base = c == 'u' ? 10 : c == 'o' ? 8 : 16;
			out_number(o, v, 0, base, c == 'X', width, prec, left, zero, alt);
			break;
		}
		case 'p': {
			uintptr_t v = (uintptr_t)va_arg(ap, void *);
			out_char(o, '0');
			out_char(o, 'x');
			out_number(o, v, 0, 16, 0, width > 2 ? width - 2 : 0, prec, left, zero, 0);
			break;
		}
		case 'c': {
			char ch = (char)va_arg(ap, int);
			if (!left)
				out_pad(o, ' ', width - 1);
			out_char(o, ch);
			if (left)
				out_pad(o, ' ', width - 1);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			int n = 0;
			while (s[n] && (prec < 0 || n < prec))
				n++;
			if (!left)
				out_pad(o, ' ', width - n);
			for (int i = 0; i < n; i++)
				out_char(o, s[i]);
			if (left)
				out_pad(o, ' ', width - n);
			break;
		}
		case '%': out_char(o, '%'); break;
		default:
			out_char(o, '%');
			out_char(o, c);
			break;
		}
	}
	return (int)o->len;
}

int vprintf(const char *fmt, va_list ap)
{
	struct out o = {0, 0, 0};
	return format(&o, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, size, 0};
	int n = format(&o, fmt, ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* ---- memory and strings ------------------------------------------------ */

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *strcpy(char *dst, const char *src)
{
	char *d = dst;
	while ((*d++ = *src++))
		;
	return dst;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* Parses sign, base prefix and digits; *overflow set if the magnitude does
 * not fit in `limit`. */
static unsigned long parse_ul(const char *s, char **end, int base, int *neg, unsigned long limit,
                              int *overflow)
{
	const char *p = s;
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	*neg = 0;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	unsigned long v = 0;
	const char *digits = p;
	*overflow = 0;
	for (;; p++) {
		int d = digit_value(*p);
		if (d >= base)
			break;
		if (v > (limit - (unsigned long)d) / (unsigned long)base)
			*overflow = 1;
		else
			v = v * (unsigned long)base + (unsigned long)d;
	}
	if (end)
		*end = (char *)(p == digits ? s : p);
	return v;
}

long strtol(const char *s, char **end, int base)
{
	int neg, overflow;
	unsigned long lim = (unsigned long)-1 >> 1;
	unsigned long v = parse_ul(s, end, base, &neg, lim + 1, &overflow);
	if (overflow || (!neg && v > lim))
		return neg ? (long)(0 - lim - 1) : (long)lim;
	return neg ? (long)(0 - v) : (long)v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	int neg, overflow;
	unsigned long v = parse_ul(s, end, base, &neg, (unsigned long)-1, &overflow);
	if (overflow)
		return (unsigned long)-1;
	return neg ? 0 - v : v;
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

/* ---- misc ---------------------------------------------------------------- */

static uint32_t rand_state = 2463534242u;

void srand32(uint32_t seed)
{
	rand_state = seed ? seed : 2463534242u;
}

uint32_t rand32(void)
{
	uint32_t x = rand_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	rand_state = x;
	return x;
}

_Noreturn void exit(int status)
{
	board_exit(status);
}
