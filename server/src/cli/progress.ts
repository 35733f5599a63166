/** Prints `label 1,500 / 10,000 (15%)` at most a few times a second (and always at the end). */
export function progressPrinter(label: string, out: NodeJS.WritableStream = process.stderr) {
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (done < total && now - last < 250) return;
    last = now;
    const percent = total > 0 ? ` (${Math.floor((done / total) * 100)}%)` : '';
    out.write(`${label} ${done.toLocaleString('en')} / ${total.toLocaleString('en')}${percent}\n`);
  };
}
