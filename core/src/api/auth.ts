import { Type } from 'typebox';
import { ErrorSchema } from './common-schemas.ts';
import { route } from './route-contract.ts';
import { UserViewSchema } from './users.ts';

/** Who is signed in, and how: the answer of signing in and of `GET /auth/me`. */
export const SignedInSchema = Type.Object(
  {
    user: UserViewSchema,
    csrfToken: Type.Optional(
      Type.String({ description: 'send it as x-csrf-token on POST, PUT, PATCH and DELETE' }),
    ),
    via: Type.Optional(Type.Union([Type.Literal('session'), Type.Literal('token')])),
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { title: 'SignedIn' },
);

const tags = ['accounts'];

/** Sign-in, sign-out, who am I, and changing one's own password. */
export const authApi = {
  login: route({
    method: 'post',
    path: '/auth/login',
    summary: { en: 'Sign in with username and password', 'zh-CN': '用用户名和密码登录' },
    description: {
      en: 'Sets the tessera_session cookie (HttpOnly, SameSite=Lax) and returns the CSRF token to send as x-csrf-token on writes. Failed attempts are limited per username and address (429 with Retry-After).',
      'zh-CN':
        '设置 tessera_session Cookie（HttpOnly，SameSite=Lax），并返回写操作时需放在 x-csrf-token 头中的 CSRF 令牌。失败次数按用户名和地址限制（超出时 429 并带 Retry-After）。',
    },
    tags,
    body: Type.Object(
      {
        username: Type.String({ minLength: 1, maxLength: 200 }),
        password: Type.String({ minLength: 1, maxLength: 4096 }),
      },
      { additionalProperties: false },
    ),
    responses: { 200: SignedInSchema, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema },
  }),
  logout: route({
    method: 'post',
    path: '/auth/logout',
    summary: { en: 'Sign out (ends this session)', 'zh-CN': '退出登录（结束当前会话）' },
    tags,
    responses: { 200: Type.Object({ signedOut: Type.Boolean() }) },
  }),
  me: route({
    method: 'get',
    path: '/auth/me',
    summary: { en: 'The signed-in user', 'zh-CN': '当前登录的用户' },
    tags,
    responses: { 200: SignedInSchema },
  }),
  changePassword: route({
    method: 'post',
    path: '/auth/password',
    summary: { en: 'Change my password', 'zh-CN': '修改我的密码' },
    description: {
      en: 'Needs the current password. Every other session of the user ends; this one stays.',
      'zh-CN': '需要当前密码。该用户的其他会话全部结束，当前会话保留。',
    },
    tags,
    body: Type.Object(
      {
        current: Type.String({ minLength: 1, maxLength: 4096 }),
        next: Type.String({ minLength: 1, maxLength: 4096 }),
      },
      { additionalProperties: false },
    ),
    responses: {
      200: Type.Object({ changed: Type.Literal(true) }),
      400: ErrorSchema,
      429: ErrorSchema,
    },
  }),
};
