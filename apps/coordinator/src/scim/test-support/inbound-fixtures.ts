/** Builders for the inbound tests: one-attribute worker versions and a settable clock. */
import { BULK_REQUEST_URN, CORE_USER_URN, ENTERPRISE_USER_URN } from "../scim-constants.js";

export interface WorkerVersion {
  /** Omit for an operation without externalId. */
  readonly externalId?: string;
  /** Distinguishes the versions of one worker. */
  readonly department: string;
  readonly bulkId?: string;
}

/** A SCIM BulkRequest body (as a string, the way it arrives on the wire) with one operation per version. */
export function bulkBody(versions: readonly WorkerVersion[], failOnErrors: number | null = null): string {
  return JSON.stringify({
    schemas: [BULK_REQUEST_URN],
    failOnErrors,
    Operations: versions.map((version, index) => ({
      method: "POST",
      bulkId: version.bulkId ?? `op-${index}`,
      path: "/Users",
      data: {
        schemas: [CORE_USER_URN, ENTERPRISE_USER_URN],
        ...(version.externalId === undefined ? {} : { externalId: version.externalId }),
        displayName: `Worker ${version.externalId ?? "?"}`,
        active: true,
        [ENTERPRISE_USER_URN]: { department: version.department },
      },
    })),
  });
}

export const DEPARTMENT = `${ENTERPRISE_USER_URN}:department`;

/** A clock the test moves by hand. */
export class TestClock {
  #time: number;

  constructor(start: string) {
    this.#time = Date.parse(start);
  }

  readonly now = (): Date => new Date(this.#time);

  advance(ms: number): Date {
    this.#time += ms;
    return this.now();
  }
}
