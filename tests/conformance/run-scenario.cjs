// Runs one client scenario of @modelcontextprotocol/conformance against a
// client command and judges the result strictly: the expected checks must be
// SUCCESS, and no check may be FAILURE or WARNING.
//
//   node run-scenario.cjs [--suite PACKAGE] [--spec-version V] [--force] SCENARIO "CLIENT COMMAND" EXPECTED_CHECK_ID...
//
// An expectation ID=N asks for exactly N SUCCESS checks with that id (N may
// be 0: the client must not have done it at all).
//
// --suite picks the installed suite package (a folder under node_modules):
// @modelcontextprotocol/conformance (0.1.16, the default) or conformance-2026
// (0.2.0-alpha.12, the 2026-07-28 suite). --spec-version is passed through
// (the 2026 suite then runs the scenario at that wire version and hands it to
// the client as MCP_CONFORMANCE_PROTOCOL_VERSION). --force runs a scenario the
// suite deems not applicable at that version: the extension scenarios, which
// `--requirements 2026-07-28` runs (forced) at 2026-07-28 as not scored.
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const usage = 'usage: node run-scenario.cjs [--suite PACKAGE] [--spec-version V] [--force] SCENARIO "CLIENT COMMAND" EXPECTED_CHECK_ID...';
const argv = process.argv.slice(2);
let suite = '@modelcontextprotocol/conformance';
let specVersion = null;
let force = false;
while (argv.length > 0 && argv[0].startsWith('--')) {
  const flag = argv.shift();
  if (flag === '--force') { force = true; continue; }
  const value = argv.shift();
  if (value === undefined) { console.error(usage); process.exit(2); }
  if (flag === '--suite') suite = value;
  else if (flag === '--spec-version') specVersion = value;
  else { console.error(`unknown option ${flag}\n${usage}`); process.exit(2); }
}
if (!/^(@[a-z0-9-]+\/)?[a-z0-9-]+$/.test(suite)) {
  console.error(`--suite: not a package name: ${suite}`);
  process.exit(2);
}
const [scenario, command, ...expected] = argv;
if (!scenario || !command) {
  console.error(usage);
  process.exit(2);
}
const cli = path.join(__dirname, 'node_modules', suite, 'dist/index.js');
const cliArgs = [cli, 'client', '--command', command, '--scenario', scenario, '--verbose', '--timeout', '30000'];
if (specVersion) cliArgs.push('--spec-version', specVersion);
if (force) cliArgs.push('--force');
const run = spawnSync(process.execPath, cliArgs, { encoding: 'utf8', timeout: 90000, cwd: __dirname });
const stripAnsi = (s) => (s || '').replace(/\x1b\[[0-9;]*m/g, '');
const stdout = stripAnsi(run.stdout);
const stderr = stripAnsi(run.stderr);

// The verbose output is one JSON array of checks on stdout.
let checks = null;
const start = stdout.indexOf('[');
const end = stdout.lastIndexOf(']');
if (start >= 0 && end > start) {
  try { checks = JSON.parse(stdout.slice(start, end + 1)); } catch (e) { checks = null; }
}
if (!Array.isArray(checks)) {
  console.log(stdout);
  console.log(stderr);
  console.log(`FAILURE: no check list from the conformance suite (exit ${run.status}, signal ${run.signal})`);
  process.exit(1);
}
let bad = 0;
for (const c of checks) {
  if (c.status === 'INFO') continue;
  const line = `${c.status} ${c.id}: ${c.description || c.name}${c.errorMessage ? ' -- ' + c.errorMessage : ''}`;
  console.log(line);
  if (c.status === 'FAILURE' || c.status === 'WARNING') bad++;
}
for (const spec of expected) {
  const counted = /^(.+)=(\d+)$/.exec(spec);
  if (counted) {
    const [, id, wanted] = counted;
    const n = checks.filter((x) => x.id === id && x.status === 'SUCCESS').length;
    if (n !== Number(wanted)) {
      console.log(`FAILURE ${id}: expected ${wanted} SUCCESS check(s), got ${n}`);
      bad++;
    }
    continue;
  }
  const id = spec;
  const c = checks.find((x) => x.id === id);
  if (!c || c.status !== 'SUCCESS') {
    console.log(`FAILURE ${id}: expected SUCCESS, got ${c ? c.status : 'no such check'}`);
    bad++;
  }
}
if (run.status !== 0) {
  console.log(stderr);
  console.log(`FAILURE: conformance suite exited with ${run.status}`);
  bad++;
}
const passed = checks.filter((c) => c.status === 'SUCCESS').length;
console.log(`conformance ${scenario}${specVersion ? ' @' + specVersion : ''} (${suite}): ${passed} passed, ${bad} failed`);
process.exit(bad === 0 ? 0 : 1);
