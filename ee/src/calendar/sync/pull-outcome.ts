/** What a remote change did locally; the run counts these. */
export type PullOutcome = 'pulled' | 'pushed' | 'conflict' | 'skipped' | 'unchanged' | 'failed';
