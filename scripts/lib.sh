# Shared by scripts/demo and scripts/test. Source it; it does not run anything itself.

MCPPM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian 12 packages the build and the tests need.
MCPPM_APT_PACKAGES=(
  cmake ninja-build g++ pkg-config ccache
  qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-networkauth-dev
  qt6-charts-dev libqt6opengl6-dev libgl-dev qt6-tools-dev qt6-l10n-tools qt6-svg-dev
  qtkeychain-qt6-dev
  json-schema-test-suite openssl libssl-dev prometheus libmimalloc-dev
  dbus gnome-keyring libsecret-tools curl
  appstream desktop-file-utils libxml2-utils dpkg-dev
)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to run: $*"; fi
}

# Installs whichever of the given Debian packages are missing.
ensure_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Installs the pinned npm test peers (node 22, conformance suite, server-everything) from the lockfile.
ensure_npm_peers() {
  local dir="$MCPPM_ROOT/tests/conformance"
  local stamp="$dir/node_modules/.mcppm-installed"
  if [ -x "$dir/node_modules/.bin/node" ] && [ -f "$stamp" ] && [ "$stamp" -nt "$dir/package-lock.json" ]; then
    return 0
  fi
  # Any npm will do to fetch the pins (node 22 itself is one of them).
  command -v npm >/dev/null 2>&1 || ensure_apt nodejs npm
  say "installing pinned npm test peers (tests/conformance/package-lock.json)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in tests/conformance"
  "$dir/node_modules/.bin/node" --version >/dev/null || die "node 22 from npm did not install"
  touch "$stamp"
}

# Configures and builds into $1 with the CMake arguments that follow.
build_tree() {
  local dir="$1"; shift
  say "configuring $dir"
  local launcher=()
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S "$MCPPM_ROOT" -B "$dir" -G Ninja "${launcher[@]}" "$@" >/dev/null || die "cmake configure failed"
  say "building $dir"
  cmake --build "$dir" --parallel "$(nproc)" || die "build failed"
}
