// Which engine writes the message: apart from generate.ts so that the command can know it (and start only the git
// the engine reads) before the pipeline loads.
import type { Config } from '../config/schema.js';

export function resolveEngine(config: Config): 'local' | 'remote' {
  if (config.engine === 'auto') return config.provider ? 'remote' : 'local';
  return config.engine;
}
