/**
 * A TCP proxy on 127.0.0.1 between a `pg` client and a PostgreSQL server,
 * which the test (or the chaos suite) controls: it can cut the connection that
 * carries the next `COMMIT` — right after forwarding it, or instead of
 * forwarding it — cut every open connection, or refuse new ones.
 */
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/** Where to cut the connection that carries a `COMMIT`. */
export type CommitCut = 'after' | 'before';

/** A running proxy. */
export interface TcpProxy {
  /** The proxy's port on 127.0.0.1. */
  readonly port: number;
  /** Connections cut so far. */
  readonly cuts: number;
  /**
   * The same connection string, through the proxy.
   *
   * @param url - a `postgres://` URL of the server the proxy forwards to
   */
  url(url: string): string;
  /**
   * Cuts the connection that sends the next `COMMIT`: `after` forwards it to
   * the server first (so the server commits, but the client never hears), `before`
   * drops it (the server rolls back when it sees the connection gone).
   *
   * @returns a promise that settles when the cut happened
   */
  cutAtCommit(where: CommitCut): Promise<void>;
  /** Cuts every open connection at once, mid-stream. */
  cutAll(): number;
  /** While true, new connections are closed as soon as they arrive. */
  refuse(refusing: boolean): void;
  close(): Promise<void>;
}

/** A simple-protocol Query message whose text has a COMMIT statement (not READ COMMITTED). */
const COMMIT_STATEMENT = /\bCOMMIT\b/;

/**
 * Starts a proxy to `host:port`.
 *
 * @param target - the server's host and port
 * @returns the proxy
 * @example
 * ```ts
 * const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
 * const pool = new pg.Pool({ connectionString: proxy.url(serverUrl) });
 * ```
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<{ client: Socket; server: Socket }>();
  let armed: { where: CommitCut; done: () => void } | null = null;
  let refusing = false;
  let cuts = 0;
  const cut = (pair: { client: Socket; server: Socket }, gracefulServer: boolean) => {
    cuts++;
    pairs.delete(pair);
    pair.client.destroy();
    // After forwarding a COMMIT the server must still read it: close our side gently.
    if (gracefulServer) pair.server.end();
    else pair.server.destroy();
  };
  const proxy = createServer((client) => {
    client.on('error', () => undefined);
    if (refusing) {
      client.destroy();
      return;
    }
    const server = connect(target.port, target.host);
    server.on('error', () => client.destroy());
    client.on('error', () => server.destroy());
    const pair = { client, server };
    pairs.add(pair);
    client.on('close', () => {
      pairs.delete(pair);
      server.end();
    });
    server.on('close', () => {
      pairs.delete(pair);
      client.destroy();
    });
    server.on('data', (chunk: Buffer) => {
      if (!client.destroyed) client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => {
      const trap = armed;
      if (trap !== null && chunk[0] === 0x51 /* Q */ && COMMIT_STATEMENT.test(chunk.toString('latin1'))) {
        armed = null;
        if (trap.where === 'after') server.write(chunk);
        cut(pair, trap.where === 'after');
        trap.done();
        return;
      }
      server.write(chunk);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    port,
    get cuts() {
      return cuts;
    },
    url(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    cutAtCommit: (where) =>
      new Promise<void>((resolve) => {
        armed = { where, done: resolve };
      }),
    cutAll() {
      const open = [...pairs];
      for (const pair of open) cut(pair, false);
      return open.length;
    },
    refuse(next) {
      refusing = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of [...pairs]) {
          pair.client.destroy();
          pair.server.destroy();
        }
        proxy.close(() => resolve());
      }),
  };
}
