/**
 * A TCP proxy in front of a test server, so tests can cut every connection (a dropped
 * connection, as after a DC restart) or stall traffic (a server that stops answering).
 */
import { connect, createServer, type Socket } from "node:net";

export interface TcpProxy {
  readonly url: string;
  /** Destroys every open connection; new connections still work. */
  dropConnections(): void;
  /** While stalled, nothing is forwarded in either direction. */
  setStalled(stalled: boolean): void;
  /** Connections accepted so far. */
  readonly connectionCount: number;
  /** Client connections open now. */
  readonly openConnections: number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number, scheme = "ldap"): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const clients = new Set<Socket>();
  let stalled = false;
  let connections = 0;
  const server = createServer((client) => {
    connections++;
    clients.add(client);
    client.on("close", () => clients.delete(client));
    const upstream = connect(targetPort, targetHost);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
      socket.on("error", () => undefined);
    }
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("data", (data) => {
      if (!stalled) upstream.write(data);
    });
    upstream.on("data", (data) => {
      if (!stalled) client.write(data);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("proxy did not start");
  return {
    url: `${scheme}://127.0.0.1:${address.port}`,
    dropConnections() {
      for (const socket of open) socket.destroy();
    },
    setStalled(value) {
      stalled = value;
    },
    get connectionCount() {
      return connections;
    },
    get openConnections() {
      return clients.size;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
