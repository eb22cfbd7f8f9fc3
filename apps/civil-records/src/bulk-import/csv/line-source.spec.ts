import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { LineSource, MAX_LINE_BYTES, type SourceLine } from './line-source';

async function readAll(source: LineSource): Promise<SourceLine[]> {
  const lines: SourceLine[] = [];

  for (let line = await source.next(); line; line = await source.next()) lines.push(line);

  return lines;
}

describe('LineSource', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'line-source-'));
  });

  afterAll(() => {
    rmSync(dir, { force: true, recursive: true });
  });

  function file(name: string, content: string | Buffer): string {
    const path = join(dir, name);

    writeFileSync(path, content);

    return path;
  }

  it('lines with byte offsets', async () => {
    const path = file('plain.csv', 'ab\nمحمد\r\n\nlast');
    const lines = await readAll(new LineSource(path));

    expect(lines).toEqual([
      { endOffset: 3, number: 1, text: 'ab' },
      { endOffset: 13, number: 2, text: 'محمد' },
      { endOffset: 14, number: 3, text: '' },
      { endOffset: 18, number: 4, text: 'last' },
    ]);
  });

  it('resumes from an offset', async () => {
    const path = file('resume.csv', 'h\none\ntwo\nthree\n');
    const lines = await readAll(new LineSource(path, 6, 3));

    expect(lines.map((line) => [line.number, line.text, line.endOffset])).toEqual([
      [3, 'two', 10],
      [4, 'three', 16],
    ]);
  });

  it('drops the byte order mark', async () => {
    const lines = await readAll(new LineSource(file('bom.csv', '\ufeffid,name\n1,x\n')));

    expect(lines[0]?.text).toBe('id,name');
  });

  it('peek keeps the line', async () => {
    const source = new LineSource(file('peek.csv', 'a\nb\n'));

    expect((await source.peek())?.text).toBe('a');
    expect((await source.next())?.text).toBe('a');
    expect((await source.next())?.text).toBe('b');
    expect(await source.peek()).toBeUndefined();
  });

  it('long line reported and skipped', async () => {
    const long = 'x'.repeat(MAX_LINE_BYTES * 3);
    const path = file('long.csv', `a\n${long}\nb\n`);
    const lines = await readAll(new LineSource(path));

    expect(lines.map((line) => [line.number, line.text, line.tooLong ?? false])).toEqual([
      [1, 'a', false],
      [2, '', true],
      [3, 'b', false],
    ]);
    expect(lines[1]?.endOffset).toBe(2 + long.length + 1);
  });

  it('lines across read chunks', async () => {
    const rows = Array.from({ length: 120_000 }, (_, index) => `row-${index},محمد`);
    const lines = await readAll(new LineSource(file('big.csv', `${rows.join('\n')}\n`)));

    expect(lines).toHaveLength(rows.length);
    expect(lines.every((line, index) => line.text === rows[index])).toBe(true);
    expect(lines.at(-1)?.endOffset).toBe(Buffer.byteLength(`${rows.join('\n')}\n`));
  });
});
