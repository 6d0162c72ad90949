/**
 * A recurrence line the module cannot accept. `line` is the offending line verbatim (clients quote it back to
 * the user), `reason` says what is wrong with it in words a user can act on.
 */
export class RecurrenceError extends Error {
  override name = 'RecurrenceError';
  constructor(
    readonly line: string,
    readonly reason: string,
  ) {
    super(`Recurrence line "${line}": ${reason}`);
  }
}
