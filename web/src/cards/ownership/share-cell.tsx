/** A thin bar under an amount, sized against the largest in its table (display only). */
export function ShareCell({ amount, largest }: { amount: string; largest: string }) {
  const ratio = Number(largest) > 0 ? Math.max(0, Number(amount) / Number(largest)) : 0;
  return (
    <div className="inline-bar" aria-hidden="true">
      <span style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
    </div>
  );
}
