/**
 * The renderer's rules, checked by machine: message content is never HTML, the main process is reached only
 * through window.api (no electron/** or Node imports), and the page has no inline script (CSP script-src 'self').
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../renderer');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const files = sources(path.join(root, 'src')).map((file) => ({
  file: path.relative(root, file),
  text: readFileSync(file, 'utf8'),
}));

describe('renderer rules', () => {
  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('never renders HTML from strings, except a description after DOMPurify', () => {
    const sanitizer = path.join('src', 'components', 'RichDescription.tsx');
    for (const { file, text } of files) {
      const checked = file === sanitizer ? text.replace('dangerouslySetInnerHTML={{ __html: clean }}', '') : text;
      expect(checked, file).not.toMatch(
        /dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write/,
      );
    }
    const rich = files.find((f) => f.file === sanitizer)?.text ?? '';
    expect(rich).toMatch(/const clean = useMemo\(\(\) => \(source \? sanitizeDescription\(source\) : null\)/);
  });

  it('imports neither electron/** nor Node built-ins; only api.ts reads window.api (the web host bridge defines it)', () => {
    const imports = /(?:import|export)[^'"]*from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
    for (const { file, text } of files) {
      for (const m of text.matchAll(imports)) {
        const spec = m[1] ?? m[2] ?? '';
        expect(spec, `${file} imports ${spec}`).not.toMatch(
          /^(node:|electron$|electron\/)|\/electron\/|^(fs|path|os|child_process|net|tls)$/,
        );
      }
      const mayTouch = file === path.join('src', 'api.ts') || file.startsWith(path.join('src', 'bridge') + path.sep);
      if (!mayTouch) expect(text, file).not.toMatch(/window\.api\b/);
    }
  });

  it('has no inline script in index.html', () => {
    const html = readFileSync(path.join(root, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });
});
