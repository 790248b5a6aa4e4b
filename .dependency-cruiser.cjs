// The module boundaries (ADR 13, docs/modules.md), checked by `npm test` and so by CI.
// A module is reached from outside only through its index.ts; platform/ knows no module; the modules
// depend on each other only along the arrows below (a DAG, so no two modules depend on each other);
// the web app and the server share nothing but src/contracts.

/** Which other modules each module may import (through their index.ts). Add a module here when it lands. */
const ALLOWED = {
  identity: [],
  services: ['identity'],
  stats: ['identity', 'services'],
  payments: ['identity', 'services', 'stats'],
  integration: ['identity', 'services', 'stats'],
  meetings: ['identity', 'services'],
  feedback: ['identity', 'services', 'integration'],
  operations: ['identity', 'services', 'stats'],
  portal: ['identity', 'services', 'stats'],
};

const MODULES = Object.keys(ALLOWED);
const others = (name) => MODULES.filter((m) => m !== name && !ALLOWED[name].includes(m));

module.exports = {
  forbidden: [
    {
      name: 'module-inner-files-are-private',
      comment:
        'Outside a module, import it only through its index.ts (its public functions, types and registration).',
      severity: 'error',
      from: { path: '^(src|bench)/', pathNot: ['^src/server/modules/([^/]+)/', '\\.test\\.ts$'] },
      to: { path: '^src/server/modules/[^/]+/.+', pathNot: '^src/server/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'module-inner-files-are-private-between-modules',
      comment: "A module reaches another only through that module's index.ts.",
      severity: 'error',
      from: { path: '^src/server/modules/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: {
        path: '^src/server/modules/[^/]+/.+',
        pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/index\\.ts$'],
      },
    },
    ...MODULES.filter((m) => others(m).length > 0).map((m) => ({
      name: `module-arrows-${m}`,
      comment: `${m} may depend only on: ${ALLOWED[m].join(', ') || 'no other module'} (docs/ARCHITECTURE.md, the drawing).`,
      severity: 'error',
      from: { path: `^src/server/modules/${m}/`, pathNot: '\\.test\\.ts$' },
      to: { path: `^src/server/modules/(${others(m).join('|')})/` },
    })),
    {
      name: 'platform-knows-no-module',
      comment: 'The kernel has no domain words: modules register with it, it never imports them.',
      severity: 'error',
      from: { path: '^src/server/platform/' },
      to: { path: ['^src/server/modules/', '^src/server/(main|cli|seed|deps|modules)\\.ts$'] },
    },
    {
      name: 'no-cycles-through-modules',
      comment: 'A cycle that leaves a module and comes back means two modules depend on each other.',
      severity: 'error',
      from: { path: '^src/server/modules/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: { circular: true, viaSomeNot: '^src/server/modules/$1/' },
    },
    {
      name: 'web-is-not-server',
      comment: 'The web app and the server share only src/contracts.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: ['^src/server/', '^src/sandbox/'] },
    },
    {
      name: 'server-is-not-web',
      severity: 'error',
      from: { path: '^src/(server|sandbox)/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'contracts-are-plain-schemas',
      comment: 'src/contracts holds zod schemas and types only: it imports nothing of the server or the web.',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { path: '^src/(server|web|sandbox)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
