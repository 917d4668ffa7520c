/** A plain ldapts client for test assertions, with TCP_NODELAY so sequential requests are not slowed by Nagle. */
import { connect } from "node:net";
import { Client } from "ldapts";

export function rawClient(url: string): Client {
  return new Client({
    url,
    timeout: 30_000,
    createConnection: ((port: number, host: string) => connect(port, host).setNoDelay(true)) as typeof connect,
  });
}
