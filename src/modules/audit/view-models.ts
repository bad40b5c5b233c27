import { formatDateTime } from '../../lib/dates.ts';
import type { AuditRow } from './repository.ts';

export function actionOptions(actions: string[], selected: string | undefined) {
  return [
    { value: '', text: 'All actions' },
    ...actions.map((a) => ({ value: a, text: a, selected: a === selected })),
  ];
}

function describeActor(row: AuditRow): string {
  if (!row.actor_user_id) return 'Not signed in';
  const who = row.actor_name ?? 'Unknown user';
  return row.organisation_name ? `${who} (${row.organisation_name})` : who;
}

export function auditTableRows(rows: AuditRow[]) {
  return rows.map((row) => [
    { text: formatDateTime(row.occurred_at), classes: 'app-nowrap' },
    { text: describeActor(row) },
    { text: row.action },
    { text: row.subject_id ? `${row.subject_type} ${row.subject_id}` : row.subject_type },
    { text: row.request_id ?? '' },
  ]);
}
