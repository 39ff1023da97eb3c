/** How soon a corrective action lands, as the RCA template tags it. */
export const RCA_ACTION_CATEGORIES = ['immediate', 'short-term', 'long-term', 'process'] as const;
export type RcaActionCategory = (typeof RCA_ACTION_CATEGORIES)[number];
