/**
 * The agent's own credential, obtained once with a registration token. It is stored in a
 * file only its owner can read (0600), written atomically, and refused when found readable
 * by others, as ssh does with private keys.
 */
import { mkdir, open, readFile, rename, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { RosterError } from "@roster/engine";
import { PROTOCOL_LIMITS } from "@roster/protocol";
import { z } from "zod";

const PRINTABLE = /^[\x21-\x7e]+$/;

const credentialFileSchema = z
  .object({
    agentId: z.string().min(1).max(PROTOCOL_LIMITS.maxIdLength).regex(PRINTABLE),
    credential: z.string().min(PROTOCOL_LIMITS.minSecretLength).max(PROTOCOL_LIMITS.maxSecretLength).regex(PRINTABLE),
    /** The coordinator that issued it (informational). */
    coordinatorUrl: z.string().optional(),
    registeredAt: z.string().optional(),
  })
  .strict();

export type AgentCredential = z.infer<typeof credentialFileSchema>;

export async function readCredentialFile(path: string): Promise<AgentCredential> {
  let mode: number;
  let text: string;
  try {
    mode = (await stat(path)).mode;
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new RosterError(
        "Unauthorized",
        `the agent has no credential yet (${path} does not exist); run \`roster-agent register --coordinator <url> --token <token>\` first`,
        { path },
      );
    }
    throw new RosterError("InvalidConfiguration", `cannot read the credential file ${path}: ${(error as Error).message}`, { path });
  }
  if ((mode & 0o077) !== 0) {
    throw new RosterError(
      "InvalidConfiguration",
      `the credential file ${path} is accessible by other users (mode ${(mode & 0o777).toString(8)}); run \`chmod 600 ${path}\``,
      { path },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RosterError("InvalidConfiguration", `the credential file ${path} is not valid JSON; register the agent again`, { path });
  }
  const parsed = credentialFileSchema.safeParse(value);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join(".") || "(the whole file)";
    throw new RosterError("InvalidConfiguration", `the credential file ${path} is invalid (field ${field}); register the agent again`, {
      path,
      field,
    });
  }
  return parsed.data;
}

/** Writes the credential atomically: a 0600 temporary file, fsync'd, renamed over the target. */
export async function writeCredentialFile(path: string, credential: AgentCredential): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, "w", 0o600);
  try {
    await handle.chmod(0o600); // the mode given to open is reduced by the umask; this is not
    await handle.write(`${JSON.stringify(credential, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}
