/** The handover area: the check-in screen and the start screen's pending-handover banner. */
export { HandoverScreen, type HandoverScreenProps } from './handover-screen.tsx';
export { PendingHandoverBanner, type PendingHandoverBannerProps } from './pending-handover-banner.tsx';
export { rxHandoverData, type HandoverData } from '../../db/handover/handover-data.ts';
