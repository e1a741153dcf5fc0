#!/usr/bin/env bash
# The core as an installed library, end to end: installs the Development component
# of the build tree into a scratch prefix and checks its layout and version file;
# builds examples/embed-pool and tests/embed/headers against that prefix alone (fresh
# CMake trees, the same compiler and generator); runs embed-pool against a demo worker
# it starts: the echo comes back, and bad arguments, an unknown tool, a tool error and
# an unreachable server give the documented exit codes and messages. Run by ctest
# (tests/embed/CMakeLists.txt). WORK_DIR is emptied first and removed when all passed
# (kept for a look when not); LAUNCHER may be empty or ccache.
#   embed-pool.sh SOURCE_DIR BUILD_DIR WORK_DIR DEMO_WORKER CXX GENERATOR [LAUNCHER [EXTRA_LINKER_FLAGS]]
set -euo pipefail
src="$1"
build="$2"
work="$3"
worker_bin="$4"
cxx="$5"
generator="$6"
launcher="${7:-}"
ldflags="${8:-}"
rm -rf "$work"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
worker_pid=""
cleanup() {
  [ -z "$worker_pid" ] || kill "$worker_pid" 2>/dev/null || true
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$work"/*.out "$work"/*.err; do [ -f "$f" ] && { echo "--- $f"; cat "$f"; }; done >&2; echo "(kept: $work)" >&2; exit 1; }
prefix="$work/prefix"

# 1. Install only the Development component: headers, library, CMake package.
cmake --install "$build" --prefix "$prefix" --component Development >"$work/install.out" 2>&1 \
  || fail "cmake --install --component Development failed"
for layer in net jsonrpc schema mcp auth stats pool profile host; do
  compgen -G "$prefix/include/mcppm/$layer/*.h" >/dev/null || fail "no headers in include/mcppm/$layer"
done
[ -f "$prefix/include/mcppm/pool/serverpool.h" ] || fail "include/mcppm/pool/serverpool.h missing"
lib="$(find "$prefix" -name libmcppm_core.a)"
[ -n "$lib" ] || fail "libmcppm_core.a not installed"
package_dir="$(dirname "$(find "$prefix" -name McpPoolMonitorConfig.cmake)")"
for f in McpPoolMonitorConfig.cmake McpPoolMonitorConfigVersion.cmake McpPoolMonitorTargets.cmake; do
  [ -f "$package_dir/$f" ] || fail "$f missing from the package directory $package_dir"
done
[ "$package_dir" = "$(dirname "$lib")/cmake/McpPoolMonitor" ] || fail "package not in <libdir>/cmake/McpPoolMonitor: $package_dir"
unexpected="$(cd "$prefix" && find . -type f ! -path './include/mcppm/*' ! -name libmcppm_core.a ! -path '*/cmake/McpPoolMonitor/*')"
[ -z "$unexpected" ] || fail "the Development component installs more than the library: $unexpected"
version="$(sed -n 's/^set(PACKAGE_VERSION "\(.*\)")$/\1/p' "$package_dir/McpPoolMonitorConfigVersion.cmake")"
cmake -DVERSION_FILE="$package_dir/McpPoolMonitorConfigVersion.cmake" -DVERSION="$version" \
  -P "$src/tests/embed/check_version.cmake" >"$work/version.out" 2>&1 || fail "version file check failed"

# 2. Build the example and the header check against the prefix only (no package
#    registry, so nothing can come from the build tree).
configure_build() { # NAME SOURCE
  cmake -S "$2" -B "$work/$1" -G "$generator" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_CXX_COMPILER_LAUNCHER="$launcher" \
    -DCMAKE_EXE_LINKER_FLAGS="$ldflags" -DCMAKE_SHARED_LINKER_FLAGS="$ldflags" \
    >"$work/$1-configure.out" 2>&1 || fail "configuring $2 against the installed package failed"
  grep -qx "McpPoolMonitor_DIR:PATH=$package_dir" "$work/$1/CMakeCache.txt" \
    || fail "$1 did not use the installed package: $(grep McpPoolMonitor_DIR "$work/$1/CMakeCache.txt")"
  cmake --build "$work/$1" --parallel 2 >"$work/$1-build.out" 2>&1 || fail "building $2 failed"
}
configure_build embed "$src/examples/embed-pool"
configure_build headers "$src/tests/embed/headers"
embed="$work/embed/embed-pool"

# 3. Run it.
"$worker_bin" --port 0 --name embed-worker >"$work/worker.out" 2>"$work/worker.err" &
worker_pid=$!
for _ in $(seq 100); do grep -q '^listening on' "$work/worker.out" && break; sleep 0.1; done
url="$(sed -n 's/^listening on \(http[^ ]*\)$/\1/p' "$work/worker.out")"
[ -n "$url" ] || fail "the demo worker did not start"

run() { # EXPECTED_EXIT NAME ARGS...
  local expected="$1" name="$2" rc=0
  shift 2
  timeout 60 "$embed" "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
  [ "$rc" -eq "$expected" ] || fail "embed-pool $*: exit $rc, expected $expected"
}
run 0 echo "$url" echo '{"message":"hi"}'
grep -qx "hi" "$work/echo.out" || fail "echo did not print hi"
[ ! -s "$work/echo.err" ] || fail "echo wrote to stderr"
run 2 noargs
grep -q "^usage: embed-pool URL TOOL ARGS_JSON" "$work/noargs.err" || fail "no usage for missing arguments"
run 2 badjson "$url" echo '{"message":'
run 2 badurl "ftp://127.0.0.1/" echo '{}'
run 1 unknown "$url" no_such_tool '{}'
grep -q "No healthy servers offer the tool no_such_tool" "$work/unknown.err" || fail "no clear error for an unknown tool"
run 1 toolerror "$url" fail '{"message":"broken on purpose"}'
grep -q "broken on purpose" "$work/toolerror.err" || fail "the tool's error text is not on stderr"
[ ! -s "$work/toolerror.out" ] || fail "a tool error was printed to stdout"
run 1 unreachable "http://127.0.0.1:1/mcp" echo '{}'
grep -q "connection refused" "$work/unreachable.err" || fail "no reason given for an unreachable server"
headers="$(grep -c '^#include "' "$work/headers/all_headers.cpp")"
cleanup
worker_pid=""
rm -rf "$work"
echo "embed-pool: ok ($headers headers, package $version)"
