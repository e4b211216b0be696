// Extra tabs of the project page (挂图作战, 月报, 问题, 现场办公 …). Owned by helper G (project tracking): add entries here;
// ProjectPage shows them after 概况 / 前期手续 / 阶段, in this order.
import type { ProjectTab } from './project-tab';

export const trackingTabs: ProjectTab[] = [];
