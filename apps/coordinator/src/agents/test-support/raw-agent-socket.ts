/** A hand-driven agent WebSocket for protocol tests: sends exactly what a test says and records every reply. */
import { randomUUID } from "node:crypto";
import { parseCoordinatorMessage, type CoordinatorToAgentMessage } from "@roster/protocol";
import { WebSocket } from "ws";

export class RawAgentSocket {
  readonly received: CoordinatorToAgentMessage[] = [];
  readonly unreadable: string[] = [];
  closed = false;
  closeCode: number | undefined;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data: Buffer) => {
      const parsed = parseCoordinatorMessage(data);
      if (parsed.ok) this.received.push(parsed.message);
      else this.unreadable.push(parsed.error.message);
      this.notify();
    });
    socket.on("close", (code) => {
      this.closed = true;
      this.closeCode = code;
      this.notify();
    });
    socket.on("error", () => undefined);
  }

  static async connect(url: string): Promise<RawAgentSocket> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return new RawAgentSocket(socket);
  }

  sendJson(message: Record<string, unknown>): string {
    const id = typeof message.id === "string" ? message.id : randomUUID();
    this.socket.send(JSON.stringify({ v: "1.0", id, ...message }));
    return id;
  }

  sendText(text: string | Buffer): void {
    this.socket.send(text);
  }

  /** The first message received so far or later that satisfies `predicate`. */
  async next<T extends CoordinatorToAgentMessage>(
    predicate: (message: CoordinatorToAgentMessage) => message is T,
    timeoutMs?: number,
  ): Promise<T>;
  async next(
    predicate: (message: CoordinatorToAgentMessage) => boolean,
    timeoutMs?: number,
  ): Promise<CoordinatorToAgentMessage>;
  async next(
    predicate: (message: CoordinatorToAgentMessage) => boolean,
    timeoutMs = 10_000,
  ): Promise<CoordinatorToAgentMessage> {
    await this.until(() => this.received.some(predicate), timeoutMs, "a matching message");
    return this.received.find(predicate)!;
  }

  async until(predicate: () => boolean, timeoutMs = 10_000, what = "condition"): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; received: ${JSON.stringify(this.received.map((m) => m.type))}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  close(): void {
    this.socket.terminate();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
