import { Type } from 'typebox';
import { LocalizedTextSchema } from '../model/common.ts';

const Bilingual = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });
const described = { description: Type.Optional(LocalizedTextSchema) };
const plugin = {
  plugin: Type.Optional(Type.String({ description: 'the plugin that contributes it' })),
};

/** What the installed plugins contribute (`GET /api/platform`). */
export const PlatformDescriptionSchema = Type.Object({
  plugins: Type.Array(Type.Object({ name: Type.String(), version: Type.String() })),
  fieldTypes: Type.Array(
    Type.Object({
      type: Type.String(),
      label: Bilingual,
      ...described,
      group: Type.String(),
      icon: Type.String(),
      ...plugin,
    }),
  ),
  nodeTypes: Type.Array(
    Type.Object({
      type: Type.String(),
      label: Bilingual,
      ...described,
      shape: Type.String(),
      group: Type.String(),
      icon: Type.String(),
      ...plugin,
    }),
  ),
  viewTypes: Type.Array(
    Type.Object({
      type: Type.String(),
      label: Bilingual,
      ...described,
      aggregates: Type.Boolean(),
      icon: Type.String(),
      ...plugin,
    }),
  ),
  functions: Type.Array(Type.Object({ signature: Type.String(), ...described })),
});
