/* mk_console.c: console input for the VMM on a POSIX host: raw terminal
 * mode while a VM owns the console, restored on every way out (return from
 * main, mk_exit_now, fatal signals), and reads with a timeout (poll). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "mk.h"

static struct termios saved;      /* the terminal as we found it */
static atomic_int raw_on;         /* 1 while the terminal is in raw mode */
static atomic_int hooks_set;      /* atexit and signal handlers installed */
static int wake_fd[2] = {-1, -1}; /* self-pipe of mk_console_wake */
static pthread_once_t wake_once = PTHREAD_ONCE_INIT;
static const int fatal_sigs[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGSEGV,
                                 SIGBUS, SIGFPE, SIGILL,  SIGABRT, SIGPIPE};

/* Put the terminal back (async-signal-safe: tcsetattr is). */
static void restore(void)
{
	if (atomic_exchange(&raw_on, 0))
		tcsetattr(0, TCSAFLUSH, &saved);
}

/* A fatal signal: restore the terminal, then die of the signal as if we
 * had not caught it. */
static void on_fatal(int sig)
{
	restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Install the restoring hooks once. */
static void set_hooks(void)
{
	if (atomic_exchange(&hooks_set, 1))
		return;
	atexit(restore);
	for (size_t i = 0; i < sizeof fatal_sigs / sizeof fatal_sigs[0]; i++) {
		struct sigaction sa, old;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_fatal;
		sigemptyset(&sa.sa_mask);
		/* leave alone a signal someone else handles or ignores */
		if (sigaction(fatal_sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
			sigaction(fatal_sigs[i], &sa, NULL);
	}
}

/* Raw mode on a terminal, as QEMU's stdio console: bytes as typed, no
 * echo, no signals from keys; output processing (\n -> \r\n) stays. */
mk_err mk_console_open(int *tty)
{
	int t = isatty(0);
	if (tty)
		*tty = t;
	if (!t || atomic_load(&raw_on))
		return MK_OK;
	if (tcgetattr(0, &saved) != 0)
		return MK_ERR_IO;
	struct termios raw = saved;
	raw.c_iflag &=
	        ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	raw.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	raw.c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
	raw.c_cflag |= CS8;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	set_hooks();
	atomic_store(&raw_on, 1);
	if (tcsetattr(0, TCSAFLUSH, &raw) != 0) {
		atomic_store(&raw_on, 0);
		return MK_ERR_IO;
	}
	return MK_OK;
}

/* Give the terminal back. */
void mk_console_close(void)
{
	restore();
}

/* Make the self-pipe (non-blocking, closed on exec). */
static void make_wake_pipe(void)
{
	if (pipe(wake_fd) != 0) {
		wake_fd[0] = wake_fd[1] = -1;
		return;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(wake_fd[i], F_SETFL, O_NONBLOCK);
		fcntl(wake_fd[i], F_SETFD, FD_CLOEXEC);
	}
}

/* Wake a reader. */
void mk_console_wake(void)
{
	pthread_once(&wake_once, make_wake_pipe);
	if (wake_fd[1] >= 0)
		(void)!write(wake_fd[1], "", 1);
}

/* Take every pending wake-up; 1 if there was one. */
static int take_wakes(void)
{
	char b[64];
	int any = 0;
	while (read(wake_fd[0], b, sizeof b) > 0)
		any = 1;
	return any;
}

/* Wait up to timeout_ns for input, then read what is there. */
mk_err mk_console_read(void *buf, size_t n, uint64_t timeout_ns, size_t *got)
{
	if (!buf || !n || !got)
		return MK_ERR_INVAL;
	*got = 0;
	pthread_once(&wake_once, make_wake_pipe);
	uint64_t deadline = timeout_ns == MK_FOREVER ? MK_FOREVER : mk_time_ns() + timeout_ns;
	for (;;) {
		int ms = -1;
		if (deadline != MK_FOREVER) {
			uint64_t now = mk_time_ns();
			uint64_t left = deadline > now ? deadline - now : 0;
			ms = (int)((left + 999999u) / 1000000u > 1000
			                   ? 1000
			                   : (left + 999999u) / 1000000u);
		}
		struct pollfd p[2] = {{.fd = 0, .events = POLLIN},
		                      {.fd = wake_fd[0], .events = POLLIN}};
		int r = poll(p, wake_fd[0] >= 0 ? 2 : 1, ms);
		if (r < 0 && errno != EINTR)
			return MK_ERR_IO;
		if (r > 0 && wake_fd[0] >= 0 && (p[1].revents & POLLIN) && take_wakes())
			return MK_ERR_TIMEOUT;
		if (r > 0 && p[0].revents) {
			ssize_t k = read(0, buf, n);
			if (k > 0) {
				*got = (size_t)k;
				return MK_OK;
			}
			if (k == 0)
				return MK_ERR_EOF;
			if (errno != EINTR && errno != EAGAIN)
				return MK_ERR_IO;
		}
		if (deadline != MK_FOREVER && mk_time_ns() >= deadline)
			return MK_ERR_TIMEOUT;
	}
}

/* End the process now, terminal restored, no exit handlers. */
_Noreturn void mk_exit_now(int status)
{
	restore();
	_exit(status);
}
