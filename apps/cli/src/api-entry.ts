import { join } from 'node:path';

/**
 * The API's built entry point, found next to this app (apps/cli/dist → apps/api/dist/main.js).
 * The CLI starts it as a child process: nothing may import an app.
 */
export const defaultApiMainPath = (): string => join(__dirname, '..', '..', 'api', 'dist', 'main.js');
