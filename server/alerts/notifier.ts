// Routing config → channels: looks channels up by name and hands the message to the dispatcher
// with the location's personal-data setting. Slack and Teams never get personal data whatever
// the setting (see messages.ts); the flag only opens the generic webhook and e-mail.
import type { Dispatcher } from './dispatcher.ts';
import type { AlertMessage } from './messages.ts';
import type { Routing } from './rules.ts';

export class Notifier {
  private readonly dispatcher: Dispatcher;

  constructor(dispatcher: Dispatcher) {
    this.dispatcher = dispatcher;
  }

  notify(message: AlertMessage, routing: Routing, channelNames: string[]): void {
    const channels = routing.channels.filter((c) => channelNames.includes(c.name));
    if (channels.length) this.dispatcher.deliver(message, channels, routing.personalDataInChannels);
  }
}
