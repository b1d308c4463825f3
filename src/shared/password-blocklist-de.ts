// Common German passwords and patterns that the international lists miss (from published
// German leak statistics: HPI Identity Leak Checker top lists and the like). Lower case.
export const GERMAN_COMMON_PASSWORDS: readonly string[] = [
  'passwort', 'passwort1', 'passwort123', 'passwort1234', 'hallo', 'hallo123', 'hallo1234', 'hallohallo',
  'schatz', 'schatzi', 'schalke04', 'bvb09', 'borussia', 'fussball', 'fußball', 'bayern', 'fcbayern',
  'sommer', 'sommer2024', 'sommer2025', 'sommer2026', 'winter2025', 'winter2026', 'herbst2026', 'frühling2026',
  'geheim', 'geheim123', 'ichliebedich', 'liebe', 'schnucki', 'mausi', 'hase', 'hasi', 'sonnenschein',
  'qwertz', 'qwertzu', 'qwertzuiop', 'asdfgh', 'yxcvbnm', 'ficken', 'arschloch', 'deutschland', 'berlin',
  'hamburg', 'muenchen', 'münchen', 'koeln', 'köln', 'frankfurt', 'willkommen', 'willkommen123', 'dasisteinpasswort',
  'meinpasswort', 'meinpasswort123', 'passwortpasswort', 'einszweidrei', 'einszweidreivier', 'startstart',
  'mein-passwort-ist-sicher', 'dasistmeinpasswort', 'ichbineinpasswort', 'neuespasswort', 'neues-passwort',
];
