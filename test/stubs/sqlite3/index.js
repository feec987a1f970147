// sqlite3 is not installed: Viche uses better-sqlite3. See the "overrides" entry in package.json.
throw new Error("sqlite3 is replaced by a stub in this project (package.json overrides); use better-sqlite3");
