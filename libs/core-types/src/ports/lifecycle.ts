/** Anything holding a connection or a file handle; the container factory closes them in reverse order. */
export interface Closeable {
  close(): Promise<void>;
}
