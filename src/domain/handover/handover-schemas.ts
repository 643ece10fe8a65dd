/** Schema of the signed, immutable handover check-in. */
import type { CarriedItem, HandoverCheckIn } from './handover-types.ts';
import {
  code,
  id,
  iso,
  listOf,
  mapOf,
  note,
  num,
  objectOf,
  productionDate,
  recordSchema,
  ref,
  text,
} from '../records/json-schema.ts';

/** A shift's handover board fits on one tablet screen; 100 lines is already unreadable. */
const MAX_HANDOVER_ITEMS = 100;
/** A line seldom has more than 30 KPIs; 200 covers area-level snapshots too. */
const MAX_SNAPSHOT_KPIS = 200;

const carriedItem = objectOf<CarriedItem>({
  id: id(),
  text: note(),
  since: productionDate(),
});

export const handoversSchema = recordSchema<HandoverCheckIn>({
  title: 'handovers',
  description: 'The signed, immutable handover from one shift lead to the next.',
  version: 0,
  properties: {
    id: id(),
    plantId: ref(),
    lineId: ref(),
    shiftCode: code(),
    productionDate: productionDate(),
    outgoingLeadId: ref(),
    incomingLeadId: ref(),
    notes: text(),
    safetyItems: listOf(note(), MAX_HANDOVER_ITEMS),
    openItems: listOf(carriedItem, MAX_HANDOVER_ITEMS),
    acknowledgedItemIds: listOf(ref(), MAX_HANDOVER_ITEMS),
    readingsSnapshot: mapOf(num(), MAX_SNAPSHOT_KPIS),
    deviceId: ref(),
    signedAt: iso(),
    receivedAt: iso(),
  },
  indexes: [['plantId', 'lineId', 'productionDate']],
});
