import { StringDecoder } from 'node:string_decoder';

/** One record of an import source: its 1-based line number and either the parsed value or why it failed. */
export type SourceRecord = { line: number; value: unknown } | { line: number; error: string };

/**
 * Streams records out of JSONL or a JSON array (detected from the first non-blank character),
 * holding at most one record's text in memory. A record that does not parse becomes an error
 * record with its line number; the rest keep flowing.
 */
export async function* readRecords(source: AsyncIterable<string | Uint8Array>, onBytes?: (n: number) => void): AsyncGenerator<SourceRecord> {
  const decoder = new StringDecoder('utf8');
  let mode = 'unknown' as 'unknown' | 'jsonl' | 'array';
  const jsonl = new JsonlSplitter();
  const array = new ArraySplitter();
  let first = true;
  const feed = function* (text: string): Generator<SourceRecord> {
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    if (mode === 'unknown') {
      const m = /\S/.exec(text);
      if (!m) {
        jsonl.push(text);
        return;
      }
      mode = text[m.index] === '[' ? 'array' : 'jsonl';
      if (mode === 'array') {
        // Lines already seen (blank ones) still count for line numbers.
        array.line += jsonl.line - 1 + (text.slice(0, m.index).match(/\n/g)?.length ?? 0);
        yield* array.push(text.slice(m.index));
        return;
      }
    }
    yield* mode === 'array' ? array.push(text) : jsonl.push(text);
  };
  for await (const chunk of source) {
    onBytes?.(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength);
    yield* feed(typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
  }
  yield* feed(decoder.end());
  yield* mode === 'array' ? array.end() : jsonl.end();
}

const parse = (line: number, text: string): SourceRecord => {
  try {
    return { line, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { line, error: `invalid JSON: ${(e as Error).message}` };
  }
};

class JsonlSplitter {
  line = 1;
  private buf = '';
  *push(text: string): Generator<SourceRecord> {
    this.buf += text;
    let nl: number;
    while ((nl = this.buf.indexOf('\n')) >= 0) {
      const raw = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      const line = this.line++;
      if (raw.trim() !== '') yield parse(line, raw);
    }
  }
  *end(): Generator<SourceRecord> {
    if (this.buf.trim() !== '') yield parse(this.line, this.buf);
    this.buf = '';
  }
}

/** Splits the elements of a top-level JSON array by tracking depth and strings. */
class ArraySplitter {
  line = 1;
  private state: 'before-array' | 'before-element' | 'element' | 'after-element' | 'done' = 'before-array';
  private buf = '';
  private startLine = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;

  *push(text: string): Generator<SourceRecord> {
    for (const ch of text) {
      if (this.state === 'element') {
        this.buf += ch;
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (ch === '\\') this.escaped = true;
          else if (ch === '"') this.inString = false;
        } else if (ch === '"') this.inString = true;
        else if (ch === '{' || ch === '[') this.depth++;
        else if (ch === '}' || ch === ']') {
          if (this.depth === 0) {
            // The array's own closing bracket right after a scalar element.
            this.buf = this.buf.slice(0, -1);
            yield parse(this.startLine, this.buf);
            this.buf = '';
            this.state = 'done';
          } else this.depth--;
        } else if (ch === ',' && this.depth === 0) {
          yield parse(this.startLine, this.buf.slice(0, -1));
          this.buf = '';
          this.state = 'before-element';
        }
      } else if (ch === '\n') {
        // counted below
      } else if (/\s/.test(ch)) {
        // whitespace between tokens
      } else if (this.state === 'before-array') {
        this.state = ch === '[' ? 'before-element' : 'done';
      } else if (this.state === 'before-element') {
        if (ch === ']') this.state = 'done';
        else if (ch === ',') yield { line: this.line, error: 'empty array element' };
        else this.startElement(ch);
      } else if (this.state === 'after-element') {
        if (ch === ']') this.state = 'done';
      } else if (this.state === 'done') {
        // trailing content after the array is ignored
      }
      if (ch === '\n') this.line++;
    }
  }

  private startElement(ch: string): void {
    this.state = 'element';
    this.startLine = this.line;
    this.buf = ch;
    this.depth = ch === '{' || ch === '[' ? 1 : 0;
    this.inString = ch === '"';
    this.escaped = false;
    // A container element ends when depth returns to 0; the next ',' or ']' closes it.
  }

  *end(): Generator<SourceRecord> {
    if (this.state === 'element' && this.buf.trim() !== '') yield { line: this.startLine, error: 'unexpected end of input inside an array element' };
    else if (this.state === 'before-element' || this.state === 'after-element') yield { line: this.line, error: 'unexpected end of input: the array is not closed' };
  }
}
