// The advisory lock every import holds (the CLI's, the API upload's, the scheduled one, an engine
// pass), separate from the sync's: with several instances on one database one import runs at a time.
export const IMPORT_LOCK = "tallyboard:import";
