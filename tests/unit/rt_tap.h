/* rt_tap.h: minimal TAP output for the unit tests: `ok N - text` lines, the plan printed last. */
#ifndef RT_TAP_H
#define RT_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_count, tap_failed;

/* Record one test result. */
#define TAP_OK(cond, ...)                                              \
	do {                                                           \
		int tap_c_ = !!(cond);                                 \
		tap_count++;                                           \
		if (!tap_c_)                                           \
			tap_failed++;                                  \
		printf("%sok %d - ", tap_c_ ? "" : "not ", tap_count); \
		printf(__VA_ARGS__);                                   \
		printf("\n");                                          \
		fflush(stdout);                                        \
	} while (0)

/* Record one test result with a printf-style description; returns cond. */
static inline int ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int ok(int cond, const char *fmt, ...)
{
	va_list ap;
	tap_count++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

/* Print the plan; the exit status of main. */
static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif /* RT_TAP_H */
