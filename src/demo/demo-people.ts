/**
 * Demo rosters: 13 to 17 people per plant with names that fit the plant's
 * locale, covering every plant role. The enterprise leader and admin sit on
 * the first plant's roster (headquarters shares the site with it).
 *
 * Every demo person signs in with PIN 1234 (DEMO_PIN). Only its salted hash
 * is stored, computed once by scripts/make-demo-pins.ts into demo-pins.ts, so
 * this module stays pure and fast.
 */
import type { Person, Role } from '../domain/people/people-types.ts';
import { demoMeta } from './demo-meta.ts';
import { DEMO_PINS } from './demo-pins.ts';
import { DEMO_PLANT_SPECS, plantId } from './demo-plants.ts';

/** The PIN every demo person signs in with (README); stored only as a salted hash (demo-pins.ts). */
export const DEMO_PIN = '1234';

type RosterEntry = readonly [name: string, role: Role];

const ROSTERS: Record<string, readonly RosterEntry[]> = {
  bochum: [
    ['Katharina Brandt', 'enterprise_leader'],
    ['Tobias Lehmann', 'enterprise_admin'],
    ['Andreas Schröder', 'plant_head'],
    ['Sabine Hoffmann', 'plant_admin'],
    ['Markus Wagner', 'supervisor'],
    ['Julia Becker', 'supervisor'],
    ['Stefan Krüger', 'responder'],
    ['Nadine Wolf', 'responder'],
    ['Dariusz Nowak', 'responder'],
    ['Thomas Klein', 'shift_lead'],
    ['Aylin Yılmaz', 'shift_lead'],
    ['Michael Schulz', 'shift_lead'],
    ['Lukas Fischer', 'operator'],
    ['Lena Meyer', 'operator'],
    ['Kevin Richter', 'operator'],
    ['Mehmet Demir', 'operator'],
    ['Anna Zimmermann', 'operator'],
  ],
  peoria: [
    ['Karen Mitchell', 'plant_head'],
    ['Jason Rivera', 'plant_admin'],
    ['Mike Kowalski', 'supervisor'],
    ['Tanya Brooks', 'supervisor'],
    ['Dave Lindqvist', 'responder'],
    ['Priya Shah', 'responder'],
    ['Rob Jansen', 'shift_lead'],
    ['Latoya Harris', 'shift_lead'],
    ['Cody Miller', 'operator'],
    ['Jesse Nguyen', 'operator'],
    ['Amber Schultz', 'operator'],
    ['Luis Ortega', 'operator'],
    ['Brandon Hayes', 'operator'],
  ],
  pune: [
    ['Rajesh Kulkarni', 'plant_head'],
    ['Sneha Deshpande', 'plant_admin'],
    ['Amit Joshi', 'supervisor'],
    ['Kavita Patil', 'supervisor'],
    ['Suresh Pawar', 'responder'],
    ['Meera Iyer', 'responder'],
    ['Vikram Shinde', 'shift_lead'],
    ['Pooja Jadhav', 'shift_lead'],
    ['Sanjay Gaikwad', 'shift_lead'],
    ['Anil More', 'shift_lead'],
    ['Rahul Chavan', 'operator'],
    ['Ganesh Bhosale', 'operator'],
    ['Priyanka Salunkhe', 'operator'],
    ['Mahesh Kale', 'operator'],
    ['Deepak Yadav', 'operator'],
  ],
  monterrey: [
    ['Alejandro Garza', 'plant_head'],
    ['Mariana Treviño', 'plant_admin'],
    ['Jorge Villarreal', 'supervisor'],
    ['Daniela Cantú', 'supervisor'],
    ['Ricardo Salinas', 'responder'],
    ['Fernanda Elizondo', 'responder'],
    ['Héctor Ramos', 'responder'],
    ['Luis Hernández', 'shift_lead'],
    ['Gabriela Martínez', 'shift_lead'],
    ['José Luis Rodríguez', 'shift_lead'],
    ['Ana Sofía López', 'operator'],
    ['Miguel Ángel Pérez', 'operator'],
    ['Karla González', 'operator'],
    ['Juan Carlos Sánchez', 'operator'],
    ['Rosa María Flores', 'operator'],
  ],
};

/** `Aylin Yılmaz` -> `aylin-yilmaz`: readable ids without accents. */
function slug(name: string): string {
  return name
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function personId(plantKey: string, name: string): string {
  return `person-${plantKey}-${slug(name)}`;
}

function rosterOf(plantKey: string): readonly RosterEntry[] {
  const roster = ROSTERS[plantKey];
  if (!roster) throw new Error(`no demo roster for plant ${plantKey}`);
  return roster;
}

export function demoPeople(): Person[] {
  return DEMO_PLANT_SPECS.flatMap((p, plantIndex) =>
    rosterOf(p.key).map(([name, role], i) => {
      const id = personId(p.key, name);
      // A person added to a roster before make-demo-pins.ts ran again has no PIN yet (demo-pins.test.ts says so).
      const pin = DEMO_PINS[id] ?? { pinSalt: '', pinHash: '' };
      return {
        ...demoMeta(),
        id,
        plantId: plantId(p.key),
        name,
        // Five digits, first digit = plant, so a badge read at the wrong plant is obvious.
        badge: String((plantIndex + 1) * 10000 + 400 + i * 17),
        role,
        pinHash: pin.pinHash,
        pinSalt: pin.pinSalt,
        active: true,
      };
    }),
  );
}

/** Ids of a plant's people in a role, in roster order. */
export function idsWithRole(plantKey: string, role: Role): string[] {
  return rosterOf(plantKey)
    .filter(([, r]) => r === role)
    .map(([name]) => personId(plantKey, name));
}

/** The n-th person in a role, wrapping around: owners spread over the roster. */
export function nthWithRole(plantKey: string, role: Role, n: number): string {
  const ids = idsWithRole(plantKey, role);
  const id = ids[n % ids.length];
  if (id === undefined) throw new Error(`no ${role} on the demo roster of ${plantKey}`);
  return id;
}
