/* mk_spin.c: the short spin a waiter does before it sleeps (both
 * backends): waking a sleeping thread costs microseconds, often tens on a
 * virtual machine, while the partner of a call usually answers within a
 * few hundred nanoseconds. Plain C11 atomics: any host. */
#include <sched.h>
#include <stdatomic.h>
#include <unistd.h>

#include "mk_internal.h"

/* How long a waiter spins before it sleeps. Longer than a wake-up on a
 * virtual machine usually takes: a spin shorter than that keeps a pair of
 * threads that once fell asleep waking each other for good (each gives up
 * before the other's wake-up arrives). Measured here with an MMIO call per
 * guest instruction: an adaptive 0.25..8 us budget gave 0.2..4 us per call
 * from run to run, a fixed 8 us gives 0.23..0.38 us. The cost is at most
 * 8 us of CPU per wait whose partner is really idle. */
#define SPIN_NS 8000

/* One spin-loop step: a pause instruction where the host has one. */
void mks_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ volatile("yield");
#else
	sched_yield();
#endif
}

/* 1 if spinning can help: another CPU may run the thread we wait for. */
static int spin_useful(void)
{
	static _Atomic int cpus;
	int n = atomic_load_explicit(&cpus, memory_order_relaxed);
	if (!n) {
		n = (int)sysconf(_SC_NPROCESSORS_ONLN);
		atomic_store_explicit(&cpus, n, memory_order_relaxed);
	}
	return n > 1;
}

/* Spin up to SPIN_NS while *w == old; 1 if it changed. */
int mks_spin_while(_Atomic uint32_t *w, uint32_t old)
{
	if (!spin_useful())
		return 0;
	uint64_t t0 = mk_time_ns();
	for (;;) {
		for (int i = 0; i < 64; i++) {
			if (atomic_load_explicit(w, memory_order_acquire) != old)
				return 1;
			mks_relax();
		}
		if (mk_time_ns() - t0 > SPIN_NS)
			return 0;
	}
}
