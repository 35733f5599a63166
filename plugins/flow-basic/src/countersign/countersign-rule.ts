import { type Bilingual, type Static, Type } from '@tessera/core';
import { approvalsNeededText } from '@tessera/runtime/flow';

/**
 * When a countersign passes, as "at least N of M approve": everyone, anyone, at least a
 * number of them, or a share (the smallest number reaching the percent).
 */
export const CountersignRule = Type.Union([
  Type.Object({ kind: Type.Literal('all') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('any') }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('count'), atLeast: Type.Integer({ minimum: 1 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('share'), percent: Type.Integer({ minimum: 1, maximum: 100 }) },
    { additionalProperties: false },
  ),
]);

export type CountersignRuleValue = Static<typeof CountersignRule>;

type Kind = CountersignRuleValue['kind'];

interface KindEntry<Rule> {
  /** The approvals the rule needs of `voters`. */
  needed(rule: Rule, voters: number): number;
  /** The rule in words before the people are known (the designer). */
  words(rule: Rule): Bilingual;
}

/** One entry per rule kind. */
const KINDS: {
  readonly [K in Kind]: KindEntry<Extract<CountersignRuleValue, { kind: K }>>;
} = {
  all: {
    needed: (_rule, voters) => voters,
    words: () => ({ en: 'everyone approves', 'zh-CN': '全部人同意' }),
  },
  any: {
    needed: () => 1,
    words: () => ({ en: 'at least 1 approves', 'zh-CN': '至少 1 人同意' }),
  },
  count: {
    needed: (rule) => rule.atLeast,
    words: (rule) => ({
      en: `at least ${rule.atLeast} approve`,
      'zh-CN': `至少 ${rule.atLeast} 人同意`,
    }),
  },
  share: {
    // the smallest N with N / voters ≥ percent / 100, in whole numbers: ⌈percent × voters / 100⌉
    needed: (rule, voters) => Math.floor((rule.percent * voters + 99) / 100),
    words: (rule) => ({
      en: `at least ${rule.percent}% approve`,
      'zh-CN': `至少 ${rule.percent}% 的人同意`,
    }),
  },
};

const kindOf = (rule: CountersignRuleValue) => KINDS[rule.kind] as KindEntry<CountersignRuleValue>;

/**
 * How many of `voters` must approve for the rule to pass. A count may ask for more than
 * there are; whoever opens the votes refuses that.
 */
export const approvalsNeeded = (rule: CountersignRuleValue, voters: number): number =>
  kindOf(rule).needed(rule, voters);

/** The rule in words: "at least N of M approve" once the M people are known. */
export const describeCountersignRule = (rule: CountersignRuleValue, voters?: number): Bilingual =>
  voters === undefined
    ? kindOf(rule).words(rule)
    : approvalsNeededText(approvalsNeeded(rule, voters), voters);
