// One-tap acknowledgement: signed single-use links in every page, and replies (SMS "ACK", a keypress) mapped to the paged person.
export { AckLinkDesk, ACK_LINK_LIFETIME_MS, ACK_REPLY_WORDS, isAckReply } from './ack-link-desk.js';
export type { AckClaims, AckLinkCodec, AckLinkDeps, AckLinkOutcome, AckLinkPreview, DeliveredAck } from './ack-link-desk.js';
