import { FlowError } from '@tessera/runtime/flow';

/** The code, field and status a command was refused with; fails when it was not refused. */
export function refusal(fn: () => unknown): {
  code: string;
  field: string | undefined;
  status: number;
} {
  try {
    fn();
  } catch (error) {
    if (error instanceof FlowError)
      return { code: error.code, field: error.field, status: error.status };
    throw error;
  }
  throw new Error('the command was not refused');
}
