import { HistoryEventFilter } from './history-event';

/** A WHERE clause with its named parameters, ready for a prepared statement. */
export interface WhereClause {
  readonly sql: string;
  readonly params: Record<string, string | number>;
}

/**
 * Turns a filter into SQL conditions. Only the filters that are set become
 * conditions, so SQLite can pick the index that fits (host and time, kind, time).
 * An empty `kinds` list does not filter.
 */
export function whereClause(filter: HistoryEventFilter): WhereClause {
  const conditions: string[] = [];
  const params: Record<string, string | number> = {};

  if (filter.host !== undefined) {
    conditions.push('host = @host');
    params.host = filter.host;
  }

  if (filter.containerId !== undefined) {
    conditions.push('(container_id = @container OR container_name = @container)');
    params.container = filter.containerId;
  }

  if (filter.kinds !== undefined && filter.kinds.length > 0) {
    // One placeholder for any number of kinds keeps the statement cache small.
    conditions.push('kind IN (SELECT value FROM json_each(@kinds))');
    params.kinds = JSON.stringify(filter.kinds);
  }

  if (filter.from !== undefined) {
    conditions.push('at >= @from');
    params.from = filter.from;
  }

  if (filter.to !== undefined) {
    conditions.push('at <= @to');
    params.to = filter.to;
  }

  const sql = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';

  return { sql, params };
}
