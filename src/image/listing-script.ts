// The program the listing helper build runs inside the builder (see listing-plan.ts). Python
// because the images this action builds are Python images: no tool has to be installed first.

/** The listing's file name, in the helper build's own named context and inside the listing stage. */
export const LISTING_SCRIPT_NAME = 'dfb-list.py';

/**
 * `python3 dfb-list.py OUT SNAPSHOT0 SNAPSHOT1 …`: walks each snapshot (a sub-stage's filesystem,
 * bind-mounted read-only) without following links or crossing devices, and writes OUT/<i>.jsonl:
 * what snapshot i adds or changes against snapshot i-1 (the whole filesystem for i = 0), one JSON
 * array a line — ["f", size, path] regular file, ["h", 0, path] another name of a file already
 * written, ["d", 0, path] directory, ["o", 0, path] link or device — then ["w", 0, path] for what
 * it deletes (the topmost deleted path only, as a whiteout would). Entries compare by type, mode,
 * owner, size, mtime (ns) and link target, which is what a layer diff compares.
 */
export const LISTING_SCRIPT = String.raw`import json, os, stat, sys

def walk(root):
    device = os.lstat(root).st_dev
    table = {}
    pending = ['']
    while pending:
        relative = pending.pop()
        try:
            entries = list(os.scandir(os.path.join(root, relative) if relative else root))
        except OSError:
            continue
        for entry in entries:
            path = relative + '/' + entry.name if relative else entry.name
            st = entry.stat(follow_symlinks=False)
            mode = st.st_mode
            target = os.readlink(entry.path) if stat.S_ISLNK(mode) else ''
            inode = (st.st_dev, st.st_ino) if stat.S_ISREG(mode) and st.st_nlink > 1 else None
            table[path] = (mode, st.st_uid, st.st_gid, st.st_size, st.st_mtime_ns, target, inode)
            if stat.S_ISDIR(mode) and st.st_dev == device:
                pending.append(path)
    return table

def kind(mode):
    if stat.S_ISDIR(mode):
        return 'd'
    if stat.S_ISREG(mode):
        return 'f'
    return 'o'

def deleted_above(path, deleted):
    at = path.rfind('/')
    while at > 0:
        if path[:at] in deleted:
            return True
        at = path.rfind('/', 0, at)
    return False

def main(out, roots):
    os.makedirs(out, exist_ok=True)
    previous = {}
    for index, root in enumerate(roots):
        current = walk(root)
        inodes = set()
        with open(os.path.join(out, '%d.jsonl' % index), 'w', encoding='utf-8', errors='surrogateescape') as listing:
            for path in sorted(current):
                entry = current[path]
                before = previous.get(path)
                if before is not None and before[:6] == entry[:6]:
                    continue
                letter = kind(entry[0])
                size = entry[3] if letter == 'f' else 0
                if entry[6] is not None:
                    if entry[6] in inodes:
                        letter, size = 'h', 0
                    inodes.add(entry[6])
                listing.write(json.dumps([letter, size, path]) + '\n')
            deleted = set()
            for path in sorted(previous):
                if path in current:
                    continue
                deleted.add(path)
                if not deleted_above(path, deleted):
                    listing.write(json.dumps(['w', 0, path]) + '\n')
        previous = current

main(sys.argv[1], sys.argv[2:])
`;
