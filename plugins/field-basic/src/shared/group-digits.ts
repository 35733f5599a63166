/** "-1234567.50" → "-1,234,567.50": thousands separators on plain decimal text. */
export function groupDigits(text: string): string {
  const negative = text.startsWith('-');
  const [whole = '', fraction] = (negative ? text.slice(1) : text).split('.');
  let grouped = '';
  for (let end = whole.length; end > 0; end -= 3) {
    const chunk = whole.slice(Math.max(0, end - 3), end);
    grouped = grouped === '' ? chunk : `${chunk},${grouped}`;
  }
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
