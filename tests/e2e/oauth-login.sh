#!/usr/bin/env bash
# mcp-poolctl login / logout end to end: a demo worker that is its own OAuth
# authorization server, a private D-Bus session with gnome-keyring as the OS
# keychain, and curl as the "browser". Checks that login keeps the tokens in
# the keychain (never in a file we write), that a later pool command uses
# them without signing in, that logout forgets them, and that no token is
# ever printed. Run by ctest under dbus-run-session (tests/e2e/CMakeLists.txt).
#   oauth-login.sh POOLCTL DEMO_WORKER
set -euo pipefail
poolctl="$1"
worker_bin="$2"
work="$(mktemp -d)"
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_RUNTIME_DIR="$work/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$work"/*.out "$work"/*.err; do [ -f "$f" ] && { echo "--- $f"; cat "$f"; }; done >&2; exit 1; }

# The keychain: an unlocked login keyring (a non-empty password, or it prompts).
echo -n "e2e-test" | gnome-keyring-daemon --unlock --components=secrets >"$work/keyring.env" 2>/dev/null \
  || fail "gnome-keyring-daemon did not start"

"$worker_bin" --port 0 --oauth --name oauth-worker >"$work/worker.out" 2>"$work/worker.err" &
pids+=($!)
for _ in $(seq 50); do grep -q '^listening on' "$work/worker.out" && break; sleep 0.1; done
url="$(sed -n 's/^listening on \(http[^ ]*\)$/\1/p' "$work/worker.out")"
[ -n "$url" ] || fail "the demo worker did not start"
server=(--server "w=$url")

# Without a sign-in the pool cannot use the server, and says what to do.
set +e
"$poolctl" call echo --args '{"message":"before"}' --timeout 3000 "${server[@]}" >"$work/before.out" 2>"$work/before.err"
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "a call without sign-in succeeded"
grep -q "login w" "$work/before.err" || fail "no hint to run login"

# login: the URL is printed; curl plays the browser (the worker's /authorize
# approves at once with a redirect to the loopback listener).
"$poolctl" login w --timeout 20000 "${server[@]}" >"$work/login.out" 2>"$work/login.err" &
login_pid=$!
pids+=($login_pid)
authorize=""
for _ in $(seq 100); do
  authorize="$(grep -o 'http://127.0.0.1:[0-9]*/authorize?[^ ]*' "$work/login.err" | head -1 || true)"
  [ -n "$authorize" ] && break
  sleep 0.1
done
[ -n "$authorize" ] || fail "login printed no authorization URL"
callback="$(curl -s -o /dev/null -w '%{redirect_url}' "$authorize")"
case "$callback" in http://127.0.0.1:*/callback\?*) ;; *) fail "unexpected redirect: $callback" ;; esac
curl -s "$callback" >"$work/browser.out" || fail "the loopback listener did not answer"
wait "$login_pid" || fail "login failed"
grep -q "signed in to w" "$work/login.out" || fail "login did not report the sign-in"
grep -q "tokens kept in the keychain as oauth:default/w" "$work/login.out" || fail "tokens not kept"

# A later command uses the kept tokens: no sign-in needed.
"$poolctl" call echo --args '{"message":"after login"}' --timeout 5000 "${server[@]}" >"$work/after.out" 2>"$work/after.err" \
  || fail "the call after login failed"
grep -q "after login" "$work/after.out" || fail "the call after login gave no echo"

# The token set is in the keychain (QtKeychain's entry: user = the key), and
# no token value is anywhere in what we printed.
entry="$(secret-tool search --all user oauth:default/w 2>&1 || true)"
access="$(printf '%s' "$entry" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' | head -1)"
[ -n "$access" ] || fail "no OAuth token set for w in the keychain: $entry"
if grep -rqF "$access" "$work"/*.out "$work"/*.err; then fail "a token was printed"; fi

# logout forgets them; the next call needs a sign-in again.
"$poolctl" logout w "${server[@]}" >"$work/logout.out" 2>"$work/logout.err" || fail "logout failed"
set +e
"$poolctl" call echo --args '{"message":"after logout"}' --timeout 3000 "${server[@]}" >"$work/gone.out" 2>"$work/gone.err"
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "a call after logout succeeded"

# A static token the monitor keeps in the keychain ("keychain:NAME" in the
# profile): mcp-poolctl reads the same entry. Written here the way QtKeychain
# writes text (libsecret attributes user = the key, server = the service,
# type = plaintext).
static_token="e2e-static-$$-$RANDOM"
E2E_STATIC_TOKEN="$static_token" "$worker_bin" --port 0 --token-env E2E_STATIC_TOKEN --name static-worker \
  >"$work/static-worker.out" 2>"$work/static-worker.err" &
pids+=($!)
for _ in $(seq 50); do grep -q '^listening on' "$work/static-worker.out" && break; sleep 0.1; done
static_url="$(sed -n 's/^listening on \(http[^ ]*\)$/\1/p' "$work/static-worker.out")"
[ -n "$static_url" ] || fail "the static-token demo worker did not start"
printf '%s' "$static_token" | secret-tool store --label "mcp-pool-monitor keychain:e2e/static" \
  user "keychain:e2e/static" server mcp-pool-monitor type plaintext || fail "secret-tool store failed"
cat >"$work/profile.json" <<JSON
{"version": 1, "name": "e2e", "servers": [
  {"id": "s", "url": "$static_url", "tokenRef": "keychain:e2e/static", "oauth": false}]}
JSON
"$poolctl" --profile "$work/profile.json" call echo --args '{"message":"from the keychain"}' --timeout 5000 \
  >"$work/keychain-ref.out" 2>"$work/keychain-ref.err" || fail "a keychain: tokenRef was not read"
grep -q "from the keychain" "$work/keychain-ref.out" || fail "the keychain: call gave no echo"
sed -i 's#keychain:e2e/static#keychain:e2e/missing#' "$work/profile.json"
set +e
"$poolctl" --profile "$work/profile.json" servers >"$work/keychain-missing.out" 2>"$work/keychain-missing.err"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "a missing keychain entry gave exit code $rc, not 2"
grep -q "token reference keychain:e2e/missing: not in the keychain" "$work/keychain-missing.err" \
  || fail "no clear error for a missing keychain entry"
if grep -rqF "$static_token" "$work"/*.out "$work"/*.err; then fail "the static token was printed"; fi
echo "oauth-login: ok"
