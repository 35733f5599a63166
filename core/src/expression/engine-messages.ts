/**
 * cel-js words its errors in English only. The common ones are put into Chinese here; anything
 * else keeps its English wording behind a Chinese lead-in, so no detail is lost.
 */
const patterns: readonly (readonly [RegExp, (...parts: string[]) => string])[] = [
  [/^no such overload: (.+)$/, (what) => `没有适用于 ${what} 的运算或函数（类型不匹配）`],
  [/^Unknown variable: (.+)$/, (name) => `未知的变量：${name}（不是本表的字段）`],
  [/^No such key: (.+)$/, (key) => `没有名为 ${key} 的字段`],
  [/^Unexpected token: EOF$/, () => '表达式不完整（意外结束）'],
  [/^Unexpected token: (.+)$/, (token) => `意外的符号：${token}`],
  [/^Unexpected character: (.+)$/, (char) => `意外的字符：${char}`],
  [/^Exceeded (\w+) \((\d+)\)$/, (what, limit) => `超出限制 ${what}（${limit}）`],
  [/^Cannot index type '(.+)'$/, (type) => `类型 ${type} 不能取属性或下标`],
  [/^division by zero$/i, () => '除数为零'],
  [
    /^Variable '(.+)' is not of type '(.+)', got '(.+)'$/,
    (name, want, got) => `变量 ${name} 应为 ${want} 类型，实际为 ${got}`,
  ],
];

export function inChinese(summary: string, leadIn: string): string {
  for (const [pattern, say] of patterns) {
    const match = pattern.exec(summary);
    if (match) return say(...match.slice(1));
  }
  return `${leadIn}${summary}`;
}
