/* mk_spin.c: the short spin a waiter does before it sleeps (both
 * backends): waking a sleeping thread costs microseconds, often tens on a
 * virtual machine, while the partner of a call usually answers within a
 * few hundred nanoseconds. Plain C11 atomics: any host. */
#include <sched.h>
#include <stdatomic.h>
#include <unistd.h>

#include "mk_internal.h"

/* How long a waiter spins before it sleeps: a budget per thread between
 * these bounds, doubled after a spin that saw the change and halved after
 * one that did not (on a busy host the partner is often not running, and
 * spinning then only takes its CPU). */
#define SPIN_MIN_NS 250
#define SPIN_MAX_NS 8000
static _Thread_local uint32_t spin_ns = SPIN_MAX_NS / 2;

/* One spin-loop step: a pause instruction where the host has one. */
static inline void relax(void)
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

/* Spin up to the thread's budget while *w == old; 1 if it changed. */
int mks_spin_while(_Atomic uint32_t *w, uint32_t old)
{
	if (!spin_useful())
		return 0;
	uint64_t t0 = mk_time_ns();
	for (;;) {
		for (int i = 0; i < 64; i++) {
			if (atomic_load_explicit(w, memory_order_acquire) != old) {
				spin_ns = spin_ns < SPIN_MAX_NS / 2 ? 2 * spin_ns : SPIN_MAX_NS;
				return 1;
			}
			relax();
		}
		if (mk_time_ns() - t0 > spin_ns) {
			spin_ns = spin_ns > 2 * SPIN_MIN_NS ? spin_ns / 2 : SPIN_MIN_NS;
			return 0;
		}
	}
}
