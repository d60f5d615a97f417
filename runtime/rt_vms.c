/* rt_vms.c: several VMs at once: --vm specs, config files, and the
 * supervisor that runs each VM as an isolated task (rt_vms.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mk.h"
#include "rt_cli.h"
#include "rt_jit.h"
#include "rt_num.h"
#include "rt_vms.h"

/* Keep a copy of s[0..len) in the list; NULL when out of room or memory. */
static char *keep(rt_vm_list *l, const char *s, size_t len)
{
	if (l->nstore >= (int)(sizeof l->store / sizeof l->store[0]))
		return NULL;
	char *c = malloc(len + 1);
	if (!c)
		return NULL;
	memcpy(c, s, len);
	c[len] = 0;
	l->store[l->nstore++] = c;
	return c;
}

/* Seconds (decimal, with an optional fraction) to ms; -1 if malformed. */
static int parse_seconds(const char *s, uint64_t *ms)
{
	uint64_t whole = 0, frac = 0, scale = 1000;
	const char *p = s;
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((whole = whole * 10 + (uint64_t)(*p - '0')) > 1000000000u)
			return -1;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			if (scale > 1) {
				scale /= 10;
				frac += (uint64_t)(*p - '0') * scale;
			}
	if (*p || whole * 1000 + frac == 0)
		return -1;
	*ms = whole * 1000 + frac;
	return 0;
}

/* Apply one key=value (the value is kept in the list). 0 or -1 + err. */
static int set_key(rt_vm_list *l, rt_vm_spec *v, const char *kv, size_t len, char *err, size_t n)
{
	const char *eq = memchr(kv, '=', len);
	if (!eq) {
		snprintf(err, n, "'%.*s' is not key=value", (int)len, kv);
		return -1;
	}
	size_t klen = (size_t)(eq - kv);
	char *val = keep(l, eq + 1, len - klen - 1);
	if (!val) {
		snprintf(err, n, "too many settings");
		return -1;
	}
#define KEY(k) (klen == sizeof(k) - 1 && memcmp(kv, k, klen) == 0)
	if (KEY("name") && *val && strlen(val) < sizeof v->name)
		snprintf(v->name, sizeof v->name, "%s", val);
	else if (KEY("guest") && *val)
		v->guest = val;
	else if (KEY("board") && *val)
		v->board = val;
	else if (KEY("console") && *val)
		v->console = val;
	else if (KEY("engine") &&
	         (!strcmp(val, "interp") || !strcmp(val, "jit") || !strcmp(val, "auto")))
		v->engine = !strcmp(val, "interp") ? RT_ENGINE_INTERP
		            : !strcmp(val, "jit")  ? RT_ENGINE_JIT
		                                   : RT_ENGINE_AUTO;
	else if (KEY("max-insns") && rt_parse_uint(val, UINT64_MAX, &v->max_insns) == 0 &&
	         v->max_insns)
		;
	else if (KEY("timeout") && parse_seconds(val, &v->timeout_ms) == 0)
		;
	else if (KEY("semihosting") && (!strcmp(val, "on") || !strcmp(val, "off")))
		v->semihost = !strcmp(val, "on");
	else {
		snprintf(err, n,
		         "bad setting '%.*s' (keys: name, guest, board, console, engine, "
		         "max-insns, timeout, semihosting)",
		         (int)len, kv);
		return -1;
	}
#undef KEY
	return 0;
}

/* Start a new VM for file[0..len); NULL + err when there are too many. */
static rt_vm_spec *new_vm(rt_vm_list *l, const char *file, size_t len, char *err, size_t n)
{
	if (l->n >= RT_VMS_MAX) {
		snprintf(err, n, "more than %d VMs", RT_VMS_MAX);
		return NULL;
	}
	rt_vm_spec *v = &l->vm[l->n];
	memset(v, 0, sizeof *v);
	v->engine = v->semihost = -1;
	if (!len || !(v->file = keep(l, file, len))) {
		snprintf(err, n, len ? "out of memory" : "a VM needs a guest file");
		return NULL;
	}
	const char *base = strrchr(v->file, '/');
	base = base ? base + 1 : v->file;
	size_t bl = strcspn(base, ".");
	snprintf(v->name, sizeof v->name, "%.*s", (int)(bl ? bl : strlen(base)), base);
	l->n++;
	return v;
}

/* --vm FILE[,key=value...]. */
int rt_vms_add_spec(rt_vm_list *l, const char *spec, char *err, size_t n)
{
	size_t len = strcspn(spec, ",");
	rt_vm_spec *v = new_vm(l, spec, len, err, n);
	for (const char *p = spec + len; v && *p;) {
		p++; /* the comma */
		len = strcspn(p, ",");
		if (set_key(l, v, p, len, err, n) != 0)
			return -1;
		p += len;
	}
	return v ? 0 : -1;
}

/* One config line (NUL-terminated, comment stripped): 0, or -1 + err. */
static int config_line(rt_vm_list *l, char *line, char *err, size_t n)
{
	static const char ws[] = " \t\r";
	char *tok = line + strspn(line, ws);
	if (!*tok)
		return 0;
	size_t len = strcspn(tok, ws);
	if (len != 2 || memcmp(tok, "vm", 2) != 0) {
		snprintf(err, n, "expected 'vm FILE [key=value...]', not '%.*s'", (int)len, tok);
		return -1;
	}
	tok += len;
	tok += strspn(tok, ws);
	len = strcspn(tok, ws);
	rt_vm_spec *v = new_vm(l, tok, len, err, n);
	if (!v)
		return -1;
	for (tok += len; *(tok += strspn(tok, ws));) {
		len = strcspn(tok, ws);
		if (set_key(l, v, tok, len, err, n) != 0)
			return -1;
		tok += len;
	}
	return 0;
}

/* --config FILE. */
int rt_vms_add_config(rt_vm_list *l, const char *path, char *err, size_t n)
{
	void *data;
	size_t size;
	mk_err e = mk_file_read_all(path, 1 << 20, &data, &size);
	if (e != MK_OK) {
		snprintf(err, n, "%s: %s", path, mk_strerror(e));
		return -1;
	}
	char *text = data, msg[256];
	int r = 0, lineno = 1;
	for (char *line = text; r == 0 && line < text + size; lineno++) {
		char *nl = memchr(line, '\n', (size_t)(text + size - line));
		char *end = nl ? nl : text + size;
		*end = 0;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		if ((r = config_line(l, line, msg, sizeof msg)) != 0)
			snprintf(err, n, "%s:%d: %s", path, lineno, msg);
		line = end + 1;
	}
	mk_file_free(data, size);
	if (r == 0 && l->n == 0) {
		snprintf(err, n, "%s: no 'vm' line", path);
		r = -1;
	}
	return r;
}

/* Free the kept strings. */
void rt_vms_free(rt_vm_list *l)
{
	for (int i = 0; i < l->nstore; i++)
		free(l->store[i]);
	l->nstore = 0;
}

/* ---- the supervisor ---------------------------------------------------- */

/* What a VM's task runs. */
typedef struct vm_task {
	const rt_vm_spec *spec;
	int index;
	int (*run)(const rt_vm_spec *v, int index);
} vm_task;

/* Entry of a VM's task. */
static int vm_main(void *arg)
{
	const vm_task *t = arg;
	return t->run(t->spec, t->index) & 0xff;
}

/* Run every VM; the first failing status in order, or 0. */
int rt_vms_run(const rt_vm_list *l, int (*run)(const rt_vm_spec *v, int index))
{
	static vm_task arg[RT_VMS_MAX];
	mk_task *task[RT_VMS_MAX] = {0};
	int status[RT_VMS_MAX], left = 0;
	uint64_t t0 = mk_time_ns();
	for (int i = 0; i < l->n; i++) {
		arg[i] = (vm_task){&l->vm[i], i, run};
		status[i] = RT_EXIT_ERROR;
		if (mk_task_create(&task[i], MK_TASK_ISOLATED, vm_main, &arg[i]) != MK_OK) {
			rt_cli_say(l->vm[i].name, "cannot start its task");
			task[i] = NULL;
			continue;
		}
		left++;
	}
	while (left) {
		for (int i = 0; i < l->n; i++) {
			const rt_vm_spec *v = &l->vm[i];
			int st;
			if (!task[i])
				continue;
			if (mk_task_wait(task[i], 0, &st) != MK_OK) {
				if (v->timeout_ms &&
				    mk_time_ns() - t0 >= v->timeout_ms * 1000000u &&
				    mk_task_kill(task[i]) == MK_OK &&
				    mk_task_wait(task[i], MK_FOREVER, &st) == MK_OK) {
					rt_cli_say(v->name, "stopped after its timeout of %.3f s",
					           (double)v->timeout_ms / 1e3);
					status[i] = RT_EXIT_TIMEOUT;
					task[i] = NULL;
					left--;
				}
				continue;
			}
			if (st == MK_TASK_FAULTED)
				rt_cli_say(v->name, "the VM's task crashed");
			status[i] = st == MK_TASK_FAULTED ? RT_EXIT_ERROR : st;
			task[i] = NULL;
			left--;
		}
		if (left)
			mk_sleep_ns(2000000);
	}
	for (int i = 0; i < l->n; i++)
		if (status[i] != 0)
			return status[i];
	return 0;
}
