/**
 * Generates Workday workers (attribute names of the Workday catalogue) one at a time,
 * deterministically from (seed, index): the same worker comes back in every pass, and
 * nothing is held in memory between calls.
 *
 * - Names mix diacritics, apostrophes, spaces, hyphens and commas; about 1% of workers
 *   share the full name of an earlier worker, so SelectUniqueValue falls back.
 * - Active is "1" for ~95% of workers, "0" otherwise.
 * - The manager is an earlier worker (a tree with ~7 reports per manager), so the
 *   manager's account exists by the time the report is created.
 * - Revision 1 changes ~1% of workers (title; some also move city or leave).
 */
import { mix32, Prng } from "./prng.js";
import {
  COMPANIES,
  FIRST_NAMES,
  LAST_NAME_PREFIXES,
  LAST_NAME_ROOTS,
  LAST_NAME_SUFFIXES,
  ORGANIZATIONS,
  SITES,
  SURNAME_ENDS,
  SURNAME_STARTS,
  TITLES,
  type Site,
} from "./name-pools.js";

export type WorkdayWorker = Readonly<Record<string, string>>;

const NAME_SALT = 0x51a7e;
const CHANGE_SALT = 0xc0ffee;
const REPORTS_PER_MANAGER = 7;
const DUPLICATE_NAME_RATE = 0.01;
const INACTIVE_RATE = 0.05;
export const CHANGE_RATE_PERCENT = 1;

const SITE_WEIGHT_TOTAL = SITES.reduce((sum, s) => sum + s.weight, 0);

const WID_BYTES = Buffer.alloc(16);

/** Decimal text of 0..10000 and the same padded to four digits: number-to-text conversions cost more than the rest of a worker. */
const DECIMAL = Array.from({ length: 10_001 }, (_, n) => String(n));
const FOUR_DIGITS = Array.from({ length: 10_000 }, (_, n) => String(n).padStart(4, "0"));

/** The worker's Workday ID: 32 hex digits, as one flat string (cheap to hash as a map key). */
export function widOf(seed: number, index: number): string {
  for (let k = 0; k < 4; k++) WID_BYTES.writeUInt32BE(mix32(seed + k, index), k * 4);
  return WID_BYTES.toString("hex");
}

/** Whether revision 1 changes this worker. */
export function isChangedInRevision1(seed: number, index: number): boolean {
  return mix32(seed ^ CHANGE_SALT, index) % 100 < CHANGE_RATE_PERCENT;
}

interface Name {
  readonly first: string;
  readonly last: string;
  /** The Workday user name made of them (see userIdOf), without the per-worker suffix. */
  readonly userId: string;
}

/**
 * A name part as it appears in user names: lower case, spaces dropped. Cached per part:
 * the parts come from the pools, and the pools hold no character whose lower case
 * depends on its neighbours (such as a final sigma), so parts can be lowered one by one.
 */
const userIdParts = new Map<string, string>();
function userIdPart(text: string): string {
  let part = userIdParts.get(text);
  if (part === undefined) {
    part = text.toLowerCase().replaceAll(" ", "");
    userIdParts.set(text, part);
  }
  return part;
}

function baseName(seed: number, index: number): Name {
  const rng = new Prng(mix32(seed ^ NAME_SALT, index));
  const first = rng.pick(FIRST_NAMES);
  // Common surnames for most workers; made-up ones widen the name space like a real workforce's long tail.
  let root: string;
  let rootId: string;
  if (rng.chance(0.6)) {
    root = rng.pick(LAST_NAME_ROOTS);
    rootId = userIdPart(root);
  } else {
    const start = rng.pick(SURNAME_STARTS);
    const end = rng.pick(SURNAME_ENDS);
    root = `${start}${end}`;
    rootId = userIdPart(start) + userIdPart(end);
  }
  const prefix = rng.pick(LAST_NAME_PREFIXES);
  const suffix = rng.pick(LAST_NAME_SUFFIXES);
  return {
    first,
    last: `${prefix}${root}${suffix}`,
    userId: `${userIdPart(first)}.${userIdPart(prefix)}${rootId}${userIdPart(suffix)}`,
  };
}

function pickSite(rng: Prng): Site {
  let r = rng.below(SITE_WEIGHT_TOTAL);
  for (const site of SITES) {
    r -= site.weight;
    if (r < 0) return site;
  }
  return SITES[0] as Site;
}

/** Workday user names: lower case, spaces dropped; characters AD forbids are left for the mapping to remove. */
function userIdOf(name: Name, index: number): string {
  return index % 50 === 0 ? `${name.userId}+${index}` : name.userId;
}

/** The WID of the last manager asked for: consecutive workers mostly share a manager. */
let lastManager = { seed: Number.NaN, index: -1, wid: "" };
function managerWidOf(seed: number, index: number): string {
  if (lastManager.index !== index || lastManager.seed !== seed) lastManager = { seed, index, wid: widOf(seed, index) };
  return lastManager.wid;
}

export function generateWorker(seed: number, index: number, revision: 0 | 1 = 0): WorkdayWorker {
  const rng = new Prng(mix32(seed, index));
  const name = index > 0 && rng.chance(DUPLICATE_NAME_RATE) ? baseName(seed, rng.below(index)) : baseName(seed, index);
  const site = pickSite(rng);
  const number = 100 + rng.below(9900);
  const worker: Record<string, string> = {
    WID: widOf(seed, index),
    WorkerID: String(100_000 + index),
    UserID: userIdOf(name, index),
    FirstName: name.first,
    LastName: name.last,
    PreferredNameData: `${name.first} ${name.last}`,
    Active: rng.chance(INACTIVE_RATE) ? "0" : "1",
    Company: rng.pick(COMPANIES),
    SupervisoryOrganization: rng.pick(ORGANIZATIONS),
    BusinessTitle: rng.pick(TITLES),
    AddressLineData: site.street,
    CountryReferenceTwoLetter: site.country,
    CountryRegionReference: site.region,
    PostalCode: site.postalCode,
    WorkSpaceReference: `${site.municipality ?? "Home"} ${DECIMAL[1 + rng.below(12)]}F-${DECIMAL[number]}`,
    PrimaryWorkTelephone: `${site.phonePrefix} ${DECIMAL[number]}`,
    LocalReference: site.locale,
  };
  if (site.municipality !== null) worker.Municipality = site.municipality;
  if (rng.chance(0.6)) {
    const digits = rng.below(1e8); // eight digits, as two padded halves
    worker.Mobile = `${site.phonePrefix.slice(0, site.phonePrefix.indexOf(" "))} 7${FOUR_DIGITS[Math.floor(digits / 10_000)]}${FOUR_DIGITS[digits % 10_000]}`;
  }
  if (rng.chance(0.1)) worker.Fax = `${site.phonePrefix} ${DECIMAL[number + 1]}`;
  if (index > 0) worker.ManagerReference = managerWidOf(seed, Math.floor((index - 1) / REPORTS_PER_MANAGER));

  if (revision === 1 && isChangedInRevision1(seed, index)) applyChange(worker, rng);
  return worker;
}

/** One HR change: a new title, plus for some workers a move to another city or a termination. */
function applyChange(worker: Record<string, string>, rng: Prng): void {
  worker.BusinessTitle = `Senior ${worker.BusinessTitle ?? "Associate"}`;
  const kind = rng.below(3);
  if (kind === 1) worker.Municipality = worker.Municipality === "Seattle" ? "Austin" : "Seattle";
  else if (kind === 2) worker.Active = worker.Active === "1" ? "0" : "1";
}
