export * from "./org";
export * from "./ownership";
export * from "./billing";
export * from "./attribution";
export * from "./jobs";
export * from "./imports";
