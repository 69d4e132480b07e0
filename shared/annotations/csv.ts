/**
 * RFC 4180 CSV, read and written. The reader accepts CRLF, LF or CR line ends, quoted fields with ""
 * escapes and line breaks inside them, a byte-order mark, and skips blank lines; every record carries
 * the physical line it starts on, for messages.
 */

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
}

/** A CSV file that cannot be read; `line` is where the problem starts. */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

const QUOTE = '"';
const COMMA = ',';

/** Splits CSV text into records. Throws CsvError for a quote that is never closed or text right after a closing quote. */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.startsWith('\ufeff') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = src.length;

  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    let anyQuoted = false;
    // One record: fields until an unquoted line end or the end of the text.
    for (;;) {
      let field = '';
      // Spaces before an opening quote are dropped (a common hand-written form: `a, "b"`).
      let j = i;
      while (j < n && (src[j] === ' ' || src[j] === '\t')) j++;
      if (j < n && src[j] === QUOTE) {
        anyQuoted = true;
        const quoteLine = line;
        i = j + 1;
        for (;;) {
          if (i >= n) throw new CsvError(`Line ${quoteLine}: a quoted field is never closed — a quote mark (") is missing.`, quoteLine);
          const ch = src[i] as string;
          if (ch === QUOTE) {
            if (src[i + 1] === QUOTE) {
              field += QUOTE;
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\r') {
            line++;
            if (src[i + 1] === '\n') {
              field += '\r\n';
              i += 2;
              continue;
            }
          } else if (ch === '\n') {
            line++;
          }
          field += ch;
          i++;
        }
        // Only spaces may sit between the closing quote and the next comma or line end.
        while (i < n && (src[i] === ' ' || src[i] === '\t')) i++;
        if (i < n && src[i] !== COMMA && src[i] !== '\r' && src[i] !== '\n') {
          throw new CsvError(
            `Line ${line}: there is text right after a closing quote mark. Put the whole field in quotes and write any quote mark inside it twice ("").`,
            line,
          );
        }
      } else {
        while (i < n && src[i] !== COMMA && src[i] !== '\r' && src[i] !== '\n') {
          field += src[i];
          i++;
        }
      }
      fields.push(field);
      if (i < n && src[i] === COMMA) {
        i++;
        continue;
      }
      // Line end (or end of text) closes the record.
      if (i < n) {
        if (src[i] === '\r' && src[i + 1] === '\n') i += 2;
        else i++;
        line++;
      }
      break;
    }
    const blank = !anyQuoted && fields.length === 1 && fields[0] === '';
    if (!blank) records.push({ line: recordLine, fields });
  }
  return records;
}

/** One cell, quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** CSV text: CRLF line ends, a CRLF after the last row too. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(COMMA) + '\r\n').join('');
}

/**
 * Text that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
 * return) gets a leading apostrophe. Text that already starts with apostrophes before such a
 * character gets one more, so `unneutraliseFormula` restores every value exactly.
 */
export function neutraliseFormula(value: string): string {
  return /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Undoes `neutraliseFormula`: drops one leading apostrophe when apostrophes lead up to = + - @, a tab or a carriage return. */
export function unneutraliseFormula(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
