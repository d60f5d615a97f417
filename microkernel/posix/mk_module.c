/* mk_module.c: loadable modules on Linux (dlopen). */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mk.h"

/* Load the module at path and find symbol in it. */
mk_err mk_module_symbol(const char *path, const char *symbol, void **addr, char *msg,
                        size_t msg_size)
{
	if (!path || !symbol || !addr)
		return MK_ERR_INVAL;
	if (access(path, F_OK) != 0) {
		snprintf(msg, msg_size, "%s: %s", path, strerror(errno));
		return MK_ERR_NOENT;
	}
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(msg, msg_size, "%s", dlerror());
		return MK_ERR_IO;
	}
	*addr = dlsym(h, symbol);
	if (!*addr) {
		snprintf(msg, msg_size, "%s: no symbol %s", path, symbol);
		return MK_ERR_NOENT;
	}
	return MK_OK;
}

/* The directory of the running executable. */
mk_err mk_exe_dir(char *buf, size_t size)
{
	if (!buf || size < 2)
		return MK_ERR_TOOBIG;
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);
	if (n <= 0)
		return MK_ERR_IO;
	if ((size_t)n >= size - 1)
		return MK_ERR_TOOBIG;
	buf[n] = 0;
	char *slash = strrchr(buf, '/');
	if (!slash)
		return MK_ERR_IO;
	slash[1] = 0;
	return MK_OK;
}

/* Does path exist? */
int mk_file_exists(const char *path)
{
	return path && access(path, F_OK) == 0;
}
