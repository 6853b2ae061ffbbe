#!/usr/bin/env node
// Runs the bundle `npm run build` makes of dist/main.js (tools/bundle-cli): one file to load instead of ~700
// modules. Where a library was compiled after the bundle (a checkout built with `tsc -b` alone), the bundle is
// stale and dist/main.js runs instead: the same CLI, loaded module by module.
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');

function bundleIsCurrent() {
  let built;
  try {
    built = statSync(join(dist, 'motif.cjs')).mtimeMs;
  } catch {
    return false;
  }
  let buildInfo = [];
  try {
    buildInfo = JSON.parse(readFileSync(join(dist, 'motif.cjs.inputs.json'), 'utf8')).buildInfo;
  } catch {
    return true;
  }
  for (const file of buildInfo) {
    let compiled;
    try {
      compiled = statSync(join(dist, file)).mtimeMs;
    } catch {
      continue; // a published package holds no build info
    }
    if (compiled > built) return false;
  }
  return true;
}

if (bundleIsCurrent()) {
  // Both bundle files compile through V8's code cache (see @motif/vector-store's early-start/compile-cache): an
  // optimisation only, so a layout without it still runs.
  try {
    require('@motif/vector-store/early-start').enableCompileCache([join(dist, 'motif.cjs'), join(dist, 'motif-runtime.cjs')]);
  } catch {}
  require(join(dist, 'motif.cjs'));
} else {
  require(join(dist, 'main.js'));
}
