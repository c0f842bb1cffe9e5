// Who made a change. Until sign-in exists (issue 9) the client names itself; "anonymous" otherwise.
// Sign-in replaces this one function (and adds the role check beside it).
export const actorOf = (header: string | undefined) => (header?.trim() || "anonymous").slice(0, 200);
