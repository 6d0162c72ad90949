// Outbound POSTs to app endpoints (validation handshakes, notifications) with a hard timeout and no keep-alive,
// so receivers in tests close cleanly.
import http from 'node:http';
import https from 'node:https';

export interface OutboundResult { status: number | 'timeout' | 'error'; body: string; contentType: string; elapsedMs: number }

export function postOnce(url: string, body: string, contentType: string, timeoutMs: number): Promise<OutboundResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: Omit<OutboundResult, 'elapsedMs'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, elapsedMs: Date.now() - started });
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      finish({ status: 'error', body: '', contentType: '' });
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(target, {
      method: 'POST', agent: false,
      headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'user-agent': 'Microsoft-Simulator-Notifications/1.0' },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), contentType: String(res.headers['content-type'] ?? '') }));
      res.on('error', () => finish({ status: 'error', body: '', contentType: '' }));
    });
    timer = setTimeout(() => {
      finish({ status: 'timeout', body: '', contentType: '' });
      req.destroy();
    }, timeoutMs);
    req.on('error', () => finish({ status: 'error', body: '', contentType: '' }));
    req.end(body);
  });
}
