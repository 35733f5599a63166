import type { AnswerOf, TesseraApi } from '@tessera/core/api';

/** `GET /api/flow-items/{id}`: the item as the caller may see it (the API's `FlowItem`). */
export type FlowItem = AnswerOf<TesseraApi['flows']['item']>;

/** A task on the item: a draft (待发), an approval (待办) or an item to read (知会). */
export type ItemTask = FlowItem['tasks'][number];

/** One line of the item's timeline (流程日志). */
export type TimelineEntry = FlowItem['timeline'][number];
