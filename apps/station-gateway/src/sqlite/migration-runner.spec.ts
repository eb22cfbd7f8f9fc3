import BetterSqlite3 from 'better-sqlite3';

import { applySqliteMigrations } from './migration-runner';

const FIRST = { name: 'first', sql: 'CREATE TABLE a (id INTEGER)', version: 1 };
const SECOND = { name: 'second', sql: 'CREATE TABLE b (id INTEGER)', version: 2 };

describe('applySqliteMigrations', () => {
  it('applies pending migrations once', () => {
    const database = new BetterSqlite3(':memory:');

    expect(applySqliteMigrations(database, [FIRST])).toEqual([1]);
    expect(applySqliteMigrations(database, [FIRST, SECOND])).toEqual([2]);
    expect(applySqliteMigrations(database, [FIRST, SECOND])).toEqual([]);
  });

  it('stops on a changed migration', () => {
    const database = new BetterSqlite3(':memory:');

    applySqliteMigrations(database, [FIRST]);

    expect(() =>
      applySqliteMigrations(database, [{ ...FIRST, sql: 'CREATE TABLE c (id INTEGER)' }]),
    ).toThrow('changed after it was applied');
  });

  it('rejects versions out of order', () => {
    const database = new BetterSqlite3(':memory:');

    expect(() => applySqliteMigrations(database, [SECOND])).toThrow('expected 1');
  });

  it('rolls back a failing migration', () => {
    const database = new BetterSqlite3(':memory:');
    const broken = { name: 'broken', sql: 'CREATE TABLE b (id INTEGER); NOT SQL', version: 2 };

    expect(() => applySqliteMigrations(database, [FIRST, broken])).toThrow('migration 2 (broken)');
    expect(database.prepare(`SELECT name FROM sqlite_master WHERE name = 'b'`).all()).toEqual([]);
  });
});
