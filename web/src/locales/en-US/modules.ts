import type { ModuleId, ModuleText } from '../zh-CN/modules';

const modules: Record<ModuleId, ModuleText> = {
  tasks: {
    summary: 'Leaders\' instructions, meeting decisions, key work of the year, deputies\' proposals and audit findings are assigned to a lead unit and co-units, timed in working days, and followed until closed.',
    points: [
      'Assign → accept/return → periodic reports → reminders/escalation → completion request → complete → close, each step with its time and person',
      'Red, yellow and green computed from the deadline, the time elapsed and the reports; each colour says why',
      'The unit inbox: to accept, to report, overdue; "no change" is one tap',
      'The supervisor console: filter by source, unit, leader and colour; remind in bulk; export the ledger',
      'Extensions are asked before the deadline and approved; report frequency is capped to spare the grassroots',
      'Assessment counts results (accepted on time, done on time, overdue), never logins or clicks',
    ],
    users: 'The supervision office assigns and follows up; units accept and report; leaders read their portfolio.',
  },
  projects: {
    summary: 'The county\'s major project library, from planning and reserve through preparation and construction to completion and operation: each project with one leader, one team and one battle map.',
    points: [
      'Project facts and the 24-character national project code, checked',
      'Approvals checklist: project approval, land, planning permits, environmental and energy reviews, construction permit, planned and actual dates',
      'Battle map: a Gantt chart of milestones, planned vs actual vs baseline, overdue ones marked',
      'Monthly reports: investment this month and to date, physical progress, lit against the annual plan and the time elapsed',
      'Problems become tasks in one click and ride the same loop',
      'Excel import of project ledgers (title rows, merged headers, total rows, 万元 or 亿元)',
    ],
    users: 'The development bureau keeps the library, project units file monthly reports, leaders follow progress and problems.',
  },
  mu: {
    summary: 'The yearly per-mu evaluation: industrial enterprises scored on tax, value added and energy per mu of land, and sorted into classes A, B, C and D.',
    points: [
      'Evaluation scheme: indicators, weights, benchmarks and class shares set each year',
      'Enterprises identified by their unified social credit code; data imported from Excel and checked row by row',
      'Scores, classes and ranks computed by rules, with one sentence explaining each class',
      'A ranked table filtered by township, industry and class; an enterprise view of each indicator against its benchmark',
      'Differentiated policies (electricity, water, land, tax) follow the class',
      'Charts of the class distribution and of moves since last year',
    ],
    users: 'The economy bureau runs the evaluation; tax, statistics and power supply provide data; leaders read the results.',
  },
  chains: {
    summary: 'Key industrial chains, each with a county leader as chain chief: maps of the chain today and as targeted, and investment promotion aimed at the missing links.',
    points: [
      'Upstream, midstream and downstream segments with their leading and supporting enterprises',
      'Key products and technologies to master; where the industry is located',
      'Leads followed from prospect → talks → signed → landed → started → operating',
      'Conversion, start, investment and operation rates computed',
      'Signed projects not started on time raise a reminder and may become tasks',
    ],
    users: 'The investment promotion centre and commerce bureau manage leads; chain chiefs follow progress.',
  },
  demands: {
    summary: 'Demands from citizens and enterprises (12345 hotline, business services) placed with the responsible unit, answered in time and followed by a call-back.',
    points: [
      'Registration, placement, handling and call-back, timed in working days',
      'Response, resolution and satisfaction rates computed per unit',
      'Overdue demands are reminded; long unresolved ones escalate to tasks',
      'Support policies matched to eligible enterprises without an application',
    ],
    users: 'The demand centre places demands, units answer them, leaders read the rates.',
  },
  economy: {
    summary: 'Monthly monitoring of the main indicators: GDP, industrial value added above designated size, fixed-asset investment, retail sales, budget revenue.',
    points: [
      'Monthly cumulative values and year-on-year growth against the annual target and the time elapsed',
      'Typed once by the statistics bureau; project reports feed in without re-entry',
      'Trend charts and the contribution of townships and departments',
      'Lagging indicators are flagged and may become tasks',
    ],
    users: 'The statistics bureau enters the figures; leaders and departments read them.',
  },
  reports: {
    summary: 'A county leader\'s yearly report on performance, integrity and accountability, drafted from the year\'s tasks, projects and indicators in the leader\'s portfolio.',
    points: [
      'Tasks done, project investment and indicator results gathered by domain',
      'A Word draft in the official document layout (GB/T 9704) for the leader to finish',
      'The peer rating (excellent, competent, basically competent, incompetent) summarised',
      'Reports of past years kept for comparison',
    ],
    users: 'Leaders and their secretaries draft; the organisation department collects the ratings.',
  },
};
export default modules;
