/**
 * Group commit for the inbox: requests that arrive while `maxInFlight` inserts are running wait and go together
 * in the next one, so a burst of acks costs a few statements and commits instead of one each. Alone, a request is
 * written at once (no timer, no added wait). Every caller still gets its answer only after the statement holding
 * its rows has committed; if that statement fails, every caller in it is told so (and answers 503).
 */
export interface BatchWriterOptions<Row> {
  /** Writes the rows in one statement; resolves with the ones actually written. */
  write(rows: Row[]): Promise<ReadonlySet<Row>>;
  maxInFlight: number;
  /** Rows per statement at most (a statement's size stays bounded however long the queue gets). */
  maxRows: number;
}

interface Waiter<Row> {
  rows: readonly Row[];
  resolve(written: Row[]): void;
  reject(error: unknown): void;
}

export class BatchWriter<Row> {
  private waiting: Array<Waiter<Row>> = [];
  private inFlight = 0;

  constructor(private readonly options: BatchWriterOptions<Row>) {}

  /** Resolves with those of `rows` that were written (the others were duplicates), once they are committed. */
  write(rows: readonly Row[]): Promise<Row[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.take();
      this.inFlight++;
      this.options
        .write(batch.flatMap((waiter) => waiter.rows))
        .then(
          (written) => batch.forEach((waiter) => waiter.resolve(waiter.rows.filter((row) => written.has(row)))),
          (error: unknown) => batch.forEach((waiter) => waiter.reject(error)),
        )
        .finally(() => {
          this.inFlight--;
          this.drain();
        });
    }
  }

  /** Whole callers only (a request's rows are never split across statements), at least one. */
  private take(): Array<Waiter<Row>> {
    let rows = 0;
    let count = 0;
    while (count < this.waiting.length && (count === 0 || rows + this.waiting[count]!.rows.length <= this.options.maxRows)) {
      rows += this.waiting[count]!.rows.length;
      count++;
    }
    return this.waiting.splice(0, count);
  }
}
