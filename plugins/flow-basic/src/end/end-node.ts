import { defineNodeType, Type } from '@tessera/core';

export const EndConfig = Type.Object(
  {
    /** How an instance that reaches this node finishes. */
    outcome: Type.Optional(
      Type.Union([Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('cancelled')], {
        default: 'approved',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Where an instance finishes, with its outcome (approved unless said otherwise). */
export const endNode = defineNodeType({
  type: 'end',
  label: { 'zh-CN': '结束', en: 'End' },
  description: { 'zh-CN': '流程在此结束并给出结果', en: 'The flow finishes here with an outcome' },
  config: EndConfig,
  shape: 'end',
  incoming: { min: 1, max: Number.POSITIVE_INFINITY },
  outgoing: { min: 0, max: 0 },
  designer: { group: 'event', icon: 'circle-stop', defaultConfig: () => ({ outcome: 'approved' }) },
});
