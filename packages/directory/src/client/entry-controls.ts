/**
 * LDAP request controls that save a round trip per write, for servers that list them in the
 * root DSE's supportedControl (OpenLDAP does; AD and Samba do not):
 *
 * - Pre-Read and Post-Read (RFC 4527): the server returns the entry as it was before a modify,
 *   or as it is after an add, in the response. A create learns its anchor without a search,
 *   and an update learns whether it changed anything without reading first.
 * - Assertion (RFC 4528): the write only happens when the entry matches a filter, so a modify
 *   sent to a remembered DN cannot land on another entry that took that DN since.
 *
 * ldapts hands a response control whose OID it does not know to the request control with the
 * same OID (its parse()), so each control object carries one request's answer: use a fresh
 * one per request.
 */
import { BerWriter, Control, SearchEntry, type BerReader, type Entry, type Filter } from "ldapts";

export const PRE_READ_CONTROL = "1.3.6.1.1.13.1";
export const POST_READ_CONTROL = "1.3.6.1.1.13.2";
export const ASSERTION_CONTROL = "1.3.6.1.1.12";
/** The result code of a write whose assertion did not hold. */
export const ASSERTION_FAILED = 122;

const OCTET_STRING = 0x04;
/** [APPLICATION 4], the tag of a SearchResultEntry. */
const SEARCH_RESULT_ENTRY = 0x64;

/** Pre-Read or Post-Read: asks for `attributes` of the entry; `entry` holds the answer, if the server sent one. */
export class EntryReadControl extends Control {
  entry: Entry | undefined;

  constructor(
    oid: typeof PRE_READ_CONTROL | typeof POST_READ_CONTROL,
    private readonly attributes: readonly string[],
    private readonly bufferAttributes: string[],
  ) {
    // Not critical: a server that ignores it still performs the write, and the caller reads instead.
    super(oid, { critical: false });
  }

  protected override writeControl(writer: BerWriter): void {
    const value = new BerWriter();
    value.startSequence();
    for (const name of this.attributes) value.writeString(name);
    value.endSequence();
    writer.writeBuffer(value.buffer, OCTET_STRING);
  }

  protected override parseControl(reader: BerReader): void {
    try {
      if (reader.readSequence(SEARCH_RESULT_ENTRY) === null) return;
      const entry = new SearchEntry({ messageId: 0 });
      entry.parseMessage(reader);
      this.entry = entry.toObject([...this.attributes], this.bufferAttributes);
    } catch {
      // A malformed answer counts as no answer: the caller falls back to reading the entry.
      this.entry = undefined;
    }
  }
}

/** Assertion: the request only takes effect if the target entry matches `filter` (else result 122). */
export class AssertionControl extends Control {
  constructor(private readonly filter: Filter) {
    // Critical: a server that cannot check the assertion must refuse the write, not ignore the check.
    super(ASSERTION_CONTROL, { critical: true });
  }

  protected override writeControl(writer: BerWriter): void {
    const value = new BerWriter();
    this.filter.write(value);
    writer.writeBuffer(value.buffer, OCTET_STRING);
  }
}
