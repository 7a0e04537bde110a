import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The package's version, from the package.json one folder up from the bundle (dist/cli.js, in a
 * clone and in the installed package alike); "unknown" if it cannot be read.
 */
export function toolVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    if (pkg.name === 'attention-explorer' && typeof pkg.version === 'string') return pkg.version;
  } catch {
    // Fall through.
  }
  return 'unknown';
}
