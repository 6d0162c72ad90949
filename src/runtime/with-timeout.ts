export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * Bounds a call to a remote service we cannot configure a timeout for (MSAL's network client). The underlying
 * request may still finish later; what matters is that the caller (often holding a row lock) moves on.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
