// Finds the gloss executable: the `gloss.server.path` setting when set (with `~` and
// `${workspaceFolder}` expanded, a relative path taken from the first workspace folder), else
// `gloss` on PATH. Pure apart from the injected file check, so it is tested without VS Code.
import * as path from 'node:path';

export interface PathEnvironment {
  env: Record<string, string | undefined>;
  home: string;
  workspaceFolder?: string;
  platform: NodeJS.Platform;
  isExecutable: (file: string) => boolean;
}

export type ServerPathResult = { path: string } | { error: string };

function expand(setting: string, where: PathEnvironment): string {
  let p = setting.trim();
  if (where.workspaceFolder) p = p.split('${workspaceFolder}').join(where.workspaceFolder);
  if (p === '~' || p.startsWith('~/')) p = where.home + p.slice(1);
  if (!path.isAbsolute(p) && where.workspaceFolder) p = path.join(where.workspaceFolder, p);
  return p;
}

export function resolveServerPath(setting: string | undefined, where: PathEnvironment): ServerPathResult {
  if (setting && setting.trim() !== '') {
    const p = expand(setting, where);
    return where.isExecutable(p)
      ? { path: p }
      : { error: `gloss.server.path is set to "${setting}", but ${p} is not an executable file.` };
  }
  const names = where.platform === 'win32' ? ['gloss.exe', 'gloss.cmd', 'gloss'] : ['gloss'];
  const dirs = (where.env.PATH ?? where.env.Path ?? '').split(where.platform === 'win32' ? ';' : ':');
  for (const dir of dirs.filter((d) => d !== '')) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (where.isExecutable(candidate)) return { path: candidate };
    }
  }
  return { error: 'gloss was not found on PATH. Install it, or set gloss.server.path to the gloss executable.' };
}
