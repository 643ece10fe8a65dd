/**
 * The DuPont 12-hour schedule: four crews, a 28-day cycle, each crew working
 * 4 nights, 3 off, 3 days, 1 off, 3 nights, 3 off, 4 days, then 7 off.
 * Crews start the cycle a week apart, so every day exactly one crew is on
 * days and one on nights, and each crew averages 42 hours a week.
 */

/** One crew's 28 days: D = day shift, N = night shift, O = off. */
const DUPONT_CYCLE = 'NNNNOOODDDONNNOOODDDDOOOOOOO';

/**
 * `rotation[i]` = [crew on the day shift, crew on the night shift] for day `i`
 * of the cycle, in the shape ShiftPattern.rotation expects (shifts ordered day, night).
 */
export function dupontRotation(crews: readonly [string, string, string, string]): (string | null)[][] {
  const rotation: (string | null)[][] = [];
  for (let day = 0; day < DUPONT_CYCLE.length; day++) {
    let onDays: string | null = null;
    let onNights: string | null = null;
    crews.forEach((crew, i) => {
      const duty = DUPONT_CYCLE[(day + 7 * i) % DUPONT_CYCLE.length];
      if (duty === 'D') onDays = crew;
      if (duty === 'N') onNights = crew;
    });
    rotation.push([onDays, onNights]);
  }
  return rotation;
}
