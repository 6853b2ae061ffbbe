import type { OutStream } from '../cli-io';

export interface ProgressState {
  records: number;
  bytes: number;
  /** Total bytes when known (a file); unknown for stdin. */
  totalBytes?: number;
  elapsedMs: number;
}

const duration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
};

/** One progress line: bar (when the size is known), records, rate and ETA. Pure, for tests. */
export function renderProgress(p: ProgressState, width = 24): string {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.records / seconds : 0;
  const rateText = `${rate >= 100 ? Math.round(rate) : rate.toFixed(1)} rec/s`;
  if (p.totalBytes && p.totalBytes > 0) {
    const ratio = Math.min(1, p.bytes / p.totalBytes);
    const filled = Math.round(ratio * width);
    const bytesPerSec = seconds > 0 ? p.bytes / seconds : 0;
    const eta = bytesPerSec > 0 ? (p.totalBytes - p.bytes) / bytesPerSec : Infinity;
    return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${p.records} records  ${rateText}  ETA ${duration(eta)}`;
  }
  return `${p.records} records  ${rateText}  elapsed ${duration(seconds)}`;
}

/** Redraws one stderr line at most every `intervalMs`; only used on a TTY. */
export class ProgressBar {
  private last = 0;
  private readonly started = Date.now();
  constructor(private readonly out: OutStream, private readonly totalBytes: number | undefined, private readonly intervalMs = 100) {}

  update(records: number, bytes: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < this.intervalMs) return;
    this.last = now;
    this.out.write(`\r\x1b[2K${renderProgress({ records, bytes, totalBytes: this.totalBytes, elapsedMs: now - this.started })}`);
  }

  /** Draws the final frame (the true totals, whatever the throttle skipped) and keeps it on screen. */
  finish(records: number, bytes: number): void {
    this.update(records, bytes, true);
    this.out.write('\n');
  }
}
