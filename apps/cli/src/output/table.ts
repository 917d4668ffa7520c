/** Plain aligned text tables for list commands (no borders: easy to read, grep and cut). */

export interface TableColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => string;
  /** Right-align (numbers). */
  readonly alignRight?: boolean;
}

const GAP = "  ";
/** Control characters (newlines from HR data) would break the table's lines. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

/** The header line and one line per row; the last column is not padded. Ends with a newline. */
export function formatTable<Row>(columns: readonly TableColumn<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) => columns.map((column) => oneLine(column.value(row))));
  const widths = columns.map((column, index) =>
    cells.reduce((width, line) => Math.max(width, line[index]?.length ?? 0), column.header.length),
  );
  const render = (line: readonly string[]): string =>
    line
      .map((cell, index) => {
        const last = index === line.length - 1;
        const width = widths[index] ?? 0;
        if (columns[index]?.alignRight === true) return cell.padStart(width);
        return last ? cell : cell.padEnd(width);
      })
      .join(GAP)
      .trimEnd();
  const lines = [render(columns.map((column) => column.header)), ...cells.map(render)];
  return `${lines.join("\n")}\n`;
}

function oneLine(text: string): string {
  return text.replace(CONTROL_CHARACTERS, " ");
}
