import { closeSync, fsyncSync, openSync } from 'node:fs';

/** Flushes a file written by someone else (hnswlib writes its own files) before it is renamed into place. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename in `dir` durable. Some file systems refuse fsync on a directory; the rename is still atomic there. */
export function fsyncDir(dir: string): void {
  try {
    fsyncFile(dir);
  } catch {
    // See above: durability of the rename is best effort, atomicity is not affected.
  }
}
