import { type Issue, issue, pointer } from '../issues/issue.ts';
import type { PublicFormDefinition } from '../model/public-form.ts';
import type { AppContext } from './app-context.ts';
import { uniqueIds } from './unique-ids.ts';

/**
 * Public forms name a table, a form over that very table, and optionally a flow that carries
 * that table: each reference is checked, the issue at its own pointer.
 */
export function checkPublicForms(ctx: AppContext): Issue[] {
  const publicForms = ctx.app.publicForms ?? [];
  const issues = uniqueIds(publicForms, '/publicForms', 'public form');
  publicForms.forEach((one, index) => {
    issues.push(...checkPublicForm(ctx, one, pointer('/publicForms', index)));
  });
  return issues;
}

function checkPublicForm(ctx: AppContext, one: PublicFormDefinition, base: string): Issue[] {
  if (!ctx.table(one.table)) {
    return [
      issue(`${base}/table`, 'publicForm.unknownTable', {
        en: `public form "${one.id}" is over table "${one.table}", which does not exist`,
        'zh-CN': `公开表单“${one.id}”所用的表“${one.table}”不存在`,
      }),
    ];
  }
  const issues: Issue[] = [];
  const form = (ctx.app.forms ?? []).find((candidate) => candidate.id === one.form);
  if (!form) {
    issues.push(
      issue(`${base}/form`, 'publicForm.unknownForm', {
        en: `public form "${one.id}" shows form "${one.form}", which does not exist`,
        'zh-CN': `公开表单“${one.id}”所用的表单“${one.form}”不存在`,
      }),
    );
  } else if (form.table !== one.table) {
    issues.push(
      issue(`${base}/form`, 'publicForm.formTable', {
        en: `form "${one.form}" is over table "${form.table}", not "${one.table}" as public form "${one.id}" says`,
        'zh-CN': `表单“${one.form}”属于表“${form.table}”，而不是公开表单“${one.id}”所指的表“${one.table}”`,
      }),
    );
  }
  if (one.flow === undefined) return issues;
  const flow = (ctx.app.flows ?? []).find((candidate) => candidate.id === one.flow);
  if (!flow) {
    issues.push(
      issue(`${base}/flow`, 'publicForm.unknownFlow', {
        en: `public form "${one.id}" starts flow "${one.flow}", which does not exist`,
        'zh-CN': `公开表单“${one.id}”要发起的流程“${one.flow}”不存在`,
      }),
    );
  } else if (flow.table !== one.table) {
    issues.push(
      issue(`${base}/flow`, 'publicForm.flowTable', {
        en: `flow "${one.flow}" carries table "${flow.table}", not "${one.table}" as public form "${one.id}" says`,
        'zh-CN': `流程“${one.flow}”承载的是表“${flow.table}”，而不是公开表单“${one.id}”所指的表“${one.table}”`,
      }),
    );
  }
  return issues;
}
