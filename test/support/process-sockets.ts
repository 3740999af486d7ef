import { readdir, readFile, readlink } from 'node:fs/promises';

/** The sockets a process has open, as the kernel lists them under /proc (Linux). */
export interface ProcessSockets {
  /** TCP ports it listens on (IPv4 and IPv6). */
  readonly tcpPorts: number[];
  /** Paths of the Unix sockets it listens on. */
  readonly unixPaths: string[];
}

export async function listeningSockets(pid: number): Promise<ProcessSockets> {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match) inodes.add(match[1]);
  }
  const tcpPorts: number[] = [];
  for (const table of ['tcp', 'tcp6']) {
    for (const line of await tableLines(`/proc/${pid}/net/${table}`)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const [, local, , state, , , , , , inode] = line;
      if (state === '0A' && inodes.has(inode)) tcpPorts.push(parseInt(local.split(':')[1], 16));
    }
  }
  const unixPaths: string[] = [];
  for (const line of await tableLines(`/proc/${pid}/net/unix`)) {
    // Num RefCount Protocol Flags Type St Inode Path; flag 0x10000 is "accepting connections".
    const [, , , flags, , , inode, path] = line;
    if (path && (parseInt(flags, 16) & 0x10000) !== 0 && inodes.has(inode)) unixPaths.push(path);
  }
  return { tcpPorts: tcpPorts.sort((a, b) => a - b), unixPaths: unixPaths.sort() };
}

async function tableLines(file: string): Promise<string[][]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/));
}
