// The esbuild plugin that keeps zod 3 out of the bundle: the AI SDK's provider-utils imports one thing from
// `zod/v3`, the `ZodFirstPartyTypeKind` names its zod-3-to-JSON-Schema converter compares against, and for that
// esbuild keeps all of zod 3's types (~100 kB evaluated at the SDK's load, ~10 ms on Node 20). git-ai gives the SDK
// zod 4 schemas only; the names are copied here from zod 3 itself at build time, so they cannot drift.
import { ZodFirstPartyTypeKind } from 'zod/v3';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

const AI_SDK_PROVIDER_UTILS = /[\\/]@ai-sdk[\\/]provider-utils[\\/]/;

export const zod3Kinds: Plugin = {
  name: 'zod3-kinds',
  setup(build) {
    build.onResolve({ filter: /^zod\/v3$/ }, (args) =>
      AI_SDK_PROVIDER_UTILS.test(args.importer) ? { path: 'zod3-kinds', namespace: 'zod3-kinds' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod3-kinds' }, () => ({
      contents: `export const ZodFirstPartyTypeKind = Object.freeze(${JSON.stringify({ ...ZodFirstPartyTypeKind })});`,
      loader: 'js',
    }));
  },
};
