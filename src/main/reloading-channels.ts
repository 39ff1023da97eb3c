import type { ChannelsConfig, ResponseConfig } from '../app/config/index.js';
import type { Notifier, WarRoomProvider } from '../app/ports/index.js';

export interface BuiltChannels {
  readonly notifier: Notifier;
  readonly warRoom?: WarRoomProvider;
}

/**
 * The notification channels of the configuration as it is now: built again the first time they
 * are used after a reload changed `channels:` (secrets are read from the environment then), so a
 * message queued before the reload goes out through the channels configured when it is sent.
 */
export function reloadingChannels(config: () => Pick<ResponseConfig, 'channels'>, build: (channels: ChannelsConfig | undefined) => BuiltChannels): { current(): BuiltChannels; readonly notifier: Notifier } {
  let built: { readonly from: ChannelsConfig | undefined; readonly channels: BuiltChannels } | undefined;
  const current = () => {
    const channels = config().channels;
    if (built === undefined || built.from !== channels) built = { from: channels, channels: build(channels) };
    return built.channels;
  };
  return { current, notifier: { deliver: (message, timeoutMs) => current().notifier.deliver(message, timeoutMs) } };
}
