/** Viche's storage: obtain a `Storage` with `openStorage(process.env.STORAGE_URL)`. */
export { openStorage } from "./open.js";
export type { OpenStorageOptions } from "./open.js";
export type { Collection, Storage } from "./storage.js";
