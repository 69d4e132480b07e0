import { SESSION_STATUS_LABELS, type SessionStatus } from '../../shared/domain/session';

export function StatusBadge({ status }: { status: SessionStatus }) {
  return (
    <span className={`status-badge status-${status}`}>
      <span className="status-dot" aria-hidden="true" />
      {SESSION_STATUS_LABELS[status]}
    </span>
  );
}
