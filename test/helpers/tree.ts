/** Writes a small file tree into a fresh temporary folder: { 'content/events/2024.md': '...' }. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function writeTree(files: Record<string, string | Uint8Array>, prefix = 'iw-test-'): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

export function frontMatter(data: string, body = ''): string {
  return `---\n${data.trim()}\n---\n${body}\n`;
}
