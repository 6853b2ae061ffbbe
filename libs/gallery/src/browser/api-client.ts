/**
 * The pages' only way to the API. The API key (when the server requires one) is asked for once,
 * kept in the page's localStorage and sent as `X-API-Key`, never in a URL.
 */
export const API_KEY_STORAGE = 'motif.apiKey';

export interface Problem {
  status: number;
  code?: string;
  title?: string;
  detail?: string;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
}

export interface KeyStore {
  get(): string | undefined;
  set(key: string): void;
  clear(): void;
}

export function localKeyStore(storage: Storage = window.localStorage): KeyStore {
  return {
    get: () => storage.getItem(API_KEY_STORAGE) ?? undefined,
    set: (key) => storage.setItem(API_KEY_STORAGE, key),
    clear: () => storage.removeItem(API_KEY_STORAGE),
  };
}

export type AskForKey = (reason: string) => Promise<string | undefined>;

export class ApiClient {
  constructor(
    private readonly keys: KeyStore,
    private readonly askForKey: AskForKey,
    private readonly fetchImpl: typeof fetch = (input, init) => window.fetch(input, init),
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { Accept: 'application/json' };
      const key = this.keys.get();
      if (key) headers['X-API-Key'] = key;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await this.fetchImpl(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit' });
      if (res.status === 401 && attempt < 3) {
        const asked = await this.askForKey(key ? 'The stored API key was refused. Enter a valid key.' : 'This server requires an API key.');
        if (!asked) throw new ApiError({ status: 401, code: 'UNAUTHORIZED', detail: 'an API key is required' });
        this.keys.set(asked);
        continue;
      }
      const text = await res.text();
      const parsed: unknown = text === '' ? undefined : safeJson(text);
      if (!res.ok) {
        const p = (parsed ?? {}) as Partial<Problem>;
        throw new ApiError({ status: res.status, code: p.code, title: p.title, detail: p.detail ?? `${method} ${path} answered ${res.status}` });
      }
      return parsed as T;
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
