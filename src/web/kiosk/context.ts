// What every kiosk screen shares for the current person: reading aids and the voice. Reset for each person.
import { createContext, useContext } from 'react';

export interface KioskAids {
  voice: boolean;
  bigText: boolean;
  contrast: boolean;
  toggle: (aid: 'voice' | 'bigText' | 'contrast') => void;
  /** Speaks a `kiosk.voice.*` (or `kiosk.consent.*`) key when the voice is on; no-op otherwise. */
  say: (key: string, force?: boolean) => void;
}

export const KioskContext = createContext<KioskAids>({
  voice: false,
  bigText: false,
  contrast: false,
  toggle: () => undefined,
  say: () => undefined,
});

export function useKiosk(): KioskAids {
  return useContext(KioskContext);
}
