export * from './mcp-test-kit';
