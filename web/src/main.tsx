import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "./app";
import { ApiRequestError } from "./api/client";
import "./styles.css";

// Cost data changes a few times a day at most: keep answers for a minute, retry once
// unless the API said the request itself was wrong (4xx: asking again gives the same answer).
const retry = (failures: number, error: Error) => failures < 1 && !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500);
// A 401 means the session ended (expired or signed out elsewhere): ask /api/me again, which shows sign-in.
const onError = (error: Error) => {
  if (error instanceof ApiRequestError && error.status === 401) void queryClient.invalidateQueries({ queryKey: ["me"] });
};
const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: { queries: { staleTime: 60_000, retry, refetchOnWindowFocus: false } },
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
