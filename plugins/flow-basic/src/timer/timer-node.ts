import { defineNodeType, Expression, Type } from '@tessera/core';
import { IsoDuration } from '../shared/iso-duration.ts';

export const TimerConfig = Type.Object(
  {
    /** How long to wait (ISO-8601 duration) or until when (CEL timestamp): exactly one. */
    wait: Type.Object(
      { after: Type.Optional(IsoDuration), until: Type.Optional(Expression) },
      { additionalProperties: false, minProperties: 1, maxProperties: 1 },
    ),
  },
  { additionalProperties: false },
);

/** Holds the instance for a while (定时), e.g. until a contract's service period starts. */
export const timerNode = defineNodeType({
  type: 'timer',
  label: { 'zh-CN': '定时', en: 'Timer' },
  description: {
    'zh-CN': '等待一段时间或到某个时间点后继续',
    en: 'Waits for a duration or until a point in time',
  },
  config: TimerConfig,
  shape: 'step',
  incoming: { min: 1, max: Number.POSITIVE_INFINITY },
  outgoing: { min: 1, max: 1 },
  expressions: (config) =>
    config.wait.until === undefined
      ? []
      : [{ path: '/config/wait/until', source: config.wait.until, expect: 'timestamp' }],
  designer: {
    group: 'automation',
    icon: 'timer',
    defaultConfig: () => ({ wait: { after: 'P1D' } }),
  },
});
