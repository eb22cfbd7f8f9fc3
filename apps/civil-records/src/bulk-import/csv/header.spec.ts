import { readHeader } from './header';

const SPECS = [
  { name: 'id', required: true },
  { name: 'name', required: true },
  { name: 'note', required: false },
] as const;

describe('readHeader', () => {
  it('any column order', () => {
    const header = readHeader('name, id ,note', SPECS);

    expect(header).toEqual({ columns: { id: 1, name: 0, note: 2 }, count: 3, ok: true });
  });

  it('optional column left out', () => {
    const header = readHeader('id,name', SPECS);

    expect(header.ok).toBe(true);
    expect(header.ok ? header.columns.note : 'not read').toBeUndefined();
  });

  it.each([
    [undefined, 'the file is empty'],
    ['  ', 'the file is empty'],
    ['id', 'missing columns: name'],
    ['id,name,nmae', 'unknown columns: nmae'],
    ['id,name,id', 'repeated columns: id'],
    ['id,"name', 'the header line is malformed: quoted field opened at character 4 is not closed'],
  ])('rejects %s', (line, message) => {
    expect(readHeader(line, SPECS)).toEqual({ message, ok: false });
  });
});
