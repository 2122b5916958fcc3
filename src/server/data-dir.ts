/**
 * DATA_DIR holds the embedded database, mail files with tracking PINs, the demo codes and PINs, import files with
 * personal data and the secret key: nothing there is for other local users. New files are made owner-only through
 * the process umask, and a start tightens what an older version, a restore or a hand copy left open.
 */
import fs from 'node:fs';
import path from 'node:path';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** Makes every file and directory this process creates from now on owner-only (the umask applies to all writers). */
export function restrictNewFiles(): void {
  process.umask(0o077);
}

/**
 * Creates `dir` owner-only if missing, then walks it and sets anything that group or others can use to owner-only
 * (directories 0700, files 0600). Symbolic links are not followed: what they point to is not ours to change.
 * @returns how many entries had to be tightened
 */
export function secureDataDir(dir: string): number {
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  let fixed = 0;
  const visit = (p: string) => {
    const stat = fs.lstatSync(p);
    if (stat.isSymbolicLink()) return;
    if ((stat.mode & 0o077) !== 0) {
      fs.chmodSync(p, stat.isDirectory() ? DIR_MODE : FILE_MODE);
      fixed++;
    }
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  visit(dir);
  return fixed;
}
