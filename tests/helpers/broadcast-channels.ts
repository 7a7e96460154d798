import type { ChannelFactory } from '../../renderer/src/app/data-broadcast';

/**
 * Node has the browser's BroadcastChannel: messages really travel between channel objects, as
 * between two tabs, asynchronously. `factory` opens real channels and remembers them; `closeAll`
 * closes them (after each test), and `settle` waits long enough for a message to arrive.
 */
export function realChannels(): { factory: ChannelFactory; closeAll: () => void; settle: () => Promise<unknown> } {
  const opened: BroadcastChannel[] = [];
  return {
    factory: (name) => {
      const channel = new BroadcastChannel(name);
      opened.push(channel);
      return channel;
    },
    closeAll: () => {
      opened.splice(0).forEach((channel) => { channel.close(); });
    },
    settle: () => new Promise((resolve) => setTimeout(resolve, 50)),
  };
}
