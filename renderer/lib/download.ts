/** Hands a file (e.g. a PNG) to the browser (or Electron) as a download. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Hands text to the browser (or Electron) as a downloaded file. */
export function downloadText(fileName: string, content: string, type: string): void {
  // A byte-order mark lets spreadsheet programs read a CSV's accented letters as UTF-8.
  const body = type === 'text/csv' && !content.startsWith('\ufeff') ? `\ufeff${content}` : content;
  downloadBlob(fileName, new Blob([body], { type: `${type};charset=utf-8` }));
}
