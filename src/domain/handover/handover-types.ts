/** The shift handover check-in. */
import type { Iso, ProductionDate } from '../records/record-types.ts';

export interface CarriedItem {
  id: string;
  text: string;
  /** Where the item came from: this shift, or carried from an earlier one. */
  since: ProductionDate;
}

export interface HandoverCheckIn {
  id: string;
  plantId: string;
  lineId: string;
  shiftCode: string;
  productionDate: ProductionDate;
  outgoingLeadId: string;
  incomingLeadId: string;
  notes: string;
  safetyItems: string[];
  openItems: CarriedItem[];
  /** Ids of the previous check-in's open items that the incoming lead acknowledged. */
  acknowledgedItemIds: string[];
  /** KPI id -> value at handover. */
  readingsSnapshot: Record<string, number>;
  deviceId: string;
  signedAt: Iso;
  receivedAt: Iso;
}
