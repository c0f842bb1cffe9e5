// One yes/no question of an operating mode, with the figures and the sentence that answer it.
export interface ModeCheck {
  key: string;
  question: string;
  /** The answer to the question; null when the inputs are missing. */
  answer: boolean | null;
  /** True when the answer means cost needs attention. */
  concern: boolean | null;
  reasoning: string;
  figures: Record<string, string | null>;
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** $12,346 for reasoning sentences (display only: the figures stay exact strings). */
export const describeUsd = (amount: string) => usd.format(amount as Intl.StringNumericLiteral);
export const describeShare = (ratio: string | null) => (ratio === null ? "unknown" : percent.format(ratio as Intl.StringNumericLiteral));
export const describeMonths = (months: string) => `${Number(months).toFixed(1)} months`;
