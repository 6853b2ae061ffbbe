#!/usr/bin/env node
// `motif-api`: serves the Motif HTTP API (config from the environment and MOTIF_CONFIG; `--port N`).
require('../dist/main.js');
