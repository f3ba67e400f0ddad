import { actorLabel, AuthUser, userActor } from '@xingfu/kernel';

export { ROLES } from '@xingfu/kernel';
export type { AuthUser, Role } from '@xingfu/kernel';

/** How a user is written as an event's actor. */
export function actorOf(user: AuthUser): string {
  return actorLabel(userActor(user));
}
