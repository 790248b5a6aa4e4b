// The module boundaries (ADR 13): the dependency check fails on a tree that breaks its rules, every
// module's tables carry its prefix, and raw SQL names another module's tables only where declared.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getTableColumns, getTableName, isTable } from 'drizzle-orm';
import { PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { applicationModules } from '../../src/server/modules.ts';

const root = join(import.meta.dirname, '../..');

describe('the dependency check', () => {
  it('fails on a tree that breaks each rule once', () => {
    const fixture = join(import.meta.dirname, 'fixture');
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
        'src',
        '--config',
        join(root, '.dependency-cruiser.cjs'),
        '--output-type',
        'json',
      ],
      { cwd: fixture, encoding: 'utf8' },
    );
    const result = JSON.parse(run.stdout) as {
      summary: { violations: { rule: { name: string }; from: string; to: string }[] };
    };
    const broken = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(broken).toEqual([
      'module-arrows-services: src/server/modules/services/index.ts → src/server/modules/stats/index.ts',
      'module-inner-files-are-private-between-modules: src/server/modules/stats/index.ts → src/server/modules/services/inner.ts',
      'no-cycles-through-modules: src/server/modules/services/index.ts → src/server/modules/stats/index.ts',
      'platform-knows-no-module: src/server/platform/kernel.ts → src/server/modules/services/index.ts',
      'web-is-not-server: src/web/page.ts → src/server/platform/kernel.ts',
    ]);
  });
});

const modules = applicationModules();

describe('module registrations', () => {
  it.each(modules.map((m) => [m.name, m] as const))('%s: every table carries its prefix', (_, m) => {
    const names = Object.values(m.tables).filter(isTable).map(getTableName);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(new RegExp(`^${m.tablePrefix}`));
  });

  it('every column naming an uploaded file or a blob is declared to the orphan sweep', () => {
    const dialect = new PgDialect();
    const missing: string[] = [];
    for (const m of modules) {
      const refs = m.fileReferences ?? {};
      const declared = [...(refs.files ?? []), ...(refs.blobs ?? [])].map((q) => dialect.sqlToQuery(q).sql);
      for (const table of Object.values(m.tables).filter(isTable) as PgTable[])
        for (const column of Object.values(getTableColumns(table)))
          if (
            /(^|_)file_id$|^sha256$/.test(column.name) &&
            !declared.some((q) => q.includes(getTableName(table)) && q.includes(column.name))
          )
            missing.push(`${m.name}: ${getTableName(table)}.${column.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('no two modules share a prefix or a name', () => {
    expect(new Set(modules.map((m) => m.tablePrefix)).size).toBe(modules.length);
    expect(new Set(modules.map((m) => m.name)).size).toBe(modules.length);
  });
});

/**
 * SQL written as text escapes the import check. Another module's tables may appear in it only here:
 * the organisation (identity's agencies and units, ADR 13) everywhere, and the dossiers in the
 * statistics read model, which is computed from them (ADR 11).
 */
const SQL_READS_ALLOWED: Record<string, RegExp[]> = {
  '*': [/^id_agencies$/, /^id_units$/],
  stats: [/^svc_/],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('raw SQL stays within a module', () => {
  it.each(modules.map((m) => [m.name, m] as const))('%s names no other module’s tables', (_, m) => {
    // Only real table names count: `id_number` in a redaction rule is not identity's table.
    const othersTables = new Set(
      modules
        .filter((o) => o !== m)
        .flatMap((o) => Object.values(o.tables).filter(isTable).map(getTableName)),
    );
    const others = modules.filter((o) => o !== m).map((o) => o.tablePrefix);
    const allowed = [...SQL_READS_ALLOWED['*']!, ...(SQL_READS_ALLOWED[m.name] ?? [])];
    const found: string[] = [];
    for (const file of sourceFiles(join(root, 'src/server/modules', m.name))) {
      const text = readFileSync(file, 'utf8');
      for (const prefix of others)
        for (const match of text.matchAll(new RegExp(`\\b${prefix}[a-z_]+`, 'g')))
          if (othersTables.has(match[0]) && !allowed.some((a) => a.test(match[0])))
            found.push(`${file.slice(root.length + 1)}: ${match[0]}`);
    }
    expect(found).toEqual([]);
  });
});
