// `@motif/patterns/testing`: an in-memory PatternService for transport-layer tests (HTTP, CLI, MCP).
export { InMemoryPatternService } from './in-memory-pattern-service';
export { FakeQdrant } from '@motif/vector-store/testing';
export { parsingFrontDoor, type ParsingFrontDoor } from './parsing-front-door';
