import { describe, expect, it } from 'vitest';
import { decodeIpcError, encodeIpcErrorMessage } from '../../../shared/ipc/ipc-error';

describe('decodeIpcError', () => {
  it('reads the code back from an encoded message', () => {
    const error = new Error(encodeIpcErrorMessage('FILE_TOO_LARGE', 'big.xlsx is 99 bytes; the limit is 10 bytes.'));
    expect(decodeIpcError(error)).toStrictEqual({ code: 'FILE_TOO_LARGE', message: 'big.xlsx is 99 bytes; the limit is 10 bytes.' });
  });

  it('finds the code when a runtime prepended its own words (contextBridge, ipcRenderer)', () => {
    const error = new Error("Error invoking remote method 'x': Error: [NOT_FOUND] No such questionnaire.");
    expect(decodeIpcError(error)).toStrictEqual({ code: 'NOT_FOUND', message: 'No such questionnaire.' });
  });

  it('prefers a surviving code property and strips the matching prefix', () => {
    const error = Object.assign(new Error('[URL_REFUSED] Not a web link.'), { code: 'URL_REFUSED' });
    expect(decodeIpcError(error)).toStrictEqual({ code: 'URL_REFUSED', message: 'Not a web link.' });
    const plain = Object.assign(new Error('No prefix here.'), { code: 'INVALID_PAYLOAD' });
    expect(decodeIpcError(plain)).toStrictEqual({ code: 'INVALID_PAYLOAD', message: 'No prefix here.' });
  });

  it.each([
    ['an unknown code', new Error('[EVIL] x'), '[EVIL] x'],
    ['a plain error', new Error('boom'), 'boom'],
    ['a string', 'boom', 'boom'],
    ['a Node error code', Object.assign(new Error('gone'), { code: 'ENOENT' }), 'gone'],
    ['undefined', undefined, 'Unknown error.'],
  ])('falls back to INTERNAL for %s', (_what, error, message) => {
    expect(decodeIpcError(error)).toStrictEqual({ code: 'INTERNAL', message });
  });
});
