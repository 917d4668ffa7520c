/**
 * Name pools for generated workers: common names (so sAMAccountName/UPN candidates collide), names
 * with diacritics, apostrophes, hyphens, spaces and commas — the values that break naive account
 * name rules.
 */

export const FIRST_NAMES: readonly string[] = [
  "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
  "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Chris", "Karen",
  "José", "María", "François", "Zoë", "Søren", "Łukasz", "Åsa", "Björn", "Chloé", "Renée",
  "Jürgen", "Ngozi", "Priya", "Wei", "Yuki", "Oluwaseun", "Siobhán", "Dóra", "Mía", "Noël",
  "Anne-Marie", "Jean-Luc", "Mary Ann", "D'Andre", "Aarav", "Fatima", "Ahmed", "Ingrid", "Hiroshi", "Elif",
];

export const MIDDLE_NAMES: readonly string[] = ["Alexis", "Marie", "Lee", "Ann", "José", "Émile", "Grace", "J.", "Ray"];

export const LAST_NAMES: readonly string[] = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Lee", "Chen", "Nguyen", "Kim", "Patel", "Müller", "Schröder", "Núñez", "Gómez", "Peña",
  "O'Brien", "O'Neil", "D'Angelo", "N'Diaye", "Van der Berg", "de la Cruz", "Smith-Jones", "Łęcki", "Øvergård", "Åberg",
  "Davis, Jr.", "King, III", "Okonkwo", "Natarajan", "Rivera", "Okafor", "Kowalski", "Ferreira", "Dubois", "Lefèvre",
  "Nakamura", "Yılmaz", "Papadopoulos", "Andersson", "Fitzgerald-Montgomery-Wolfeschlegelsteinhausen", "Ng", "Ó Súilleabháin", "Zhang", "Haddad", "Costa",
];

/** Short forms used as preferred first names. */
export const PREFERRED_FIRST: Readonly<Record<string, string>> = {
  James: "Jim", Robert: "Bob", Michael: "Mike", Elizabeth: "Liz", William: "Bill", Richard: "Rick",
  Joseph: "Joe", Jennifer: "Jen", Patricia: "Pat", Christopher: "Chris", Thomas: "Tom", Susan: "Sue",
  "Anne-Marie": "Annie", Oluwaseun: "Seun", "Jean-Luc": "JL", María: "Mari",
};

/** Lower-case ASCII letters only, for generated sign-in names and email local parts. */
export function asciiSlug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .replace(/ø/g, "o")
    .replace(/Ø/g, "O")
    .replace(/ı/g, "i")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}
