/** `day` days from now at `hour`:00 UTC, as ISO: inside every provider's sync window (Graph delta is windowed around now). */
export function daysAhead(day: number, hour: number): string {
  const date = new Date(Date.now() + day * 86_400_000);
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString();
}
