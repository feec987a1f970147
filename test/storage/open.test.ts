// openStorage picks the backend from STORAGE_URL and explains a wrong one without leaking secrets.
import { describe, expect, it } from "vitest";
import { openStorage } from "../../src/storage/index.js";

describe("openStorage", () => {
  it("rejects an unknown scheme, naming STORAGE_URL and the accepted forms but not the URL", async () => {
    const failure = await openStorage("postgres://admin:hunter2-secret@db:5432/viche").catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toContain("STORAGE_URL");
    expect(message).toContain('"postgres://"');
    expect(message).toContain("sqlite://./data/bot.sqlite");
    expect(message).toContain("redis://");
    expect(message).not.toContain("hunter2-secret");
  });

  it("rejects a value that is not a URL at all", async () => {
    await expect(openStorage("./data/bot.sqlite")).rejects.toThrow(/STORAGE_URL.*without a scheme/);
  });

  it("rejects sqlite:// without a path", async () => {
    await expect(openStorage("sqlite://")).rejects.toThrow(/STORAGE_URL "sqlite:\/\/" has no file path/);
  });

  it("rejects a malformed redis URL without repeating it", async () => {
    const failure = await openStorage("redis://user:zq7-secret@[bad/0").catch((error: Error) => error);
    expect((failure as Error).message).toContain("STORAGE_URL is not a valid redis:// URL");
    expect((failure as Error).message).not.toContain("zq7-secret");
  });

  it("opens SQLite for sqlite:// URLs", async () => {
    const storage = await openStorage("sqlite://:memory:");
    expect(storage.kind).toBe("sqlite");
    expect(await storage.ping()).toBe(true);
    await storage.close();
  });
});
