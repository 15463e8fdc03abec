/**
 * Where the project's built parts are, found from this module's own location so it works from the sources (tests),
 * from build/ (the CLI, the web host) and from the Electron main bundle alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder with the project's package.json (name "imip-companion"). */
export function projectRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'imip-companion') return dir;
      } catch {
        /* not ours: keep looking */
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the imip-companion folder above ${from}`);
    dir = up;
  }
}

/** build/renderer/, made by `npm run build:renderer`. */
export function rendererDir(root: string = projectRoot()): string {
  return path.join(root, 'build', 'renderer');
}

export const RENDERER_MISSING = 'The renderer is not built yet: run `npm run build:renderer` first.';
