import type { FlagName } from '../shared/flags';
import { kioskEn, kioskFr } from './i18n-kiosk';
import { mqttEn, mqttFr } from './i18n-mqtt';

const fr = {
  main: 'Maison',
  now: 'Puissance instantanée',
  source_mcp3008: 'ADC',
  source_sysfs: 'ADC (pilote noyau)',
  source_simulated: 'Simulé',
  healthy: 'capteur OK',
  starting: 'démarrage…',
  waiting: 'en attente de mesures',
  last: 'dernière mesure il y a',
  retry: 'nouvel essai dans',
  ioctlsPerWindow: (n: string) => `${n} ioctl par fenêtre`,
  samplesPerSecond: (n: string) => `${n} éch./s`,
  cyclesPerWindow: (n: string) => `${n} périodes secteur`,
  storageWaiting: (n: string) => `${n} mesures en attente d’écriture`,
  storageFirstLoss: (time: string) => `première perdue le ${time}`,
  storageDropped: (n: string) => `${n} déjà perdues`,
  last10: (min: number) => `Dernières ${min} minutes`,
  history: 'Historique',
  perDay: 'Consommation et coût par jour',
  ranges: { live: 'Direct', '1h': '1 h', '24h': '24 h', '7d': '7 j', '30d': '30 j', '1y': '1 an' },
  flags: {
    Drift: 'moyenne dérivée (capteur débranché ?)',
    ClipLow: 'écrêtage bas',
    ClipHigh: 'écrêtage haut',
    SpiError: 'erreur de bus SPI',
  } satisfies Record<FlagName, string>,
  ...kioskFr,
  ...mqttFr,
};

type Dict = typeof fr;

const en: Dict = {
  main: 'Home',
  now: 'Power now',
  source_mcp3008: 'ADC',
  source_sysfs: 'ADC (kernel driver)',
  source_simulated: 'Simulated',
  healthy: 'sensor OK',
  starting: 'starting…',
  waiting: 'waiting for readings',
  last: 'last reading',
  retry: 'retrying in',
  ioctlsPerWindow: (n: string) => `${n} ioctls per window`,
  samplesPerSecond: (n: string) => `${n} samples/s`,
  cyclesPerWindow: (n: string) => `${n} mains cycles`,
  storageWaiting: (n: string) => `${n} readings waiting to be written`,
  storageFirstLoss: (time: string) => `first lost on ${time}`,
  storageDropped: (n: string) => `${n} already lost`,
  last10: (min: number) => `Last ${min} minutes`,
  history: 'History',
  perDay: 'Energy and cost per day',
  ranges: { live: 'Live', '1h': '1 h', '24h': '24 h', '7d': '7 d', '30d': '30 d', '1y': '1 year' },
  flags: {
    Drift: 'mean drifted (sensor unplugged?)',
    ClipLow: 'clipping low',
    ClipHigh: 'clipping high',
    SpiError: 'SPI bus error',
  },
  ...kioskEn,
  ...mqttEn,
};

export type Locale = 'fr' | 'en';
export const LOCALE_TAG: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };
export const dictionaries: Record<Locale, Dict> = { fr, en };

export type Dictionary = Dict;

/** ?lang= (for tests and a visitor's browser) wins over the configured language. */
export function forcedLocale(): Locale | null {
  const q = new URLSearchParams(location.search).get('lang');
  return q === 'en' || q === 'fr' ? q : null;
}
