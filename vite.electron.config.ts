// Bundles the Electron side: electron/main/index.ts -> dist/electron/main.cjs and
// electron/preload/index.ts -> dist/electron/preload.cjs. Two environments built one after the
// other, never one build with two inputs: a sandboxed preload can require nothing but
// 'electron', so it must not share a chunk with main.
import { builtinModules } from 'node:module';
import { defineConfig, type EnvironmentOptions } from 'vite';

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

function electronBundle(
  entry: string,
  fileName: string,
  external: (string | RegExp)[],
): EnvironmentOptions {
  return {
    consumer: 'server',
    // Bundle every dependency (zod, uuid, shared/) except what `external` names.
    resolve: { noExternal: true },
    build: {
      outDir: 'dist/electron',
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: entry,
        external,
        output: { format: 'cjs', entryFileNames: fileName, codeSplitting: false },
      },
    },
  };
}

export default defineConfig({
  // Nothing for a browser here: the renderer has its own config.
  publicDir: false,
  environments: {
    main: electronBundle('electron/main/index.ts', 'main.cjs', [
      'electron',
      'better-sqlite3',
      ...NODE_BUILTINS,
    ]),
    preload: electronBundle('electron/preload/index.ts', 'preload.cjs', ['electron']),
  },
  builder: {
    async buildApp(builder) {
      const { main, preload } = builder.environments;
      if (!main || !preload)
        throw new Error('vite.electron.config.ts: main and preload environments missing');
      await builder.build(main);
      await builder.build(preload);
    },
  },
});
