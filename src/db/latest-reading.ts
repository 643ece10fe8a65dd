/**
 * "The value" of each KPI among readings: the domain's rule under the name the
 * db queries and the reading screen use. Pure, so the screen's first chunk
 * uses it without loading RxDB or rxjs.
 */
export { currentReadings as latestReadingPerKpi } from '../domain/kpi/current-readings.ts';
