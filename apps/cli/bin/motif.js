#!/usr/bin/env node
// The bundle `npm run build` makes of dist/main.js (tools/bundle-cli): one file to load instead of ~700 modules.
require('../dist/motif.cjs');
