/**
 * Chat draws icons from Google's Material font, which an offline page cannot fetch. Each known icon
 * and the common Material names get a close symbol that the system fonts (DejaVu, Liberation) have;
 * any other name is drawn as its initial, and the name stays available as the accessible label.
 */
const KNOWN_ICONS: Record<string, string> = {
  AIRPLANE: '✈', BOOKMARK: '⚑', BUS: '⎈', CAR: '⎈', CLOCK: '◷', CONFIRMATION_NUMBER_ICON: '✆',
  DESCRIPTION: '☰', DOLLAR: '$', EMAIL: '✉', EVENT_SEAT: '▣', FLIGHT_ARRIVAL: '✈', FLIGHT_DEPARTURE: '✈',
  HOTEL: '⌂', HOTEL_ROOM_TYPE: '⌂', INVITE: '✉', MAP_PIN: '⚲', MEMBERSHIP: '♦', MULTIPLE_PEOPLE: '⚇',
  PERSON: '☺', PHONE: '☎', RESTAURANT_ICON: '♨', SHOPPING_CART: '▣', STAR: '★', STORE: '⌂',
  TICKET: '✆', TRAIN: '⎈', VIDEO_CAMERA: '●', VIDEO_PLAY: '▶',
};

const MATERIAL_ICONS: Record<string, string> = {
  star: '★', star_border: '☆', favorite: '♥', bookmark: '⚑', share: '↪', arrow_forward: '→', arrow_back: '←',
  check: '✓', check_circle: '✔', done: '✓', close: '✕', cancel: '✕', add: '+', remove: '−', delete: '✖',
  edit: '✎', info: 'ℹ', warning: '⚠', error: '⚠', help: '?', settings: '⚙', home: '⌂', search: '⚲',
  email: '✉', mail: '✉', phone: '☎', call: '☎', person: '☺', group: '⚇', schedule: '◷', alarm: '◷',
  event: '▦', calendar_today: '▦', calendar_month: '▦', today: '▦', more_horiz: '⋯', more_vert: '⋮',
  bug_report: '⚙', auto_renew: '⟳', autorenew: '⟳', refresh: '⟳', sync: '⟳', bolt: '⚡', flash_on: '⚡',
  link: '⚯', open_in_new: '↗', download: '↓', upload: '↑', attach_file: '✐', lock: '⚷', key: '⚷',
  thumb_up: '▲', thumb_down: '▼', visibility: '◉', notifications: '♪', music_note: '♪', pets: '❀',
  local_parking: 'P', directions_car: '⎈', restaurant: '♨', coffee: '☕', cloud: '☁', sunny: '☀',
  light_mode: '☀', dark_mode: '☾', flag: '⚑', place: '⚲', location_on: '⚲', public: '◍', language: '◍',
};

export function knownIconGlyph(name: string): string | undefined {
  return KNOWN_ICONS[name.toUpperCase()];
}

export function materialIconGlyph(name: string): string {
  return MATERIAL_ICONS[name] ?? MATERIAL_ICONS[name.toLowerCase()] ?? (name.trim()[0] ?? '•').toUpperCase();
}

/** `SHOPPING_CART` / `shopping_cart` → `shopping cart` (a label for a reader when the card gives none). */
export const iconLabel = (name: string): string => name.toLowerCase().replace(/_icon$/, '').replace(/_/g, ' ');
