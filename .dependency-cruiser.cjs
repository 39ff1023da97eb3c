/**
 * The layer rules of docs/architecture.md, checked on every `npm run check` and by a test:
 * arrows point inward (main → adapters → app → domain), adapters do not import each other.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports only src/domain and luxon (pure time-zone arithmetic); no node:*, no I/O.',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^src/domain/', '^node_modules/luxon/', 'luxon'] },
    },
    {
      name: 'app-depends-on-domain-only',
      comment: 'Use cases see the domain and their own ports, never adapters, the engine or main.',
      severity: 'error',
      from: { path: '^src/app/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(adapters|main|engine)/' },
    },
    {
      name: 'app-no-node-builtins',
      comment: 'I/O goes through ports.',
      severity: 'error',
      from: { path: '^src/app/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'engine-depends-on-app-and-domain',
      comment: 'The engine (background work on timers) drives use cases; adapters are wired in by src/main.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/(adapters|main)/' },
    },
    {
      name: 'adapters-do-not-import-engine',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/engine/' },
    },
    {
      name: 'adapters-do-not-import-main',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/main/' },
    },
    {
      name: 'adapters-are-independent',
      comment: 'An adapter folder imports no other adapter folder (outbound-net, the guarded outbound HTTP every adapter shares, excepted); the composition root wires them.',
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/adapters/([^/]+)/', pathNot: ['^src/adapters/$1/', '^src/adapters/outbound-net/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
