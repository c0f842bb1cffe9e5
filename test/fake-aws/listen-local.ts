// A fake endpoint's server on 127.0.0.1 (a free port): its URL, and a close that does not wait for
// the SDK's kept-alive sockets to idle out.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

export async function listenLocal(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
