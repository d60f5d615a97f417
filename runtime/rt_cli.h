/* rt_cli.h: the `morph` command line and its exit statuses. */
#ifndef RT_CLI_H
#define RT_CLI_H

/* Exit statuses of `morph` (documented in `morph --help`). A guest-reported
 * failure code N exits with N & 0xff (1 if that is 0). */
enum {
	RT_EXIT_OK = 0,        /* guest exited 0 / HTIF pass / help */
	RT_EXIT_FAIL = 1,      /* HTIF failure (and guest failure codes that map to 1) */
	RT_EXIT_USAGE = 2,     /* bad command line */
	RT_EXIT_LOAD = 3,      /* the guest cannot be loaded */
	RT_EXIT_MAX_INSNS = 4, /* --max-insns reached */
	RT_EXIT_ERROR = 5,     /* runtime error (trap loop, wfi forever, a VM's task crashed) */
	RT_EXIT_TIMEOUT = 6,   /* a VM outlived its timeout= (several VMs) */
};

/* One message line on stderr: "morph: [vm] text" (vm NULL: "morph: text"). */
void rt_cli_say(const char *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Run the command line; returns the process exit status. */
int rt_cli_main(int argc, char **argv);

#endif /* RT_CLI_H */
