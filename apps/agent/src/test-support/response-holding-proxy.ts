/**
 * A TCP proxy that always forwards requests but can hold back the server's responses. With
 * responses held, the directory applies writes the agent never hears about: exactly the
 * state a crash between "applied" and "recorded" leaves behind.
 */
import { connect, createServer, type Socket } from "node:net";

export interface ResponseHoldingProxy {
  readonly url: string;
  holdResponses(hold: boolean): void;
  close(): Promise<void>;
}

export async function startResponseHoldingProxy(targetUrl: string): Promise<ResponseHoldingProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let holding = false;
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("data", (data) => upstream.write(data));
    // Held responses are dropped, never delivered late: the client that waited for them is gone by then.
    upstream.on("data", (data) => {
      if (!holding) client.write(data);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("proxy did not start");
  return {
    url: `${target.protocol}//127.0.0.1:${address.port}`,
    holdResponses(hold) {
      holding = hold;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
