// Serve Motif's MCP tools to a client in the same process (the SDK's in-memory transport). `motif mcp` (stdio)
// and the API's `POST /mcp` (Streamable HTTP) serve this same server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { resolveConfig } from '@motif/core-types';
import { createMotifMcpServer } from '@motif/mcp';
import { createMotifContainer } from '@motif/patterns';

async function main(): Promise<void> {
  const runtime = await createMotifContainer(resolveConfig({ env: {}, flags: { dataDir: mkdtempSync(join(tmpdir(), 'motif-mcp-')) } }));
  const server = createMotifMcpServer(runtime);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'example-agent', version: '1.0.0' });
  await client.connect(clientSide);
  try {
    const { tools } = await client.listTools();
    console.log(tools.map((t) => t.name).join(', ')); // search_patterns, get_pattern, store_pattern, …
    const check = await client.callTool({ name: 'validate_structure', arguments: { dsl: 'Section[Button]' } });
    console.log(JSON.stringify(check.structuredContent)); // {"valid":false,…,"issues":[{"code":"NEEDS_WRAPPER",…}]}
  } finally {
    await client.close();
    await server.close();
    await runtime.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
