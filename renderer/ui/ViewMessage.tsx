/** What a whole view shows instead of itself: why it could not open, or a skeleton while it opens. */
import { libraryHref } from '../app/router';
import { AlertIcon, ArrowLeftIcon } from './icons';

interface ViewMessageProps {
  title: string;
  message: string;
  /** Offer the way back to the library. */
  backToLibrary?: boolean;
}

export function ViewMessage({ title, message, backToLibrary = false }: ViewMessageProps) {
  return (
    <div className="view-message" role="alert">
      <AlertIcon size={28} />
      <h1 tabIndex={-1}>{title}</h1>
      <p>{message}</p>
      {backToLibrary && (
        <a className="btn btn-secondary" href={libraryHref}>
          <ArrowLeftIcon /> Back to the library
        </a>
      )}
    </div>
  );
}

/** The view's frame with a placeholder title, and `status` for screen readers. */
export function ViewSkeleton({ className, status }: { className: string; status: string }) {
  return (
    <div className={`${className} session-loading`} aria-busy="true">
      <div className="session-header">
        <span className="skeleton skeleton-title" />
      </div>
      <p className="visually-hidden" role="status">
        {status}
      </p>
    </div>
  );
}
