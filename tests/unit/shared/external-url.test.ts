import { describe, expect, it } from 'vitest';
import { ExternalUrlRefusedError } from '../../../shared/errors';
import { parseExternalUrl } from '../../../shared/external-url';

describe('parseExternalUrl', () => {
  it.each(['https://www.gov.example/portal', 'http://city.example/', ' https://x.example/a?b=c#d '])('accepts %s', (input) => {
    expect(parseExternalUrl(input).protocol).toMatch(/^https?:$/);
  });

  it.each([
    ['javascript:alert(1)', /not javascript:/],
    ['data:text/html,<script>alert(1)</script>', /not data:/],
    ['file:///etc/passwd', /not file:/],
    ['ftp://files.example/', /not ftp:/],
    ['https://user:secret@gov.example/', /user name or password/],
    ['not a url', /not a valid web address/],
    ['', /empty/],
  ])('refuses %s', (input, reason) => {
    expect(() => parseExternalUrl(input)).toThrow(ExternalUrlRefusedError);
    expect(() => parseExternalUrl(input)).toThrow(reason);
  });

  it('refuses a value that is not text', () => {
    expect(() => parseExternalUrl({ href: 'https://x.example' })).toThrow('The link is not text.');
  });
});
