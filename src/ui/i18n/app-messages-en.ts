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
  'setup.title': 'Set up this tablet',
  'setup.howTitle': 'Where does this tablet get its plant data?',
  'setup.connect': 'Connect to the plant server',
  'setup.connectSub': 'With the code or QR code from your plant admin. Readings are shared with the plant.',
  'setup.demo': 'Try it with demo data',
  'setup.demoSub': 'Four demo plants, kept on this tablet only. Nothing is sent anywhere.',
  'setup.waitingForData': 'Connected. Receiving the plant data…',
  'setup.preparing': 'Preparing plant data on this tablet…',
  'setup.choosePlant': 'Which plant is this tablet in?',
  'setup.chooseLine': 'Which line does this tablet stand at?',
  'setup.plantLine': '{code} · {timeZone}',
  'setup.back': 'Back to plants',
  'setup.noLines': 'This plant has no active lines yet. Ask the plant admin.',
  'setup.failed': 'Setting up this tablet did not work. Try again or call your plant admin. Details: {detail}',

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
  'pad.titleRecord': 'Record {name}',
  'pad.titleCorrect': 'Correct {name}',
  'pad.range': 'Usual range {min} to {max}',
  'pad.empty': 'Type a value',
  'pad.clear': 'Clear',
  'pad.back': 'Delete last digit',
  'pad.sign': 'Plus or minus',
  'pad.decimal': 'Decimal separator',
  'pad.save': 'Save',
  'pad.cancel': 'Cancel',
  'pad.note': 'Note (optional)',
  'pad.confirmTitle': 'Are you sure?',
  'pad.confirmText': 'This is outside the usual range {min} to {max}.',
  'pad.confirmYes': 'Yes, save it',
  'pad.confirmNo': 'No, change it',
  'pad.reasonTitle': 'Why correct it?',
  'pad.reasonText': 'Details (optional)',
  'pad.reasonNeeded': 'Choose a reason to save the correction',
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

  // storage problems
  'storage.title.quota': 'This tablet’s storage is full',
  'storage.title.unavailable': 'This tablet cannot store data right now',
  'storage.title.other': 'Saving did not work',
  'storage.what.quota': 'The last entry could not be saved because there is no space left for Tierboard on this tablet.',
  'storage.what.unavailable': 'The browser’s storage (IndexedDB) is not available. Private browsing or a browser setting can cause this.',
  'storage.what.other': 'The last entry could not be saved because of an unexpected storage error.',
  'storage.safe': 'Everything saved before is safe and has not been touched.',
  'storage.kept': 'Your entry is kept on screen: {entry}. Try again once the problem is fixed.',
  'storage.todo.quota': 'Free space on the tablet (remove other apps’ data or downloads), or call your plant admin.',
  'storage.todo.unavailable': 'Leave private browsing or call your plant admin.',
  'storage.todo.other': 'Try again. If it keeps happening, call your plant admin.',
  'storage.retry': 'Try again',
  'storage.reload': 'Reload the app',
  'storage.detail': 'Details for the admin: {detail}',

  // update
  'update.available': 'A new version of Tierboard is ready.',
  'update.reload': 'Reload now',
  'update.waitEntry': 'It will be offered when you finish your entry.',

  // about
  'about.title': 'About this device',
  'about.close': 'Close',
  'about.version': 'App version',
  'about.build': 'Build',
  'about.device': 'Device id',
  'about.plantLine': 'Plant and line',
  'about.persisted': 'Storage kept by the browser',
  'about.persistedYes': 'Yes (persistent)',
  'about.persistedNo': 'No (the browser may clear it when space runs low)',
  'about.persistedUnknown': 'Unknown',
  'about.usage': 'Storage used',
  'about.usageValue': '{used} of {quota}',
  'about.sw': 'Offline support (service worker)',
  'about.sw.active': 'Active',
  'about.sw.waiting': 'New version waiting',
  'about.sw.none': 'Not installed',
  'about.sw.unsupported': 'Not supported by this browser',
  'about.changeLine': 'Change line',
  'about.loading': 'Loading…',

  // language switch (the buttons name each language in its own words: LANGUAGE_NAMES)
  'language.title': 'Language',

  'common.close': 'Close',
  'common.dismiss': 'Dismiss',
  'common.unknown': 'unknown',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
