/**
 * A small pool of bound ldapts connections. Each connection pipelines several operations
 * (ldapts matches responses by message id), new work goes to the least busy connection,
 * and a connection the server dropped is replaced on next use.
 *
 * A connection never reconnects by itself: ldapts would silently re-open a dropped socket
 * *unauthenticated*, and an anonymous search that finds nothing would look like "no such
 * account" and lead to duplicate creates. Each ldapts Client therefore gets a connection
 * factory that works once; a later reconnect attempt fails before anything is sent, and the
 * pool retries that operation once on a fresh, bound connection.
 *
 * All connections go to one address, resolved once (and again after a failed connect): a
 * domain name with several domain controllers behind it would otherwise spread one
 * operation's requests over DCs that have not replicated each other's writes yet.
 *
 * Requests started on one connection in the same turn of the event loop leave in one socket
 * write (the socket is corked until the turn ends): each write is a system call here and a
 * wake-up of the server, and operations tend to start together (a batch arriving, a group of
 * ledger records becoming durable), so this saves most of them.
 */
import { lookup } from "node:dns/promises";
import { connect as netConnect, isIP, type Socket } from "node:net";
import { checkServerIdentity, connect as tlsConnect, type ConnectionOptions } from "node:tls";
import { RosterError } from "@roster/engine";
import { Client } from "ldapts";
import { ldapResultCode } from "../errors/ldap-error-mapping.js";

export interface ConnectionSettings {
  readonly url: string;
  readonly bindDn: string;
  readonly password: string;
  readonly startTls: boolean;
  readonly caCertificates: string | undefined;
  readonly rejectUnauthorized: boolean;
  readonly serverName: string | undefined;
  readonly size: number;
  readonly maxInFlightPerConnection: number;
  readonly connectTimeoutMs: number;
  readonly operationTimeoutMs: number;
  readonly authFailureBackoffMs: number;
}

/** Raised when a connection is gone before a request was written: the request can safely be retried. */
export class ConnectionNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectionNotReadyError";
  }
}

interface Slot {
  client: Client | undefined;
  /** The socket the client writes to (the TLS socket after StartTLS). */
  socket: Socket | undefined;
  corked: boolean;
  connecting: Promise<Client> | undefined;
  inFlight: number;
}

interface OpenedConnection {
  readonly client: Client;
  readonly socket: Socket | undefined;
}

const INVALID_CREDENTIALS = 49;

export class ConnectionPool {
  private readonly slots: Slot[];
  private readonly waiters: Array<() => void> = [];
  private readonly secureUrl: boolean;
  private readonly host: string;
  private closed = false;
  private authFailure: { readonly error: unknown; readonly until: number } | undefined;
  private pinnedAddress: Promise<string> | undefined;
  private drained: (() => void) | undefined;

  constructor(private readonly settings: ConnectionSettings) {
    this.slots = Array.from({ length: settings.size }, () => ({ client: undefined, socket: undefined, corked: false, connecting: undefined, inFlight: 0 }));
    const url = new URL(settings.url);
    this.secureUrl = url.protocol.toLowerCase() === "ldaps:";
    this.host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  }

  /**
   * Runs `work` on a bound connection. When the connection turns out to be gone before the
   * request left (see ConnectionNotReadyError), `work` runs once more on a fresh connection.
   */
  async run<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const slot = await this.acquire();
    try {
      try {
        return await work(this.coalescingWrites(slot, await this.connected(slot)));
      } catch (error) {
        if (!(error instanceof ConnectionNotReadyError) || this.closed) throw error;
        return await work(this.coalescingWrites(slot, await this.connected(slot)));
      }
    } finally {
      this.release(slot);
    }
  }

  /** Corks the slot's socket until the end of this turn, so requests started in it share one write. */
  private coalescingWrites(slot: Slot, client: Client): Client {
    const socket = slot.socket;
    if (slot.corked || socket === undefined || socket.destroyed) return client;
    slot.corked = true;
    socket.cork();
    setImmediate(() => {
      slot.corked = false;
      socket.uncork();
    });
    return client;
  }

  /** Opens and binds one extra connection, for a connection test that must not reuse pooled state. */
  async withFreshConnection<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const { client } = await this.openConnection();
    try {
      return await work(client);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /** Lets operations in flight finish, then unbinds every connection. Later operations fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const wake of this.waiters.splice(0)) wake();
    if (this.inFlight() > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await Promise.all(
      this.slots.map(async (slot) => {
        const client = slot.client ?? (await slot.connecting?.catch(() => undefined));
        slot.client = undefined;
        slot.socket = undefined;
        await client?.unbind().catch(() => undefined);
      }),
    );
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new RosterError("EndpointUnavailable", `the directory client for ${this.settings.url} is closed`);
      let best: Slot | undefined;
      for (const slot of this.slots) {
        if (slot.inFlight < this.settings.maxInFlightPerConnection && (best === undefined || slot.inFlight < best.inFlight)) {
          best = slot;
        }
      }
      if (best !== undefined) {
        best.inFlight++;
        return best;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private release(slot: Slot): void {
    slot.inFlight--;
    this.waiters.shift()?.();
    if (this.closed && this.inFlight() === 0) this.drained?.();
  }

  private inFlight(): number {
    let total = 0;
    for (const slot of this.slots) total += slot.inFlight;
    return total;
  }

  private async connected(slot: Slot): Promise<Client> {
    const current = slot.client;
    if (current?.isBound) return current;
    if (slot.connecting === undefined) {
      if (current !== undefined) {
        slot.client = undefined;
        slot.socket = undefined;
        void current.unbind().catch(() => undefined); // releases the dead socket
      }
      slot.connecting = this.openConnection().then(
        ({ client, socket }) => {
          slot.connecting = undefined;
          if (this.closed) {
            void client.unbind().catch(() => undefined);
            throw new RosterError("EndpointUnavailable", `the directory client for ${this.settings.url} is closed`);
          }
          slot.client = client;
          slot.socket = socket;
          return client;
        },
        (error: unknown) => {
          slot.connecting = undefined;
          throw error;
        },
      );
    }
    return slot.connecting;
  }

  private async openConnection(): Promise<OpenedConnection> {
    const backoff = this.authFailure;
    if (backoff !== undefined && Date.now() < backoff.until) throw backoff.error;

    const settings = this.settings;
    const tlsOptions = this.tlsOptions();
    const address = await this.address();
    let plainOpened = false;
    let secureOpened = false;
    let socket: Socket | undefined;
    const client = new Client({
      url: settings.url,
      connectTimeout: settings.connectTimeoutMs,
      timeout: settings.operationTimeoutMs,
      ...(this.secureUrl ? { tlsOptions } : {}),
      createConnection: ((port: number) => {
        if (plainOpened) throw new ConnectionNotReadyError(`the connection to ${settings.url} was lost`);
        plainOpened = true;
        // Small request/response messages: without TCP_NODELAY, Nagle and delayed ACKs add ~40 ms per pipelined burst.
        socket = netConnect(port, address).setNoDelay(true);
        return socket;
      }) as typeof netConnect,
      // ldaps:// calls this with (port, host, options) to connect; StartTLS with (options) to upgrade.
      createSecureConnection: ((portOrOptions: number | ConnectionOptions, _host?: string, options?: ConnectionOptions) => {
        if (secureOpened) throw new ConnectionNotReadyError(`the connection to ${settings.url} was lost`);
        secureOpened = true;
        socket =
          typeof portOrOptions === "number"
            ? tlsConnect(portOrOptions, address, options ?? tlsOptions).setNoDelay(true)
            : tlsConnect(portOrOptions);
        return socket;
      }) as typeof tlsConnect,
    });
    try {
      if (settings.startTls) await client.startTLS({ ...tlsOptions });
      await client.bind(settings.bindDn, settings.password);
      this.authFailure = undefined;
      return { client, socket };
    } catch (error) {
      // A failed bind leaves the socket open (Samba keeps it), so always let go of it.
      await client.unbind().catch(() => undefined);
      if (ldapResultCode(error) === undefined) this.pinnedAddress = undefined; // maybe that DC is down: resolve again
      if (ldapResultCode(error) === INVALID_CREDENTIALS && settings.authFailureBackoffMs > 0) {
        this.authFailure = { error, until: Date.now() + settings.authFailureBackoffMs };
      }
      throw error;
    }
  }

  private address(): Promise<string> {
    if (isIP(this.host) !== 0) return Promise.resolve(this.host);
    this.pinnedAddress ??= lookup(this.host).then((result) => result.address);
    const pinned = this.pinnedAddress;
    pinned.catch(() => {
      if (this.pinnedAddress === pinned) this.pinnedAddress = undefined;
    });
    return pinned;
  }

  private tlsOptions(): ConnectionOptions {
    const { caCertificates, rejectUnauthorized, serverName } = this.settings;
    const name = serverName ?? this.host;
    return {
      rejectUnauthorized,
      minVersion: "TLSv1.2",
      // Verify against the configured name, not the pinned address (StartTLS gives tls.connect no host at all).
      checkServerIdentity: (_host, certificate) => checkServerIdentity(name, certificate),
      ...(isIP(name) === 0 ? { servername: name } : {}),
      ...(caCertificates === undefined ? {} : { ca: caCertificates }),
    };
  }
}
