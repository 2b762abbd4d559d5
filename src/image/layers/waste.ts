import type { LayerPathTable, WastedPath, WasteSummary } from './types.js';

// The stacked filesystem as seen from the top of the layers applied so far.
interface StackNode {
  size: number;
  /** Index of the layer this copy came from. */
  layer: number;
  /** Present for directories only. */
  children?: Map<string, StackNode>;
}

interface WasteRecord {
  wastedBytes: number;
  layers: Set<number>;
}

/**
 * Wasted bytes by dive's definition: a path present in more than one layer wastes all but its last
 * copy; a whiteout wastes every lower copy of what it hides (a whole directory tree included); an
 * opaque directory wastes everything below it in lower layers. Directories and whiteout markers weigh 0.
 * A replaced or deleted directory is reported as one path carrying the weight of all it held.
 */
export function computeWaste(layers: LayerPathTable[]): WasteSummary {
  const root: StackNode = { size: 0, layer: -1, children: new Map() };
  const records = new Map<string, WasteRecord>();

  const waste = (path: string, node: StackNode, layer: number): void => {
    let record = records.get(path);
    if (!record) {
      record = { wastedBytes: 0, layers: new Set() };
      records.set(path, record);
    }
    record.layers.add(layer);
    const pending = [node];
    for (let current = pending.pop(); current; current = pending.pop()) {
      if (current.children) pending.push(...current.children.values());
      else {
        record.wastedBytes += current.size;
        record.layers.add(current.layer);
      }
    }
  };

  // The directory node at `path`, created (replacing any non-directory in the way) when missing.
  const directoryAt = (path: string, layer: number): Map<string, StackNode> => {
    let children = root.children!;
    let walked = '';
    for (const name of path === '' ? [] : path.split('/')) {
      walked = walked === '' ? name : `${walked}/${name}`;
      let node = children.get(name);
      if (!node?.children) {
        if (node) waste(walked, node, layer);
        node = { size: 0, layer, children: new Map() };
        children.set(name, node);
      }
      children = node.children!;
    }
    return children;
  };

  const lookup = (path: string): { parent: Map<string, StackNode>; name: string } | undefined => {
    const names = path.split('/');
    const name = names.pop()!;
    let parent = root.children!;
    for (const directory of names) {
      const next = parent.get(directory)?.children;
      if (!next) return undefined;
      parent = next;
    }
    return parent.has(name) ? { parent, name } : undefined;
  };

  layers.forEach((table, layer) => {
    // Markers hide what lies below this layer, so they apply before the layer's own entries.
    for (const directory of table.opaqueDirectories) {
      const found = directory === '' ? undefined : lookup(directory);
      const children = directory === '' ? root.children : found?.parent.get(found.name)?.children;
      if (!children || children.size === 0) continue;
      waste(directory, { size: 0, layer, children: new Map(children) }, layer);
      children.clear();
    }
    for (const path of table.whiteouts) {
      const found = lookup(path);
      if (!found) continue;
      waste(path, found.parent.get(found.name)!, layer);
      found.parent.delete(found.name);
    }
    for (const directory of table.directories) directoryAt(directory, layer);
    for (const [path, size] of table.files) {
      const slash = path.lastIndexOf('/');
      const parent = directoryAt(slash < 0 ? '' : path.slice(0, slash), layer);
      const name = path.slice(slash + 1);
      const previous = parent.get(name);
      if (previous) waste(path, previous, layer);
      parent.set(name, { size, layer });
    }
  });

  const wastedPaths: WastedPath[] = [...records]
    .filter(([, record]) => record.wastedBytes > 0)
    .map(([path, record]) => ({ path, wastedBytes: record.wastedBytes, layers: record.layers.size }))
    .sort((a, b) => b.wastedBytes - a.wastedBytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { wastedBytes: wastedPaths.reduce((sum, p) => sum + p.wastedBytes, 0), wastedPaths };
}
