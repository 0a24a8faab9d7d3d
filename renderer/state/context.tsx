// React access to the kiosk: its config and bridge client (fixed for the page's life) and the
// flow store. Tests render the same tree with a fake client.
import { createContext, useCallback, useContext } from 'react';
import { useStore } from 'zustand';
import type { PublicKioskConfig } from '../../shared/config.ts';
import type { LocalizedText } from '../../shared/survey.ts';
import type { BridgeClient } from '../bridge/client.ts';
import type { Flow, FlowStore } from './flow.ts';

export interface Kiosk {
  config: PublicKioskConfig;
  client: BridgeClient;
  /** Reloads the page; in browser mode the host cannot do it for us. */
  reloadPage: () => void;
}

export const KioskContext = createContext<Kiosk | null>(null);
export const FlowContext = createContext<FlowStore | null>(null);

export function useKiosk(): Kiosk {
  const kiosk = useContext(KioskContext);
  if (!kiosk) throw new Error('useKiosk outside KioskContext');
  return kiosk;
}

export function useFlow<T>(selector: (flow: Flow) => T): T {
  const store = useContext(FlowContext);
  if (!store) throw new Error('useFlow outside FlowContext');
  return useStore(store, selector);
}

/** Picks a survey text in the customer's language, falling back to the kiosk's default. */
export function pickText(text: LocalizedText, language: string, fallback: string): string {
  return text[language] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}

export function useText(): (text: LocalizedText) => string {
  const language = useFlow((f) => f.language);
  const fallback = useFlow((f) => f.defaultLanguage);
  return useCallback(
    (text: LocalizedText) => pickText(text, language, fallback),
    [language, fallback],
  );
}
