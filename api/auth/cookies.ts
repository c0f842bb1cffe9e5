// Names of the sign-in cookies and the CSRF header (see csrf.ts and routes/auth.ts).
export const SESSION_COOKIE = "tb_session";
/** The dashboard echoes the session's CSRF token (from GET /api/me) in this header on every change. */
export const CSRF_HEADER = "x-csrf-token";
