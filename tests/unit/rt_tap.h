/* rt_tap.h: minimal TAP output for the runtime's and microkernel's unit
 * tests: `ok N - text` lines, the plan printed last. */
#ifndef RT_TAP_H
#define RT_TAP_H

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

/* Print the plan; the exit status of main. */
static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif /* RT_TAP_H */
