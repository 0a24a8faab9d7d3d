// Temp folders for tests: real files on the real disk, removed after the test.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(prefix = 'lastword-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * A temp folder in memory (tmpfs) where the machine has one, else on disk. For tests about logic
 * under thousands of commits rather than about durability: SQLite's fsync per commit is then free.
 */
export function memoryTempDir(prefix = 'lastword-'): { path: string; remove(): void } {
  if (!existsSync('/dev/shm')) return tempDir(prefix);
  const path = mkdtempSync(join('/dev/shm', prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
