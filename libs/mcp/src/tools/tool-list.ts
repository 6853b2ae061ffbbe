import type { MotifTool } from '../tool-definition';
import { getPatternTool, recordFeedbackTool, searchPatternsTool, storePatternTool } from './pattern-tools';
import { renderCardTool } from './render-tools';
import { describeCatalogTool, validateStructureTool } from './structure-tools';
import { generateVariationsTool, getVariationTool } from './variation-tools';

/** Every tool the Motif MCP server offers; the names are a contract. */
export const MOTIF_TOOLS: readonly MotifTool[] = [
  searchPatternsTool,
  getPatternTool,
  storePatternTool,
  recordFeedbackTool,
  generateVariationsTool,
  getVariationTool,
  renderCardTool,
  validateStructureTool,
  describeCatalogTool,
];
