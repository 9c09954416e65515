import type { Folder } from '../api/types';

/**
 * Normalises GET /api/folders into a forest: accepts either nested `children` or a flat
 * list linked by `parent_id`. Siblings are sorted by name (locale-aware).
 */
export function buildTree(folders: Folder[]): Folder[] {
  const flat: Folder[] = [];
  const walk = (list: Folder[]) => {
    for (const f of list) {
      flat.push(f);
      if (f.children) walk(f.children);
    }
  };
  walk(folders);
  const byId = new Map<string, Folder>();
  for (const f of flat) byId.set(f.id, { ...f, children: [] });
  const roots: Folder[] = [];
  for (const f of byId.values()) {
    const parent = f.parent_id ? byId.get(f.parent_id) : undefined;
    if (parent) parent.children!.push(f);
    else roots.push(f);
  }
  const sort = (list: Folder[]) => {
    list.sort((a, b) => a.name.localeCompare(b.name));
    list.forEach((f) => sort(f.children!));
  };
  sort(roots);
  return roots;
}

export function findFolder(forest: Folder[], id: string | null): Folder | null {
  if (!id) return null;
  for (const f of forest) {
    if (f.id === id) return f;
    const inner = findFolder(f.children ?? [], id);
    if (inner) return inner;
  }
  return null;
}
