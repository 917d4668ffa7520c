/** Test helpers: in-memory streams for the command functions. */
import { Readable, Writable } from "node:stream";

/** A Writable that keeps everything written to it. */
export class CollectingStream extends Writable {
  #chunks: string[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#chunks.push(chunk.toString());
    callback();
  }

  get text(): string {
    return this.#chunks.join("");
  }

  /** Each non-empty output line, parsed as JSON. */
  jsonLines(): unknown[] {
    return this.text
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as unknown);
  }
}

export function linesInput(lines: readonly string[]): Readable {
  return Readable.from([lines.map((line) => `${line}\n`).join("")]);
}
