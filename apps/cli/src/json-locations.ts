/**
 * Where each value of a JSON document starts, so validation issues can point at
 * line:column in the file. A small scanner that only records positions; values come
 * from JSON.parse, which has already accepted the text when this runs.
 */
export interface TextPosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

export type JsonPath = readonly (string | number)[];

/** Offsets → line:column for any text (valid JSON or not). */
export class LineIndex {
  readonly #lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.#lineStarts.push(i + 1);
  }

  positionAt(offset: number): TextPosition {
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.#lineStarts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.#lineStarts[low] as number) + 1 };
  }
}

/** Value positions of a JSON text that JSON.parse has accepted. */
export class JsonLocations {
  readonly #starts = new Map<string, number>();
  readonly #lines: LineIndex;

  constructor(readonly text: string) {
    this.#lines = new LineIndex(text);
    new Scanner(text, this.#starts).document();
  }

  /** Position of the value at `path`, or of its closest ancestor that exists. */
  positionOf(path: JsonPath): TextPosition {
    for (let length = path.length; length >= 0; length--) {
      const offset = this.#starts.get(pathKey(path.slice(0, length)));
      if (offset !== undefined) return this.positionAt(offset);
    }
    return { line: 1, column: 1 };
  }

  /**
   * Position of the character at `decodedOffset` inside the JSON string at `path`
   * (e.g. where an expression error points), stepping over escapes in the raw text.
   * Falls back to the string's own position when `path` is not a string.
   */
  positionInString(path: JsonPath, decodedOffset: number): TextPosition {
    const start = this.#starts.get(pathKey(path));
    if (start === undefined || this.text[start] !== '"') return this.positionOf(path);
    let raw = start + 1;
    for (let decoded = 0; decoded < decodedOffset && raw < this.text.length; decoded++) {
      if (this.text[raw] === '"') break;
      if (this.text[raw] !== "\\") raw += 1;
      else raw += this.text[raw + 1] === "u" ? 6 : 2;
    }
    return this.positionAt(raw);
  }

  positionAt(offset: number): TextPosition {
    return this.#lines.positionAt(offset);
  }
}

function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

class Scanner {
  #at = 0;

  constructor(
    private readonly text: string,
    private readonly starts: Map<string, number>,
  ) {}

  document(): void {
    this.#value([]);
  }

  #value(path: (string | number)[]): void {
    this.#skipWhitespace();
    this.starts.set(pathKey(path), this.#at);
    const c = this.text[this.#at];
    if (c === "{") this.#object(path);
    else if (c === "[") this.#array(path);
    else if (c === '"') this.#string();
    else this.#literal();
  }

  #object(path: (string | number)[]): void {
    this.#at++; // {
    this.#skipWhitespace();
    if (this.text[this.#at] === "}") {
      this.#at++;
      return;
    }
    for (;;) {
      this.#skipWhitespace();
      const keyStart = this.#at;
      this.#string();
      const key = JSON.parse(this.text.slice(keyStart, this.#at)) as string;
      this.#skipWhitespace();
      this.#at++; // :
      this.#value([...path, key]);
      this.#skipWhitespace();
      if (this.text[this.#at++] === "}") return;
    }
  }

  #array(path: (string | number)[]): void {
    this.#at++; // [
    this.#skipWhitespace();
    if (this.text[this.#at] === "]") {
      this.#at++;
      return;
    }
    for (let index = 0; ; index++) {
      this.#value([...path, index]);
      this.#skipWhitespace();
      if (this.text[this.#at++] === "]") return;
    }
  }

  #string(): void {
    this.#at++; // opening quote
    while (this.#at < this.text.length) {
      const c = this.text[this.#at++];
      if (c === "\\") this.#at++;
      else if (c === '"') return;
    }
  }

  #literal(): void {
    while (this.#at < this.text.length && !/[\s,\]}]/.test(this.text[this.#at] as string)) this.#at++;
  }

  #skipWhitespace(): void {
    while (this.#at < this.text.length && /\s/.test(this.text[this.#at] as string)) this.#at++;
  }
}
