import type { PlatformRole } from '../http/api-env.ts';
import { type UserDocument, type UserView, userView } from './user-document.ts';

/**
 * What any signed-in person may know of a colleague: enough to pick and to name them. Email,
 * platform roles, status and the rest of the account are for admins ({@link userView}).
 */
export interface ColleagueView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly department?: string;
  readonly position?: string;
}

export function colleagueView(user: UserDocument): ColleagueView {
  return {
    id: user._id,
    username: user.username,
    displayName: user.displayName,
    ...(user.department === undefined ? {} : { department: user.department }),
    ...(user.position === undefined ? {} : { position: user.position }),
  };
}

/** How a viewer with these platform roles sees other people: admins whole, others as colleagues. */
export const peopleViewFor = (
  roles: readonly PlatformRole[],
): ((user: UserDocument) => UserView | ColleagueView) =>
  roles.includes('admin') ? userView : colleagueView;
