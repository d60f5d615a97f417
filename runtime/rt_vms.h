/* rt_vms.h: several VMs at once (`morph run --vm A --vm B`, `--config F`).
 *
 * Each VM is an isolated microkernel task (its own host process: its own
 * RAM, devices and vCPU), so a VM that faults, spins or cannot even load
 * stops alone. The supervisor waits for all of them, stops those that
 * outlive their timeout, and reports the first failing status. */
#ifndef RT_VMS_H
#define RT_VMS_H

#include <stddef.h>
#include <stdint.h>

/* Most VMs of one run. */
#define RT_VMS_MAX 64

/* One VM: its guest file and what it overrides of the run's options
 * (NULL / -1 / 0: the run's value). */
typedef struct rt_vm_spec {
	char name[32];       /* shown as "[name] " before its output lines */
	const char *file;    /* guest ELF */
	const char *guest;   /* guest=NAME */
	const char *board;   /* board=NAME */
	const char *console; /* console=PATH: output to a file, not prefixed */
	int engine;          /* engine=interp|jit|auto (rt_engine), -1 */
	uint64_t max_insns;  /* max-insns=N, 0 */
	uint64_t timeout_ms; /* timeout=SECONDS (decimal, fractions allowed), 0 */
	int semihost;        /* semihosting=on|off: 1 / 0, -1 */
} rt_vm_spec;

/* A run's VMs; strings point into storage the list owns. */
typedef struct rt_vm_list {
	rt_vm_spec vm[RT_VMS_MAX];
	int n;
	char *store[RT_VMS_MAX * 8]; /* owned strings */
	int nstore;
} rt_vm_list;

/* Add a VM from "FILE[,key=value...]" (a --vm argument). 0, or -1 with a
 * message in err. */
int rt_vms_add_spec(rt_vm_list *l, const char *spec, char *err, size_t n);

/* Add the VMs of a config file: one per line, `vm FILE [key=value...]`;
 * `#` starts a comment. 0, or -1 with "file:line: message" in err. */
int rt_vms_add_config(rt_vm_list *l, const char *path, char *err, size_t n);

/* Free the list's strings. */
void rt_vms_free(rt_vm_list *l);

/* Run every VM of l as an isolated task; run(spec, index) runs one VM
 * inside its task and returns its exit status. Returns the first failing
 * status in the order given, or 0. Messages about VMs that crashed or
 * timed out go to the host's standard error. */
int rt_vms_run(const rt_vm_list *l, int (*run)(const rt_vm_spec *v, int index));

#endif /* RT_VMS_H */
