// The first date format of a page loads the browser's ICU data (25-40 ms on the bench machine, measured
// in Chromium). The reading screen's header and its shift calendar need it before the first paint; done
// here, it runs while the app's script is still being fetched and compiled, instead of after.
// A file rather than an inline script: the Content-Security-Policy allows no inline script.
try {
  new Intl.DateTimeFormat().format(0);
} catch {
  // No Intl: the app says so itself later.
}
