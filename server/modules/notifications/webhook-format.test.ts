import { describe, expect, it } from 'vitest';
import { backoffMs, dingtalkSign, markdownText, maskUrl, MAX_ATTEMPTS, robotAccepted, robotPayload, signedUrl, webhookUrlProblem } from './webhook-format.js';

describe('robot message formats', () => {
  it('builds the DingTalk and WeCom markdown payloads', () => {
    expect(robotPayload('dingtalk', 'T', '### T\n- a')).toEqual({ msgtype: 'markdown', markdown: { title: 'T', text: '### T\n- a' } });
    expect(robotPayload('wecom', 'T', '### T\n- a')).toEqual({ msgtype: 'markdown', markdown: { content: '### T\n- a' } });
  });
  it('signs DingTalk URLs as DingTalk documents it (HMAC-SHA256 of "timestamp\\nsecret", base64, URL-encoded)', () => {
    // Expected value computed independently with Python's hmac/base64/quote_plus.
    expect(dingtalkSign('SEC0123456789abcdef', 1700000000000)).toBe('TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk=');
    const url = signedUrl('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc', 'SEC0123456789abcdef', new Date(1700000000000));
    expect(url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D');
    expect(signedUrl('dingtalk', 'https://x.test/a', null, new Date())).toBe('https://x.test/a');
    expect(signedUrl('wecom', 'https://x.test/a?key=k', 'SECx', new Date())).toBe('https://x.test/a?key=k');
  });
  it('accepts https robot URLs, and http only for 127.0.0.1 when allowed', () => {
    expect(webhookUrlProblem('https://oapi.dingtalk.com/robot/send?access_token=x', false)).toBeNull();
    expect(webhookUrlProblem('http://oapi.dingtalk.com/robot/send', false)).toBe('webhook.urlHttps');
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', false)).toBe('webhook.urlHttps');
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', true)).toBeNull();
    expect(webhookUrlProblem('http://localhost:8080/hook', true)).toBe('webhook.urlHttps');
    expect(webhookUrlProblem('ftp://127.0.0.1/x', true)).toBe('webhook.urlHttps');
    expect(webhookUrlProblem('not a url', true)).toBe('webhook.urlInvalid');
    expect(webhookUrlProblem('https://user:pw@example.com/', true)).toBe('webhook.urlInvalid');
  });
  it('never shows the robot token back', () => {
    expect(maskUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a…');
  });
  it('keeps a long digest under the robots\' size limit and says how many are left out', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `2026-${String(i).padStart(4, '0')}「推进某项重点工作的落实情况」已超过截止日期 2026-11-01`);
    const text = markdownText('今日督办提醒', lines, (n) => `另有 ${n} 项`);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(3800);
    const shown = text.split('\n').filter((l) => l.startsWith('- ')).length;
    expect(text.endsWith(`另有 ${200 - shown} 项`)).toBe(true);
    expect(markdownText('T', ['a', 'b'], () => 'more')).toBe('### T\n\n- a\n- b');
  });
  it('retries with exponential backoff, then gives up', () => {
    expect(Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => backoffMs(i + 1) / 1000)).toEqual([30, 120, 480, 1920, 7680]);
  });
  it('counts a robot\'s errcode as a failure even with HTTP 200', () => {
    expect(robotAccepted(200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true, error: null });
    expect(robotAccepted(200, '{"errcode":310000,"errmsg":"sign not match"}').ok).toBe(false);
    expect(robotAccepted(500, 'oops')).toEqual({ ok: false, error: 'HTTP 500: oops' });
    expect(robotAccepted(204, '').ok).toBe(true);
  });
});
