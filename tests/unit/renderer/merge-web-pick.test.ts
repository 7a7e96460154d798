import { describe, expect, it } from 'vitest';
import { createDesktopPlatform } from '../../../renderer/src/platform/desktop';
import { intakeName, takeSubmissionFiles } from '../../../renderer/src/platform/web';
import { desktopApiStub } from '../../helpers/desktop-api-stub';

/** A File as a folder pick gives it: with its path inside the picked folder. */
function file(name: string, bytes: number, relativePath?: string): File {
  const made = new File([new Uint8Array(bytes).fill(65)], name);
  if (relativePath !== undefined) Object.defineProperty(made, 'webkitRelativePath', { value: relativePath });
  return made;
}

const limits = { maxFiles: 3, maxBytes: 100, maxFileBytes: 40 };

describe('web intake of picked files', () => {
  it('names a file from a folder by its path inside that folder, else by its name', () => {
    expect(intakeName(file('a.json', 1, 'exports/ministries/a.json'))).toBe('ministries/a.json');
    expect(intakeName(file('a.json', 1))).toBe('a.json');
  });

  it('from a folder, takes only submissions (*.json, *.xlsx), never hidden files', async () => {
    const picked = await takeSubmissionFiles(
      [
        file('a.json', 2, 'in/a.json'),
        file('B.XLSX', 2, 'in/sub/B.XLSX'),
        file('notes.txt', 2, 'in/notes.txt'),
        file('._a.json', 2, 'in/._a.json'),
        file('x.json', 2, 'in/.git/x.json'),
      ],
      { folder: true, limits },
    );
    expect(picked.files.map((f) => f.name)).toEqual(['a.json', 'sub/B.XLSX']);
    expect(picked.refused).toEqual([]);
  });

  it('refuses, with a reason, a file that is too large, and every file past the file or byte limit; the rest is read', async () => {
    const picked = await takeSubmissionFiles([file('big.json', 41), file('a.json', 30), file('b.json', 30), file('c.json', 30), file('d.json', 5)], { folder: false, limits });
    expect(picked.files.map((f) => [f.name, f.data.byteLength])).toEqual([
      ['a.json', 30],
      ['b.json', 30],
      ['c.json', 30],
    ]);
    expect(picked.refused.map((r) => r.name)).toEqual(['big.json', 'd.json']);
    expect(picked.refused[0]?.reason).toMatch(/larger than the .* limit/);
    expect(picked.refused[1]?.reason).toMatch(/more than 3 files/);
  });

  it('stops at the byte limit: the file that would pass it and those after are refused', async () => {
    const picked = await takeSubmissionFiles([file('a.json', 40), file('b.json', 40), file('c.json', 40), file('d.json', 1)], { folder: false, limits: { ...limits, maxFiles: 10 } });
    expect(picked.files.map((f) => f.name)).toEqual(['a.json', 'b.json']);
    expect(picked.refused.map((r) => r.name)).toEqual(['c.json', 'd.json']);
    expect(picked.refused[0]?.reason).toMatch(/holds more than/);
  });
});

describe('desktop pickSubmissions', () => {
  it('asks the main process and hands back files and refusals as they come', async () => {
    const answer = { files: [{ name: 'a.json', data: new Uint8Array([1]) }], refused: [{ name: 'b.json', reason: 'The file could not be read.' }] };
    const requests: unknown[] = [];
    const platform = createDesktopPlatform(
      desktopApiStub({
        pickSubmissions: (request) => {
          requests.push(request);
          return Promise.resolve(answer);
        },
      }),
    );
    await expect(platform.pickSubmissions({ title: 'Choose', folder: true })).resolves.toEqual(answer);
    expect(requests).toEqual([{ title: 'Choose', folder: true }]);
  });
});
