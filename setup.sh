#!/usr/bin/env bash
# setup.sh: install what is missing, build, then run the demo or the tests.
#
#   ./setup.sh demo    install + build (release) + run the demo guest
#   ./setup.sh test    install + build (release, ASan+UBSan, the posix microkernel
#                      backend) + whole suite in each; the microkernel tests
#                      under ThreadSanitizer
#   ./setup.sh build   install + build (release) only
#
# Exit status: 0 success; 1 a test failed or the demo failed; 2 usage;
# 3 packages could not be installed; 4 the build failed.
set -u
cd "$(dirname "$0")"

# Debian packages the project needs (see docs/ and DESIGN.md).
PACKAGES=(
	build-essential pkg-config python3 git clang-format flex bison meson ninja-build
	llvm-19-dev clang-19 lld-19 libelf-dev libfdt-dev
	qemu-system-misc qemu-system-arm qemu-system-mips qemu-user gdb-multiarch
	gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf
	gcc-arm-none-eabi picolibc-arm-none-eabi gcc-mips-linux-gnu gcc-mipsel-linux-gnu
)

log() { printf '==> %s\n' "$*" >&2; }

# install_missing: apt-get install every package of PACKAGES not yet installed.
install_missing() {
	local missing=() p
	for p in "${PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	log "installing: ${missing[*]}"
	local sudo=()
	[ "$(id -u)" -ne 0 ] && sudo=(sudo)
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get update -qq >/dev/null &&
		"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
		{ log "error: could not install: ${missing[*]}"; exit 3; }
}

# configure DIR [meson options...]: meson setup DIR, once.
configure() {
	local dir=$1
	shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@" >/dev/null || { log "error: meson setup $dir failed"; exit 4; }
	fi
}

# build DIR [meson options...]: configure (once) and build.
build() {
	configure "$@"
	log "building $1"
	ninja -C "$1" >/dev/null || { ninja -C "$1" | tail -40; log "error: build failed"; exit 4; }
}

# build_mk DIR [meson options...]: configure (once) and build only the
# programs of meson's test suite 'mk' (the microkernel tests).
build_mk() {
	configure "$@"
	local targets
	targets=$(meson introspect "$1" --tests | python3 -c '
import json, os, sys
print(" ".join(os.path.relpath(t["cmd"][0], sys.argv[1]) for t in json.load(sys.stdin)
               if any(s.split(":")[-1] == "mk" for s in t["suite"])))' "$1")
	log "building $1 (suite mk)"
	# shellcheck disable=SC2086 # one target per word
	ninja -C "$1" $targets >/dev/null || { ninja -C "$1" $targets | tail -40; log "error: build failed"; exit 4; }
}

# run_suite DIR [meson test options...]: run meson's tests in DIR; adds to
# the totals.
PASSED=0 FAILED=0 SKIPPED=0
run_suite() {
	local dir=$1 out
	shift
	log "testing $dir $*"
	meson test -C "$dir" --print-errorlogs --num-processes "$(nproc)" "$@" </dev/null >"$dir/test.out" 2>&1
	out=$(grep -E '^(Ok|Expected Fail|Fail|Unexpected Pass|Skipped|Timeout):' "$dir/test.out")
	grep -E '^ *[0-9]+/[0-9]+ ' "$dir/test.out" | grep -vE ' OK | SKIP ' | head -50
	echo "$out" | sed "s|^|  $dir: |"
	local ok fail skip to up
	ok=$(echo "$out" | awk '/^Ok:/{print $2}')
	fail=$(echo "$out" | awk '/^Fail:/{print $2}')
	to=$(echo "$out" | awk '/^Timeout:/{print $2}')
	up=$(echo "$out" | awk '/^Unexpected Pass:/{print $3}')
	skip=$(echo "$out" | awk '/^Skipped:/{print $2}')
	PASSED=$((PASSED + ${ok:-0}))
	FAILED=$((FAILED + ${fail:-0} + ${to:-0} + ${up:-0}))
	SKIPPED=$((SKIPPED + ${skip:-0}))
	if [ -z "$ok" ]; then
		tail -30 "$dir/test.out"
		FAILED=$((FAILED + 1))
	fi
}

cmd=${1:-}
case "$cmd" in
demo | test | build) ;;
*)
	echo "usage: ./setup.sh demo|test|build" >&2
	exit 2
	;;
esac

install_missing
build build
case "$cmd" in
build) exit 0 ;;
demo)
	log "running the demo guest: build/morph run --stats build/tests/progs/demo-rv64.elf"
	exec build/morph run --stats build/tests/progs/demo-rv64.elf
	;;
test)
	build build-san -Dbuildtype=debug -Db_sanitize=address,undefined -Db_lundef=false
	# The plain-POSIX microkernel backend runs the whole suite too; the
	# microkernel's own tests also run under ThreadSanitizer.
	build build-posix -Dmk_backend=posix
	build_mk build-tsan -Db_sanitize=thread -Db_lundef=false
	run_suite build
	# LeakSanitizer (GCC 12's) misreads the dynamic TLS of dlopen'ed libraries
	# (libLLVM, loaded by the JIT) and dies with "Tracer caught signal 11":
	# it scans no TLS (use_tls=0) and LLVM's own caches are not ours to judge.
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 \
		LSAN_OPTIONS=use_tls=0:print_suppressions=0:suppressions=$PWD/tests/lsan.supp \
		run_suite build-san
	run_suite build-posix
	run_suite build-tsan --suite mk --no-rebuild
	if [ $SKIPPED -gt 0 ]; then
		echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
	else
		echo "$PASSED passed, $FAILED failed"
	fi
	[ $FAILED -eq 0 ]
	;;
esac
