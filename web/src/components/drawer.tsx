// A panel over the right of the page, for detail that belongs to the page beneath (Escape closes it).
import { useEffect, type ReactNode } from "react";

export function Drawer({ label, onClose, children, testId }: { label: string; onClose: () => void; children: ReactNode; testId?: string }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="drawer-layer">
      <div className="drawer-backdrop" onClick={onClose} aria-hidden="true" />
      <aside className="drawer" role="dialog" aria-modal="true" aria-label={label} data-testid={testId}>
        <button type="button" className="drawer-close" onClick={onClose} aria-label="Close">×</button>
        {children}
      </aside>
    </div>
  );
}
