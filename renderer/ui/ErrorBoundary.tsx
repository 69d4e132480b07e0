/** If a view fails to render, say so plainly and offer a way out instead of leaving a blank window. */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { AlertIcon } from './icons';

interface Props {
  children: ReactNode;
}

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[attune] a view failed to render:', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="view-message" role="alert">
        <AlertIcon size={28} />
        <h1 tabIndex={-1}>This view stopped working</h1>
        <p>Something unexpected happened while showing it. Your saved sessions and notes are not affected.</p>
        <div className="view-message-actions">
          <a className="btn btn-secondary" href="#/" onClick={() => this.setState({ failed: false })}>
            Go to the library
          </a>
          <button type="button" className="btn btn-primary" onClick={() => location.reload()}>
            Reload the window
          </button>
        </div>
      </div>
    );
  }
}
