import type { CallToolResult, Tool, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { MotifError, parseInput, type PatternService } from '@motif/core-types';
import { z } from 'zod';
import { toolFailure, toolSuccess } from './tool-result';

/** What a tool runs against: the service from the one container, and the caller's namespace. */
export interface ToolContext {
  readonly service: PatternService;
  /** Undefined: the configured namespace (the service applies it). */
  readonly namespace?: string;
  /** Told about failures that are not the caller's fault (they reach the caller only as INTERNAL). */
  readonly onInternalError?: (error: unknown, tool: string) => void;
}

export interface MotifToolSpec<I extends z.ZodType<Record<string, unknown>>, O extends z.ZodType<Record<string, unknown>>> {
  name: string;
  title: string;
  description: string;
  /** The role a caller needs, as for the tool's `/v1` route: `read`, or `write` to change patterns, votes or families. */
  access: ToolAccess;
  /** Validated once, here at the edge; published as the tool's JSON Schema. */
  input: I;
  /** Published as the tool's `outputSchema`; every success is checked against it before it leaves. */
  output: O;
  annotations?: ToolAnnotations;
  run(args: z.output<I>, ctx: ToolContext): Promise<z.input<O>> | z.input<O>;
}

export type ToolAccess = 'read' | 'write';

/** A tool with its generics erased: its MCP definition and one way to call it. */
export interface MotifTool {
  readonly name: string;
  readonly access: ToolAccess;
  readonly definition: Tool;
  call(args: unknown, ctx: ToolContext): Promise<CallToolResult>;
}

/** JSON Schema draft-07, as the SDK publishes zod schemas (its client compiles them with Ajv). */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): Tool['inputSchema'] =>
  z.toJSONSchema(schema, { target: 'draft-7', io }) as Tool['inputSchema'];

export function defineTool<I extends z.ZodType<Record<string, unknown>>, O extends z.ZodType<Record<string, unknown>>>(spec: MotifToolSpec<I, O>): MotifTool {
  const definition: Tool = {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    inputSchema: jsonSchema(spec.input, 'input'),
    outputSchema: jsonSchema(spec.output, 'output'),
    annotations: { title: spec.title, ...spec.annotations },
  };
  return {
    name: spec.name,
    access: spec.access,
    definition,
    async call(args, ctx) {
      try {
        const parsed = parseInput(spec.input, args ?? {}, `arguments of ${spec.name}`);
        const value = await spec.run(parsed, ctx);
        const checked = spec.output.safeParse(value);
        if (!checked.success) throw new MotifError('INTERNAL', `${spec.name} produced a result outside its output schema: ${checked.error.message}`);
        return toolSuccess(checked.data);
      } catch (error) {
        if (!(error instanceof MotifError) || error.code === 'INTERNAL') ctx.onInternalError?.(error, spec.name);
        return toolFailure(error);
      }
    },
  };
}
