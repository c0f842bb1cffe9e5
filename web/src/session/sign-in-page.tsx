// The sign-in form for AUTH_MODE=local: email and password, errors as the server words them.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, readJson } from "../api/client";

export function SignInPage() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const queryClient = useQueryClient();
  const signIn = useMutation({
    mutationFn: () => readJson(api.auth.login.$post({ json: { email, password } })),
    onSuccess: () => queryClient.resetQueries(),
  });
  return (
    <div className="sign-in">
      <form className="card sign-in-card" data-testid="sign-in-form" onSubmit={(e) => (e.preventDefault(), signIn.mutate())}>
        <div className="brand brand-dark">
          <span className="brand-mark" aria-hidden="true" />
          Tallyboard
        </div>
        <label>
          <span>Email</span>
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required data-testid="sign-in-email" />
        </label>
        <label>
          <span>Password</span>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required data-testid="sign-in-password" />
        </label>
        <button type="submit" className="button button-primary" disabled={signIn.isPending}>
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </button>
        {signIn.isError ? <p className="state state-error" role="alert">{signIn.error.message}</p> : null}
      </form>
    </div>
  );
}
