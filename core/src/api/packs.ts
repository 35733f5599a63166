import { type Static, Type } from 'typebox';
import { ErrorSchema } from './common-schemas.ts';
import { route } from './route-contract.ts';

/** A label as a pack gives it: one text, or one per language. */
const PackText = Type.Union([
  Type.String(),
  Type.Object({ 'zh-CN': Type.Optional(Type.String()), en: Type.Optional(Type.String()) }),
]);
const Bilingual = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });

/** Where an install, upgrade or removal stands: the progress the store polls. */
export const PackInstallStateSchema = Type.Object(
  {
    app: Type.String(),
    pack: Type.String(),
    version: Type.String(),
    state: Type.Enum(['installing', 'installed', 'upgrading', 'removing', 'failed']),
    step: Type.Enum([
      'validate',
      'plugins',
      'definitions',
      'demo',
      'roles',
      'publish',
      'migrate',
      'done',
    ]),
    done: Type.Integer(),
    total: Type.Integer(),
    startedAt: Type.String({ format: 'date-time' }),
    finishedAt: Type.Optional(Type.String({ format: 'date-time' })),
    fromVersion: Type.Optional(
      Type.String({ description: 'during an upgrade: the version it comes from' }),
    ),
    error: Type.Optional(Type.Object({ code: Type.String(), message: Bilingual })),
  },
  { title: 'PackInstallState' },
);

export type PackInstallState = Static<typeof PackInstallStateSchema>;

/** One pack of the store, checked against this server's plugins. */
export const PackListingSchema = Type.Object(
  {
    name: Type.String(),
    version: Type.String(),
    app: Type.String({ description: "the installed app's id (the name with - as _)" }),
    label: PackText,
    description: Type.Optional(PackText),
    requires: Type.Record(Type.String(), Type.String()),
    plugins: Type.Array(
      Type.Object({
        name: Type.String(),
        range: Type.String(),
        installed: Type.Optional(Type.String()),
        ok: Type.Boolean({ description: 'this server has a version in the range' }),
      }),
    ),
    roles: Type.Array(
      Type.Object({ id: Type.String(), label: PackText, description: Type.Optional(PackText) }),
    ),
    counts: Type.Object({
      tables: Type.Integer(),
      forms: Type.Integer(),
      flows: Type.Integer(),
      views: Type.Integer(),
      demo: Type.Integer(),
    }),
    screenshot: Type.Optional(Type.String()),
    source: Type.Union([Type.Literal('bundled'), Type.Literal('uploaded')]),
    valid: Type.Boolean({ description: 'whether it passes validation here, plugins included' }),
    issues: Type.Array(
      Type.Object({ path: Type.String(), code: Type.String(), message: Bilingual }),
    ),
    installed: Type.Optional(PackInstallStateSchema),
  },
  { title: 'PackListing' },
);

export type PackListing = Static<typeof PackListingSchema>;

/** One data migration step of an upgrade, with how many records of its table it touches. */
export const PackMigrationStepSchema = Type.Object({
  op: Type.String({ description: 'renameField, removeField or setField' }),
  table: Type.String(),
  from: Type.Optional(Type.String({ description: 'renameField: the field renamed' })),
  to: Type.Optional(Type.String({ description: 'renameField: its new id' })),
  field: Type.Optional(Type.String({ description: 'removeField, setField: the field' })),
  value: Type.Optional(Type.Unknown({ description: 'setField: the expression it is set to' })),
  records: Type.Integer({ description: 'records of the table the step touches' }),
});

/** What an upgrade will change: definitions, and data migrations by version step. */
export const PackUpgradePreviewSchema = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    changes: Type.Array(
      Type.Object({
        part: Type.Enum([
          'table',
          'field',
          'form',
          'flow',
          'view',
          'role',
          'dictionary',
          'publicForm',
          'reminder',
        ]),
        id: Type.String({ description: "the definition's id; a field's is table.field" }),
        label: Type.Optional(PackText),
        change: Type.Enum(['added', 'removed', 'changed']),
      }),
    ),
    migrations: Type.Array(
      Type.Object({
        from: Type.String(),
        to: Type.String(),
        steps: Type.Array(PackMigrationStepSchema),
      }),
    ),
  },
  { title: 'PackUpgradePreview' },
);

const Version = Type.Optional(Type.String({ minLength: 1, maxLength: 64 }));
const Ids = Type.Optional(
  Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000 }),
);

export const PackInstallBodySchema = Type.Object(
  {
    version: Version,
    roles: Type.Record(
      Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' }),
      Type.Object({ users: Ids, departments: Ids }, { additionalProperties: false }),
      { description: 'pack role id → the users (ids or usernames) and departments holding it' },
    ),
    demo: Type.Optional(Type.Boolean({ description: 'load the demo records (default true)' })),
  },
  { additionalProperties: false },
);
const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });
const UninstallBody = Type.Object(
  { data: Type.Union([Type.Literal('keep'), Type.Literal('remove')]) },
  { additionalProperties: false },
);
const Json = Type.Record(Type.String(), Type.Unknown());
const InstallAnswer = Type.Object({ install: PackInstallStateSchema }, { title: 'PackInstall' });
const ExportQuery = Type.Object(
  {
    data: Type.Optional(
      Type.Union([Type.Literal('none'), Type.Literal('demo'), Type.Literal('all')]),
    ),
  },
  { additionalProperties: false },
);

const tags = ['packs'];

/**
 * The app store's API: the packs on offer, uploads, install (with progress), upgrade (with a
 * preview), uninstall and export. Installs and upgrades answer 202 and run on; the journal is
 * polled for progress.
 */
export const packsApi = {
  list: route({
    method: 'get',
    path: '/packs',
    summary: { en: 'The packs on offer', 'zh-CN': '可安装的应用包' },
    tags,
    responses: { 200: Type.Object({ packs: Type.Array(PackListingSchema) }) },
  }),
  upload: route({
    method: 'post',
    path: '/packs/uploads',
    summary: { en: 'Upload a pack file', 'zh-CN': '上传应用包文件' },
    description: {
      en: 'The body is an assembled pack manifest (what export writes); it is checked against this server’s plugins.',
      'zh-CN': '请求体为完整的应用包清单（即导出的文件）；将按本服务器的插件进行检查。',
    },
    tags,
    body: Json,
    responses: {
      201: Type.Object({ pack: PackListingSchema }),
      400: ErrorSchema,
      409: ErrorSchema,
    },
  }),
  screenshot: route({
    method: 'get',
    path: '/packs/:name/screenshot',
    summary: { en: "A pack's screenshot", 'zh-CN': '应用包截图' },
    tags,
    responses: {
      200: {
        description: { en: 'A PNG image', 'zh-CN': 'PNG 图片' },
        content: { 'image/png': Type.String({ format: 'binary' }) },
      },
      404: ErrorSchema,
    },
  }),
  install: route({
    method: 'post',
    path: '/packs/:name/install',
    summary: { en: 'Install a pack', 'zh-CN': '安装应用包' },
    description: {
      en: 'Checks the pack, its plugins and the role mapping, then installs it in the background (202); poll GET …/install. Installing the installed version again answers 200 and changes nothing.',
      'zh-CN':
        '检查应用包、所需插件与角色映射后在后台安装（202）；可轮询 GET …/install 查看进度。再次安装已安装的版本返回 200，不做任何更改。',
    },
    tags,
    body: PackInstallBodySchema,
    responses: { 200: InstallAnswer, 202: InstallAnswer, 400: ErrorSchema, 409: ErrorSchema },
  }),
  installState: route({
    method: 'get',
    path: '/packs/:name/install',
    summary: { en: "A pack's install state and progress", 'zh-CN': '应用包的安装状态与进度' },
    tags,
    responses: { 200: InstallAnswer, 404: ErrorSchema },
  }),
  previewUpgrade: route({
    method: 'post',
    path: '/packs/:name/upgrade/preview',
    summary: { en: 'What an upgrade will change', 'zh-CN': '升级将带来的变化' },
    tags,
    body: VersionBody,
    responses: { 200: PackUpgradePreviewSchema, 404: ErrorSchema, 409: ErrorSchema },
  }),
  upgrade: route({
    method: 'post',
    path: '/packs/:name/upgrade',
    summary: { en: 'Upgrade an installed pack', 'zh-CN': '升级已安装的应用包' },
    tags,
    body: VersionBody,
    responses: { 202: InstallAnswer, 404: ErrorSchema, 409: ErrorSchema },
  }),
  uninstall: route({
    method: 'post',
    path: '/packs/:name/uninstall',
    summary: { en: 'Uninstall a pack', 'zh-CN': '卸载应用包' },
    description: {
      en: '`keep` removes the app and keeps its data; `remove` deletes every document of the app.',
      'zh-CN': '`keep` 删除应用但保留其数据；`remove` 删除该应用的全部文档。',
    },
    tags,
    body: UninstallBody,
    responses: { 200: Type.Object({ removed: Type.Integer() }), 404: ErrorSchema },
  }),
  export: route({
    method: 'get',
    path: '/packs/:name/export',
    summary: {
      en: 'Export an installed app as a pack file',
      'zh-CN': '将已安装的应用导出为应用包',
    },
    tags,
    query: ExportQuery,
    responses: { 200: Json, 404: ErrorSchema },
  }),
};
