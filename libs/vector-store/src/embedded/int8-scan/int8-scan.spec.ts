import { join } from 'node:path';
import { INT8_SCAN_WASM_BASE64 } from './int8-scan-wasm';
import { int8ScanModule } from './int8-scan';

// The generator is plain CommonJS outside src (it runs without a build); wabt is a dev dependency.
const { assemble } = require(join(__dirname, '..', '..', '..', 'scripts', 'compile-int8-scan.js')) as { assemble(): Promise<Buffer> };

describe('Int8 scan kernel', () => {
  it('ships the bytes of int8-scan.wat (run scripts/compile-int8-scan.js after editing it)', async () => {
    const bytes = await assemble();
    expect(bytes.toString('base64')).toBe(INT8_SCAN_WASM_BASE64);
  });

  it('validates and compiles here', () => {
    expect(int8ScanModule()).not.toBeNull();
  });
});
