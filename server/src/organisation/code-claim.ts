import { ApiError } from '../http/api-error.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { claimOwner, claimValue, releaseValue } from '../storage/unique-claim.ts';

/** What has a code: departments (`department-code:` claims) and positions (`position-code:`). */
export interface CodeKind {
  readonly claim: 'department-code' | 'position-code';
  readonly label: { readonly en: string; readonly zh: string };
  /** The code its owner has now, if the owner exists. */
  readonly codeOf: (context: StoreContext, owner: string) => Promise<string | undefined>;
}

const same = (a: string | undefined, b: string) =>
  a !== undefined && a.toLowerCase() === b.toLowerCase();

/** Claims `code` for `owner`; 409 `code_taken` naming `field` when another holds it. */
export async function claimCode(
  context: StoreContext,
  kind: CodeKind,
  code: string,
  owner: string,
  field = '/code',
): Promise<void> {
  const holds = async (who: string) => same(await kind.codeOf(context, who), code);
  if (await claimValue(context, kind.claim, code, owner, holds)) return;
  throw new ApiError(
    409,
    'code_taken',
    {
      en: `another ${kind.label.en} has the code "${code}" (codes ignore case)`,
      'zh-CN': `编码“${code}”已被其他${kind.label.zh}使用（编码不区分大小写）`,
    },
    field,
  );
}

export const releaseCode = (context: StoreContext, kind: CodeKind, code: string, owner: string) =>
  releaseValue(context, kind.claim, code, owner);

/** The id of whoever holds `code`. */
export const ownerOfCode = (context: StoreContext, kind: CodeKind, code: string) =>
  claimOwner(context, kind.claim, code, async (who) => same(await kind.codeOf(context, who), code));
