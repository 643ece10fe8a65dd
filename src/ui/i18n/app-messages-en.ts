/**
 * Every word the floor sees, in English. German (app-messages-de.ts) mirrors these keys;
 * the type `Messages` makes a missing translation a compile error.
 * Placeholders are `{name}`; plurals are separate keys (few enough to keep it simple).
 */
export const en = {
  'app.name': 'Tierboard',
  'app.loading': 'Starting…',
  // A screen's code did not load (offline before it was ever cached, or a broken update).
  'app.screenLoadFailed': 'This screen could not be loaded. Check the network, then reload the app. Details: {detail}',
  'app.syncLoadFailed': 'Syncing could not start. Entries are kept on this tablet. Details: {detail}',

  // first start

  // header
  'header.shift': 'Shift {code} · {name}',
  'header.crew': 'Crew {crew}',
  'header.timeLeft': '{time} left',
  'header.shiftOver': 'Shift ended',
  'header.signOut': 'Sign out',
  'header.about': 'Device',
  'header.aboutLabel': 'About this device',
  'header.noShift': 'No shift now',
  'time.hoursMinutes': '{h} h {m} min',
  'time.minutes': '{m} min',

  // sign-in
  'signin.title': 'Who is recording?',
  'signin.search': 'Search name',
  'signin.noMatch': 'No one matches “{query}”.',
  'signin.badgeTitle': 'Or type your badge number',
  'signin.badgeSubmit': 'Sign in',
  'signin.badgeUnknown': 'Badge {badge} is not on this plant’s roster.',
  'signin.badgeLabel': 'Badge number',

  // KPI board
  'board.title': 'KPI readings this shift',
  'category.safety': 'Safety',
  'category.quality': 'Quality',
  'category.delivery': 'Delivery',
  'category.cost': 'Cost',
  'category.people': 'People',
  'category.letter.safety': 'S',
  'category.letter.quality': 'Q',
  'category.letter.delivery': 'D',
  'category.letter.cost': 'C',
  'category.letter.people': 'P',
  'kpi.target': 'Target {value}',
  'kpi.recorded': 'Recorded this shift',
  'kpi.notRecorded': 'Not recorded yet',
  'kpi.lastShift': 'Earlier: {value}',
  'kpi.computed': 'Computed',
  'kpi.computedWaiting': 'Computed when its inputs are recorded',
  'kpi.implausibleCycle': 'Implausible: performance above 100 %. Check the ideal cycle time {input}',
  'kpi.implausibleRange': 'Implausible: outside {min} to {max}. Check the inputs',
  'kpi.noValue': '—',
  'kpi.noKpis': 'No KPIs are defined for this line yet.',
  'kpi.rowLabel': '{name}, {status}. Tap to record.',
  'status.green': 'On target',
  'status.amber': 'Off target',
  'status.red': 'Critical',
  'status.none': 'No reading',

  // number pad
  'pad.back': 'Delete last digit',
  'reason.typo': 'Typing error',
  'reason.wrongKpi': 'Entered on the wrong KPI',
  'reason.recount': 'Counted again',
  'reason.lateData': 'Late data arrived',
  'reason.other': 'Other',

  // saving
  'saved.toast': 'Saved · {value} {name} · {time}',
  'saved.correction': 'Corrected · {value} {name} · {time}',

  // readings list
  'list.title': 'Readings this shift',
  'list.empty': 'Nothing recorded this shift yet.',
  'list.correct': 'Correct',
  'list.correctLabel': 'Correct {name} {value}',
  'list.superseded': 'Superseded',
  'list.correction': 'Correction: {reason}',
  'list.by': '{time} · {person}',
  'list.unknownPerson': 'unknown',

  // what the signed-in person may do here (the rule book, src/domain/people/permissions.ts)

  // a reading the server refused, shown where it was made (shift-readings-list.tsx)

  // storage problems

  // update
  'update.available': 'A new version of Tierboard is ready.',
  'update.reload': 'Reload now',
  'update.waitEntry': 'It will be offered when you finish your entry.',

  // about

  // language switch (the buttons name each language in its own words: LANGUAGE_NAMES)
  'language.title': 'Language',

  'common.close': 'Close',
  'common.dismiss': 'Dismiss',
  'common.unknown': 'unknown',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
