import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import request from 'supertest';
import { InMemoryPatternService } from '@motif/patterns/testing';
import type { z } from 'zod';
import { createApp } from '../app';
import { ROUTES } from '../routes/route-table';
import { fakeConfig } from '../testing/fake-config';
import { buildOpenApiDocument, openApiPath } from './openapi-document';
import { RESPONSE_EXAMPLES } from './response-examples';

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }>;
}

const apiRoot = join(__dirname, '..', '..');
const cliPackage = require.resolve('@redocly/cli/package.json');
const cliBin = join(dirname(cliPackage), (JSON.parse(readFileSync(cliPackage, 'utf8')) as { bin: Record<string, string> }).bin['redocly']);

/** `redocly lint` (the pinned @redocly/cli) on the document a server serves, with apps/api/redocly.yaml. */
async function lint(apiKey: string | undefined): Promise<LintReport> {
  const config = fakeConfig(apiKey ? { apiKey } : {});
  const app = createApp({ config, service: new InMemoryPatternService() }, { logger: pino({ level: 'silent' }) });
  const res = await request(app).get('/openapi.json').expect(200);
  const file = join(mkdtempSync(join(tmpdir(), 'motif-openapi-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(res.body, null, 2));
  // No telemetry, no update check: tests use no network.
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  const run = await promisify(execFile)(process.execPath, [cliBin, 'lint', file, '--config', join(apiRoot, 'redocly.yaml'), '--format', 'json'], { env, maxBuffer: 16 << 20 })
    .catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  return JSON.parse(run.stdout) as LintReport;
}

const summary = (r: LintReport) => r.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);

describe('/openapi.json under redocly lint', () => {
  jest.setTimeout(60_000);

  it.each([
    ['a server without API keys', undefined],
    ['a server with an API key', 'a-long-enough-api-key'],
  ])('lints clean on %s: servers, security, every response with a schema and an example, no unused component', async (_what, key) => {
    const report = await lint(key);
    expect(summary(report)).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  });

  it('every /v1 route documents a client error (the one rule redocly.yaml turns off is for the open system routes)', () => {
    const doc = buildOpenApiDocument(ROUTES) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    for (const r of ROUTES.filter((x) => !x.open)) {
      const statuses = Object.keys(doc.paths[openApiPath(r.path)][r.method].responses);
      expect({ route: r.operationId, has4xx: statuses.some((s) => Number(s) >= 400 && Number(s) < 500) }).toEqual({ route: r.operationId, has4xx: true });
    }
  });

  it('each example body is a real instance of its response schema', () => {
    const schemas = new Map<string, z.ZodType>();
    for (const r of ROUTES) for (const doc of Object.values(r.responses)) if (doc.body) schemas.set(doc.body.name, doc.body.schema);
    for (const [key, example] of Object.entries(RESPONSE_EXAMPLES)) {
      const schema = schemas.get(key.split('@')[0]);
      expect({ key, documented: schema !== undefined }).toEqual({ key, documented: true });
      const parsed = schema!.safeParse(example);
      expect({ key, issues: parsed.success ? [] : parsed.error.issues }).toEqual({ key, issues: [] });
    }
    for (const name of schemas.keys()) expect({ name, example: name in RESPONSE_EXAMPLES }).toEqual({ name, example: true });
  });
});
