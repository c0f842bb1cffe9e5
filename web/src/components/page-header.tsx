import type { ReactNode } from "react";
import { MeasureSelect } from "./measure-select";

/** `measure` shows the cost measure picker; pages whose numbers do not depend on it leave it out. */
export function PageHeader({ title, subtitle, children, measure = true }: { title: ReactNode; subtitle?: ReactNode; children?: ReactNode; measure?: boolean }) {
  return (
    <header className="page-header">
      <div>
        <h1 className="page-title">{title}</h1>
        {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
      </div>
      <div className="page-tools">
        {children}
        {measure ? <MeasureSelect /> : null}
      </div>
    </header>
  );
}
