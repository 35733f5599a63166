import type { FormRuntime } from '@tessera/runtime/forms';

/** The values a command carries: checked ones for a submission, as typed for a draft. */
export function formValues(runtime: FormRuntime, action: string): Record<string, unknown> {
  return (action === 'saveDraft' ? runtime.values() : runtime.submitValues()) as Record<
    string,
    unknown
  >;
}
