/* rt_server.h: device servers on the microkernel.
 *
 * Every device of a machine is a server: a thread of the VM's task waiting
 * on an endpoint, with a notification bound to it for the device's timer
 * and for console input, and a lock held while any of its handlers runs.
 * The thread starts the first time the device needs it (an access through
 * IPC, an armed timer, console input): a device a guest only reaches
 * through fast registers costs no thread.
 * The vCPU reaches a device by IPC (mk_call: read or write one access),
 * except for registers the .hw description marks `fast`, whose handlers
 * it calls itself under the lock (the in-task fast path). Handlers thus
 * never run concurrently, whichever thread runs them. */
#ifndef RT_SERVER_H
#define RT_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "rt_board.h"
#include "rt_err.h"

/* Events a server is notified of (bits of its bound notification). */
enum {
	RT_EV_TIMER = 1, /* its timer expired */
	RT_EV_INPUT = 2, /* console input arrived (the console device) */
	RT_EV_STOP = 4,  /* the machine is shutting down */
};

/* Create d's lock, endpoint, notification and timer and start its thread.
 * Errors: RT_ERR_NOMEM (message in err). */
rt_err rt_server_start(rt_dev *d, char *err, size_t n);

/* Stop d's thread and free what rt_server_start made. Safe on a device
 * whose server never started. */
void rt_server_stop(rt_dev *d);

/* Read / write one access at offset off of d's window, through the fast
 * path or by a call to d's server (the vCPU's side of MMIO). */
uint64_t rt_server_read(rt_dev *d, uint64_t off, unsigned bytes);
void rt_server_write(rt_dev *d, uint64_t off, unsigned bytes, uint64_t val);

/* Tell d's server about events (RT_EV_*); never blocks. */
void rt_server_notify(rt_dev *d, uint32_t events);

/* Accesses served so far through IPC (statistics). */
uint64_t rt_server_calls(const rt_dev *d);

#endif /* RT_SERVER_H */
