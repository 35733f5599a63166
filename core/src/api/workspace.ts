import { Type } from 'typebox';
import type { AppOutline } from '../model/app-outline.ts';
import { route } from './route-contract.ts';
import { ColleagueViewSchema } from './users.ts';

/** The most colleagues one search of the directory gives. */
export const DIRECTORY_LIMIT = 50;

/** One app of the workspace: its outline, each flow saying whether the caller may start it. */
const WorkspaceAppSchema = Type.Unsafe<AppOutline>(Type.Object({}, { additionalProperties: true }));

const tags = ['workspace'];

/** The end-user app's start: the published apps and their flows and views; the colleagues. */
export const workspaceApi = {
  get: route({
    method: 'get',
    path: '/workspace',
    summary: {
      en: 'Published apps with the flows to start, tables and views',
      'zh-CN': '已发布的应用及其可发起的流程、表与视图',
    },
    description: {
      en: 'Each app at its latest published version. Records and items stay within your row scope.',
      'zh-CN': '每个应用取最新发布版本。记录与事项仍限于您的行权限范围。',
    },
    tags,
    responses: { 200: Type.Object({ apps: Type.Array(WorkspaceAppSchema) }) },
  }),
  colleagues: route({
    method: 'get',
    path: '/directory/users',
    summary: { en: 'Find colleagues by name', 'zh-CN': '按姓名查找同事' },
    description: {
      en: `Active users whose name or username contains q (at most ${DIRECTORY_LIMIT}), or the users listed in ids (comma-separated), as colleagues: id, username, display name, department and position only, for admins too.`,
      'zh-CN': `姓名或用户名包含 q 的在职用户（最多 ${DIRECTORY_LIMIT} 个），或 ids（逗号分隔）列出的用户；只含 ID、用户名、显示名、部门与职位（管理员亦然）。`,
    },
    tags,
    query: Type.Object({
      q: Type.Optional(Type.String({ maxLength: 100 })),
      ids: Type.Optional(Type.String({ maxLength: 20000 })),
    }),
    responses: { 200: Type.Object({ items: Type.Array(ColleagueViewSchema) }) },
  }),
};
