/** The header of a recording's view (a session, received feedback): back to the library, the title, facts under it, and the view's actions. */
import type { ReactNode, Ref } from 'react';
import { libraryHref } from '../app/router';
import { ArrowLeftIcon } from './icons';

interface ViewHeaderProps {
  headingRef: Ref<HTMLHeadingElement>;
  title: string;
  subtitle: ReactNode;
  className?: string;
  subtitleClassName?: string;
  /** The actions on the right. */
  children: ReactNode;
}

export function ViewHeader({ headingRef, title, subtitle, className, subtitleClassName, children }: ViewHeaderProps) {
  return (
    <header className={className ? `session-header ${className}` : 'session-header'}>
      <a className="back-link" href={libraryHref}>
        <ArrowLeftIcon /> Library
      </a>
      <div className="session-title">
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        <div className={subtitleClassName ? `session-subtitle ${subtitleClassName}` : 'session-subtitle'}>{subtitle}</div>
      </div>
      {children}
    </header>
  );
}
