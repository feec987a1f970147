import type { FlowDefinition, FlowId } from "../flows/flow.js";
import type { ButtonNamespace, CommandHandler, FeatureContext, FeatureModule } from "./feature.js";

/** Which feature owns each command, button namespace, typed word, flow and free text. */
export class FeatureRegistry {
  private readonly commands = new Map<string, { module: string; handler: CommandHandler }>();
  private readonly namespaces = new Map<string, { module: string; namespace: ButtonNamespace }>();
  private readonly flows = new Map<FlowId, FlowDefinition>();
  private readonly wordCommands: string[] = [];
  private textHandler: { module: string; handle: NonNullable<FeatureModule["text"]> } | undefined;

  /** Throws when two modules claim one command, namespace, typed word, flow, or free text. */
  constructor(readonly modules: readonly FeatureModule[]) {
    for (const module of modules) {
      for (const [name, handler] of Object.entries(module.commands ?? {})) {
        claim(this.commands, name, module.name, "command");
        this.commands.set(name, { module: module.name, handler });
      }
      for (const namespace of module.buttons ?? []) {
        claim(this.namespaces, namespace.name, module.name, "button namespace");
        this.namespaces.set(namespace.name, { module: module.name, namespace });
      }
      for (const flow of module.flows ?? []) {
        if (this.flows.has(flow.id)) throw new Error(`flow "${flow.id}" is claimed twice (by ${module.name})`);
        this.flows.set(flow.id, flow);
      }
      for (const command of module.words ?? []) {
        if (this.wordCommands.includes(command)) throw new Error(`typed words of "${command}" are claimed twice (by ${module.name})`);
        this.wordCommands.push(command);
      }
      if (module.text) {
        if (this.textHandler) throw new Error(`free text is claimed by ${this.textHandler.module} and ${module.name}`);
        this.textHandler = { module: module.name, handle: module.text };
      }
    }
  }

  /** The handler of a resident command, if a feature owns it. */
  command(name: string): CommandHandler | undefined {
    return this.commands.get(name)?.handler;
  }

  /** The namespace that owns button `data`, if any. */
  button(data: string): ButtonNamespace | undefined {
    const colon = data.indexOf(":");
    const namespace = this.namespaces.get(colon < 0 ? data : data.slice(0, colon))?.namespace;
    if (!namespace) return undefined;
    if (colon < 0 ? namespace.form === "args" : namespace.form === "bare") return undefined;
    return namespace;
  }

  /** The name of the module owning button `data`, for checks and logs. */
  ownerOf(data: string): string | undefined {
    const namespace = this.button(data);
    return namespace ? this.namespaces.get(namespace.name)?.module : undefined;
  }

  /** A flow by id. */
  flow(id: FlowId): FlowDefinition | undefined {
    return this.flows.get(id);
  }

  /** Commands with typed words, in registration order. */
  get typedCommands(): readonly string[] {
    return this.wordCommands;
  }

  /** Answers free text outside a flow, or undefined when no feature takes it. */
  text(ctx: FeatureContext, text: string): ReturnType<NonNullable<FeatureModule["text"]>> | undefined {
    return this.textHandler?.handle(ctx, text);
  }
}

function claim(map: Map<string, { module: string }>, name: string, module: string, what: string): void {
  const owner = map.get(name)?.module;
  if (owner) throw new Error(`${what} "${name}" is claimed by both ${owner} and ${module}`);
}
