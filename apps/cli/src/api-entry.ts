/**
 * The API's built entry point, resolved like any dependency (`@motif/api/main`), so `motif serve` works in the
 * workspace and after `npm install -g @motif/cli` alike. The CLI starts it as a child process: nothing may
 * import an app.
 */
export const defaultApiMainPath = (): string => require.resolve('@motif/api/main');
