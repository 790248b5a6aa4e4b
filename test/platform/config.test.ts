import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/platform/config.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'cqs-config-'));

describe('configuration', () => {
  it('has working defaults for the embedded demo', () => {
    const c = loadConfig({ DATA_DIR: dir() });
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
    expect(c.smtpUrl).toBe('outbox');
    expect(c.publicUrl).toBe('http://localhost:8080');
  });

  it('turns demo mode off by default on PostgreSQL', () => {
    expect(loadConfig({ DATA_DIR: dir(), DATABASE_URL: 'postgres://x@h/db' }).demo).toBe(false);
  });

  it('lists every problem at once, naming each variable', () => {
    let error: unknown;
    try {
      loadConfig({
        DATA_DIR: dir(),
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        PUBLIC_URL: 'not a url',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'PUBLIC_URL']) expect(problems).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it('reads a config file, and the environment wins over it', () => {
    const d = dir();
    writeFileSync(join(d, 'config.json'), JSON.stringify({ PORT: 9000, LOG_LEVEL: 'debug' }));
    const c = loadConfig({ DATA_DIR: d, LOG_LEVEL: 'warn' });
    expect(c.port).toBe(9000);
    expect(c.logLevel).toBe('warn');
  });

  it('refuses a config file that is not JSON', () => {
    const d = dir();
    writeFileSync(join(d, 'config.json'), '{ port: 1');
    expect(() => loadConfig({ DATA_DIR: d })).toThrow(/not valid JSON/);
  });
});
