import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isCalendarDate } from '../schedule/calendar-date';

/** A calendar date, YYYY-MM-DD, with no time zone: what all-day entries are made of. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize(value) {
    if (typeof value !== 'string' || !isCalendarDate(value)) throw new GraphQLError('Date cannot represent this value');
    return value;
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a YYYY-MM-DD string');
    return parseDate(ast.value);
  },
});

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw new GraphQLError('Date must be a real calendar date, YYYY-MM-DD');
  return value;
}
