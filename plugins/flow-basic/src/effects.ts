import type { EffectDefinition } from '@tessera/runtime/flow-store';
import { subFlowEffect } from './sub-flow/sub-flow-applier.ts';
import { writeBackEffect } from './write-back/write-back-applier.ts';

/**
 * What the basic node types owe once a command commits, applied through the platform's ports:
 * write-backs to records of another table, and the child items of sub-flows.
 */
export const flowBasicEffects: readonly EffectDefinition[] = [writeBackEffect, subFlowEffect];
