// Outbound robot messages (DingTalk 钉钉 and WeCom 企业微信 group robots): payload formats, DingTalk's signature,
// the URL rule, the retry schedule. Pure.
import { createHmac } from 'node:crypto';

export const WEBHOOK_KINDS = ['dingtalk', 'wecom'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** Attempts before a delivery is given up as 'failed'. */
export const MAX_ATTEMPTS = 6;
/** Wait after the n-th failed attempt (n ≥ 1): 30 s, 2 min, 8 min, 32 min, ~2 h. */
export const backoffMs = (attempts: number): number => 30_000 * 4 ** Math.max(0, attempts - 1);
export const SEND_TIMEOUT_MS = 5000;

/** WeCom refuses markdown content over 4096 bytes; DingTalk allows more. Keep one limit for both. */
const MAX_BYTES = 3800;

/** The markdown both robots render: a heading and one line per item, cut to fit with "… and n more". */
export function markdownText(title: string, lines: readonly string[], more: (n: number) => string): string {
  const head = `### ${title}\n`;
  let text = head;
  for (let i = 0; i < lines.length; i++) {
    const line = `\n- ${lines[i]}`;
    const tail = i < lines.length - 1 ? `\n\n${more(lines.length - i)}` : '';
    if (Buffer.byteLength(text + line + tail) > MAX_BYTES) return `${text}\n\n${more(lines.length - i)}`;
    text += line;
  }
  return text;
}

/** DingTalk robot: {"msgtype":"markdown","markdown":{"title","text"}}; WeCom robot: {"msgtype":"markdown","markdown":{"content"}}. */
export function robotPayload(kind: WebhookKind, title: string, text: string): Record<string, unknown> {
  if (kind === 'dingtalk') return { msgtype: 'markdown', markdown: { title, text } };
  return { msgtype: 'markdown', markdown: { content: text } };
}

/**
 * DingTalk's 加签: sign = urlEncode(base64(HMAC-SHA256(key = secret, "timestamp\nsecret"))), the timestamp in
 * milliseconds; both go on the URL as &timestamp=…&sign=…. DingTalk refuses a timestamp over an hour old, so the
 * URL is signed when the message is sent, not when it is queued.
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function signedUrl(kind: WebhookKind, url: string, secret: string | null, now: Date): string {
  if (kind !== 'dingtalk' || !secret) return url;
  const ts = now.getTime();
  const u = new URL(url);
  u.searchParams.set('timestamp', String(ts));
  u.searchParams.set('sign', dingtalkSign(secret, ts));
  return u.toString();
}

/**
 * A robot URL must be https. Plain http is accepted only for 127.0.0.1 and only when the deployment allows it
 * (tests, a local relay). Returns the message key of the problem, or null.
 */
export function webhookUrlProblem(raw: string, allowHttpLoopback: boolean): string | null {
  let u: URL;
  try { u = new URL(raw); } catch { return 'webhook.urlInvalid'; }
  if (u.username || u.password) return 'webhook.urlInvalid';
  if (u.protocol === 'https:' && u.hostname) return null;
  if (u.protocol === 'http:' && allowHttpLoopback && u.hostname === '127.0.0.1') return null;
  return 'webhook.urlHttps';
}

/** The URL as shown to administrators: the robot's token (any query value) is cut so that it does not leak. */
export function maskUrl(raw: string): string {
  try {
    const u = new URL(raw);
    for (const [k, v] of [...u.searchParams.entries()]) u.searchParams.set(k, v.length > 6 ? `${v.slice(0, 4)}…` : '…');
    return decodeURI(u.toString());
  } catch { return '…'; }
}

/** Both robots answer HTTP 200 with {"errcode":0} when the message went out; any other errcode is a failure. */
export function robotAccepted(status: number, body: string): { ok: boolean; error: string | null } {
  if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}` };
  try {
    const j = JSON.parse(body);
    if (j && typeof j === 'object' && 'errcode' in j && Number(j.errcode) !== 0) return { ok: false, error: `errcode ${j.errcode}: ${String(j.errmsg ?? '').slice(0, 200)}` };
  } catch { /* a relay may answer with no JSON: HTTP 2xx is enough */ }
  return { ok: true, error: null };
}
