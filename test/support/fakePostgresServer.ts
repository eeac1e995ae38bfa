/**
 * A fake PostgreSQL server on 127.0.0.1 that answers every connection's
 * startup with one scripted write, for faults a real server produces only by
 * chance (a FATAL message in the same socket read as ReadyForQuery).
 */
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';

/** A running fake server. */
export interface FakePostgresServer {
  /** A connection string for `pg`. */
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** AuthenticationOk: no password asked. */
export const authenticationOk = (): Buffer => message('R', Buffer.from([0, 0, 0, 0]));

/** ReadyForQuery, idle. */
export const readyForQuery = (): Buffer => message('Z', Buffer.from('I', 'latin1'));

/**
 * An ErrorResponse.
 *
 * @param severity - e.g. `FATAL`
 * @param code - the SQLSTATE, e.g. `57P01` (terminated by an administrator)
 * @param text - the message
 * @returns the message's bytes
 */
export function errorResponse(severity: string, code: string, text: string): Buffer {
  const field = (tag: string, value: string) => Buffer.from(`${tag}${value}\0`, 'utf8');
  return message('E', Buffer.concat([field('S', severity), field('V', severity), field('C', code), field('M', text), Buffer.from([0])]));
}

/**
 * Starts a server that answers each connection's startup message with
 * `reply` in one write, then closes the connection (or keeps it open).
 *
 * @param reply - the bytes to send after the startup message
 * @param options - `keepOpen`: leave the connection open after the reply
 * @returns the server
 * @example
 * ```ts
 * const server = await startFakePostgresServer(Buffer.concat([authenticationOk(), readyForQuery()]));
 * ```
 */
export async function startFakePostgresServer(reply: Buffer, options: { keepOpen?: boolean } = {}): Promise<FakePostgresServer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', () => {
      socket.write(reply, () => {
        if (options.keepOpen !== true) socket.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `postgres://fake:fake@127.0.0.1:${port}/fake`,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
