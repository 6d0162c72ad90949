import DataLoader from 'dataloader';
import type { User } from '../db/entities/user.entity';
import type { GraphqlContext } from '../graphql/graphql-context';
import type { UserService } from './user.service';

const USERS_BY_ID = Symbol('usersById');

/** One `select … where id in (…)` per request for every `User` relation resolved in it. */
export function usersById(ctx: GraphqlContext, users: UserService): DataLoader<string, User | null> {
  return ctx.loaders.get(USERS_BY_ID, () => {
    const loader: DataLoader<string, User | null> = new DataLoader(async (ids) => {
      const found = new Map((await users.findByIds(ctx.auth.tenantId, ids)).map((user) => [user.id, user]));
      return ids.map((id) => found.get(id) ?? null);
    });
    return loader;
  });
}

/** Lets other loaders that already fetched users (e.g. assignees) hand them over instead of a second query. */
export function primeUsers(ctx: GraphqlContext, users: UserService, rows: User[]): void {
  const loader = usersById(ctx, users);
  for (const user of rows) loader.prime(user.id, user);
}
