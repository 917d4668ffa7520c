/**
 * Where each recently seen account lives (canonical anchor → DN), so an update can be one
 * modify instead of a search by anchor followed by a modify. Bounded, least recently used
 * out first. The cache is only a hint: writes to a remembered DN carry an assertion on the
 * anchor, and a DN that no longer holds that account (moved or renamed outside this client,
 * deleted) is dropped and looked up again.
 */
export class AnchorDnCache {
  // A Map iterates in insertion order; re-inserting on use keeps the least recently used first.
  private readonly dns = new Map<string, string>();

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 0) throw new RangeError(`AnchorDnCache: capacity must be a non-negative integer, got ${capacity}`);
  }

  get size(): number {
    return this.dns.size;
  }

  get(anchor: string): string | undefined {
    const dn = this.dns.get(anchor);
    if (dn !== undefined) {
      this.dns.delete(anchor);
      this.dns.set(anchor, dn);
    }
    return dn;
  }

  set(anchor: string, dn: string): void {
    if (this.capacity === 0) return;
    this.dns.delete(anchor);
    this.dns.set(anchor, dn);
    if (this.dns.size > this.capacity) {
      const oldest = this.dns.keys().next();
      if (oldest.done !== true) this.dns.delete(oldest.value);
    }
  }

  delete(anchor: string): void {
    this.dns.delete(anchor);
  }

  clear(): void {
    this.dns.clear();
  }
}
