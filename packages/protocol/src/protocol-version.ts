/**
 * Protocol versioning. Versions are "major.minor": a minor version only adds
 * optional fields or new capabilities, so peers with the same major interoperate
 * (unknown fields are ignored); a different major is refused.
 */
export const PROTOCOL_VERSION = "1.0";

export interface ProtocolVersion {
  readonly major: number;
  readonly minor: number;
}

const VERSION_PATTERN = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/;

/** Parses "major.minor"; undefined when the text is not a version. */
export function parseProtocolVersion(text: string): ProtocolVersion | undefined {
  const match = VERSION_PATTERN.exec(text);
  if (match === null) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

export const PROTOCOL_MAJOR = parseProtocolVersion(PROTOCOL_VERSION)!.major;

/** True when a peer speaking `text` can talk to this side (same major version). */
export function isCompatibleProtocolVersion(text: string): boolean {
  return parseProtocolVersion(text)?.major === PROTOCOL_MAJOR;
}

/** The pattern a version string must match, for the message envelope schema. */
export const PROTOCOL_VERSION_PATTERN = VERSION_PATTERN;
