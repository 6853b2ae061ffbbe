import type { BenchSuite } from '../bench-types';
import { apiBench } from './api-bench';
import { cacheBench } from './cache-bench';
import { cliBench } from './cli-bench';
import { dagBench } from './dag-bench';
import { denseBench } from './dense-bench';
import { embedderBench } from './embedder-bench';
import { mcpTokensBench } from './mcp-tokens-bench';
import { variatorsBench } from './variators-bench';
import { storeBench } from './store-bench';
import { scaleBench } from './scale-bench';

/** Every suite `npm run bench` runs, in order (opt-in ones only when named). Add a suite by importing it here. */
export const SUITES: BenchSuite[] = [cacheBench, dagBench, variatorsBench, apiBench, embedderBench, storeBench, denseBench, cliBench, scaleBench, mcpTokensBench];
