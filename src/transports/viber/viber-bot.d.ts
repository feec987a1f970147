// Type declarations for the parts of viber-bot 1.0.18 Viche uses: its message model (lib/message/*),
// imported module by module. The package entry point (lib/index.js) also loads its Bot class, which
// requires express, body-parser and needle at import time; those stay out (see the architecture doc).
// Fields read from a received callback may be missing when Viber leaves them out, hence `| undefined`.

declare module "viber-bot/lib/message/message.js" {
  /** A keyboard as Viber's send_message takes it (`Type: "keyboard"`, `Buttons`, display options). */
  interface ViberKeyboardJson {
    readonly Type: "keyboard";
    readonly Buttons: object[];
    readonly DefaultHeight?: boolean;
    readonly InputFieldState?: "regular" | "minimized" | "hidden";
  }
  /** viber-bot's base message: every kind carries an optional keyboard and the API version it needs. */
  class Message {
    /** When Viber received it (received messages only). */
    readonly timestamp: number | undefined;
    /** Viber's message_token (received messages only), kept as the exact decimal string. */
    readonly token: string | undefined;
    readonly trackingData: Readonly<Record<string, unknown>>;
    readonly keyboard: ViberKeyboardJson | null;
    readonly minApiVersion: number | undefined;
    /** The message's own fields of a send_message request (`type`, `text`, `media`...). */
    toJson(): Record<string, unknown>;
  }
  namespace Message {
    export type Keyboard = ViberKeyboardJson;
  }
  export = Message;
}

declare module "viber-bot/lib/message/text-message.js" {
  import Message from "viber-bot/lib/message/message.js";
  /** A text message (`type: "text"`). */
  class TextMessage extends Message {
    constructor(
      text: string,
      optionalKeyboard?: Message.Keyboard | null,
      optionalTrackingData?: Record<string, unknown> | null,
      timestamp?: number,
      token?: string,
      minApiVersion?: number,
    );
    readonly text: string | undefined;
  }
  export = TextMessage;
}

declare module "viber-bot/lib/message/keyboard-message.js" {
  import Message from "viber-bot/lib/message/message.js";
  /** A keyboard on its own; its toJson() is empty, the keyboard travels beside the message fields. */
  class KeyboardMessage extends Message {
    constructor(keyboard: Message.Keyboard, optionalTrackingData?: Record<string, unknown> | null, timestamp?: number, token?: string, minApiVersion?: number);
    readonly keyboard: Message.Keyboard;
  }
  export = KeyboardMessage;
}

declare module "viber-bot/lib/message/picture-message.js" {
  import Message from "viber-bot/lib/message/message.js";
  /** A picture (`type: "picture"`): its media URL expires soon after it is received. */
  class PictureMessage extends Message {
    constructor(url: string, optionalText?: string | null, optionalThumbnail?: string | null, optionalKeyboard?: Message.Keyboard | null);
    readonly url: string | undefined;
    readonly text: string | null;
    readonly thumbnail: string | null;
  }
  export = PictureMessage;
}

declare module "viber-bot/lib/message/location-message.js" {
  import Message from "viber-bot/lib/message/message.js";
  /** A location (`type: "location"`). */
  class LocationMessage extends Message {
    constructor(latitude: number, longitude: number, optionalKeyboard?: Message.Keyboard | null);
    readonly latitude: number | undefined;
    readonly longitude: number | undefined;
  }
  export = LocationMessage;
}

declare module "viber-bot/lib/message/contact-message.js" {
  import Message from "viber-bot/lib/message/message.js";
  /** A contact card (`type: "contact"`); a share-phone button sends the resident's own. */
  class ContactMessage extends Message {
    constructor(contactName: string, contactPhoneNumber: string, optionalAvatar?: string | null, optionalKeyboard?: Message.Keyboard | null);
    readonly contactName: string | undefined;
    readonly contactPhoneNumber: string | undefined;
    readonly contactAvatar: string | null;
  }
  export = ContactMessage;
}

declare module "viber-bot/lib/message/rich-media-message.js" {
  import Message from "viber-bot/lib/message/message.js";
  /** A carousel of button blocks (`type: "rich_media"`). */
  class RichMediaMessage extends Message {
    constructor(richMedia: Record<string, unknown>, optionalKeyboard?: Message.Keyboard | null, optionalTrackingData?: Record<string, unknown> | null);
    readonly richMedia: Record<string, unknown>;
    readonly altText: string | null;
  }
  export = RichMediaMessage;
}

declare module "viber-bot/lib/message/sticker-message.js" {
  import Message from "viber-bot/lib/message/message.js";
  /** A sticker (`type: "sticker"`). */
  class StickerMessage extends Message {
    readonly stickerId: number | undefined;
  }
  export = StickerMessage;
}

declare module "viber-bot/lib/message/video-message.js" {
  import Message from "viber-bot/lib/message/message.js";
  /** A video (`type: "video"`). */
  class VideoMessage extends Message {
    readonly url: string | undefined;
  }
  export = VideoMessage;
}

declare module "viber-bot/lib/message/file-message.js" {
  import Message from "viber-bot/lib/message/message.js";
  /** A file (`type: "file"`). */
  class FileMessage extends Message {
    readonly url: string | undefined;
  }
  export = FileMessage;
}

declare module "viber-bot/lib/message/url-message.js" {
  import Message from "viber-bot/lib/message/message.js";
  /** A link (`type: "url"`); viber-bot passes the URL through encodeURI. */
  class UrlMessage extends Message {
    readonly url: string | null;
  }
  export = UrlMessage;
}

declare module "viber-bot/lib/message/message-factory.js" {
  import Message from "viber-bot/lib/message/message.js";
  /** Builds the message of a received `message` callback by its `message.type`. */
  class MessageFactory {
    constructor(logger: { debug(message: string): void });
    /** The typed message, or undefined for a type viber-bot has no class for. Throws on a malformed body. */
    createMessageFromJson(json: {
      readonly message: { readonly type: string };
      readonly timestamp?: number;
      readonly message_token?: string;
    }): Message | undefined;
  }
  export = MessageFactory;
}
