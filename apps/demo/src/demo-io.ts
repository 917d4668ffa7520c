/** Where the demo writes: stdout for the story, stderr for progress (a bar only on a terminal). */

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface DemoIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
}

export function processIo(): DemoIo {
  return { stdout: process.stdout, stderr: process.stderr };
}
