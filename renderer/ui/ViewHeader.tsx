/** The header of a view (a session, received feedback, a trainee's progress): the way back (to the library unless said), the title, facts under it, and the view's actions. */
import type { ReactNode, Ref } from 'react';
import { libraryHref } from '../app/router';
import { ArrowLeftIcon } from './icons';

interface ViewHeaderProps {
  headingRef: Ref<HTMLHeadingElement>;
  title: string;
  subtitle: ReactNode;
  className?: string;
  subtitleClassName?: string;
  /** Where the back link goes; default the library. */
  back?: { href: string; label: string };
  /** The actions on the right. */
  children: ReactNode;
}

export function ViewHeader({ headingRef, title, subtitle, className, subtitleClassName, back = { href: libraryHref, label: 'Library' }, children }: ViewHeaderProps) {
  return (
    <header className={className ? `session-header ${className}` : 'session-header'}>
      <a className="back-link" href={back.href}>
        <ArrowLeftIcon /> {back.label}
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
