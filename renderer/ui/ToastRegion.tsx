/** Where errors (role=alert) and notices (role=status) appear; both regions always exist so they are announced. */
import { AlertIcon, CloseIcon, InfoIcon } from './icons';
import { dismissToast, useAnnouncement, useToasts, type Toast } from './toasts';

function ToastCard({ toast }: { toast: Toast }) {
  return (
    <div className={`toast toast-${toast.kind}`}>
      <span className="toast-icon" aria-hidden="true">
        {toast.kind === 'error' ? <AlertIcon size={18} /> : <InfoIcon size={18} />}
      </span>
      <div className="toast-text">
        {toast.title && <p className="toast-title">{toast.title}</p>}
        <p>{toast.message}</p>
      </div>
      <button type="button" className="btn btn-icon btn-quiet btn-small" onClick={() => dismissToast(toast.id)} aria-label="Dismiss">
        <CloseIcon size={14} />
      </button>
    </div>
  );
}

export function ToastRegion() {
  const toasts = useToasts();
  const announcement = useAnnouncement();
  return (
    <div className="toasts">
      <div role="alert" className="toast-stack" data-testid="alerts">
        {toasts
          .filter((t) => t.kind === 'error')
          .map((t) => (
            <ToastCard key={t.id} toast={t} />
          ))}
      </div>
      <div role="status" className="toast-stack" data-testid="notices">
        {toasts
          .filter((t) => t.kind === 'notice')
          .map((t) => (
            <ToastCard key={t.id} toast={t} />
          ))}
      </div>
      <div role="status" className="visually-hidden">
        <span key={announcement.id}>{announcement.text}</span>
      </div>
    </div>
  );
}
