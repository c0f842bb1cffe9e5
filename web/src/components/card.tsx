// The frame every card shares: a title, an optional note, and the body.
import type { ReactNode } from "react";

export function Card({ title, note, actions, children, className, testId }: { title: string; note?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`card ${className ?? ""}`} data-testid={testId} aria-label={title}>
      <header className="card-header">
        <div>
          <h2 className="card-title">{title}</h2>
          {note ? <p className="card-note">{note}</p> : null}
        </div>
        {actions ? <div className="card-actions">{actions}</div> : null}
      </header>
      <div className="card-body">{children}</div>
    </section>
  );
}
