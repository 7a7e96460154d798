import { describe, expect, it } from 'vitest';
import { checkEvidenceUrl, evidenceUrlKey, isLocalHost } from '../../../shared/evidence/evidence-url';
import type { EvidenceUrlRefusal } from '../../../shared/evidence/evidence-url';

function refusalOf(input: unknown): EvidenceUrlRefusal | undefined {
  const result = checkEvidenceUrl(input);
  return result.ok ? undefined : result.refusal;
}

describe('evidence URL policy: refused inputs, each with its reason', () => {
  const refused: [string, unknown, EvidenceUrlRefusal][] = [
    ['javascript: URL', 'javascript:alert(1)', { reason: 'scheme', scheme: 'javascript' }],
    ['upper-case JAVASCRIPT:', 'JAVASCRIPT:alert(document.cookie)', { reason: 'scheme', scheme: 'javascript' }],
    ['javascript: behind spaces', '   javascript:alert(1)', { reason: 'scheme', scheme: 'javascript' }],
    ['javascript: split by a tab', 'java\tscript:alert(1)', { reason: 'controlCharacters' }],
    ['javascript: split by a newline', 'java\nscript:alert(1)', { reason: 'controlCharacters' }],
    ['vbscript:', 'vbscript:msgbox(1)', { reason: 'scheme', scheme: 'vbscript' }],
    ['data: HTML', 'data:text/html,<script>alert(1)</script>', { reason: 'scheme', scheme: 'data' }],
    ['data: base64', 'data:text/html;base64,PHNjcmlwdD4=', { reason: 'scheme', scheme: 'data' }],
    ['file: URL', 'file:///etc/passwd', { reason: 'scheme', scheme: 'file' }],
    ['Windows file: URL', 'file://C:/Windows/win.ini', { reason: 'scheme', scheme: 'file' }],
    ['ftp:', 'ftp://ftp.gov.example/report.pdf', { reason: 'scheme', scheme: 'ftp' }],
    ['mailto:', 'mailto:focal.point@gov.example', { reason: 'scheme', scheme: 'mailto' }],
    ['blob:', 'blob:https://gov.example/1234', { reason: 'scheme', scheme: 'blob' }],
    ['about:', 'about:blank', { reason: 'scheme', scheme: 'about' }],
    ['chrome:', 'chrome://settings', { reason: 'scheme', scheme: 'chrome' }],
    ['the app scheme', 'app://egov-desk/index.html', { reason: 'scheme', scheme: 'app' }],
    ['ws:', 'ws://gov.example/socket', { reason: 'scheme', scheme: 'ws' }],
    ['user and password', 'https://admin:secret@gov.example/portal', { reason: 'credentials' }],
    ['user name only', 'https://admin@gov.example/portal', { reason: 'credentials' }],
    ['scheme without host', 'https://', { reason: 'malformed' }],
    ['single slash', 'http:/gov.example', { reason: 'malformed' }],
    ['no slashes', 'https:gov.example', { reason: 'malformed' }],
    ['space in the host', 'https://gov example.org/', { reason: 'malformed' }],
    ['unclosed IPv6 literal', 'http://[::1/', { reason: 'malformed' }],
    ['impossible IPv4 address', 'http://256.256.256.256/', { reason: 'malformed' }],
    ['protocol-relative', '//gov.example/portal', { reason: 'protocolRelative' }],
    ['UNC path', '\\\\server\\share\\report.docx', { reason: 'protocolRelative' }],
    ['NUL byte', 'https://gov.example/\u0000', { reason: 'controlCharacters' }],
    ['line separator', 'https://gov.example/\u2028x', { reason: 'controlCharacters' }],
    ['empty text', '', { reason: 'empty' }],
    ['only spaces', '    ', { reason: 'empty' }],
    ['a sentence, not an address', 'see the ministry website', { reason: 'malformed' }],
    ['not text at all', 42, { reason: 'malformed' }],
    ['longer than 2048 characters', `https://gov.example/${'a'.repeat(2100)}`, { reason: 'tooLong', max: 2048 }],
  ];
  it('has at least 20 refusal cases', () => {
    expect(refused.length).toBeGreaterThanOrEqual(20);
  });
  for (const [name, input, refusal] of refused) {
    it(`refuses ${name}`, () => {
      expect(refusalOf(input)).toEqual(refusal);
    });
  }
});

describe('evidence URL policy: accepted inputs are normalised', () => {
  const accepted: [string, string, string][] = [
    ['a plain https URL', 'https://www.gov.example/strategy', 'https://www.gov.example/strategy'],
    ['surrounding spaces', '  https://www.gov.example/strategy  ', 'https://www.gov.example/strategy'],
    ['upper-case scheme and host', 'HTTPS://WWW.GOV.EXAMPLE/Strategy', 'https://www.gov.example/Strategy'],
    ['default port', 'https://gov.example:443/a', 'https://gov.example/a'],
    ['dot segments', 'https://gov.example/a/../b/./c', 'https://gov.example/b/c'],
    ['an address pasted without scheme', 'www.gov.example/strategy.pdf', 'https://www.gov.example/strategy.pdf'],
    ['a bare domain', 'portal.gov.example', 'https://portal.gov.example/'],
    ['an international domain', 'https://ministère.gouv.example/', 'https://xn--ministre-60a.gouv.example/'],
    ['spaces inside the path', 'https://gov.example/my report.pdf', 'https://gov.example/my%20report.pdf'],
    ['plain http', 'http://gov.example/', 'http://gov.example/'],
  ];
  for (const [name, input, expected] of accepted) {
    it(`accepts ${name}`, () => {
      const result = checkEvidenceUrl(input);
      expect(result).toEqual({ ok: true, url: expected, local: false });
    });
  }

  it('accepts addresses only the local network can reach, marked as local', () => {
    for (const input of ['http://localhost:8080/x', 'http://127.0.0.1/', 'http://10.1.2.3/', 'http://192.168.0.10/', 'http://intranet/', 'http://[::1]/', 'http://printer.local/']) {
      const result = checkEvidenceUrl(input);
      expect(result.ok && result.local, input).toBe(true);
    }
    expect(isLocalHost('gov.example')).toBe(false);
    expect(isLocalHost('172.32.0.1')).toBe(false);
  });

  it('treats a trailing slash and a fragment as the same page', () => {
    expect(evidenceUrlKey('https://gov.example/a/')).toBe(evidenceUrlKey('https://gov.example/a#section-2'));
    expect(evidenceUrlKey('https://gov.example/a?x=1')).not.toBe(evidenceUrlKey('https://gov.example/a?x=2'));
  });
});
