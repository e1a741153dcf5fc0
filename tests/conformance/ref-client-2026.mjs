// A minimal 2026-07-28 (stateless) MCP client in plain Node, written from the
// spec and the conformance-2026 scenario sources. It is the yardstick for the
// expected check ids in CMakeLists.txt (mcppm_conformance_2026): every
// "conformance2026" case passes with it as the client, so each expected id is
// reachable. It is NOT the client under test (that is mcp-poolctl conformance).
//
//   node ref-client-2026.mjs URL        (URL is the last argument, as the suite passes it)
//
// Reads MCP_CONFORMANCE_SCENARIO, MCP_CONFORMANCE_PROTOCOL_VERSION and
// MCP_CONFORMANCE_CONTEXT like any conformance client.
const url = process.argv[process.argv.length - 1];
const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
let version = process.env.MCP_CONFORMANCE_PROTOCOL_VERSION || '2026-07-28';
const context = process.env.MCP_CONFORMANCE_CONTEXT ? JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT) : {};
const KNOWN = ['2026-07-28'];
const capabilities = { elicitation: { form: {} } };
const clientInfo = { name: 'mcppm-ref-client-2026', version: '0.0.0' };
let nextId = 1;
const tools = new Map();

// SEP-2243: a value goes Base64 (=?base64?...?=) when it is not printable
// ASCII or has leading/trailing whitespace.
function headerValue(v) {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  const s = String(v);
  const unsafe = /[^\x20-\x7e]/.test(s) || s !== s.trim();
  return unsafe ? `=?base64?${Buffer.from(s, 'utf8').toString('base64')}?=` : s;
}

// Returns the x-mcp-header declarations of a schema, or null when any
// declaration breaks the rules (the tool must then be left out).
function headerDeclarations(schema) {
  const out = [];
  const seen = new Set();
  const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const walk = (node, path) => {
    if (!node || typeof node !== 'object') return true;
    if ('x-mcp-header' in node) {
      const name = node['x-mcp-header'];
      if (path.length === 0 || typeof name !== 'string' || !token.test(name)) return false;
      if (!['string', 'integer', 'boolean'].includes(node.type)) return false;
      if (seen.has(name.toLowerCase())) return false;
      seen.add(name.toLowerCase());
      out.push({ path, name });
    }
    for (const [k, child] of Object.entries(node.properties ?? {})) {
      if (!walk(child, [...path, k])) return false;
    }
    return true;
  };
  return walk(schema, []) ? out : null;
}

function parseBody(contentType, text) {
  if ((contentType ?? '').includes('text/event-stream')) {
    let last = null;
    for (const block of text.split(/\r?\n\r?\n/)) {
      const data = block.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
      if (!data) continue;
      const msg = JSON.parse(data);
      if (msg.id !== undefined && (msg.result !== undefined || msg.error !== undefined)) last = msg;
    }
    return last;
  }
  return text ? JSON.parse(text) : null;
}

async function request(method, params = {}, retried = false) {
  const id = nextId++;
  const body = {
    jsonrpc: '2.0', id, method,
    params: {
      ...params,
      _meta: {
        ...(params._meta ?? {}),
        'io.modelcontextprotocol/protocolVersion': version,
        'io.modelcontextprotocol/clientCapabilities': capabilities,
        'io.modelcontextprotocol/clientInfo': clientInfo
      }
    }
  };
  const headers = {
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
    'MCP-Protocol-Version': version,
    'Mcp-Method': method
  };
  if (method === 'tools/call' || method === 'prompts/get') headers['Mcp-Name'] = params.name;
  if (method === 'resources/read') headers['Mcp-Name'] = params.uri;
  if (method === 'tools/call') {
    for (const d of tools.get(params.name)?.headers ?? []) {
      let v = params.arguments;
      for (const k of d.path) v = v?.[k];
      const hv = headerValue(v);
      if (hv !== undefined) headers[`Mcp-Param-${d.name}`] = hv;
    }
  }
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const msg = parseBody(res.headers.get('content-type'), await res.text());
  if (msg?.error?.code === -32022 && !retried) {
    const pick = (msg.error.data?.supported ?? []).find((v) => KNOWN.includes(v));
    if (pick) { version = pick; return request(method, params, true); }
  }
  if (msg?.error) throw new Error(`${method}: ${msg.error.code} ${msg.error.message}`);
  return msg?.result;
}

function defaultsFor(schema) {
  const out = {};
  for (const [k, p] of Object.entries(schema?.properties ?? {})) if ('default' in p) out[k] = p.default;
  return out;
}

// tools/call with the multi-round-trip loop (SEP-2322).
async function callTool(name, args = {}) {
  let params = { name, arguments: args };
  for (let round = 0; round < 5; round++) {
    const result = await request('tools/call', params);
    if (result?.resultType !== 'input_required') return result;
    const inputResponses = {};
    for (const [key, req] of Object.entries(result.inputRequests ?? {})) {
      if (req.method === 'elicitation/create') {
        inputResponses[key] = { action: 'accept', content: defaultsFor(req.params?.requestedSchema) };
      } else if (req.method === 'roots/list') {
        inputResponses[key] = { roots: [] };
      }
    }
    params = { name, arguments: args, inputResponses };
    if (result.requestState !== undefined) params.requestState = result.requestState;
  }
  throw new Error(`${name}: too many input rounds`);
}

async function listTools() {
  const result = await request('tools/list');
  for (const t of result?.tools ?? []) {
    const h = headerDeclarations(t.inputSchema);
    if (h !== null) tools.set(t.name, { ...t, headers: h });
  }
  return [...tools.values()];
}

function dummyArgs(schema) {
  const out = {};
  for (const k of schema?.required ?? []) {
    const t = schema.properties?.[k]?.type;
    out[k] = t === 'integer' || t === 'number' ? 1 : t === 'boolean' ? true : t === 'object' ? {} : t === 'array' ? [] : 'x';
  }
  return out;
}

async function main() {
  switch (scenario) {
    case 'tools_call':
      await listTools();
      await callTool('add_numbers', { a: 5, b: 3 });
      break;
    case 'request-metadata':
      await request('server/discover');
      await listTools();
      break;
    case 'sep-2322-client-request-state':
      await listTools();
      await callTool('test_mrtr_echo_state');
      await callTool('test_mrtr_no_state');
      await callTool('test_mrtr_unrelated');
      await callTool('test_mrtr_no_result_type');
      break;
    case 'http-standard-headers': {
      for (const t of await listTools()) await callTool(t.name, dummyArgs(t.inputSchema));
      for (const r of (await request('resources/list'))?.resources ?? []) await request('resources/read', { uri: r.uri });
      for (const p of (await request('prompts/list'))?.prompts ?? []) await request('prompts/get', { name: p.name });
      break;
    }
    case 'http-custom-headers':
      await listTools();
      for (const c of context.toolCalls ?? []) await callTool(c.name, c.arguments);
      break;
    case 'http-invalid-tool-headers':
      for (const t of await listTools()) await callTool(t.name, dummyArgs(t.inputSchema));
      break;
    case 'json-schema-ref-no-deref':
      await listTools();
      break;
    case 'json-schema-2020-12-preservation': {
      const all = await listTools();
      const focal = all.find((t) => t.name === 'json_schema_2020_12_tool');
      await callTool('json_schema_echo', { schema: focal.inputSchema });
      break;
    }
    default:
      throw new Error(`unknown scenario '${scenario}'`);
  }
}

main().then(() => process.exit(0), (e) => { console.error(`ref-client-2026: ${e.message}`); process.exit(1); });
